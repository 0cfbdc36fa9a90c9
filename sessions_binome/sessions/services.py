"""Writes about sessions: schedule, reschedule (with the history of its dates), cancel (with an
optional word to the partner), log, note a session held without being planned here, the shared
agenda, personal notes, calendar feeds.

Both members are emailed the calendar invitation (or cancellation) at each change, whoever made it:
the platform organises the meeting and both attend it (see ics.py). Agenda and notes are
confidential: they appear in no email and no invitation.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mentorat.core.dates import long_date
from mentorat.core.emails import send_templated_email

from .. import ics
from ..enums import OPEN_PAIR_STATUSES, NoteKind, SessionStatus
from ..models import CalendarFeed, MentoringSession, Pair, SessionChange, SessionNote
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


def earliest_held_on(pair):
    """The first day a session may be noted after the fact: the day the pair was formed (or its
    activation, if recorded earlier). Not the activation itself: the first meetings, where the pair
    agrees its frame, come before the charter is signed; nor the programme's start, which pairs
    formed early may precede."""
    return timezone.localdate(min(pair.created_at, pair.activated_at or pair.created_at))


def check_held_on(pair, starts_at, now=None):
    """A session noted after the fact took place between the pair's forming and now (the form asks
    the same)."""
    if starts_at > (now or timezone.now()):
        raise ValidationError({"starts_at": _("Une séance déjà tenue a une date passée : choisissez une date passée.")})
    earliest = earliest_held_on(pair)
    if timezone.localdate(starts_at) < earliest:
        raise ValidationError(
            {
                "starts_at": _("La séance ne peut pas précéder la formation du binôme, le %(date)s.")
                % {"date": long_date(earliest)}
            }
        )


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
        agenda_updated_by=by if agenda else None,
        agenda_updated_at=now if agenda else None,
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
    """Either member moves or changes a planned session: a new date is kept in its history
    (SessionChange) and both receive the updated invitation, its SEQUENCE raised."""
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
    if starts_at != session.starts_at:
        SessionChange.objects.create(
            session=session, old_starts_at=session.starts_at, new_starts_at=starts_at, changed_by=by, changed_at=now
        )
    _set_agenda(session, agenda, by=by, now=now)
    session.starts_at = starts_at
    session.duration_minutes = duration_minutes
    session.video_link = video_link
    if moved:
        session.sequence += 1
    session.full_clean(exclude=["themes"])
    session.save()
    if moved:
        _notify(session, by=by, template="session_rescheduled")
    return session


def _set_agenda(session, agenda, *, by, now):
    agenda = (agenda or "").strip()
    if agenda != session.agenda:
        session.agenda = agenda
        session.agenda_updated_by = by
        session.agenda_updated_at = now


@transaction.atomic
def session_agenda_save(*, session, by, agenda, now=None):
    """Either member writes the shared agenda of a planned session, until it starts. No e-mail: the
    agenda is confidential, and the partner reads it on the pair's page."""
    now = now or timezone.now()
    session = _locked_session(session)
    if session.status != SessionStatus.PLANNED or session.starts_at <= now:
        raise ValidationError(_("L'ordre du jour se prépare avant la séance."))
    _set_agenda(session, agenda, by=by, now=now)
    session.full_clean(exclude=["themes"])
    session.save(update_fields=["agenda", "agenda_updated_by", "agenda_updated_at", "updated_at"])
    return session


def _set_shared_notes(session, shared_notes, *, by, now):
    shared_notes = (shared_notes or "").strip()
    if shared_notes != session.shared_notes:
        session.shared_notes = shared_notes
        session.shared_notes_updated_by = by
        session.shared_notes_updated_at = now


@transaction.atomic
def session_shared_notes_save(*, session, by, shared_notes, now=None):
    """Either member writes the shared notes of a held session of their open pair: the mentee adds
    what she took away, the mentor reads it on the pair's page (and the reverse). Encrypted like the
    rest of the session; no e-mail."""
    now = now or timezone.now()
    session = _locked_session(session)
    if by.pk not in (session.pair.mentee_id, session.pair.mentor_id):
        raise ValidationError(_("Seuls les membres du binôme écrivent ses notes partagées."))
    if session.status != SessionStatus.HELD:
        raise ValidationError(_("Les notes partagées se complètent après une séance tenue."))
    if session.pair.status not in OPEN_PAIR_STATUSES:
        raise ValidationError(_("Ce binôme est terminé : ses notes partagées ne se modifient plus."))
    _set_shared_notes(session, shared_notes, by=by, now=now)
    session.full_clean(exclude=["themes"])
    session.save(update_fields=["shared_notes", "shared_notes_updated_by", "shared_notes_updated_at", "updated_at"])
    return session


@transaction.atomic
def session_cancel(*, session, by, message="", now=None):
    """Either member cancels a planned session, after a confirmation step; both receive the calendar
    CANCEL and the optional `message`, which is kept (encrypted) on the session."""
    session = _locked_session(session)
    if session.status != SessionStatus.PLANNED:
        raise ValidationError(_("Seule une séance prévue peut être annulée."))
    session.status = SessionStatus.CANCELLED
    session.cancelled_at = now or timezone.now()
    session.cancelled_by = by
    session.cancel_message = (message or "").strip()
    session.sequence += 1
    session.full_clean(exclude=["themes"])
    session.save(update_fields=["status", "cancelled_at", "cancelled_by", "cancel_message", "sequence", "updated_at"])
    _notify(session, by=by, template="session_cancelled", cancel=True)
    return session


@transaction.atomic
def session_note_held(
    *, pair, by, starts_at, actual_duration_minutes, themes=(), shared_notes="", private_notes=None, now=None
):
    """Either member notes a session held without being planned here first: it is created held, with
    no invitation; the partner is told by a short e-mail. Private notes are the mentor's only."""
    now = now or timezone.now()
    pair = Pair.objects.select_for_update(of=("self",)).select_related("mentee", "mentor").get(pk=pair.pk)
    if by.pk not in (pair.mentee_id, pair.mentor_id):
        raise ValidationError(_("Seuls les membres du binôme notent ses séances."))
    _check_open(pair)
    check_held_on(pair, starts_at, now)
    if not actual_duration_minutes:
        raise ValidationError({"actual_duration_minutes": _("Indiquez la durée réelle de la séance.")})
    session = MentoringSession(
        pair=pair,
        starts_at=starts_at,
        duration_minutes=min(max(actual_duration_minutes, 15), 240),
        status=SessionStatus.HELD,
        actual_duration_minutes=actual_duration_minutes,
        scheduled_by=by,
        logged_by=by,
        logged_at=now,
        noted_after=True,
    )
    _set_shared_notes(session, shared_notes, by=by, now=now)
    session.full_clean(exclude=["themes"])
    session.save()
    session.themes.set(themes)
    if private_notes and by.pk == pair.mentor_id:
        note_save(session=session, author=by, kind=NoteKind.MENTOR_PRIVATE, text=private_notes)
    partner = pair.mentor if by.pk == pair.mentee_id else pair.mentee
    send_templated_email(
        "session_noted",
        to=partner.email,
        context={"person": partner, "by": by, "session": session, "pair": pair},
    )
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
    _set_shared_notes(session, shared_notes, by=by, now=now)
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
