"""The manifest of a backup (scripts/backup.sh), and its comparison after a restore (scripts/restore.sh).

    manage.py backup_manifest [--snapshot ID] > manifest.json
    manage.py backup_manifest --compare manifest.json

The manifest says what the backup holds (row counts per table), what wrote it (version, commit) and
which encryption keys its confidential values need, by fingerprint only: the keys are never in a
backup. With --snapshot, the counts are read in the PostgreSQL snapshot that pg_dump dumped, so that
a backup of a running platform compares exactly after its restore.
"""

import importlib.metadata
import json
import os
import re
import shutil
import subprocess

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections, transaction
from django.utils import timezone

from mentorat.core import crypto
from mentorat.core.checks import field_states

FORMAT = 1
# What pg_export_snapshot() returns, e.g. 00000003-0000001B-1.
SNAPSHOT_ID = re.compile(r"^[0-9A-Fa-f]+(-[0-9A-Fa-f]+)+$")
KEYS_NOTE = (
    "The encryption keys are NOT in this backup. The confidential values (session notes and agendas, "
    "private notes, reasons, free-text answers) can only be read with a key whose fingerprint is listed "
    "under `fields`; it is kept in the secrets manager or the sealed envelope. Without it they are lost."
)


def source_commit():
    """The git commit of the running code: MENTORAT_COMMIT when set (images are built without .git),
    else asked to git when the code is a checkout."""
    if os.environ.get("MENTORAT_COMMIT"):
        return os.environ["MENTORAT_COMMIT"]
    if shutil.which("git") and (settings.BASE_DIR / ".git").exists():
        result = subprocess.run(
            ["git", "-C", str(settings.BASE_DIR), "rev-parse", "HEAD"], capture_output=True, text=True, check=False
        )
        if result.returncode == 0:
            return result.stdout.strip()
    return None


def row_counts(connection):
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        counts = {}
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT count(*) FROM {quote(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def encryption_summary(connection):
    quote = connection.ops.quote_name
    fields = {}
    models = {f"{model._meta.label}.{field.name}": (model, field) for model, field in crypto.encrypted_fields()}
    with connection.cursor() as cursor:
        for state in field_states(connection.alias):
            if not state.created:
                continue
            model, field = models[state.label]
            cursor.execute(
                f"SELECT count(*) FROM {quote(model._meta.db_table)} WHERE {quote(field.column)} LIKE %s",
                [crypto.PREFIX + "%"],
            )
            fields[state.label] = {
                "encrypted_values": cursor.fetchone()[0],
                "sample_keys": sorted({crypto.decrypting_key(token) or "unknown" for token in state.tokens}),
            }
    return {"note": KEYS_NOTE, "configured_key_fingerprints": crypto.key_fingerprints(), "fields": fields}


class Command(BaseCommand):
    help = "Print the manifest of a backup as JSON, or compare the database with a manifest (--compare)."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--database", default="default")
        parser.add_argument("--snapshot", help="read in this exported PostgreSQL snapshot (pg_export_snapshot())")
        parser.add_argument("--compare", metavar="MANIFEST", help="compare the row counts with this manifest.json")

    def handle(self, *args, **options):
        connection = connections[options["database"]]
        if options["compare"]:
            return self.compare(connection, options["compare"])
        with transaction.atomic(using=connection.alias):
            if options["snapshot"]:
                if connection.vendor != "postgresql" or not SNAPSHOT_ID.match(options["snapshot"]):
                    raise CommandError("--snapshot takes a PostgreSQL snapshot id, e.g. 00000003-0000001B-1")
                with connection.cursor() as cursor:
                    # Both must come first in the transaction; the id is checked above (SET takes no parameter).
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                    cursor.execute(f"SET TRANSACTION SNAPSHOT '{options['snapshot']}'")
            manifest = {
                "format": FORMAT,
                "created_at": timezone.now().isoformat(timespec="seconds"),
                "app": {"version": importlib.metadata.version("mentorat"), "commit": source_commit()},
                "database": {
                    "vendor": connection.vendor,
                    "name": connection.settings_dict["NAME"],
                    "server_version": self.server_version(connection),
                },
                "media_root": str(settings.MEDIA_ROOT),
                "tables": row_counts(connection),
                "encryption": encryption_summary(connection),
            }
        self.stdout.write(json.dumps(manifest, indent=2, ensure_ascii=False))

    def server_version(self, connection):
        if connection.vendor != "postgresql":
            return None
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            return cursor.fetchone()[0]

    def compare(self, connection, path):
        try:
            with open(path, encoding="utf-8") as file:
                expected = json.load(file)["tables"]
        except (OSError, ValueError, KeyError) as error:
            raise CommandError(f"cannot read the row counts of {path}: {error}") from error
        actual = row_counts(connection)
        differences = 0
        self.stdout.write(f"{'table':<50} {'backup':>10} {'restored':>10}")
        for table in sorted(expected.keys() | actual.keys()):
            before, after = expected.get(table), actual.get(table)
            mark = "" if before == after else "  <- differs"
            differences += bool(mark)
            self.stdout.write(f"{table:<50} {_count(before):>10} {_count(after):>10}{mark}")
        if differences:
            raise CommandError(f"{differences} table(s) differ from the manifest")
        self.stdout.write(f"row counts: the {len(actual)} tables match the manifest")


def _count(value):
    return "-" if value is None else str(value)
