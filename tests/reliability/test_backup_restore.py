"""scripts/backup.sh and scripts/restore.sh on a real PostgreSQL, end to end.

pytest-django's test database cannot be dumped (its data is never committed), so this module makes
scratch databases of its own beside it: one migrated with `manage.py migrate` and filled through
`manage.py shell`, backed up then dropped, and restored into fresh ones, with the right key and
with another. Everything runs as the operator would run it: the scripts and manage.py in
subprocesses, with the platform's environment variables.
"""

import json
import os
import secrets
import subprocess
import sys
import urllib.parse
from pathlib import Path

import psycopg
import pytest
from cryptography.fernet import Fernet

from mentorat.core import crypto
from tests.external import REPO_ROOT, program

pytestmark = pytest.mark.postgres

KEY = Fernet.generate_key().decode()
OTHER_KEY = Fernet.generate_key().decode()
NOTE = "Note privée du mentor NOTE-BACKUP-3f9c"
PDF = b"%PDF-1.4\n% a resource uploaded before the backup\n"
PREFIX = f"mentorat_backup_{secrets.token_hex(3)}"

CREATE_DATA = f"""
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from sessions_binome.enums import NoteKind
from sessions_binome.models import SessionNote
from tests.factories import OrganisationFactory, ProgrammeFactory
from tests.sessions_binome.pairs import add_session, make_pair, paris

pair = make_pair(
    ProgrammeFactory(), mentee_org=OrganisationFactory(code="CPAM-33"), mentor_org=OrganisationFactory(code="CAF-59")
)
session = add_session(pair, when=paris(2026, 11, 10, 10, 0), agenda="Ordre du jour", shared_notes="Notes partagées")
SessionNote.objects.create(session=session, author=pair.mentor, kind=NoteKind.MENTOR_PRIVATE, text={NOTE!r})
default_storage.save("resources/guide.pdf", ContentFile({PDF!r}))
"""
READ_NOTE = "from sessions_binome.models import SessionNote; print(SessionNote.objects.get().text)"


def database_url(name):
    url = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
    return urllib.parse.urlunsplit(url._replace(path=f"/{name}"))


def admin(statement):
    with psycopg.connect(database_url("postgres"), autocommit=True) as connection:
        connection.execute(statement)


def create_database(name):
    admin(f'CREATE DATABASE "{name}"')
    return database_url(name)


def environment(url, media_root, key=KEY):
    """What the platform's processes get: its settings read from the environment, no Redis."""
    env = {name: value for name, value in os.environ.items() if name not in {"REDIS_URL", "CACHE_URL"}}
    env.update(
        DJANGO_SETTINGS_MODULE="mentorat.settings",
        MENTORAT_TESTING="true",
        DATABASE_URL=url,
        MEDIA_ROOT=str(media_root),
        FIELD_ENCRYPTION_KEYS=key,
        PYTHON=sys.executable,
        # The scripts and the entrypoint call `python`: this interpreter's, as in the container.
        PATH=os.pathsep.join([os.path.dirname(sys.executable), os.environ.get("PATH", "")]),
    )
    return env


def run(command, env, **kwargs):
    return subprocess.run(command, cwd=REPO_ROOT, env=env, capture_output=True, text=True, check=False, **kwargs)


def manage(env, *args):
    result = run([sys.executable, "manage.py", *args], env)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def table_counts(url):
    with psycopg.connect(url) as connection:
        tables = connection.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").fetchall()
        return {table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for (table,) in tables}


@pytest.fixture(scope="module")
def scratch():
    for name in ("pg_dump", "pg_restore", "psql"):
        program(name)
    names = []
    yield names
    for name in names:
        admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def backup(scratch, tmp_path_factory):
    """A database migrated and filled, backed up by scripts/backup.sh, then dropped."""
    name = f"{PREFIX}_source"
    scratch.append(name)
    env = environment(create_database(name), tmp_path_factory.mktemp("media-source"))
    # The database checks (the key check among them) run on an empty database and by `migrate`.
    manage(env, "check", "--database", "default")
    manage(env, "migrate", "--verbosity", "0")
    manage(env, "shell", "--no-imports", "-c", CREATE_DATA)
    counts = table_counts(env["DATABASE_URL"])
    destination = tmp_path_factory.mktemp("backups")

    result = run(["scripts/backup.sh", str(destination)], env)

    assert result.returncode == 0, result.stdout + result.stderr
    admin(f'DROP DATABASE "{name}" WITH (FORCE)')
    [folder] = destination.iterdir()
    return {"folder": folder, "counts": counts, "output": result.stdout}


@pytest.fixture(scope="module")
def restored(scratch, backup, tmp_path_factory):
    name = f"{PREFIX}_restored"
    scratch.append(name)
    env = environment(create_database(name), tmp_path_factory.mktemp("media-restored"))
    result = run(["scripts/restore.sh", str(backup["folder"])], env)
    return {"env": env, "result": result}


