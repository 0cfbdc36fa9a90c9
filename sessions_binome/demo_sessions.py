"""Demo sessions: active pairs with past logged sessions and a planned one, one inactive pair. The
first pair also noted a session held without planning (a lunch, noted by the mentee the day after)
and moved its next session once.

Follows the 2026-2027 calendar (pairs active from mid-October 2026). Idempotent: a pair that
already has sessions is left as it is.
"""

import datetime
import random
from zoneinfo import ZoneInfo

from django.db import transaction

from mentorat.core.models import Theme

from .enums import NoteKind, PairStatus, SessionStatus
from .models import CharterSignature, MentoringSession, Pair, SessionChange, SessionNote

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
NOTED_AFTER = (2026, 11, 12)


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
        planned = []
        for day in PLANNED_DATES[: 1 + index % 2]:
            planned.append(
                MentoringSession.objects.create(
                    pair=pair,
                    starts_at=_at(day, hour),
                    video_link="https://visio.securite-sociale.example/mentorat-" + str(pair.pk),
                    agenda=AGENDAS[min(len(held_dates), len(AGENDAS) - 1)],
                    scheduled_by=pair.mentee,
                )
            )
            created += 1
        if index == 0:
            _noted_after(pair, themes, rng)
            _moved(planned[0])
            created += 1
    return created


def _noted_after(pair, themes, rng):
    """A lunch that turned into a session, noted by the mentee the day after (no invitation)."""
    when = _at(NOTED_AFTER, 12).replace(minute=30)
    session = MentoringSession.objects.create(
        pair=pair,
        starts_at=when,
        duration_minutes=45,
        status=SessionStatus.HELD,
        actual_duration_minutes=45,
        shared_notes="Déjeuner imprévu au restaurant d'entreprise : la préparation du comité de direction.",
        scheduled_by=pair.mentee,
        logged_by=pair.mentee,
        logged_at=when + datetime.timedelta(days=1),
        noted_after=True,
    )
    session.themes.set(rng.sample(themes, 1))
    return session


def _moved(session):
    """Planned a day earlier at first, moved by the mentor: its calendar SEQUENCE was raised."""
    old = session.starts_at - datetime.timedelta(days=1)
    SessionChange.objects.create(
        session=session,
        old_starts_at=old,
        new_starts_at=session.starts_at,
        changed_by=session.pair.mentor,
        changed_at=old - datetime.timedelta(days=10),
    )
    MentoringSession.objects.filter(pk=session.pk).update(sequence=1)


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
