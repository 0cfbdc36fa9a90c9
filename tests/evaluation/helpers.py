"""Builders for the evaluation tests: pairs in a track and organisations of one's choice, sessions,
objectives and answers to the default questionnaires (through the real service)."""

import datetime
import itertools

from django.utils import timezone

from evaluation import services
from evaluation.enums import Audience, Indicator, Phase, QuestionKind
from evaluation.models import Survey
from sessions_binome.enums import PairStatus, SessionStatus
from sessions_binome.models import MentoringSession, Pair, PairObjective
from tests.factories import PARIS, ApplicationFactory, UserFactory

_numbers = itertools.count(1)
# Inside the start questionnaire's window (16 October - 30 November 2026).
START_ANSWERED_AT = datetime.datetime(2026, 11, 2, 10, 0, tzinfo=PARIS)
END_ANSWERED_AT = datetime.datetime(2027, 5, 20, 10, 0, tzinfo=PARIS)


def make_pair(
    programme,
    *,
    mentee_org,
    mentor_org,
    track="P2",
    status=PairStatus.ACTIVE,
    held=0,
    minutes=60,
    activated_at=None,
    objectives=(),
    ended_by=None,
):
    """A pair with `held` sessions held of `minutes` each and objectives [(start, final or None)]."""
    number = next(_numbers)
    mentee = UserFactory(
        email=f"mentore{number}@assurance-maladie.fr",
        organisation=mentee_org,
        first_name="Alice",
        last_name=f"Mentorée{number}",
    )
    mentor = UserFactory(
        email=f"mentor{number}@caf.fr", organisation=mentor_org, first_name="Bruno", last_name=f"Mentor{number}"
    )
    mentee_app = ApplicationFactory(programme=programme, user=mentee, validated=True, track_code=track)
    mentor_app = ApplicationFactory(programme=programme, user=mentor, mentor=True, validated=True, track_code=track)
    started = status != PairStatus.FRAME
    pair = Pair.objects.create(
        programme=programme,
        track=mentee_app.track,
        mentee=mentee,
        mentor=mentor,
        mentee_application=mentee_app,
        mentor_application=mentor_app,
        status=status,
        activated_at=(activated_at or datetime.datetime(2026, 10, 16, 9, 0, tzinfo=PARIS)) if started else None,
        ended_at=timezone.now() if status in (PairStatus.COMPLETED, PairStatus.ENDED) else None,
        ended_by=mentee if status == PairStatus.ENDED and ended_by is None else ended_by,
    )
    for index in range(held):
        MentoringSession.objects.create(
            pair=pair,
            starts_at=datetime.datetime(2026, 10, 20, 10, 0, tzinfo=PARIS) + datetime.timedelta(days=14 * index),
            status=SessionStatus.HELD,
            actual_duration_minutes=minutes,
            scheduled_by=mentee,
        )
    for position, (start, final) in enumerate(objectives, start=1):
        PairObjective.objects.create(
            pair=pair, position=position, text=f"Objectif {position}", start_assessment=start, final_assessment=final
        )
    return pair


def survey(programme, phase, audience):
    return Survey.objects.get(programme=programme, phase=phase, audience=audience)


def answer(
    pair,
    audience,
    *,
    phase=Phase.START,
    satisfaction=4,
    nps=9,
    benefits=4,
    objectives=4,
    text="",
    submit=True,
    now=None,
):
    """Answer the default questionnaire of `phase` as the pair's mentee or mentor."""
    questionnaire = survey(pair.programme, phase, audience)
    user = pair.mentee if audience == Audience.MENTEE else pair.mentor
    values = {}
    for question in questionnaire.questions.all():
        if question.indicator == Indicator.SATISFACTION:
            values[question.pk] = satisfaction
        elif question.indicator == Indicator.NPS:
            values[question.pk] = nps
        elif question.indicator == Indicator.OBJECTIVES:
            values[question.pk] = objectives
        elif question.kind == QuestionKind.LIKERT:
            values[question.pk] = benefits
        elif question.kind == QuestionKind.SINGLE:
            values[question.pk] = question.choices[0]
        elif question.kind == QuestionKind.MULTIPLE:
            values[question.pk] = question.choices[:2]
        elif question.kind == QuestionKind.TEXT:
            values[question.pk] = text
    when = now or (START_ANSWERED_AT if phase != Phase.END else END_ANSWERED_AT)
    return services.response_save(survey=questionnaire, user=user, answers=values, submit=submit, now=when)
