"""Leavers, for the engineer (/pilotage/departs/, every organisation) and HR referents (/rh/departs/,
their organisations): upload the list of active staff, read who would be deactivated, confirm.

The two spaces differ only by who may enter and which organisations they see (`Space`); one set of
views serves both."""

from collections.abc import Callable
from dataclasses import dataclass

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
from .selectors import departures_consequences
from .services import staff_list_review_confirm, staff_list_review_create


@dataclass(frozen=True)
class Space:
    role: str
    url_name: str  # of the upload page; the review and confirmation pages add _review and _confirm
    organisations: Callable  # user → the organisations whose lists they may upload

    @property
    def urls(self):
        return (self.url_name, f"{self.url_name}_review", f"{self.url_name}_confirm")


ENGINEER = Space(
    role=Role.PROGRAMME_ENGINEER,
    url_name="sso:leavers",
    organisations=lambda user: Organisation.objects.filter(is_active=True).order_by("name"),
)
HR = Space(
    role=Role.HR_REFERENT,
    url_name="sso:hr_leavers",
    organisations=lambda user: Organisation.objects.filter(pk__in=hr_organisation_ids(user)).order_by("name"),
)


def _review_or_404(request, space, review_id):
    review = StaffListReview.objects.select_related("organisation", "created_by").filter(pk=review_id).first()
    if review is None or not space.organisations(request.user).filter(pk=review.organisation_id).exists():
        raise Http404
    return review


def _upload(request, space):
    organisations = space.organisations(request.user)
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
            return redirect(space.urls[1], review.pk)
    departures = (
        Departure.objects.filter(organisation__in=organisations)
        .select_related("user", "organisation", "by")
        .order_by("-at")[:50]
    )
    return render(
        request,
        "sso/leavers/upload.html",
        {"form": form, "departures": departures, "urls": space.urls},
        status=400 if form.errors else 200,
    )


def _review(request, space, review_id):
    review = _review_or_404(request, space, review_id)
    context = {"review": review, "urls": space.urls}
    if review.confirmed_at:
        context["departures"] = (
            Departure.objects.filter(review=review).select_related("user").order_by("user__last_name")
        )
    else:
        leavers = list(review.organisation.members.filter(pk__in=review.leaver_ids, is_active=True))
        context["rows"] = departures_consequences(leavers)
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
    return redirect(space.urls[1], review.pk)


def _views(space):
    """The upload, review and confirmation views of one space, each behind the space's role."""

    @role_required(space.role)
    def upload(request):
        return _upload(request, space)

    @role_required(space.role)
    @require_safe
    def review(request, review_id):
        return _review(request, space, review_id)

    @role_required(space.role)
    @require_POST
    def confirm(request, review_id):
        return _confirm(request, space, review_id)

    return upload, review, confirm


leavers, leavers_review, leavers_confirm = _views(ENGINEER)
hr_leavers, hr_leavers_review, hr_leavers_confirm = _views(HR)
