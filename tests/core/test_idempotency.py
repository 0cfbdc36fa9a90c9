"""A double submit or a retry of a form that creates something makes one object; the second sending
lands on the first one's result."""

import threading
import uuid

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.urls import reverse

from mentorat.core.idempotency import form_submissions_purge
from mentorat.core.models import FormSubmission
from mentorat.outbox.models import OutboxEmail
from sessions_binome.models import MentoringSession
from tests.factories import OrganisationFactory
from tests.sessions_binome.pairs import make_pair, paris

NOW = paris(2026, 11, 16, 9, 0)
SESSION = {"starts_at": "2026-11-24T10:00", "duration_minutes": 60, "video_link": "https://visio.example.fr/abc"}


@pytest.fixture
def pair(programme):
    with time_machine.travel(NOW, tick=False):
        return make_pair(programme, mentee_org=OrganisationFactory(code="CPAM-33"), mentor_org=OrganisationFactory())


def plan(client, pair, token, **fields):
    data = {**SESSION, **fields}
    if token:
        data["form_token"] = token
    with time_machine.travel(NOW, tick=False):
        return client.post(reverse("sessions_binome:session_new", args=[pair.pk]), data)


@pytest.mark.django_db
def test_the_form_carries_a_fresh_token_each_time(client, pair):
    client.force_login(pair.mentee)
    with time_machine.travel(NOW, tick=False):
        pages = [client.get(reverse("sessions_binome:session_new", args=[pair.pk])).content.decode() for _ in range(2)]

    tokens = [page.split('name="form_token" value="', 1)[1][:36] for page in pages]
    assert tokens[0] != tokens[1]
    assert all(uuid.UUID(token) for token in tokens)


@pytest.mark.django_db
def test_a_double_submit_plans_one_session_and_lands_on_it(client, pair):
    client.force_login(pair.mentee)
    token = str(uuid.uuid4())

    first = plan(client, pair, token)
    second = plan(client, pair, token)

    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    assert MentoringSession.objects.count() == 1
    emails = OutboxEmail.objects.count()
    assert emails >= 1
    with time_machine.travel(NOW, tick=False):
        followed = client.get(second["Location"], follow=True).content.decode()
    assert "Ce formulaire avait déjà été envoyé : voici le résultat." in followed
    plan(client, pair, str(uuid.uuid4()), starts_at="2026-11-25T10:00")  # a new form is a new session
    assert MentoringSession.objects.count() == 2


@pytest.mark.django_db
def test_a_form_sent_back_with_errors_can_be_corrected_with_the_same_token(client, pair):
    client.force_login(pair.mentee)
    token = str(uuid.uuid4())

    with_errors = plan(client, pair, token, video_link="http://pas-https.example.fr")
    corrected = plan(client, pair, token)

    assert with_errors.status_code == 200
    assert corrected.status_code == 302
    assert MentoringSession.objects.count() == 1


@pytest.mark.django_db
def test_a_token_belongs_to_the_person_who_sent_it(client, pair):
    token = str(uuid.uuid4())
    client.force_login(pair.mentee)
    plan(client, pair, token)
    client.force_login(pair.mentor)

    response = plan(client, pair, token, starts_at="2026-11-26T10:00")

    # Not sent to the mentee's result: the mentor's sending runs as his own.
    assert response.status_code == 302
    assert MentoringSession.objects.count() == 2
    assert FormSubmission.objects.get().user == pair.mentee


@pytest.mark.django_db
def test_tokens_are_purged_after_a_day(client, pair):
    client.force_login(pair.mentee)
    plan(client, pair, str(uuid.uuid4()))

    assert form_submissions_purge(now=NOW) == 0
    assert form_submissions_purge(now=paris(2026, 11, 17, 9, 1)) == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_sendings_at_the_same_moment_plan_one_session(pair):
    """Two requests in flight at once (a double click on a slow connection): the second waits on the
    token's key until the first commits, then lands on its result."""
    token = str(uuid.uuid4())
    barrier = threading.Barrier(2)
    statuses = []

    def send():
        client = Client()
        client.force_login(pair.mentee)
        barrier.wait()
        try:
            statuses.append(plan(client, pair, token).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [302, 302]
    assert MentoringSession.objects.count() == 1
