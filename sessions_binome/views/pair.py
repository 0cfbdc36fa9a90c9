"""The pair's page: what the two members share — frame, sessions, progress, what to do now."""

from django.shortcuts import redirect, render
from django.utils import timezone

from ..enums import NoteKind, PairStatus, SessionStatus
from ..perms import get_pair_for_member
from ..selectors import notes_by_session, pair_progress, pairs_of_member, sessions_of_pair


def my_pairs(request):
    """The person's pairs: straight to the pair's page when there is only one."""
    pairs = list(pairs_of_member(request.user))
    open_pairs = [pair for pair in pairs if pair.is_open]
    if len(open_pairs) == 1:
        return redirect("sessions_binome:pair_detail", open_pairs[0].pk)
    return render(request, "sessions_binome/my_pairs.html", {"pairs": pairs})


def pair_detail(request, pk):
    pair = get_pair_for_member(request.user, pk)
    sessions = list(sessions_of_pair(pair))
    now = timezone.now()
    progress = pair_progress(pair, sessions, now=now)
    notes = notes_by_session(request.user, sessions)
    is_mentor = request.user.pk == pair.mentor_id
    for session in sessions:
        session.is_past = session.starts_at <= now
        session.can_log = is_mentor and session.is_past and session.status != SessionStatus.CANCELLED
        if is_mentor:
            session.my_notes = [notes.get((session.pk, NoteKind.MENTOR_PRIVATE))]
        else:
            session.my_notes = [
                notes.get((session.pk, NoteKind.MENTEE_PREPARATION)),
                notes.get((session.pk, NoteKind.MENTEE_REFLECTION)),
            ]
    return render(
        request,
        "sessions_binome/pair_detail.html",
        {
            "pair": pair,
            "sessions": sessions,
            "progress": progress,
            "is_mentor": is_mentor,
            "other": pair.mentee if is_mentor else pair.mentor,
            "statuses": SessionStatus,
            "pair_statuses": PairStatus,
            "note_kinds": NoteKind,
        },
    )
