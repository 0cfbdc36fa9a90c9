"""The mentee adds to the shared notes of a held session (issue 23: « the mentee cannot add to the
shared notes »): the same encrypted field as the mentor's log, shown on the pair's page to both."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from sessions_binome.enums import PairStatus, SessionStatus
from sessions_binome.models import MentoringSession, Pair
from tests.factories import OrganisationFactory, UserFactory
from tests.sessions_binome.pairs import add_session, make_pair

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(programme):
    return make_pair(programme, mentee_org=OrganisationFactory(code="CPAM-33"), mentor_org=OrganisationFactory())


@pytest.fixture
def held(pair):
    return add_session(
        pair,
        when=timezone.now() - datetime.timedelta(days=2),
        status=SessionStatus.HELD,
        actual_duration_minutes=60,
        shared_notes="Le mentor : travailler la délégation.",
    )


def _url(session):
    return reverse("sessions_binome:session_shared_notes", args=[session.pk])


def test_the_mentee_completes_the_shared_notes_and_the_mentor_reads_them(client, pair, held):
    client.force_login(pair.mentee)
    page = client.get(reverse("sessions_binome:pair_detail", args=[pair.pk])).content.decode()
    assert _url(held) in page and "Compléter les notes partagées" in page
    text = "Le mentor : travailler la délégation.\nMoi : je prépare un entretien pour jeudi."
    response = client.post(_url(held), {"shared_notes": text})
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.shared_notes == text and held.shared_notes_updated_by == pair.mentee
    client.force_login(pair.mentor)
    page = client.get(reverse("sessions_binome:pair_detail", args=[pair.pk])).content.decode()
    assert "je prépare un entretien pour jeudi" in page
    assert "complétées en dernier par" in page


def test_the_shared_notes_stay_encrypted_at_rest(client, pair, held):
    client.force_login(pair.mentee)
    client.post(_url(held), {"shared_notes": "Une phrase bien à nous."})
    with connection.cursor() as cursor:
        cursor.execute("SELECT shared_notes FROM sessions_binome_mentoringsession WHERE id = %s", [held.pk])
        stored = cursor.fetchone()[0]
    assert "bien à nous" not in stored


def test_nobody_else_reaches_them(client, pair, held, engineer, hr_referent):
    for person in (UserFactory(email="dora.autre@urssaf.fr"), engineer, hr_referent):
        client.force_login(person)
        assert client.get(_url(held)).status_code == 404
        assert client.post(_url(held), {"shared_notes": "Intrus."}).status_code == 404
    held.refresh_from_db()
    assert "Intrus" not in held.shared_notes


def test_only_a_held_session_of_an_open_pair_has_them_to_complete(client, pair, held):
    planned = add_session(pair, when=timezone.now() + datetime.timedelta(days=3))
    client.force_login(pair.mentee)
    assert client.get(_url(planned)).status_code == 404
    Pair.objects.filter(pk=pair.pk).update(status=PairStatus.COMPLETED)
    assert client.get(_url(held)).status_code == 404
    assert client.post(_url(held), {"shared_notes": "Trop tard."}).status_code == 404
    assert MentoringSession.objects.get(pk=held.pk).shared_notes == "Le mentor : travailler la délégation."


def test_too_long_notes_get_a_french_error_and_nothing_is_saved(client, pair, held):
    client.force_login(pair.mentee)
    response = client.post(_url(held), {"shared_notes": "x" * 10001})
    assert response.status_code == 200
    assert "caractères" in response.content.decode()
    held.refresh_from_db()
    assert held.shared_notes == "Le mentor : travailler la délégation."
