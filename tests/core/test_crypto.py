"""Confidential fields are encrypted at rest, and keys can be rotated."""

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from mentorat.core import crypto
from sessions_binome.enums import NoteKind
from sessions_binome.models import SessionNote
from tests.sessions_binome.pairs import add_session, make_pair, paris

SECRET = "SECRET-CONFIDENTIEL-91b2"


def raw(table, column, pk):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])
        return cursor.fetchone()[0]


@pytest.fixture
def session(programme, organisation, other_organisation):
    pair = make_pair(programme, mentee_org=organisation, mentor_org=other_organisation)
    return add_session(pair, when=paris(2026, 11, 10, 10, 0), agenda=SECRET, shared_notes=SECRET)


def test_every_confidential_field_is_stored_without_clear_text(session):
    note = SessionNote.objects.create(
        session=session, author=session.pair.mentor, kind=NoteKind.MENTOR_PRIVATE, text=SECRET
    )
    pair = session.pair
    pair.end_reason = SECRET
    pair.save()
    for table, column, pk in [
        ("sessions_binome_mentoringsession", "agenda", session.pk),
        ("sessions_binome_mentoringsession", "shared_notes", session.pk),
        ("sessions_binome_sessionnote", "text", note.pk),
        ("sessions_binome_pair", "end_reason", pair.pk),
    ]:
        stored = raw(table, column, pk)
        assert SECRET not in stored and stored.startswith(crypto.PREFIX), (table, column)
    session.refresh_from_db()
    assert session.agenda == SECRET


def test_the_list_of_encrypted_fields_covers_the_confidential_ones():
    names = {f"{model._meta.label}.{field.name}" for model, field in crypto.encrypted_fields()}
    assert {
        "sessions_binome.MentoringSession.agenda",
        "sessions_binome.MentoringSession.shared_notes",
        "sessions_binome.SessionNote.text",
        "sessions_binome.Pair.end_reason",
        "matching.MentorRequest.decline_reason",
        "matching.MentorRequest.message",
        "evaluation.Answer.text",
    } <= names


def test_rotation_re_encrypts_with_the_new_key_so_the_old_one_can_go(settings, session):
    old = settings.FIELD_ENCRYPTION_KEYS[0]
    new = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [new, old]
    call_command("rotate_encryption_key", wet_run=True, verbosity=0)
    settings.FIELD_ENCRYPTION_KEYS = [new]
    session.refresh_from_db()
    assert session.agenda == SECRET
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    session.refresh_from_db()
    assert session.agenda == str(crypto.UNREADABLE)


def test_rotation_is_a_dry_run_without_wet_run(settings, session, capsys):
    before = raw("sessions_binome_mentoringsession", "agenda", session.pk)
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode(), *settings.FIELD_ENCRYPTION_KEYS]

    call_command("rotate_encryption_key")

    assert raw("sessions_binome_mentoringsession", "agenda", session.pk) == before
    out = capsys.readouterr().out
    assert "sessions_binome.MentoringSession.agenda: 0 with the first key, 1 to re-encrypt, 0 unreadable" in out
    assert "dry run: 2 value(s) would be re-encrypted" in out  # the agenda and the shared notes


def test_rotation_writes_nothing_when_a_value_has_no_key(settings, session):
    before = raw("sessions_binome_mentoringsession", "agenda", session.pk)
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]

    with pytest.raises(CommandError, match="Values of sessions_binome.MentoringSession.agenda, .* cannot be decrypted"):
        call_command("rotate_encryption_key", wet_run=True)

    assert raw("sessions_binome_mentoringsession", "agenda", session.pk) == before


def test_a_second_rotation_has_nothing_to_do(settings, session, capsys):
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode(), *settings.FIELD_ENCRYPTION_KEYS]
    call_command("rotate_encryption_key", wet_run=True)
    capsys.readouterr()

    call_command("rotate_encryption_key", wet_run=True)

    assert "0 value(s) re-encrypted" in capsys.readouterr().out


def test_confidential_models_are_not_in_the_admin():
    from django.contrib import admin

    from matching.models import MentorRequest
    from sessions_binome.models import MentoringSession

    for model in (MentoringSession, SessionNote, MentorRequest):
        assert not admin.site.is_registered(model)
