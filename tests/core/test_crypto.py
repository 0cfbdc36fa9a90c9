"""Confidential fields are encrypted at rest, and keys can be rotated."""

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
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
    call_command("rotate_encryption_key", verbosity=0)
    settings.FIELD_ENCRYPTION_KEYS = [new]
    session.refresh_from_db()
    assert session.agenda == SECRET
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(Exception, match="FIELD_ENCRYPTION_KEYS"):
        session.refresh_from_db()


def test_confidential_models_are_not_in_the_admin():
    from django.contrib import admin

    from matching.models import MentorRequest
    from sessions_binome.models import MentoringSession

    for model in (MentoringSession, SessionNote, MentorRequest):
        assert not admin.site.is_registered(model)
