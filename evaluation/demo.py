"""Demo data of the evaluation, following the 2026-2027 calendar.

`evaluation_demo_load(programme)`: the start questionnaires (open from 16 October to 30 November
2026) answered by most members of the pairs that have started, between their charter signature and
20 November 2026, a few drafts still in progress. The mid-programme and end questionnaires open in
2027: they have no answer, and the pages say so. Answers go through the real service; a person who
already has a response is left alone, so a second run writes nothing. Each person's answers come
from `random.Random` seeded with their email: the same on every database.

`simulation_apply(programme)` projects the programme to its end (sessions, completions, early
endings, final self-assessments, mid and end answers). It is only ever run inside a transaction that
is rolled back (`evaluation_report --simulation`), to see a full report before the real data exists.
"""

import datetime
import random
from zoneinfo import ZoneInfo

from django.db import transaction

from mentorat.core.emails import emails_suppressed
from sessions_binome.enums import PairStatus, SessionStatus
from sessions_binome.models import MentoringSession, Pair, PairObjective

from . import services
from .enums import BENEFITS, Audience, Indicator, Phase, QuestionKind
from .models import Response, Survey
from .selectors import questions_of, survey_participants

PARIS = ZoneInfo("Europe/Paris")
START_ANSWERS_UNTIL = datetime.datetime(2026, 11, 20, 18, 0, tzinfo=PARIS)
ANSWER_RATE = {Audience.MENTEE: 0.85, Audience.MENTOR: 0.8}
DRAFT_RATE = 0.07

FREE_TEXTS = {
    (Phase.START, Audience.MENTEE): [
        "Avoir un premier échange rapidement pour fixer nos priorités.",
        "Un modèle de préparation de séance m'aiderait à structurer nos échanges.",
        "Pouvoir caler les séances sur des créneaux fixes, hors périodes de forte activité.",
        "Que mon responsable soit informé du temps que j'y consacre.",
    ],
    (Phase.START, Audience.MENTOR): [
        "Un temps d'échange entre mentors après les premières séances.",
        "Des exemples de questions pour la première séance.",
        "Savoir à qui m'adresser si le binôme rencontre une difficulté.",
    ],
    (Phase.MID, Audience.MENTEE): ["Espacer un peu moins les séances.", "Rien à ajuster, cela se passe très bien."],
    (Phase.MID, Audience.MENTOR): ["Un point d'étape entre mentors serait utile.", "Rien pour l'instant."],
    (Phase.END, Audience.MENTEE): [
        "Un regard extérieur bienveillant qui m'a aidé à prendre ma place de manager.",
        "J'ai gagné en confiance et je connais mieux le fonctionnement des autres branches.",
        "Prévoir une rencontre de tous les binômes à mi-parcours.",
    ],
    (Phase.END, Audience.MENTOR): [
        "J'ai appris autant que j'ai transmis.",
        "Valoriser davantage l'engagement des mentors auprès de leur hiérarchie.",
        "Une formation plus longue sur l'écoute active.",
    ],
}


def _mood(rng):
    roll = rng.random()
    return "good" if roll < 0.7 else ("mixed" if roll < 0.92 else "poor")


LIKERT = {"good": [4, 5, 5, 4, 5, 4], "mixed": [3, 4, 3, 2, 4, 3], "poor": [2, 3, 2, 1, 3]}
NPS = {"good": [9, 10, 9, 10, 8, 9], "mixed": [7, 8, 6, 7, 8], "poor": [3, 5, 6, 4]}
# What matters most to whom: a point more, or less, on some benefits.
LEANING = {
    ("P1", Audience.MENTEE): {Indicator.EFFECTIVENESS: 1, Indicator.WELLBEING: 1, Indicator.COOPERATION: -1},
    ("P2", Audience.MENTEE): {Indicator.COHESION: 1, Indicator.COOPERATION: 1},
    ("P1", Audience.MENTOR): {Indicator.RECOGNITION: 1, Indicator.COOPERATION: 1, Indicator.EFFECTIVENESS: -1},
    ("P2", Audience.MENTOR): {Indicator.RECOGNITION: 1, Indicator.COHESION: 1, Indicator.WELLBEING: -1},
}


def _answers(survey, questions, rng, track_code):
    mood = _mood(rng)
    leaning = LEANING.get((track_code, survey.audience), {})
    answers = {}
    for question in questions:
        if question.kind == QuestionKind.LIKERT:
            value = rng.choice(LIKERT[mood]) + leaning.get(question.indicator, 0)
            if question.indicator in BENEFITS and survey.phase == Phase.START:
                value += 0 if rng.random() < 0.6 else 1  # expectations run high at the start
            answers[question.pk] = max(1, min(5, value))
        elif question.kind == QuestionKind.NPS:
            answers[question.pk] = rng.choice(NPS[mood])
        elif question.kind == QuestionKind.SINGLE:
            weights = [1] * len(question.choices)
            weights[min(1, len(weights) - 1) if "rythme" in question.text else 0] = 6
            answers[question.pk] = rng.choices(question.choices, weights=weights)[0]
        elif question.kind == QuestionKind.MULTIPLE:
            answers[question.pk] = rng.sample(question.choices, rng.randint(1, 3))
        elif rng.random() < 0.45:
            answers[question.pk] = rng.choice(FREE_TEXTS.get((survey.phase, survey.audience), [""]))
    return answers


