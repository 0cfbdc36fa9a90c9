"""Corrections of a draft run (add or remove a proposal, exclude a mentor, allow a former mentor)
and its publication; each in the run's edition."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentorat.accounts.decorators import role_required
from mentorat.core.editions.selection import show_edition
from mentorat.core.enums import Role

from ... import services
from ...forms import ExclusionForm, FormerMentorAllowanceForm, ProposalAddForm, PublishForm
from ...models import Proposal
from ._common import _detail_url, _no_longer_draft, _run_or_404, _service_error
from .review import _render_run_detail


def _show_refused_correction(request, run, form, *, form_name):
    """A refused add or exclusion: the run page for that mentee alone, with the form and its errors."""
    mentee = form.cleaned_data.get("mentee") if hasattr(form, "cleaned_data") else None
    if mentee is None:
        messages.error(request, _("Ce mentoré ne fait pas partie de ce parcours."))
        return redirect(_detail_url(run))
    return _render_run_detail(request, run, only_mentee=mentee, **{form_name: form})


@role_required(Role.PROGRAMME_ENGINEER)
@require_POST
def proposal_add_view(request, run_id):
    run = _run_or_404(request, run_id)
    form = ProposalAddForm(request.POST, run=run)
    if form.is_valid():
        mentee = form.cleaned_data["mentee"]
        mentor = form.cleaned_data["mentor"]
        try:
            services.proposal_add(run=run, mentee=mentee, mentor=mentor)
        except ValidationError as error:
            if _no_longer_draft(request, run, error):
                return redirect(_detail_url(run))
            _service_error(form, error, "mentor_email")
        else:
            messages.success(
                request,
                _("%(mentor)s est proposé·e à %(mentee)s.")
                % {"mentor": mentor.user.get_full_name(), "mentee": mentee.user.get_full_name()},
            )
            return redirect(_detail_url(run, request, mentee))
    return _show_refused_correction(request, run, form, form_name="add_form")


@role_required(Role.PROGRAMME_ENGINEER)
@require_POST
def proposal_remove_view(request, proposal_id):
    proposal = get_object_or_404(
        Proposal.objects.select_related("run__programme", "mentee__user", "mentor__user"), pk=proposal_id
    )
    show_edition(request, proposal.run.programme, action=reverse("matching:console"))
    try:
        services.proposal_remove(proposal=proposal)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(mentor)s n'est plus proposé·e à %(mentee)s.")
            % {"mentor": proposal.mentor.user.get_full_name(), "mentee": proposal.mentee.user.get_full_name()},
        )
    return redirect(_detail_url(proposal.run, request, proposal.mentee))


@role_required(Role.PROGRAMME_ENGINEER)
@require_POST
def exclusion_add_view(request, run_id):
    run = _run_or_404(request, run_id)
    form = ExclusionForm(request.POST, run=run)
    if form.is_valid():
        mentee = form.cleaned_data["mentee"]
        mentor = form.cleaned_data["mentor"]
        try:
            services.exclusion_add(
                programme=run.programme,
                mentee=mentee,
                mentor=mentor,
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except ValidationError as error:
            _service_error(form, error, "mentor_email")
        else:
            messages.success(
                request,
                _("%(mentor)s ne sera plus jamais proposé·e à %(mentee)s.")
                % {"mentor": mentor.user.get_full_name(), "mentee": mentee.user.get_full_name()},
            )
            return redirect(_detail_url(run, request, mentee))
    return _show_refused_correction(request, run, form, form_name="exclusion_form")


@role_required(Role.PROGRAMME_ENGINEER)
@require_POST
def former_mentor_allowance_view(request, run_id):
    run = _run_or_404(request, run_id)
    form = FormerMentorAllowanceForm(request.POST, run=run)
    if not form.is_valid():
        messages.error(request, " ".join(error for errors in form.errors.values() for error in errors))
        return redirect(_detail_url(run))
    mentee, allowed = form.cleaned_data["mentee"], form.cleaned_data["allowed"]
    services.former_mentor_allowance_set(mentee=mentee, allowed=allowed, by=request.user)
    name = mentee.user.get_full_name()
    if allowed:
        message = _(
            "Un ancien mentor peut de nouveau être proposé à %(mentee)s : ajoutez-le à la main ou relancez le calcul."
        )
    else:
        message = _("Ses anciens mentors ne seront plus proposés à %(mentee)s.")
    messages.success(request, message % {"mentee": name})
    return redirect(_detail_url(run, request, mentee))


@role_required(Role.PROGRAMME_ENGINEER)
@require_POST
def run_publish(request, run_id):
    run = _run_or_404(request, run_id)
    form = PublishForm(request.POST)
    if form.is_valid():
        try:
            services.matching_run_publish(run=run, by=request.user)
        except ValidationError as error:
            _service_error(form, error, None)
        else:
            messages.success(
                request,
                _("La mise en relation est publiée : chaque mentoré concerné reçoit un courriel."),
            )
            return redirect("matching:run_detail", run_id=run.pk)
    return _render_run_detail(request, run, publish_form=form)
