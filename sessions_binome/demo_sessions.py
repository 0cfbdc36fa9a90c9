"""Demo sessions: active pairs with past logged sessions and a planned one, one inactive pair.

Follows the 2026-2027 calendar (pairs active from mid-October 2026). Idempotent: a pair that
already has sessions is left as it is.
"""

import datetime
import random
from zoneinfo import ZoneInfo

from django.db import transaction

from mentorat.core.models import Theme

from .enums import NoteKind, PairStatus, SessionStatus
from .models import CharterSignature, MentoringSession, Pair, SessionNote

PARIS = ZoneInfo("Europe/Paris")
SHARED_NOTES = [
    "Tour d'horizon de la prise de poste ; point sur les premiers entretiens individuels. "
    "Action : lister trois situations à débriefer la prochaine fois.",
    "Travail sur la posture face à une équipe d'anciens collègues. Action : préparer la réunion de service du mois.",
    "Retour sur la réunion de service : ce qui a bien marché, ce qui a coincé. Action : tester l'ordre du jour partagé.",
    "Échange sur l'organisation des priorités et la délégation. Action : tenir un journal de bord pendant deux semaines.",
]
AGENDAS = [
    "Faire connaissance, objectifs, fonctionnement du binôme.",
    "Les premiers entretiens individuels.",
    "Animer une réunion d'équipe.",
    "Prioriser et déléguer.",
]
HELD_DATES = [(2026, 10, 22), (2026, 11, 5), (2026, 11, 19)]
PLANNED_DATES = [(2026, 12, 3), (2026, 12, 17)]
INACTIVE_ACTIVATED = datetime.datetime(2026, 10, 1, 17, 0, tzinfo=PARIS)


def _at(day, hour):
    return datetime.datetime(*day, hour, 0, tzinfo=PARIS)


@transaction.atomic
def sessions_demo_load(programme):
    rng = random.Random(2027)
    themes = list(Theme.objects.order_by("position"))
    active = list(
        Pair.objects.filter(programme=programme, status=PairStatus.ACTIVE, sessions__isnull=True)
        .select_related("mentee", "mentor")
        .order_by("pk")
    )
    created = 0
    for index, pair in enumerate(active):
        if index == len(active) - 1 and len(active) > 2:
            # An inactive pair: signed early October, one session just after, nothing since.
            Pair.objects.filter(pk=pair.pk).update(activated_at=INACTIVE_ACTIVATED)
            CharterSignature.objects.filter(pair=pair).update(
                signed_at=INACTIVE_ACTIVATED - datetime.timedelta(hours=2)
            )
            _held(pair, _at((2026, 10, 2), 14), 0, themes, rng)
            created += 1
            continue
        hour = 9 + index % 7
        held_dates = HELD_DATES[: 1 + index % 3]
        for number, day in enumerate(held_dates):
            _held(pair, _at(day, hour), number, themes, rng)
            created += 1
        for day in PLANNED_DATES[: 1 + index % 2]:
            MentoringSession.objects.create(
                pair=pair,
                starts_at=_at(day, hour),
                video_link="https://visio.securite-sociale.example/mentorat-" + str(pair.pk),
                agenda=AGENDAS[min(len(held_dates), len(AGENDAS) - 1)],
                scheduled_by=pair.mentee,
            )
            created += 1
    return created


def _held(pair, when, number, themes, rng):
    session = MentoringSession.objects.create(
        pair=pair,
        starts_at=when,
        duration_minutes=60,
        video_link="https://visio.securite-sociale.example/mentorat-" + str(pair.pk),
        agenda=AGENDAS[number % len(AGENDAS)],
        status=SessionStatus.HELD,
        actual_duration_minutes=rng.choice([45, 55, 60, 60, 70]),
        shared_notes=SHARED_NOTES[number % len(SHARED_NOTES)],
        scheduled_by=pair.mentee,
        logged_by=pair.mentor,
        logged_at=when + datetime.timedelta(hours=3),
    )
    session.themes.set(rng.sample(themes, 2))
    SessionNote.objects.create(
        session=session,
        author=pair.mentor,
        kind=NoteKind.MENTOR_PRIVATE,
        text="Bonne dynamique ; rester sur les questions ouvertes.",
    )
    SessionNote.objects.create(
        session=session,
        author=pair.mentee,
        kind=NoteKind.MENTEE_REFLECTION,
        text="Je repars avec des pistes concrètes.",
    )
    return session
