"""Demo fit checks and ratings: in the first active pair that has held sessions both members say the
pair suits them and rate their first session; in the second the mentee would like to talk about it
and found the last session of little use (the engineer sees « Point à faire »); in the third the
mentor wishes to change (« À risque », and the engineers' alert at the next reminders' scan). The
other pairs have not answered yet: the walkthrough answers for them. Past dates of the 2026-2027
calendar. Idempotent: a programme whose pairs already answered is left as it is."""

import datetime

from django.db import transaction

from ..enums import PairStatus, SessionStatus
from ..models import FitAnswer, FitCheck, MentoringSession, Pair, SessionRating

AFTER = datetime.timedelta(days=1)


def _held(pair):
    return list(MentoringSession.objects.filter(pair=pair, status=SessionStatus.HELD).order_by("starts_at"))


def _answer(pair, person, answer, held):
    FitCheck.objects.create(pair=pair, user=person, answer=answer, answered_at=held[0].starts_at + AFTER)


def _rate(session, person, score, comment=""):
    SessionRating.objects.create(
        session=session, author=person, score=score, comment=comment, rated_at=session.starts_at + AFTER
    )


@transaction.atomic
def health_demo_load(programme):
    """Returns the number of fit checks written."""
    if FitCheck.objects.filter(pair__programme=programme).exists():
        return 0
    pairs = Pair.objects.filter(programme=programme, status=PairStatus.ACTIVE).select_related("mentee", "mentor")
    with_held = [(pair, held) for pair in pairs.order_by("pk") if (held := _held(pair))]
    written = 0
    if len(with_held) > 0:
        pair, held = with_held[0]
        _answer(pair, pair.mentee, FitAnswer.YES, held)
        _answer(pair, pair.mentor, FitAnswer.YES, held)
        _rate(held[0], pair.mentee, 4, "J'ai enfin osé parler de ma difficulté à recadrer un ancien collègue.")
        _rate(held[0], pair.mentor, 3)
        written += 2
    if len(with_held) > 1:
        pair, held = with_held[1]
        _answer(pair, pair.mentee, FitAnswer.TALK, held)
        _rate(held[-1], pair.mentee, 2, "Séance un peu dispersée, nous avons peu parlé de mes objectifs.")
        written += 1
    if len(with_held) > 2:
        pair, held = with_held[2]
        _answer(pair, pair.mentor, FitAnswer.CHANGE, held)
        written += 1
    return written
