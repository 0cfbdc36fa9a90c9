"""The matching console with two editions side by side: the console and its settings show the edition
chosen in the selector (the running one by default), a run, a proposal or a pair opens in its own
edition, and the engineer prepares next year's settings before opening it."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from matching.enums import RunStatus
from matching.models import MatchingRun, Proposal
from mentorat.core.models import Track
from sessions_binome.models import Pair
from tests.factories import PARIS

# 2026-2027 is running; 2027-2028 (when it exists) awaits its call of July 2027.
RUNNING = datetime.datetime(2026, 12, 1, 10, 0, tzinfo=PARIS)
CONSOLE = reverse("matching:console")
SETTINGS = reverse("matching:settings")


@pytest.fixture(autouse=True)
def _december_2026():
    with time_machine.travel(RUNNING, tick=False):
        yield


@pytest.fixture
def signed_in(client, engineer):
    client.force_login(engineer)
    client.reauthenticate(engineer)
    return client


@pytest.fixture
def old_run(programme, p1, p1_cohort):
    """A draft of 2026-2027 with one proposal, and a pair of that edition."""
    run = MatchingRun.objects.create(programme=programme, track=p1, status=RunStatus.DRAFT)
    mentee, mentor = p1_cohort["mentees"][0], p1_cohort["mentors"][0]
    Proposal.objects.create(run=run, mentee=mentee, mentor=mentor, rank=1, score=0.5)
    Pair.objects.create(
        programme=programme,
        track=p1,
        mentee=mentee.user,
        mentor=mentor.user,
        mentee_application=mentee,
        mentor_application=mentor,
    )
    return run


def _shown(response):
    return response.wsgi_request.edition_selector.current


def test_the_console_shows_the_running_edition_by_default(signed_in, programme, next_programme):
    response = signed_in.get(CONSOLE)

    assert response.status_code == 200
    assert response.context["programme"] == programme
    assert [item["track"].programme for item in response.context["tracks"]] == [programme, programme]
    assert 'id="edition-selector"' in response.content.decode()


def test_the_selector_switches_the_console_to_the_other_edition_and_remembers_it(signed_in, programme, next_programme):
    response = signed_in.get(CONSOLE, {"edition": "2027-2028"})

    assert response.context["programme"] == next_programme
    assert {item["track"].programme for item in response.context["tracks"]} == {next_programme}
    # The settings page, opened from the console's link, stays in 2027-2028.
    assert signed_in.get(SETTINGS).context["programme"] == next_programme
    # And back.
    response = signed_in.get(CONSOLE, {"edition": "2026-2027"})
    assert response.context["programme"] == programme
    assert signed_in.get(SETTINGS).context["programme"] == programme


def test_an_unknown_edition_answers_404(signed_in, programme):
    assert signed_in.get(CONSOLE, {"edition": "1999-2000"}).status_code == 404


def test_a_run_of_the_running_edition_opens_in_its_edition_after_the_next_one_is_chosen(
    signed_in, programme, next_programme, old_run
):
    signed_in.get(CONSOLE, {"edition": "2027-2028"})

    for url in (reverse("matching:run_detail", args=[old_run.pk]), reverse("matching:run_mentors", args=[old_run.pk])):
        response = signed_in.get(url)
        assert response.status_code == 200
        assert response.context["programme"] == programme
        assert _shown(response) == programme
        assert response.wsgi_request.edition_selector.action == CONSOLE
    # Back on the console: the run's edition is the remembered one.
    assert signed_in.get(CONSOLE).context["programme"] == programme


def test_a_draft_of_the_running_edition_is_still_corrected_once_the_next_one_is_opened(
    signed_in, programme, next_programme, old_run
):
    proposal = Proposal.objects.get(run=old_run)

    response = signed_in.post(reverse("matching:proposal_remove", args=[proposal.pk]))

    assert response.status_code == 302
    assert not Proposal.objects.filter(pk=proposal.pk).exists()


def test_a_pair_of_the_running_edition_is_ended_from_its_own_edition(signed_in, programme, next_programme, old_run):
    pair = Pair.objects.get(programme=programme)
    url = reverse("matching:engineer_pair_end", args=[pair.pk])

    response = signed_in.get(url)
    assert response.status_code == 200
    assert _shown(response) == programme

    response = signed_in.post(url, {"reason": "Le mentoré a changé de poste."})
    assert response.status_code == 302
    assert response.url == f"{CONSOLE}?edition=2026-2027"
    pair.refresh_from_db()
    assert not pair.is_open


def test_a_run_starts_in_the_edition_of_its_track(signed_in, programme, next_programme, p1, p1_cohort):
    signed_in.get(CONSOLE, {"edition": "2027-2028"})

    response = signed_in.post(reverse("matching:run_start", args=[p1.pk]))

    assert response.status_code == 302
    assert MatchingRun.objects.get().programme == programme


def test_the_engineer_prepares_the_settings_of_an_edition_in_preparation(signed_in, programme, prepared_programme):
    response = signed_in.get(SETTINGS, {"edition": "2027-2028"})
    assert response.status_code == 200
    assert response.context["programme"] == prepared_programme
    form = response.context["programme_form"]
    data = {name: form[name].value() for name in form.fields if form[name].value() not in (None, False)}
    weights = response.context["weights_form"]
    data |= {name: weights[name].value() for name in weights.fields}
    data["proposals_per_mentee"] = 3

    response = signed_in.post(f"{SETTINGS}?edition=2027-2028", data)

    assert response.status_code == 302, response.context["programme_form"].errors
    assert response.url == f"{SETTINGS}?edition=2027-2028"
    prepared_programme.refresh_from_db()
    programme.refresh_from_db()
    assert prepared_programme.proposals_per_mentee == 3
    assert programme.proposals_per_mentee != 3


def test_no_run_starts_in_an_edition_in_preparation(signed_in, programme, prepared_programme):
    track = Track.objects.get(programme=prepared_programme, code="P1")

    page = signed_in.get(CONSOLE, {"edition": "2027-2028"}).content.decode()
    response = signed_in.post(reverse("matching:run_start", args=[track.pk]))

    assert "Lancer la mise en relation" not in page
    assert response.status_code == 302 and response.url == f"{CONSOLE}?edition=2027-2028"
    assert not MatchingRun.objects.exists()


def test_the_engineer_opens_the_console_of_an_edition_in_preparation_beside_the_running_one(
    signed_in, programme, prepared_programme
):
    assert signed_in.get(CONSOLE).context["programme"] == programme
    assert signed_in.get(CONSOLE, {"edition": "2027-2028"}).context["programme"] == prepared_programme
