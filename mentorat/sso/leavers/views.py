"""Leavers, for the engineer (/pilotage/departs/, every organisation) and HR referents (/rh/departs/,
their organisations): upload the list of active staff, read who would be deactivated, confirm."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from mentorat.accounts.decorators import role_required
from mentorat.accounts.perms import hr_organisation_ids
from mentorat.core.enums import Role
from mentorat.core.models import Organisation

from ..models import Departure, StaffListReview
from .forms import StaffListForm
from .selectors import departure_consequences
from .services import staff_list_review_confirm, staff_list_review_create

ENGINEER, HR = "pilotage", "rh"
_URLS = {
    ENGINEER: ("sso:leavers", "sso:leavers_review", "sso:leavers_confirm"),
    HR: ("sso:hr_leavers", "sso:hr_leavers_review", "sso:hr_leavers_confirm"),
}


def _organisations(request, space):
    if space == ENGINEER:
        return Organisation.objects.filter(is_active=True).order_by("name")
    return Organisation.objects.filter(pk__in=hr_organisation_ids(request.user)).order_by("name")


def _review_or_404(request, space, review_id):
    review = StaffListReview.objects.select_related("organisation", "created_by").filter(pk=review_id).first()
    if review is None or not _organisations(request, space).filter(pk=review.organisation_id).exists():
        raise Http404
    return review


def _upload(request, space):
    organisations = _organisations(request, space)
    form = StaffListForm(request.POST or None, request.FILES or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            review = staff_list_review_create(
                organisation=form.cleaned_data["organisation"],
                active_emails=form.cleaned_data["staff_file"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(_URLS[space][1], review.pk)
    departures = (
        Departure.objects.filter(organisation__in=organisations)
        .select_related("user", "organisation", "by")
        .order_by("-at")[:50]
    )
    return render(
        request,
        "sso/leavers/upload.html",
        {"form": form, "departures": departures, "space": space, "urls": _URLS[space]},
        status=400 if form.errors else 200,
    )


def _review(request, space, review_id):
    review = _review_or_404(request, space, review_id)
    context = {"review": review, "space": space, "urls": _URLS[space]}
    if review.confirmed_at:
        context["departures"] = (
            Departure.objects.filter(review=review).select_related("user").order_by("user__last_name")
        )
    else:
        leavers = list(review.organisation.members.filter(pk__in=review.leaver_ids, is_active=True))
        context["rows"] = [departure_consequences(user) for user in leavers]
        # Shown so that nobody is surprised: absent from the list, but not deactivated.
        context["kept"] = review.organisation.members.filter(pk__in=review.kept_ids)
    return render(request, "sso/leavers/review.html", context)


def _confirm(request, space, review_id):
    review = _review_or_404(request, space, review_id)
    try:
        departures = staff_list_review_confirm(review=review, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            ngettext("%(count)d compte désactivé.", "%(count)d comptes désactivés.", len(departures))
            % {"count": len(departures)}
            if departures
            else _("Aucun compte à désactiver."),
        )
    return redirect(_URLS[space][1], review.pk)


@role_required(Role.PROGRAMME_ENGINEER)
def leavers(request):
    return _upload(request, ENGINEER)


@role_required(Role.PROGRAMME_ENGINEER)
@require_safe
def leavers_review(request, review_id):
    return _review(request, ENGINEER, review_id)


@role_required(Role.PROGRAMME_ENGINEER)
@require_POST
def leavers_confirm(request, review_id):
    return _confirm(request, ENGINEER, review_id)


@role_required(Role.HR_REFERENT)
def hr_leavers(request):
    return _upload(request, HR)


@role_required(Role.HR_REFERENT)
@require_safe
def hr_leavers_review(request, review_id):
    return _review(request, HR, review_id)


@role_required(Role.HR_REFERENT)
@require_POST
def hr_leavers_confirm(request, review_id):
    return _confirm(request, HR, review_id)
