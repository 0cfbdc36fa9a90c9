"""The pair's page: what the two members share — frame, sessions, progress, what to do now."""

from django.shortcuts import redirect, render
from django.utils import timezone

from ..closing.services import closing_open
from ..enums import NoteKind, PairStatus, SessionStatus
from ..health.selectors import mark_ratings
from ..health.services import fit_check_of, fit_check_open
from ..messaging.selectors import unread_count
from ..models import Pair
from ..objectives.selectors import mid_assessment_due, mid_assessment_open, progress_rows
from ..perms import get_pair_for_member
from ..selectors import pair_progress, pairs_of_member
from ..selectors_frame import frame_summary
from ..sessions.selectors import notes_by_session, sessions_of_pair, timeline


def my_pairs(request):
    """The person's pairs: straight to the pair's page when there is only one."""
    pairs = list(pairs_of_member(request.user))
    open_pairs = [pair for pair in pairs if pair.is_open]
    if len(open_pairs) == 1:
        return redirect("sessions_binome:pair_detail", open_pairs[0].pk)
    return render(request, "sessions_binome/my_pairs.html", {"pairs": pairs})


def pair_detail(request, pk):
    pair = get_pair_for_member(request.user, pk)
    # Frame, objectives and signatures read once, for the summary, the objectives table and the
    # progress (which reads `pair.frame`).
    summary = frame_summary(pair, request.user)
    Pair.frame.related.set_cached_value(pair, summary.frame)
    sessions = list(sessions_of_pair(pair))
    now = timezone.now()
    progress = pair_progress(pair, sessions, now=now)
    is_mentor = request.user.pk == pair.mentor_id
    timeline(
        sessions, notes=notes_by_session(request.user, sessions), is_mentor=is_mentor, now=now, pair_open=pair.is_open
    )
    mark_ratings(sessions, request.user)
    fit_open = fit_check_open(pair, progress["held"])
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
            "summary": summary,
            "objectives": summary.objectives,
            "progress_rows": progress_rows(summary.objectives),
            "mid_assessment_open": mid_assessment_open(pair, today=timezone.localdate(now)),
            "mid_assessment_due": mid_assessment_due(pair, summary.objectives, today=timezone.localdate(now)),
            "closing_open": closing_open(pair),
            "unread_messages": unread_count(pair, request.user),
            "fit_check_open": fit_open,
            "my_fit_check": fit_check_of(pair, request.user) if fit_open else None,
        },
    )


def final_assessment(request, pk):
    """The final assessment of the objectives is made in the closing step now: the address of the
    earlier page leads there."""
    pair = get_pair_for_member(request.user, pk)
    return redirect("sessions_binome:pair_closing", pair.pk)
