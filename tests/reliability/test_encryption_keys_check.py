"""The start-up check of FIELD_ENCRYPTION_KEYS (mentorat/core/checks.py) and its command."""

import os
import subprocess
import sys

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.core.management.base import CommandError, SystemCheckError

from mentorat.core import crypto
from mentorat.core.checks import UNREADABLE_DATA, encryption_keys_check
from tests.external import REPO_ROOT
from tests.sessions_binome.pairs import add_session, make_pair, paris


@pytest.fixture
def pair(programme, organisation, other_organisation):
    return make_pair(programme, mentee_org=organisation, mentor_org=other_organisation)


def new_key():
    return Fernet.generate_key().decode()


def test_values_written_with_a_configured_key_pass(pair):
    add_session(pair, when=paris(2026, 11, 10, 10, 0), agenda="Ordre du jour")

    assert encryption_keys_check(databases=["default"]) == []


def test_values_written_with_another_key_stop_the_check_naming_the_fields(settings, pair):
    add_session(pair, when=paris(2026, 11, 10, 10, 0), agenda="Ordre du jour", shared_notes="Notes")
    settings.FIELD_ENCRYPTION_KEYS = [new_key()]

    [error] = encryption_keys_check(databases=["default"])

    assert error.id == UNREADABLE_DATA and error.is_serious()
    assert "sessions_binome.MentoringSession.agenda" in error.msg
    assert "sessions_binome.MentoringSession.shared_notes" in error.msg
    assert "sessions_binome.SessionNote.text" not in error.msg  # nothing stored there
    assert "FIELD_ENCRYPTION_KEYS does not hold the key this data was written with" in error.msg
    assert "secrets manager" in error.hint


def test_check_database_runs_it_and_fails(settings, pair):
    add_session(pair, when=paris(2026, 11, 10, 10, 0), agenda="Ordre du jour")
    settings.FIELD_ENCRYPTION_KEYS = [new_key()]

    with pytest.raises(SystemCheckError, match=UNREADABLE_DATA):
        call_command("check", databases=["default"])
    # A plain `check` (CI's check --deploy, the image build) asks no database.
    call_command("check")


def test_an_old_key_kept_after_the_new_one_passes(settings, pair):
    add_session(pair, when=paris(2026, 11, 10, 10, 0), agenda="Ordre du jour")
    settings.FIELD_ENCRYPTION_KEYS = [new_key(), *settings.FIELD_ENCRYPTION_KEYS]

    assert encryption_keys_check(databases=["default"]) == []


def test_the_oldest_value_is_checked_too(settings, pair):
    # An old key removed before the rotation ran: the newest values read, the oldest do not.
    add_session(pair, when=paris(2026, 11, 10, 10, 0), agenda="Écrit avec l'ancienne clé")
    settings.FIELD_ENCRYPTION_KEYS = [new_key()]
    add_session(pair, when=paris(2026, 11, 24, 10, 0), agenda="Écrit avec la nouvelle clé")

    [error] = encryption_keys_check(databases=["default"])

    assert "sessions_binome.MentoringSession.agenda" in error.msg


def test_the_command_prints_fingerprints_never_keys(settings, pair, capsys):
    add_session(pair, when=paris(2026, 11, 10, 10, 0), agenda="Ordre du jour")
    key = settings.FIELD_ENCRYPTION_KEYS[0]

    call_command("check_encryption_keys")

    out = capsys.readouterr().out
    assert crypto.key_fingerprint(key) in out and key not in out
    assert "sessions_binome.MentoringSession.agenda: readable" in out
    assert "encryption keys: OK" in out


def test_the_command_fails_with_what_to_do(settings, pair):
    add_session(pair, when=paris(2026, 11, 10, 10, 0), agenda="Ordre du jour")
    settings.FIELD_ENCRYPTION_KEYS = [new_key()]

    with pytest.raises(CommandError, match="does not hold the key this data was written with") as error:
        call_command("check_encryption_keys")
    assert "HINT: Put the key the data was written with back into FIELD_ENCRYPTION_KEYS" in str(error.value)


def test_a_database_without_tables_passes(tmp_path):
    # Before the first migrate: nothing to read, nothing to fail (and `migrate` runs database checks).
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check_encryption_keys"],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "sessions_binome.SessionNote.text: table not created yet" in result.stdout
