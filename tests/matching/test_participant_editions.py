"""A mentee's proposals and a mentor's requests with two editions side by side: roles are per edition,
the page shows the edition named by `?edition=` among the person's own (their latest by default), and
opening 2027-2028 takes nothing away from a 2026-2027 participant."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from matching.enums import RequestStatus, RunStatus
from matching.models import MatchingRun, MentorRequest, Proposal
from sessions_binome.models import Pair
from tests.factories import PARIS, ApplicationFactory

RUNNING = datetime.datetime(2026, 12, 1, 10, 0, tzinfo=PARIS)
MY_PROPOSALS = reverse("matching:my_proposals")
MY_REQUESTS = reverse("matching:mentor_requests")


@pytest.fixture(autouse=True)
def _december_2026():
    with time_machine.travel(RUNNING, tick=False):
        yield


@pytest.fixture
def mentee_app(mentee, programme):
    return mentee.applications.get(programme=programme)


@pytest.fixture
def mentor_app(mentor, programme):
    return mentor.applications.get(programme=programme)


@pytest.fixture
def proposal(programme, mentee_app, mentor_app):
    """A published 2026-2027 run proposing `mentor` to `mentee`."""
    run = MatchingRun.objects.create(
        programme=programme, track=mentee_app.track, status=RunStatus.PUBLISHED, published_at=timezone.now()
    )
    return Proposal.objects.create(
        run=run, mentee=mentee_app, mentor=mentor_app, rank=1, score=0.9, criteria={}, assigned=True
    )


def test_a_mentee_of_the_running_edition_still_sees_her_proposals_once_the_next_is_opened(
    client, mentee, programme, next_programme, proposal
):
    client.force_login(mentee)

    response = client.get(MY_PROPOSALS)

    assert response.status_code == 200
    assert response.context["mentee"].programme == programme
    assert [p.pk for p in response.context["proposals"]] == [proposal.pk]
    assert "Programme de mentorat 2026-2027" in response.content.decode()


def test_a_mentee_of_both_editions_sees_the_latest_by_default_and_switches_with_the_edition(
    client, mentee, programme, next_programme, proposal
):
    ApplicationFactory(programme=next_programme, user=mentee, validated=True)
    client.force_login(mentee)

    latest = client.get(MY_PROPOSALS)
    older = client.get(MY_PROPOSALS, {"edition": "2026-2027"})

    assert latest.context["mentee"].programme == next_programme
    assert latest.context["proposals"] == []
    assert older.context["mentee"].programme == programme
    assert [p.pk for p in older.context["proposals"]] == [proposal.pk]


def test_an_edition_without_the_persons_application_answers_404(client, mentee, programme, next_programme):
    client.force_login(mentee)

    assert client.get(MY_PROPOSALS).status_code == 200  # her own edition, by default
    assert client.get(MY_PROPOSALS, {"edition": "2027-2028"}).status_code == 404
    assert client.get(MY_PROPOSALS, {"edition": "1999-2000"}).status_code == 404


def test_an_edition_in_preparation_is_never_a_participants_page(client, mentee, programme, prepared_programme):
    # An application imported into the edition the engineer is preparing gives no role yet.
    ApplicationFactory(programme=prepared_programme, user=mentee, validated=True)
    client.force_login(mentee)

    assert client.get(MY_PROPOSALS).context["mentee"].programme == programme
    assert client.get(MY_PROPOSALS, {"edition": "2027-2028"}).status_code == 404


def test_choosing_a_proposal_of_the_running_edition_leads_back_to_that_edition(
    client, mentee, mentor, programme, next_programme, proposal
):
    ApplicationFactory(programme=next_programme, user=mentee, validated=True)
    client.force_login(mentee)

    response = client.post(reverse("matching:choose", args=[proposal.pk]), {})

    assert response.status_code == 302
    assert response.url == f"{MY_PROPOSALS}?edition=2026-2027"
    assert MentorRequest.objects.get().mentee == proposal.mentee


def test_a_mentor_of_the_running_edition_who_is_mentee_in_the_next_still_answers_her_requests(
    client, mentee, mentor, programme, next_programme, proposal
):
    # Roles are per edition: Bob mentors in 2026-2027 and is mentored in 2027-2028.
    ApplicationFactory(programme=next_programme, user=mentor, validated=True)
    client.force_login(mentee)
    client.post(reverse("matching:choose", args=[proposal.pk]), {})
    request = MentorRequest.objects.get(status=RequestStatus.PENDING)
    client.force_login(mentor)

    page = client.get(MY_REQUESTS)
    answer = client.post(reverse("matching:request_answer", args=[request.pk]), {"answer": "accept"})

    assert page.status_code == 200
    assert page.context["mentor"].programme == programme
    assert [r.pk for r in page.context["pending"]] == [request.pk]
    assert answer.status_code == 302 and answer.url == f"{MY_REQUESTS}?edition=2026-2027"
    assert Pair.objects.get().programme == programme
    # His 2027-2028 mentee application is not a mentor's: no requests page in that edition.
    assert client.get(MY_REQUESTS, {"edition": "2027-2028"}).status_code == 404


def test_a_mentor_of_both_editions_switches_between_his_requests(client, mentor, programme, next_programme, mentor_app):
    ApplicationFactory(programme=next_programme, user=mentor, mentor=True, validated=True)
    client.force_login(mentor)

    assert client.get(MY_REQUESTS).context["mentor"].programme == next_programme
    assert client.get(MY_REQUESTS, {"edition": "2026-2027"}).context["mentor"] == mentor_app
