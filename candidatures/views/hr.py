"""The HR referent's relay kit and tracking, and the eligibility review shared with the engineer.
The relay kit and the tracking show the edition chosen in the edition selector (never one in
preparation for HR); the review of an application is in the application's edition."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from mentorat.accounts.decorators import role_required
from mentorat.accounts.perms import hr_organisation_ids, is_programme_engineer
from mentorat.accounts.reauth import reauthentication_required_for_export
from mentorat.audit.enums import AuditAction
from mentorat.audit.services import audit_log
from mentorat.core.editions.selection import EDITION_PARAM, edition_for_page, show_edition
from mentorat.core.emails import render_email
from mentorat.core.enums import ProgrammeStatus, Role, TrackCode
from mentorat.core.idempotency import idempotent_post
from mentorat.core.models import Organisation
from mentorat.core.sorting import Sorting

from .. import exports
from ..eligibility import eligibility_hints
from ..enums import ApplicationRole, ApplicationStatus, availability_labels
from ..forms import DecisionForm, InviteForm
from ..models import Application
from ..perms import can_decide_on_application, can_read_free_text, get_application_for_decider, mark_selectable
from ..relay import (
    invitation_context,
    invitations_send,
    relay_link_get_or_create,
    relay_link_regenerate,
    relay_link_url,
)
from ..selectors import (
    applications_for_organisations,
    counts_by_role_and_track,
    invitations_with_status,
    opt_outs_of_organisation,
)
from ..services import application_decide, applications_bulk_validate
from .columns import APPLICATION_SORT_COLUMNS


def _hr_organisation_or_404(user, organisation_id):
    if organisation_id not in hr_organisation_ids(user):
        raise Http404
    return Organisation.objects.select_related("branch").get(pk=organisation_id)


def _in_edition(url, programme):
    """`url` in `programme`'s edition, whatever the session remembers."""
    return f"{url}?{EDITION_PARAM}={programme.slug}"


@role_required(Role.HR_REFERENT)
def relay_home(request):
    programme = edition_for_page(request)
    organisations = Organisation.objects.filter(id__in=hr_organisation_ids(request.user)).order_by("name")
    if len(organisations) == 1:
        return redirect(_in_edition(reverse("candidatures:relay_kit", args=[organisations[0].pk]), programme))
    return render(request, "candidatures/hr/relay_home.html", {"organisations": organisations, "programme": programme})