def _answer_all(survey, *, when, rate=None, draft_rate=DRAFT_RATE):
    """Answer `survey` for its participants who have no response yet; `when(pair, rng)` gives the
    moment. Returns (sent, drafts)."""
    questions = questions_of(survey)
    if not questions:
        return 0, 0
    rate = ANSWER_RATE[survey.audience] if rate is None else rate
    answered = set(Response.objects.filter(survey=survey).values_list("respondent_id", flat=True))
    member = "mentee" if survey.audience == Audience.MENTEE else "mentor"
    sent = drafts = 0
    for person in survey_participants(survey).exclude(pk__in=answered).order_by("email"):
        rng = random.Random(f"{survey.programme.slug}:{survey.phase}:{survey.audience}:{person.email}")
        roll = rng.random()
        if roll >= rate + draft_rate:
            continue
        pair = (
            Pair.objects.filter(programme=survey.programme, **{member: person})
            .exclude(activated_at=None)
            .select_related("track")
            .order_by("-created_at")
            .first()
        )
        if pair is None:
            continue
        answers = _answers(survey, questions, rng, pair.track.code)
        submit = roll < rate
        if not submit:  # a draft: the first half of the questions
            answers = dict(list(answers.items())[: len(answers) // 2])
        services.response_save(survey=survey, user=person, answers=answers, submit=submit, now=when(pair, rng))
        sent, drafts = sent + submit, drafts + (not submit)
    return sent, drafts


def _start_moment(survey):
    def when(pair, rng):
        earliest = max(survey.opens_at, pair.activated_at) + datetime.timedelta(hours=2)
        latest = min(START_ANSWERS_UNTIL, survey.closes_at - datetime.timedelta(hours=1))
        if latest <= earliest:
            return earliest
        days = (latest - earliest).days
        day = (earliest + datetime.timedelta(days=int(days * rng.random() ** 1.6))).astimezone(
            PARIS
        )  # most answer early
        moment = day.replace(hour=rng.randint(8, 18), minute=rng.randint(0, 59), second=0, microsecond=0)  # at work
        return min(max(moment, earliest), latest)

    return when


@transaction.atomic
def evaluation_demo_load(programme):
    """Answers to the start questionnaires; returns {audience: (sent, drafts)}."""
    result = {}
    with emails_suppressed():
        for survey in Survey.objects.filter(programme=programme, phase=Phase.START).order_by("audience"):
            result[survey.audience] = _answer_all(survey, when=_start_moment(survey))
    return result


# --- simulation (never committed) ------------------------------------------------------------------


def _at(year, month, day, hour=10):
    return datetime.datetime(year, month, day, hour, tzinfo=PARIS)


def simulation_apply(programme):
    """Project the programme to June 2027. Call inside a transaction that is rolled back."""
    rng = random.Random(f"simulation:{programme.slug}")
    with emails_suppressed():
        for survey in Survey.objects.filter(programme=programme, phase=Phase.START):
            _answer_all(survey, when=_start_moment(survey), rate=0.9, draft_rate=0)
        pairs = list(
            Pair.objects.filter(programme=programme, status=PairStatus.ACTIVE).select_related("frame").order_by("pk")
        )
        mid = Survey.objects.filter(programme=programme, phase=Phase.MID)
        for survey in mid:
            _answer_all(
                survey,
                when=lambda pair, r, s=survey: s.opens_at + datetime.timedelta(days=r.randint(1, 20)),
                rate=0.75,
                draft_rate=0,
            )
        for index, pair in enumerate(pairs):
            held = pair.sessions.filter(status=SessionStatus.HELD).count()
            pair.sessions.filter(status=SessionStatus.PLANNED).delete()
            early = index % 9 == 4
            goal = rng.choice([3, 4]) if early else rng.choice([5, 6, 6, 7, 7, 7, 8, 8, 9])
            day = _at(2026, 12, 3, 9 + index % 7)
            for number in range(max(0, goal - held)):
                MentoringSession.objects.create(
                    pair=pair,
                    starts_at=day + datetime.timedelta(days=21 * number),
                    status=SessionStatus.HELD,
                    actual_duration_minutes=rng.choice([45, 55, 60, 60, 60, 70, 75]),
                    scheduled_by=pair.mentee,
                    logged_by=pair.mentor,
                )
            if early:
                Pair.objects.filter(pk=pair.pk).update(
                    status=PairStatus.ENDED, ended_at=_at(2027, 2, 10), ended_by=pair.mentee
                )
            else:
                Pair.objects.filter(pk=pair.pk).update(status=PairStatus.COMPLETED, ended_at=_at(2027, 5, 16, 4))
        closed = PairObjective.objects.filter(
            pair__programme=programme, pair__status__in=[PairStatus.COMPLETED, PairStatus.ENDED]
        )
        for objective in closed.filter(final_assessment=None):
            objective.final_assessment = min(5, objective.start_assessment + rng.choice([0, 1, 1, 2, 2, 2, 3]))
            # the mid-term check-in of February, on the way
            if objective.mid_assessment is None:
                objective.mid_assessment = (objective.start_assessment + objective.final_assessment + 1) // 2
                objective.mid_assessed_at = _at(2027, 2, 5)
            objective.save(update_fields=["final_assessment", "mid_assessment", "mid_assessed_at"])
        for survey in Survey.objects.filter(programme=programme, phase=Phase.END):
            _answer_all(
                survey,
                when=lambda pair, r, s=survey: s.opens_at + datetime.timedelta(days=r.randint(2, 30)),
                rate=0.8,
                draft_rate=0,
            )
    return _at(2027, 7, 1, 12)  # the day after the end questionnaires close
