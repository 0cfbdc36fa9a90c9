"""Writes about sessions: schedule, reschedule, cancel, log, personal notes, calendar feeds.

Both members are emailed the calendar invitation (or cancellation) at each change, whoever made it:
the platform organises the meeting and both attend it (see ics.py). Agenda and notes are
confidential: they appear in no email and no invitation.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mentorat.core.emails import send_templated_email

from .. import ics
from ..enums import OPEN_PAIR_STATUSES, NoteKind, SessionStatus
from ..models import CalendarFeed, MentoringSession, Pair, SessionNote
from ..models.feed import new_feed_token

SESSION_FIELDS = ["starts_at", "duration_minutes", "video_link", "agenda"]


def check_video_link(link):
    """The session's video link is https (the form asks the same, to show it with the other errors)."""
    if link and not link.lower().startswith("https://"):
        raise ValidationError({"video_link": _("Le lien de visioconférence doit commencer par https://.")})


def check_upcoming(starts_at, now=None):
    """A session is planned or moved to a date to come (the form asks the same)."""
    if starts_at <= (now or timezone.now()):
        raise ValidationError({"starts_at": _("Choisissez une date à venir.")})


def _check_open(pair):
    if pair.status not in OPEN_PAIR_STATUSES:
        raise ValidationError(_("Ce binôme est terminé : il n'est plus possible de planifier de séance."))


def _notify(session, *, by, template, cancel=False):
    pair = session.pair
    calendar = ics.invitation_email(session, cancel=cancel)
    for person in (pair.mentee, pair.mentor):
        send_templated_email(
            template,
            to=person.email,
            context={"person": person, "by": by, "session": session, "pair": pair},
            calendar=calendar,
        )


@transaction.atomic
def session_schedule(*, pair, by, starts_at, duration_minutes=60, video_link="", agenda="", now=None):
    """Either member plans a session; both receive the invitation (METHOD:REQUEST)."""
    now = now or timezone.now()
    pair = Pair.objects.select_for_update(of=("self",)).select_related("mentee", "mentor").get(pk=pair.pk)
    _check_open(pair)
    check_upcoming(starts_at, now)
    check_video_link(video_link)
    session = MentoringSession(
        pair=pair,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        video_link=video_link,
        agenda=agenda,
        scheduled_by=by,
    )
    session.full_clean(exclude=["themes"])
    session.save()
    _notify(session, by=by, template="session_planned")
    return session


def _locked_session(session):
    session = (
        MentoringSession.objects.select_for_update(of=("self",))
        .select_related("pair__mentee", "pair__mentor", "scheduled_by")
        .get(pk=session.pk)
    )
    return session


@transaction.atomic
def session_reschedule(*, session, by, starts_at, duration_minutes, video_link="", agenda="", now=None):
    now = now or timezone.now()
    session = _locked_session(session)
    if session.status != SessionStatus.PLANNED:
        raise ValidationError(_("Seule une séance prévue peut être déplacée."))
    _check_open(session.pair)
    check_upcoming(starts_at, now)
    check_video_link(video_link)
    moved = (
        starts_at != session.starts_at
        or duration_minutes != session.duration_minutes
        or video_link != session.video_link
    )
    session.starts_at = starts_at
    session.duration_minutes = duration_minutes
    session.video_link = video_link
    session.agenda = agenda
    if moved:
        session.sequence += 1
    session.full_clean(exclude=["themes"])
    session.save()
    if moved:
        _notify(session, by=by, template="session_rescheduled")
    return session


@transaction.atomic
def session_cancel(*, session, by, now=None):
    session = _locked_session(session)
    if session.status != SessionStatus.PLANNED:
        raise ValidationError(_("Seule une séance prévue peut être annulée."))
    session.status = SessionStatus.CANCELLED
    session.cancelled_at = now or timezone.now()
    session.sequence += 1
    session.save(update_fields=["status", "cancelled_at", "sequence", "updated_at"])
    _notify(session, by=by, template="session_cancelled", cancel=True)
    return session


@transaction.atomic
def session_log(
    *, session, by, status, actual_duration_minutes=None, themes=(), shared_notes="", private_notes=None, now=None
):
    """The mentor records what happened. A session in the future cannot be logged as held."""
    now = now or timezone.now()
    session = _locked_session(session)
    if by.pk != session.pair.mentor_id:
        raise ValidationError(_("Seul le mentor consigne le déroulement d'une séance."))
    if status not in (SessionStatus.HELD, SessionStatus.CANCELLED, SessionStatus.MISSED):
        raise ValidationError({"status": _("Choisissez : tenue, annulée ou manquée.")})
    if status == SessionStatus.HELD:
        if session.starts_at > now:
            raise ValidationError({"status": _("Une séance à venir ne peut pas être déclarée tenue.")})
        if not actual_duration_minutes:
            raise ValidationError({"actual_duration_minutes": _("Indiquez la durée réelle de la séance.")})
    session.status = status
    session.actual_duration_minutes = actual_duration_minutes if status == SessionStatus.HELD else None
    session.shared_notes = shared_notes or ""
    session.logged_by = by
    session.logged_at = now
    session.full_clean(exclude=["themes"])
    session.save()
    session.themes.set(themes if status == SessionStatus.HELD else [])
    if private_notes is not None:
        note_save(session=session, author=by, kind=NoteKind.MENTOR_PRIVATE, text=private_notes)
    return session


_NOTE_AUTHORS = {
    NoteKind.MENTOR_PRIVATE: "mentor_id",
    NoteKind.MENTEE_PREPARATION: "mentee_id",
    NoteKind.MENTEE_REFLECTION: "mentee_id",
}


@transaction.atomic
def note_save(*, session, author, kind, text):
    """A private note: the mentor's own notes, the mentee's preparation or reflections."""
    if getattr(session.pair, _NOTE_AUTHORS[kind]) != author.pk:
        raise ValidationError(_("Cette note ne peut être écrite que par son auteur."))
    note, _created = SessionNote.objects.update_or_create(
        session=session, author=author, kind=kind, defaults={"text": (text or "").strip()}
    )
    return note


def feed_for(user):
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


@transaction.atomic
def feed_regenerate(*, user):
    """A new private URL; the old one answers 404 at once."""
    feed = feed_for(user)
    feed.token = new_feed_token()
    feed.save(update_fields=["token"])
    return feed


def default_start(now=None):
    """Next working day at 10:00, Paris time: the form's suggestion."""
    now = timezone.localtime(now or timezone.now())
    day = now.date() + datetime.timedelta(days=1)
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))
