"""Reads about sessions: a pair's sessions, the person's own notes, the cards of the pair's page."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from mentorat.core.links import reverse_each

from ..enums import NoteKind, SessionStatus
from ..models import MentoringSession, SessionChange, SessionNote


def sessions_of_pair(pair):
    """The pair's sessions with their themes and the history of their dates (three queries)."""
    return (
        MentoringSession.objects.filter(pair=pair)
        .select_related("cancelled_by", "logged_by", "agenda_updated_by", "shared_notes_updated_by")
        .prefetch_related("themes", Prefetch("changes", queryset=SessionChange.objects.select_related("changed_by")))
        .order_by("starts_at")
    )


def notes_by_session(user, sessions):
    """{(session id, kind): note} of the person's own private notes — one query."""
    notes = SessionNote.objects.filter(session__in=sessions, author=user)
    return {(note.session_id, note.kind): note for note in notes}


def timeline(sessions, *, notes, is_mentor, now, pair_open=True):
    """Mark each session of the pair's page with what its card shows: the person's own notes, the
    actions open to them and their links, the status and themes as text — computed here once rather
    than by the template at each card (a pair has up to some twenty sessions)."""
    labels = {value: str(label) for value, label in SessionStatus.choices}
    keys = [session.pk for session in sessions]
    edit, cancel, log, agenda, shared = (
        reverse_each(f"sessions_binome:{name}", keys)
        for name in ("session_edit", "session_cancel", "session_log", "session_agenda", "session_shared_notes")
    )
    preparation = reverse_each("sessions_binome:session_note", keys, NoteKind.MENTEE_PREPARATION)
    reflection = reverse_each("sessions_binome:session_note", keys, NoteKind.MENTEE_REFLECTION)
    for session in sessions:
        session.is_past = session.starts_at <= now
        session.can_log = is_mentor and session.is_past and session.status != SessionStatus.CANCELLED
        session.can_change = session.status == SessionStatus.PLANNED and not session.is_past
        session.status_label = labels[session.status]
        session.theme_labels = ", ".join(theme.label for theme in session.themes.all())
        session.edit_url, session.cancel_url, session.log_url = edit[session.pk], cancel[session.pk], log[session.pk]
        session.agenda_url = agenda[session.pk] if session.can_change else None
        # The mentee completes the shared notes here; the mentor writes them with the log.
        session.shared_notes_url = (
            shared[session.pk] if not is_mentor and pair_open and session.status == SessionStatus.HELD else None
        )
        session.history = list(session.changes.all())
        if is_mentor:
            session.my_notes = [notes.get((session.pk, NoteKind.MENTOR_PRIVATE))]
            session.note_url = None
        else:
            session.my_notes = [
                notes.get((session.pk, NoteKind.MENTEE_PREPARATION)),
                notes.get((session.pk, NoteKind.MENTEE_REFLECTION)),
            ]
            session.note_url = (
                None
                if session.status == SessionStatus.CANCELLED
                else (reflection if session.is_past else preparation)[session.pk]
            )
            session.note_label = _("Mes réflexions") if session.is_past else _("Ma préparation")