@role_required(Role.HR_REFERENT)
@idempotent_post
def relay_kit(request, organisation_id):
    organisation = _hr_organisation_or_404(request.user, organisation_id)
    programme = edition_for_page(request)
    link = relay_link_get_or_create(programme=programme, organisation=organisation, by=request.user)
    link_url = relay_link_url(link)
    subject, body, _html = render_email(
        "invitation",
        invitation_context(programme=programme, organisation=organisation, link_url=link_url, referent=request.user),
    )
    form = InviteForm(request.POST if request.method == "POST" else None)
    batch = None
    if request.method == "POST" and form.is_valid():
        try:
            batch = invitations_send(
                programme=programme,
                organisation=organisation,
                by=request.user,
                addresses=form.cleaned_data["addresses"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if batch.complete:
                messages.success(
                    request,
                    ngettext(
                        "%(n)d invitation est en cours d'envoi.",
                        "%(n)d invitations sont en cours d'envoi.",
                        len(batch.sent),
                    )
                    % {"n": len(batch.sent)},
                )
                return redirect(_in_edition(reverse("candidatures:relay_kit", args=[organisation.pk]), programme))
            # Otherwise the page itself reports what was sent and what was not; the addresses to fix,
            # and those held back by the cap, are back in the field for later.
            form = InviteForm(initial={"addresses": "\n".join(batch.invalid + batch.capped)})
    return render(
        request,
        "candidatures/hr/relay_kit.html",
        {
            "organisation": organisation,
            "programme": programme,
            "link": link,
            "link_url": link_url,
            "email_subject": subject,
            "email_body": body,
            "form": form,
            "batch": batch,
            "call_open": programme.is_call_open(),
            "opt_out_count": opt_outs_of_organisation(organisation).count(),
        },
    )


@require_POST
@role_required(Role.HR_REFERENT)
def relay_link_regenerate_view(request, organisation_id):
    organisation = _hr_organisation_or_404(request.user, organisation_id)
    kit = reverse("candidatures:relay_kit", args=[organisation.pk])
    programme = edition_for_page(request, action=kit)
    relay_link_regenerate(programme=programme, organisation=organisation, by=request.user)
    messages.success(request, _("Un nouveau lien a été créé ; l'ancien ne fonctionne plus."))
    return redirect(_in_edition(kit, programme))


@role_required(Role.HR_REFERENT)
@reauthentication_required_for_export
def tracking(request, organisation_id):
    organisation = _hr_organisation_or_404(request.user, organisation_id)
    programme = edition_for_page(request)
    sorting = Sorting(request.GET, APPLICATION_SORT_COLUMNS, default="-depot", keep={EDITION_PARAM: programme.slug})
    applications = sorting.apply(applications_for_organisations(programme, [organisation.pk]))
    status = request.GET.get("statut")
    if status in ApplicationStatus.values:
        applications = applications.filter(status=status)
    export = request.GET.get("export")
    if export == "csv":
        return exports.csv_response(f"candidatures-{organisation.code}.csv", applications, exports.HR_COLUMNS)
    invitations = invitations_with_status(programme, organisation)
    if export == "invitations":
        return exports.csv_response(f"invitations-{organisation.code}.csv", invitations, exports.INVITATION_COLUMNS)
    counts = counts_by_role_and_track(
        applications_for_organisations(programme, [organisation.pk]).exclude(status=ApplicationStatus.DRAFT)
    )
    page = Paginator(applications, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "candidatures/hr/tracking.html",
        {
            "organisation": organisation,
            "programme": programme,
            "page": page,
            "invitations": invitations,
            "opt_outs": opt_outs_of_organisation(organisation),
            "invited_count": len(invitations),
            "applied_count": sum(1 for i in invitations if i.applied),
            "counts": [
                {"role": label, "cells": [counts.get(role, {}).get(code, 0) for code in TrackCode.values]}
                for role, label in ApplicationRole.choices
            ],
            "track_codes": TrackCode.values,
            "statuses": ApplicationStatus,
            "selectable": mark_selectable(request.user, page.object_list),
            "status_filter": status,
            "sorting": sorting,
            # The pages of the list stay in its edition, its filter and its order.
            "query": urlencode(
                {EDITION_PARAM: programme.slug, **({"statut": status} if status else {}), "tri": sorting.value}
            ),
        },
    )


def _show_application_edition(request, application):
    """The review is in the application's edition; the selector leads to the decider's list of that
    edition. An edition in preparation is the engineer's alone: HR referents get 404."""
    if is_programme_engineer(request.user):
        action = reverse("candidatures:engineer_list")
    elif application.programme.status == ProgrammeStatus.PREPARATION:
        raise Http404
    else:
        action = reverse("candidatures:tracking", args=[application.organisation_id])
    show_edition(request, application.programme, action=action)


@role_required(Role.HR_REFERENT, Role.PROGRAMME_ENGINEER)
def application_review(request, pk):
    application = get_application_for_decider(request.user, pk)
    _show_application_edition(request, application)
    if request.method == "GET":
        audit_log(AuditAction.APPLICATION_VIEWED, request=request, target=f"application:{application.pk}")
    form = DecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            application_decide(
                application=application,
                by=request.user,
                validate=form.cleaned_data["decision"] == "validate",
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Décision enregistrée ; la personne est prévenue par courriel."))
            return redirect("candidatures:review", application.pk)
    return render(
        request,
        "candidatures/review.html",
        {
            "application": application,
            "themes": application.themes.all(),
            "availability_labels": availability_labels(application.availability),
            "hints": eligibility_hints(application),
            "show_free_text": can_read_free_text(request.user, application),
            "form": form,
            "can_decide": application.status
            in (ApplicationStatus.SUBMITTED, ApplicationStatus.VALIDATED, ApplicationStatus.DECLINED),
            "statuses": ApplicationStatus,
        },
    )


@require_POST
@role_required(Role.HR_REFERENT, Role.PROGRAMME_ENGINEER)
def bulk_validate(request):
    ids = [int(value) for value in request.POST.getlist("application") if value.isdigit()]
    candidates = Application.objects.filter(pk__in=ids).select_related("user", "track", "programme")
    if not is_programme_engineer(request.user):
        # HR referents never act in an edition still in preparation.
        candidates = candidates.exclude(programme__status=ProgrammeStatus.PREPARATION)
    allowed = [application for application in candidates if can_decide_on_application(request.user, application)]
    count = applications_bulk_validate(applications=allowed, by=request.user)
    if count:
        messages.success(
            request,
            ngettext(
                "%(n)d candidature validée ; la personne est prévenue.",
                "%(n)d candidatures validées ; les personnes sont prévenues.",
                count,
            )
            % {"n": count},
        )
    else:
        messages.info(request, _("Aucune candidature déposée n'était sélectionnée."))
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(next_url)
    return redirect("core:dashboard")
