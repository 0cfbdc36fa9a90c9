"""A confidential value that no configured key decrypts reads as a placeholder, not a 500, and
saving the object or sending its form back unchanged keeps the stored value for when the key
comes back."""

import logging

import pytest
import time_machine
from cryptography.fernet import Fernet
from django.db import connection
from django.urls import reverse

from mentorat.core import crypto
from sessions_binome.enums import NoteKind
from sessions_binome.models import MentoringSession, SessionNote
from tests.sessions_binome.pairs import add_session, make_pair, paris

PLACEHOLDER = "[contenu illisible : clé de chiffrement manquante]"
AGENDA = "Ordre du jour AGENDA-7d1e"
NOTE = "Ma note privée NOTE-5c2a"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(paris(2026, 11, 16, 9, 0), tick=False):
        yield


@pytest.fixture
def session(programme, organisation, other_organisation):
    pair = make_pair(programme, mentee_org=organisation, mentor_org=other_organisation)
    session = add_session(pair, when=paris(2026, 11, 20, 10, 0), agenda=AGENDA)
    SessionNote.objects.create(session=session, author=pair.mentor, kind=NoteKind.MENTOR_PRIVATE, text=NOTE)
    return session


@pytest.fixture
def other_key(settings):
    """FIELD_ENCRYPTION_KEYS without the key the fixtures were written with; yields that key."""
    original = settings.FIELD_ENCRYPTION_KEYS
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    yield original


def stored(table, column, pk):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def test_the_pair_page_shows_a_placeholder_and_logs_which_field(client, session, other_key, caplog):
    client.force_login(session.pair.mentor)
    with caplog.at_level(logging.ERROR, logger="mentorat.core.crypto"):
        response = client.get(reverse("sessions_binome:pair_detail", args=[session.pair_id]))

    assert response.status_code == 200
    page = response.content.decode()
    assert page.count(PLACEHOLDER) == 2  # the agenda and the mentor's private note
    assert AGENDA not in page and NOTE not in page
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "sessions_binome.MentoringSession.agenda" in logged
    assert "sessions_binome.SessionNote.text" in logged
    assert crypto.PREFIX not in logged  # the log names the field, never the stored value


def test_saving_the_object_keeps_the_stored_value(settings, session, other_key):
    token = stored("sessions_binome_mentoringsession", "agenda", session.pk)
    loaded = MentoringSession.objects.get(pk=session.pk)
    assert loaded.agenda == PLACEHOLDER
    loaded.duration_minutes = 45
    loaded.save()

    assert stored("sessions_binome_mentoringsession", "agenda", session.pk) == token
    settings.FIELD_ENCRYPTION_KEYS = other_key
    assert MentoringSession.objects.get(pk=session.pk).agenda == AGENDA


def test_a_note_form_sent_back_unchanged_keeps_the_stored_note(client, settings, session, other_key):
    note = session.notes.get()
    token = stored("sessions_binome_sessionnote", "text", note.pk)
    client.force_login(session.pair.mentor)
    url = reverse("sessions_binome:session_note", args=[session.pk, NoteKind.MENTOR_PRIVATE])
    assert PLACEHOLDER in client.get(url).content.decode()

    response = client.post(url, {"text": PLACEHOLDER})

    assert response.status_code == 302
    assert stored("sessions_binome_sessionnote", "text", note.pk) == token
    settings.FIELD_ENCRYPTION_KEYS = other_key
    note.refresh_from_db()
    assert note.text == NOTE


def test_a_new_text_typed_over_the_placeholder_is_saved(client, settings, session, other_key):
    client.force_login(session.pair.mentor)
    url = reverse("sessions_binome:session_note", args=[session.pk, NoteKind.MENTOR_PRIVATE])

    client.post(url, {"text": "Nouvelle note"})

    assert session.notes.get().text == "Nouvelle note"
