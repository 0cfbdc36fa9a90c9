"""The closing step of a pair and its archive: for its two members only; anyone else gets 404."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from mentorat.core.idempotency import idempotent_post

from ..enums import PairStatus, SessionStatus
from ..messaging.selectors import messages_of_pair
from ..objectives.selectors import progress_rows
from ..perms import get_pair_for_member
from ..selectors_frame import frame_summary
from ..sessions.selectors import notes_by_session, sessions_of_pair, timeline
from . import selectors, services
from .forms import ClosingForm


def _members(pair, user):
    is_mentor = user.pk == pair.mentor_id
    return is_mentor, (pair.mentee if is_mentor else pair.mentor)


@idempotent_post
def closing(request, pk):
    """A last look at the objectives (the mentee assesses each one), what the person takes away,
    the end questionnaire, then the archive."""
    pair = get_pair_for_member(request.user, pk)
    if not services.closing_open(pair):
        raise Http404
    is_mentor, other = _members(pair, request.user)
    summary = frame_summary(pair, request.user)
    objectives = summary.objectives
    takeaway = selectors.takeaway_of(pair, request.user)
    assessed = [] if is_mentor else objectives
    form = ClosingForm(request.POST if request.method == "POST" else None, objectives=assessed, takeaway=takeaway)
    if request.method == "POST" and form.is_valid():
        try:
            services.pair_closing_save(
                pair=pair,
                by=request.user,
                takeaway=form.cleaned_data["takeaway"],
                assessments=form.assessments() if assessed else None,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Votre bilan est enregistré. Merci !"))
            return redirect("sessions_binome:pair_closing", pair.pk)
    return render(
        request,
        "sessions_binome/closing/closing.html",
        {
            "pair": pair,
            "other": other,
            "is_mentor": is_mentor,
            "objectives": objectives,
            "progress_rows": progress_rows(objectives),
            "form": form,
            "takeaway": takeaway,
            "end_survey": selectors.end_survey_for(pair, request.user),
            "archived": not pair.is_open,
            "can_download_certificate": summary.can_download_certificate,
        },
    )


def archive(request, pk):
    """The read-only archive of an ended pair: frame and objectives, sessions with their shared
    notes (and the person's own private notes), the messages, the documents. Nothing is written here,
    not even the messages' read marks."""
    pair = get_pair_for_member(request.user, pk)
    if pair.is_open:
        return redirect("sessions_binome:pair_detail", pair.pk)
    is_mentor, other = _members(pair, request.user)
    summary = frame_summary(pair, request.user)
    sessions = list(sessions_of_pair(pair))
    timeline(sessions, notes=notes_by_session(request.user, sessions), is_mentor=is_mentor, now=timezone.now())
    thread = list(messages_of_pair(pair))
    for message in thread:
        message.is_mine = message.author_id == request.user.pk
    return render(
        request,
        "sessions_binome/closing/archive.html",
        {
            "pair": pair,
            "other": other,
            "is_mentor": is_mentor,
            "summary": summary,
            "objectives": summary.objectives,
            "progress_rows": progress_rows(summary.objectives),
            "sessions": [s for s in sessions if s.status != SessionStatus.PLANNED],
            "held": sum(1 for s in sessions if s.status == SessionStatus.HELD),
            "statuses": SessionStatus,
            "thread": thread,
            "takeaway": selectors.takeaway_of(pair, request.user),
            "end_survey": selectors.end_survey_for(pair, request.user),
            "ended_early": pair.status == PairStatus.ENDED,
        },
    )
