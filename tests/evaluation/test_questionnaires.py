"""Questionnaires (services and selectors): the default set, editing until the first answer, who is
asked, one response per person, drafts, opening and closing dates."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from evaluation import services
from evaluation.enums import Audience, Indicator, Phase, QuestionKind, ResponseStatus
from evaluation.models import Question, Response, Survey
from evaluation.reference_surveys import surveys_default_create
from evaluation.selectors import survey_pending_participants, surveys_open_for
from sessions_binome.enums import PairStatus
from tests.evaluation.helpers import answer, make_pair, survey
from tests.factories import PARIS

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(surveys, programme, organisation, other_organisation):
    return make_pair(programme, mentee_org=organisation, mentor_org=other_organisation)


def test_the_default_set_covers_every_phase_and_audience_with_the_announced_indicators(surveys, programme):
    assert {(s.phase, s.audience) for s in surveys} == {(p, a) for p in Phase for a in Audience}
    end = survey(programme, Phase.END, Audience.MENTEE)
    indicators = set(end.questions.exclude(indicator="").values_list("indicator", flat=True))
    assert indicators == {i.value for i in Indicator if i.value}
    kinds = set(Question.objects.filter(survey__programme=programme).values_list("kind", flat=True))
    assert kinds == set(QuestionKind.values)
    assert end.questions.get(indicator=Indicator.NPS).kind == QuestionKind.NPS


def test_the_default_set_follows_the_programme_calendar(surveys, programme):
    start = survey(programme, Phase.START, Audience.MENTOR)
    end = survey(programme, Phase.END, Audience.MENTOR)
    assert start.opens_at == datetime.datetime(2026, 10, 16, 9, 0, tzinfo=PARIS)
    assert start.closes_at.date() == datetime.date(2026, 11, 30)
    assert end.opens_at.date() == datetime.date(2027, 5, 1)
    assert end.closes_at.date() == programme.evaluation_ends_on


def test_loading_the_default_set_twice_writes_nothing(surveys, programme):
    with CaptureQueriesContext(connection) as queries:
        assert surveys_default_create(programme) == 0
    assert not [q for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]


def test_an_edited_questionnaire_is_left_as_the_engineer_made_it(surveys, programme):
    start = survey(programme, Phase.START, Audience.MENTEE)
    services.question_delete(question=start.questions.get(position=2))
    surveys_default_create(programme)
    assert start.questions.count() == 10


def test_participants_answer_once(pair):
    answer(pair, Audience.MENTEE)
    with pytest.raises(ValidationError, match="déjà répondu"):
        answer(pair, Audience.MENTEE, satisfaction=1)
    assert (
        Response.objects.get(respondent=pair.mentee).answers.get(question__indicator=Indicator.SATISFACTION).value == 4
    )


def test_a_draft_is_saved_resumed_then_sent(pair):
    answer(pair, Audience.MENTOR, submit=False, satisfaction=2)
    response = Response.objects.get(respondent=pair.mentor)
    assert response.status == ResponseStatus.DRAFT and response.submitted_at is None
    answer(pair, Audience.MENTOR, satisfaction=5)
    response.refresh_from_db()
    assert response.status == ResponseStatus.SUBMITTED
    assert response.answers.get(question__indicator=Indicator.SATISFACTION).value == 5
    assert Response.objects.filter(respondent=pair.mentor).count() == 1


def test_a_draft_may_leave_required_questions_blank_but_sending_may_not(pair, programme):
    start = survey(programme, Phase.START, Audience.MENTEE)
    services.response_save(
        survey=start, user=pair.mentee, answers={}, submit=False, now=start.opens_at + datetime.timedelta(days=1)
    )
    with pytest.raises(ValidationError) as error:
        services.response_save(
            survey=start, user=pair.mentee, answers={}, submit=True, now=start.opens_at + datetime.timedelta(days=1)
        )
    required = start.questions.filter(required=True)
    assert set(error.value.message_dict) == {f"q{q.pk}" for q in required}


def test_nobody_answers_after_closing_or_before_opening(pair, programme):
    start = survey(programme, Phase.START, Audience.MENTEE)
    with pytest.raises(ValidationError, match="pas ouvert"):
        answer(pair, Audience.MENTEE, now=start.closes_at)
    with pytest.raises(ValidationError, match="pas ouvert"):
        answer(pair, Audience.MENTEE, now=start.opens_at - datetime.timedelta(minutes=1))
    assert not Response.objects.exists()


def test_a_draft_cannot_be_sent_after_closing(pair, programme):
    answer(pair, Audience.MENTEE, submit=False)
    with pytest.raises(ValidationError, match="pas ouvert"):
        answer(
            pair,
            Audience.MENTEE,
            now=survey(programme, Phase.START, Audience.MENTEE).closes_at + datetime.timedelta(hours=1),
        )
    assert Response.objects.get().status == ResponseStatus.DRAFT


def test_a_questionnaire_is_only_for_its_audience_and_its_pairs(pair, programme, surveys):
    start_for_mentors = survey(programme, Phase.START, Audience.MENTOR)
    with pytest.raises(ValidationError, match="pas destiné"):
        services.response_save(
            survey=start_for_mentors, user=pair.mentee, answers={}, submit=False, now=start_for_mentors.opens_at
        )


def test_the_end_questionnaire_is_for_closed_pairs(surveys, programme, organisation, other_organisation):
    active = make_pair(programme, mentee_org=organisation, mentor_org=other_organisation)
    completed = make_pair(
        programme, mentee_org=organisation, mentor_org=other_organisation, status=PairStatus.COMPLETED
    )
    ended = make_pair(programme, mentee_org=organisation, mentor_org=other_organisation, status=PairStatus.ENDED)
    end = survey(programme, Phase.END, Audience.MENTEE)
    assert set(survey_pending_participants(end)) == {completed.mentee, ended.mentee}
    with pytest.raises(ValidationError, match="pas destiné"):
        answer(active, Audience.MENTEE, phase=Phase.END)


def test_a_pair_still_preparing_its_frame_is_not_asked_yet(surveys, programme, organisation, other_organisation):
    framing = make_pair(programme, mentee_org=organisation, mentor_org=other_organisation, status=PairStatus.FRAME)
    assert framing.mentee not in survey_pending_participants(survey(programme, Phase.START, Audience.MENTEE))


def test_surveys_open_for_lists_what_is_left_to_send(pair, programme):
    opened = surveys_open_for(pair.mentee)
    assert [s.phase for s in opened] == [Phase.START]
    answer(pair, Audience.MENTEE, submit=False)
    assert surveys_open_for(pair.mentee) == opened  # a draft is still to send
    answer(pair, Audience.MENTEE)
    assert surveys_open_for(pair.mentee) == []
    assert pair.mentee not in survey_pending_participants(survey(programme, Phase.START, Audience.MENTEE))
    assert pair.mentor in survey_pending_participants(survey(programme, Phase.START, Audience.MENTOR))


def test_a_response_keeps_the_track_and_organisation_of_the_respondent(pair, organisation, other_organisation):
    assert answer(pair, Audience.MENTEE).organisation == organisation
    assert answer(pair, Audience.MENTOR).organisation == other_organisation


# --- editing ------------------------------------------------------------------------------------


def test_questions_are_locked_from_the_first_answer(pair, programme):
    start = survey(programme, Phase.START, Audience.MENTEE)
    question = start.questions.first()
    answer(pair, Audience.MENTEE, submit=False)  # a draft is an answer
    for attempt in (
        lambda: services.question_add(survey=start, kind=QuestionKind.TEXT, text="Autre chose ?"),
        lambda: services.question_update(question=question, kind=QuestionKind.TEXT, text="Changée"),
        lambda: services.question_delete(question=question),
        lambda: services.question_move(question=question, offset=1),
    ):
        with pytest.raises(ValidationError, match="déjà reçu des réponses"):
            attempt()
    question.refresh_from_db()
    assert question.position == 1 and question.kind == QuestionKind.LIKERT


def test_dates_stay_editable_after_the_first_answer(pair, programme):
    start = survey(programme, Phase.START, Audience.MENTEE)
    answer(pair, Audience.MENTEE)
    later = start.closes_at + datetime.timedelta(days=7)
    services.survey_update(survey=start, title=start.title, introduction="", opens_at=start.opens_at, closes_at=later)
    assert Survey.objects.get(pk=start.pk).closes_at == later


def test_questions_are_added_moved_and_removed_before_any_answer(surveys, programme):
    mid = survey(programme, Phase.MID, Audience.MENTOR)
    added = services.question_add(
        survey=mid, kind=QuestionKind.SINGLE, text="Format des séances ?", choices=["Visio", "Présentiel", "Les deux"]
    )
    assert added.position == 5
    services.question_move(question=added, offset=-1)
    assert list(mid.questions.values_list("position", "text"))[3] == (4, "Format des séances ?")
    services.question_delete(question=mid.questions.get(position=1))
    assert list(mid.questions.values_list("position", flat=True)) == [1, 2, 3, 4]


@pytest.mark.parametrize(
    "kind, choices, indicator, field",
    [
        (QuestionKind.SINGLE, ["Une seule"], "", "choices"),
        (QuestionKind.LIKERT, ["1", "2", "3"], "", "choices"),
        (QuestionKind.TEXT, [], Indicator.SATISFACTION, "indicator"),
        (QuestionKind.LIKERT, list("abcde"), Indicator.NPS, "indicator"),
    ],
)
def test_impossible_questions_are_refused_next_to_the_field(surveys, programme, kind, choices, indicator, field):
    mid = survey(programme, Phase.MID, Audience.MENTOR)
    with pytest.raises(ValidationError) as error:
        services.question_add(survey=mid, kind=kind, text="Question", choices=choices, indicator=indicator)
    assert field in error.value.message_dict


def test_an_indicator_is_measured_once_per_questionnaire(surveys, programme):
    mid = survey(programme, Phase.MID, Audience.MENTOR)
    with pytest.raises(ValidationError, match="mesure déjà"):
        services.question_add(
            survey=mid,
            kind=QuestionKind.LIKERT,
            text="Encore ?",
            choices=list("abcde"),
            indicator=Indicator.SATISFACTION,
        )