@pytest.fixture(scope="module")
def restored_with_another_key(scratch, backup, tmp_path_factory):
    name = f"{PREFIX}_other_key"
    scratch.append(name)
    env = environment(create_database(name), tmp_path_factory.mktemp("media-other-key"), key=OTHER_KEY)
    result = run(["scripts/restore.sh", str(backup["folder"])], env)
    return {"env": env, "result": result}


def test_a_backup_holds_the_dump_the_files_a_manifest_and_their_checksums(backup):
    folder = backup["folder"]
    assert folder.name.startswith("mentorat-")
    assert sorted(path.name for path in folder.iterdir()) == [
        "SHA256SUMS",
        "database.dump",
        "manifest.json",
        "media.tar.gz",
    ]
    assert (folder / "database.dump").read_bytes()[:5] == b"PGDMP"  # pg_dump's custom format
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["tables"] == backup["counts"]
    assert manifest["tables"]["sessions_binome_sessionnote"] == 1
    assert manifest["app"]["version"]
    encryption = manifest["encryption"]
    assert encryption["configured_key_fingerprints"] == [crypto.key_fingerprint(KEY)]
    assert encryption["fields"]["sessions_binome.SessionNote.text"] == {
        "encrypted_values": 1,
        "sample_keys": [crypto.key_fingerprint(KEY)],
    }
    for path in folder.iterdir():
        assert KEY.encode() not in path.read_bytes(), path.name
    assert "the encryption keys are not in it" in backup["output"]


def test_a_restore_gives_the_same_rows_the_files_and_the_readable_note(backup, restored):
    result = restored["result"]
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"row counts: the {len(backup['counts'])} tables match the manifest" in result.stdout
    assert "encryption keys: OK" in result.stdout

    env = restored["env"]
    assert table_counts(env["DATABASE_URL"]) == backup["counts"]
    assert manage(env, "shell", "--no-imports", "-c", READ_NOTE).strip() == NOTE
    assert (Path(env["MEDIA_ROOT"]) / "resources" / "guide.pdf").read_bytes() == PDF


def test_a_restore_over_a_database_with_tables_is_refused_without_force(backup, restored):
    env = restored["env"]
    manage(
        env,
        "shell",
        "--no-imports",
        "-c",
        "from sessions_binome.models import SessionNote; SessionNote.objects.all().delete()",
    )

    result = run(["scripts/restore.sh", str(backup["folder"])], env)

    assert result.returncode != 0
    assert "the database already holds" in result.stderr and "--force" in result.stderr
    assert table_counts(env["DATABASE_URL"])["sessions_binome_sessionnote"] == 0

    forced = run(["scripts/restore.sh", "--force", str(backup["folder"])], env)

    assert forced.returncode == 0, forced.stdout + forced.stderr
    assert table_counts(env["DATABASE_URL"]) == backup["counts"]


def test_a_damaged_backup_is_refused(backup, restored, tmp_path):
    copy = tmp_path / backup["folder"].name
    copy.mkdir()
    for path in backup["folder"].iterdir():
        (copy / path.name).write_bytes(path.read_bytes())
    dump = bytearray((copy / "database.dump").read_bytes())
    dump[-10] ^= 0xFF
    (copy / "database.dump").write_bytes(bytes(dump))

    result = run(["scripts/restore.sh", "--force", str(copy)], restored["env"])

    assert result.returncode != 0
    assert "the backup is damaged" in result.stderr


def test_a_restore_next_to_another_key_stops_with_what_to_do(restored_with_another_key):
    result = restored_with_another_key["result"]
    assert result.returncode != 0
    assert "sessions_binome.SessionNote.text: UNREADABLE" in result.stdout
    assert "FIELD_ENCRYPTION_KEYS does not hold the key this data was written with" in result.stderr
    assert "Put the key the data was written with back into FIELD_ENCRYPTION_KEYS" in result.stderr
    assert "do not start the platform" in result.stderr


def entrypoint(env, tmp_path):
    """docker/entrypoint.sh of a worker container, pointed at this checkout instead of /app."""
    script = tmp_path / "entrypoint.sh"
    script.write_text((REPO_ROOT / "docker" / "entrypoint.sh").read_text().replace("/app/", f"{REPO_ROOT}/"))
    return run(["sh", str(script), "echo", "STARTED"], {**env, "MENTORAT_ROLE": "worker"})


def test_a_container_started_with_another_key_stops_before_its_command(restored_with_another_key, tmp_path):
    result = entrypoint(restored_with_another_key["env"], tmp_path)

    assert result.returncode != 0
    assert "STARTED" not in result.stdout
    assert "cannot be decrypted with any key of FIELD_ENCRYPTION_KEYS" in result.stderr


def test_a_container_started_with_the_right_key_old_one_after_the_new_starts(restored_with_another_key, tmp_path):
    env = {**restored_with_another_key["env"], "FIELD_ENCRYPTION_KEYS": f"{OTHER_KEY},{KEY}"}

    result = entrypoint(env, tmp_path)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "STARTED" in result.stdout
