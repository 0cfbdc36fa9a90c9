"""Demo data for the frame and the charter: the pairs made by matching/demo.py at every stage.

Follows the 2026-2027 calendar: frames written in early October, charters signed by mid-October
(the pairs become active then), one short pair completed in November with its certificate and
the mentee's mid-term check-in on her objectives (its middle was 29 October). Runs
through the real services with emails suppressed. A pair that already has a frame, or is no longer
in the frame stage, is left as it is: a second run writes nothing. The people of the README's
walkthrough keep everything to do.
"""

import datetime
import itertools
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db import transaction

from matching.demo import UNTOUCHED_EMAILS
from mentorat.core.emails import emails_suppressed

from . import services_frame as services
from .enums import PairStatus, SessionStatus
from .models import FrameRhythm, MentoringSession, Pair, PairFrame
from .objectives.services import objectives_mid_assess

PARIS = ZoneInfo("Europe/Paris")
DEMO_USER_AGENT = "Données de démonstration"

# The stage of each demo pair, by its rank among the pairs (pk order); the pairs after the list are active.
STAGES = [
    "empty",
    "objectives",
    "active",
    "commented",
    "active",
    "confirmed",
    "one_signature",
    "completed",
    "active",
    "objectives",
]

OBJECTIVES = {
    "P1": [
        "Trouver ma posture de manager face à une équipe d'anciens collègues.",
        "Conduire mes premiers entretiens annuels avec assurance.",
        "Animer des réunions d'équipe qui donnent la parole à chacun.",
        "Apprendre à déléguer sans tout contrôler.",
        "Aborder un premier désaccord dans l'équipe au lieu de l'éviter.",
        "Organiser mes priorités entre la production et le management.",
    ],
    "P2": [
        "Comprendre les codes implicites de mon nouvel organisme.",
        "Monter en compétence sur les outils numériques de pilotage.",
        "Construire un projet de mobilité vers une autre branche.",
        "Développer mon réseau professionnel au-delà de mon service.",
        "Prendre la parole en réunion avec plus d'aisance.",
        "Mieux connaître les métiers et le fonctionnement de l'institution.",
    ],
}
COMMENTS = [
    "Cela me convient. Je propose de commencer par le deuxième objectif, qui me semble le plus urgent, "
    "et de garder une heure fixe le mardi matin.",
    "Je serai moins disponible en décembre : pouvons-nous prévoir deux séances en novembre ? "
    "Pour le premier objectif, on pourrait préciser ce que « réussir » voudra dire en mai.",
]
VIDEOS = ["Teams", "https://visio.demo.mentorat.fr/binome-{pk}", "Tixeo", "https://visio.demo.mentorat.fr/salle-{pk}"]


@dataclass
class FrameDemoResult:
    in_progress: int = 0
    one_signature: int = 0
    active: int = 0
    completed: int = 0


def _at(year, month, day, hour=10, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=PARIS)


def frame_demo_load(programme):
    result = FrameDemoResult()
    pairs = list(
        Pair.objects.filter(programme=programme)
        .exclude(status=PairStatus.ENDED)
        .exclude(mentee__email__in=UNTOUCHED_EMAILS)
        .exclude(mentor__email__in=UNTOUCHED_EMAILS)
        .select_related("programme", "track", "mentee", "mentor")
        .order_by("pk")
    )
    done = set(PairFrame.objects.filter(pair__in=pairs).values_list("pair_id", flat=True))
    with emails_suppressed():
        for index, pair in enumerate(_interleaved_by_track(pairs)):
            if pair.pk in done or pair.status != PairStatus.FRAME:
                continue
            stage = STAGES[index] if index < len(STAGES) else "active"
            _pair_demo(pair, index, stage, result)
    return result


def _interleaved_by_track(pairs):
    """P1, P2, P1, P2...: every stage shows up in both tracks."""
    by_track = {}
    for pair in pairs:
        by_track.setdefault(pair.track.code, []).append(pair)
    rows = list(itertools.zip_longest(*(by_track[code] for code in sorted(by_track))))
    return [pair for row in rows for pair in row if pair is not None]


@transaction.atomic
def _pair_demo(pair, index, stage, result):
    if stage == "empty":  # just created: nothing written yet
        result.in_progress += 1
        return
    completed = stage == "completed"
    day = 1 + index % 5  # frames written from 1 to 5 October
    pool = OBJECTIVES.get(pair.track.code, OBJECTIVES["P2"])
    count = 1 + index % 3
    objectives = [(pool[(index + k) % len(pool)], 1 + (index + k) % 3) for k in range(count)]
    frame = {
        "rhythm": FrameRhythm.EVERY_2_WEEKS
        if completed
        else [FrameRhythm.MONTHLY, FrameRhythm.EVERY_3_WEEKS][index % 2],
        "rhythm_other": "",
        "starts_on": pair.programme.starts_on,
        # The completed pair agreed on a short frame, ended before the demo's November.
        "ends_on": datetime.date(2026, 11, 13) if completed else pair.programme.ends_on,
        "video": VIDEOS[index % len(VIDEOS)].format(pk=pair.pk),
    }
    services.frame_save(pair=pair, by=pair.mentee, **frame, objectives=objectives)
    if stage == "objectives":
        result.in_progress += 1
        return
    if stage == "commented":
        services.frame_save(pair=pair, by=pair.mentor, **frame, mentor_comment=COMMENTS[index % len(COMMENTS)])
        services.frame_confirm(pair=pair, by=pair.mentee, now=_at(2026, 10, day + 2, 18))
        result.in_progress += 1
        return
    services.frame_confirm(pair=pair, by=pair.mentee, now=_at(2026, 10, day + 2, 9, 15))
    services.frame_confirm(pair=pair, by=pair.mentor, now=_at(2026, 10, day + 3, 14, 40))
    if stage == "confirmed":
        result.in_progress += 1
        return
    signed_on = 12 + index % 5  # mid-October: 12 to 16
    services.charter_sign(
        pair=pair, user=pair.mentee, user_agent=DEMO_USER_AGENT, now=_at(2026, 10, signed_on, 9, 5 + index % 50)
    )
    if stage == "one_signature":
        result.one_signature += 1
        return
    services.charter_sign(
        pair=pair, user=pair.mentor, user_agent=DEMO_USER_AGENT, now=_at(2026, 10, signed_on, 16, 20 + index % 30)
    )
    if not completed:
        result.active += 1
        return
    # Three sessions held, every two weeks, then the pair completes the day after its end date.
    for session_day in (16, 30, 44):
        starts_at = _at(2026, 10, 1, 14) + datetime.timedelta(days=session_day - 1)
        MentoringSession.objects.create(
            pair=pair,
            starts_at=starts_at,
            status=SessionStatus.HELD,
            actual_duration_minutes=60,
            scheduled_by=pair.mentee,
            logged_by=pair.mentor,
            logged_at=starts_at + datetime.timedelta(hours=2),
        )
    # The mentee takes stock of her objectives the day after the middle of the pair (29 October).
    objectives_mid_assess(
        pair=pair,
        by=pair.mentee,
        assessments={o.pk: min(5, o.start_assessment + 1 + o.position % 2) for o in pair.objectives.all()},
        now=_at(2026, 10, 30, 18, 10),
    )
    services.pair_complete(pair_id=pair.pk, now=_at(2026, 11, 14, 4, 30))
    result.completed += 1
