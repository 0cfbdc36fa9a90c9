"""The dashboards' to-dos follow the state of the edition: each appears when its condition holds and
disappears when the work is done (issue 24, item 1)."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from candidatures.enums import ApplicationStatus
from evaluation.enums import Audience, Phase, ResponseStatus
from evaluation.models import Response, Survey
from matching.enums import RunStatus
from matching.models import MatchingRun
from mentorat.core.todos import engineer_todos, hr_todos, key_figures
from sessions_binome.enums import PairStatus, SessionStatus
from tests.factories import ApplicationFactory
from tests.sessions_binome.pairs import add_session, make_pair, paris

pytestmark = pytest.mark.django_db

OCTOBER = paris(2026, 10, 1, 9, 0)
DECEMBER = paris(2026, 12, 6, 9, 0)


def keys(todos):
    return {todo.key for todo in todos}


def test_submitted_applications_wait_for_a_decision_until_decided(programme, organisation):
    application = ApplicationFactory(programme=programme, status=ApplicationStatus.SUBMITTED)
    todos = engineer_todos(programme, DECEMBER)
    decide = next(todo for todo in todos if todo.key == "decide")
    assert decide.count == 1 and "1 candidature déposée attend" in decide.text
    assert "status=submitted" in decide.url and "edition=2026-2027" in decide.url
    application.status = ApplicationStatus.VALIDATED
    application.save(update_fields=["status"])
    assert "decide" not in keys(engineer_todos(programme, DECEMBER))


def test_the_matching_is_launched_then_reviewed_then_gone(programme, organisation):
    ApplicationFactory(programme=programme, validated=True)
    track = programme.tracks.get(code="P2")
    assert "launch_P2" not in keys(engineer_todos(programme, paris(2026, 9, 1, 9, 0)))  # call still open
    assert "launch_P2" in keys(engineer_todos(programme, OCTOBER))
    run = MatchingRun.objects.create(programme=programme, track=track, status=RunStatus.DRAFT, progress=100)
    todos = keys(engineer_todos(programme, OCTOBER))
    assert "launch_P2" not in todos and f"run_{run.pk}" in todos
    run.status = RunStatus.PUBLISHED
    run.save(update_fields=["status"])
    todos = keys(engineer_todos(programme, OCTOBER))
    assert f"run_{run.pk}" not in todos and "unpaired" in todos  # published: the mentee has yet to choose


def test_an_unsigned_charter_after_14_days_and_a_quiet_pair_after_45(programme, organisation, other_organisation):
    with time_machine.travel(paris(2026, 10, 20, 9, 0), tick=False):
        framing = make_pair(programme, mentee_org=organisation, mentor_org=other_organisation, status=PairStatus.FRAME)
        quiet = make_pair(programme, mentee_org=organisation, mentor_org=other_organisation, prefix="q")
    assert not keys(engineer_todos(programme, paris(2026, 10, 30, 9, 0))) & {"unsigned", "check_in"}
    todos = {todo.key: todo for todo in engineer_todos(programme, DECEMBER)}
    assert todos["unsigned"].count == 1 and "alert=unsigned" in todos["unsigned"].url
    assert todos["check_in"].count == 1 and todos["check_in"].urgent
    framing.status = PairStatus.ACTIVE
    framing.activated_at = DECEMBER - datetime.timedelta(days=1)
    framing.save(update_fields=["status", "activated_at"])
    add_session(quiet, when=DECEMBER - datetime.timedelta(days=2), status=SessionStatus.HELD)
    assert not keys(engineer_todos(programme, DECEMBER)) & {"unsigned", "check_in"}


def test_a_questionnaire_with_few_answers_a_week_after_opening(programme, organisation, other_organisation):
    pairs = [
        make_pair(programme, mentee_org=organisation, mentor_org=other_organisation, prefix=f"s{i}") for i in range(4)
    ]
    survey = Survey.objects.create(
        programme=programme, phase=Phase.START, audience=Audience.MENTEE, title="Début",
        opens_at=DECEMBER - datetime.timedelta(days=8), closes_at=DECEMBER + datetime.timedelta(days=20),
    )  # fmt: skip
    todo = next(t for t in engineer_todos(programme, DECEMBER) if t.key == f"survey_{survey.pk}")
    assert "0 % de réponses (0 sur 4)" in todo.text
    for pair in pairs[:2]:
        Response.objects.create(
            survey=survey,
            respondent=pair.mentee,
            pair=pair,
            status=ResponseStatus.SUBMITTED,
            started_at=DECEMBER,
            updated_at=DECEMBER,
            submitted_at=DECEMBER,
        )
    assert f"survey_{survey.pk}" not in keys(engineer_todos(programme, DECEMBER))


def test_hr_sees_the_applications_of_their_organisations_only(programme, organisation, other_organisation):
    ApplicationFactory(programme=programme, organisation=organisation, status=ApplicationStatus.SUBMITTED)
    ApplicationFactory(programme=programme, organisation=other_organisation, status=ApplicationStatus.SUBMITTED)
    todos = hr_todos(programme, [organisation], DECEMBER)
    assert [todo.key for todo in todos] == [f"decide_{organisation.pk}"]
    assert todos[0].count == 1 and "statut=submitted" in todos[0].url
    assert "relay" in keys(hr_todos(programme, [organisation], paris(2026, 8, 1, 9, 0)))


def test_the_dashboards_show_them_with_a_bounded_number_of_queries(
    client, programme, engineer, hr_referent, organisation, other_organisation
):
    for i in range(3):
        make_pair(programme, mentee_org=organisation, mentor_org=other_organisation, prefix=f"b{i}")
        ApplicationFactory(programme=programme, organisation=organisation, status=ApplicationStatus.SUBMITTED)
    client.force_login(engineer)
    page = client.get(reverse("core:dashboard_engineer")).content.decode()
    assert 'data-todo="decide"' in page and "3 candidatures déposées attendent" in page
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("core:dashboard_engineer"))
    for i in range(3, 12):
        make_pair(programme, mentee_org=organisation, mentor_org=other_organisation, prefix=f"b{i}")
        ApplicationFactory(programme=programme, organisation=organisation, status=ApplicationStatus.SUBMITTED)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("core:dashboard_engineer"))
    assert len(many) == len(few)
    client.force_login(hr_referent)
    page = client.get(reverse("core:dashboard_hr")).content.decode()
    assert "12 candidatures déposées à examiner" in page


def test_key_figures(programme, organisation, other_organisation):
    make_pair(programme, mentee_org=organisation, mentor_org=other_organisation)
    figures = key_figures(programme)
    assert figures["funnel"]["mentee_validated"] == 1 and figures["funnel"]["mentor_validated"] == 1
    assert dict(figures["pairs"])["Actif"] == 1
    assert figures["sessions_target"] == 6


def test_a_mentee_whose_pair_completed_or_is_open_is_not_waiting_for_a_mentor(
    programme, organisation, other_organisation
):
    pair = make_pair(programme, mentee_org=organisation, mentor_org=other_organisation)
    MatchingRun.objects.create(programme=programme, track=pair.track, status=RunStatus.PUBLISHED, progress=100)
    for status in (PairStatus.ACTIVE, PairStatus.COMPLETED):
        type(pair).objects.filter(pk=pair.pk).update(status=status)
        assert "unpaired" not in keys(engineer_todos(programme, DECEMBER)), status
    # Ended early: she may choose again, so she is waiting.
    type(pair).objects.filter(pk=pair.pk).update(status=PairStatus.ENDED)
    unpaired = next(todo for todo in engineer_todos(programme, DECEMBER) if todo.key == "unpaired")
    assert unpaired.count == 1
