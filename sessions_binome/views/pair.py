"""The pair's page: what the two members share — frame, sessions, progress, what to do now."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from mentorat.core.links import reverse_each

from .. import services_sessions
from ..enums import NoteKind, PairStatus, SessionStatus
from ..forms_sessions import FinalAssessmentForm
from ..messaging.selectors import unread_count
from ..models import Pair, PairObjective
from ..perms import get_pair_for_member
from ..selectors import notes_by_session, pair_progress, pairs_of_member, sessions_of_pair
from ..selectors_frame import frame_summary


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
    _timeline(sessions, notes=notes_by_session(request.user, sessions), is_mentor=is_mentor, now=now)
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
            "final_assessment_open": services_sessions.final_assessment_open(pair),
            "unread_messages": unread_count(pair, request.user),
        },
    )


def _timeline(sessions, *, notes, is_mentor, now):
    """Mark each session of the pair's page with what its card shows: the person's own notes, the
    actions open to them and their links, the status and themes as text — computed here once rather
    than by the template at each card (a pair has up to some twenty sessions)."""
    labels = {value: str(label) for value, label in SessionStatus.choices}
    keys = [session.pk for session in sessions]
    edit, cancel, log = (
        reverse_each(f"sessions_binome:{name}", keys) for name in ("session_edit", "session_cancel", "session_log")
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


def final_assessment(request, pk):
    pair = get_pair_for_member(request.user, pk)
    if request.user.pk != pair.mentee_id or not services_sessions.final_assessment_open(pair):
        raise Http404
    objectives = list(PairObjective.objects.filter(pair=pair).order_by("position"))
    form = FinalAssessmentForm(request.POST if request.method == "POST" else None, objectives=objectives)
    if request.method == "POST" and form.is_valid():
        try:
            services_sessions.objectives_final_assess(pair=pair, by=request.user, assessments=form.assessments())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Votre bilan est enregistré. Merci !"))
            return redirect("sessions_binome:pair_detail", pair.pk)
    return render(request, "sessions_binome/final_assessment.html", {"pair": pair, "form": form})
