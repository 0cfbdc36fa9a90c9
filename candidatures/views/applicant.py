"""The applicant's pages: start, fill, submit, edit, withdraw; and the organisation's link."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from mentorat.core.editions.selection import open_call_edition
from mentorat.core.enums import ProgrammeStatus
from mentorat.core.models import Programme

from ..enums import ApplicationRole, ApplicationStatus, availability_labels
from ..forms import ApplicationForm, WithdrawForm, initial_from_previous
from ..models import Application
from ..perms import get_own_application
from ..relay import SESSION_RELAY_ORGANISATION, invitation_from_opt_out_token, invitation_opt_out, relay_link_from_token
from ..selectors import applications_for_user, previous_application
from ..services import application_reopen, application_save, application_withdraw


@login_not_required
def apply_from_link(request, token):
    """The HR referent's link: remembers the organisation, then leads to sign-up or the form."""
    link = relay_link_from_token(token)
    if link is None:
        raise Http404
    request.session[SESSION_RELAY_ORGANISATION] = link.organisation_id
    if request.user.is_authenticated:
        return redirect("candidatures:start")
    next_url = reverse("candidatures:start")
    return render(
        request,
        "candidatures/apply_landing.html",
        {"link": link, "programme": link.programme, "organisation": link.organisation, "next_url": next_url},
    )


@login_not_required
@csrf_exempt  # mail providers post the one-click unsubscribe (RFC 8058) without cookies: the token is the proof
@never_cache
@require_http_methods(["GET", "POST"])
def invitation_opt_out_view(request, token):
    """The "do not invite me again" link of an invitation email. GET only asks, since link scanners
    fetch every link of an email; POST (the page's button, or the mailbox's one-click) records it."""
    invitation = invitation_from_opt_out_token(token)
    if invitation is None:
        return render(request, "candidatures/invitation_opt_out.html", {"invalid": True}, status=404)
    done = request.method == "POST"
    if done:
        invitation_opt_out(invitation=invitation)
    return render(
        request, "candidatures/invitation_opt_out.html", {"organisation": invitation.organisation, "done": done}
    )


def _start_page_edition(now):
    """The edition whose call the start page is about: the one open now, else the next one to open,
    else the one whose call closed last (opened editions only); 404 when there is none."""
    programme = open_call_edition(now)
    if programme is None:
        opened = Programme.objects.filter(status=ProgrammeStatus.LIVE)
        programme = (
            opened.filter(call_opens_at__gt=now).order_by("call_opens_at").first()
            or opened.order_by("-call_closes_at").first()
        )
    if programme is None:
        raise Http404
    return programme


def application_start(request):
    now = timezone.now()
    programme = _start_page_edition(now)
    applications = {a.role: a for a in applications_for_user(request.user, programme)}
    return render(
        request,
        "candidatures/start.html",
        {
            "programme": programme,
            "call_open": programme.is_call_open(now),
            "call_upcoming": now < programme.call_opens_at,
            "mentee_application": applications.get(ApplicationRole.MENTEE),
            "mentor_application": applications.get(ApplicationRole.MENTOR),
        },
    )


def _initial_for_new(request, programme, role, previous):
    """The person's earlier application when there is one, else their account; the organisation of
    an HR referent's link, when they came through one, wins."""
    if previous is not None:
        initial = initial_from_previous(previous, role=role, programme=programme)
    else:
        initial = {"organisation": request.user.organisation_id, "job_title": request.user.job_title}
    relay_organisation = request.session.get(SESSION_RELAY_ORGANISATION)
    if relay_organisation:
        initial["organisation"] = relay_organisation
    return initial


def _save_from_form(request, *, programme, role, application=None):
    submitting = request.POST.get("action") == "submit"
    form = ApplicationForm(request.POST, instance=application, programme=programme, role=role, submitting=submitting)
    if form.is_valid():
        try:
            saved = application_save(
                user=request.user,
                programme=programme,
                role=role,
                application=application,
                data=form.service_data(),
                themes=form.cleaned_data["themes"],
                submit=submitting,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if submitting:
                messages.success(
                    request, _("Votre candidature est déposée. Un courriel de confirmation vous a été envoyé.")
                )
            else:
                messages.success(
                    request, _("Votre brouillon est enregistré. Vous pourrez le compléter et le déposer plus tard.")
                )
            return redirect("candidatures:detail", saved.pk), form
    return None, form


def application_new(request, role):
    if role not in ApplicationRole.values:
        raise Http404
    # One applies to the edition whose call is open, whichever edition is running meanwhile.
    programme = open_call_edition()
    if programme is None:
        messages.error(request, _("L'appel à candidatures n'est pas ouvert."))
        return redirect("candidatures:start")
    existing = Application.objects.filter(user=request.user, programme=programme, role=role).first()
    if existing:
        return redirect("candidatures:detail", existing.pk)
    previous = previous_application(request.user, programme, role)
    if request.method == "POST":
        response, form = _save_from_form(request, programme=programme, role=role)
        if response:
            return response
    else:
        initial = _initial_for_new(request, programme, role, previous)
        form = ApplicationForm(initial=initial, programme=programme, role=role)
    return render(
        request,
        "candidatures/form.html",
        {
            "form": form,
            "programme": programme,
            "role": role,
            "role_label": ApplicationRole(role).label,
            "previous": previous,
        },
    )


def application_edit(request, pk):
    application = get_own_application(request.user, pk)
    programme = application.programme
    if application.status not in (ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED) or not programme.is_call_open():
        messages.error(request, _("Cette candidature ne peut plus être modifiée."))
        return redirect("candidatures:detail", application.pk)
    if request.method == "POST":
        response, form = _save_from_form(request, programme=programme, role=application.role, application=application)
        if response:
            return response
    else:
        form = ApplicationForm(instance=application, programme=programme, role=application.role)
    return render(
        request,
        "candidatures/form.html",
        {
            "form": form,
            "programme": programme,
            "role": application.role,
            "role_label": application.get_role_display(),
            "application": application,
        },
    )


def application_detail(request, pk):
    application = get_own_application(request.user, pk)
    programme = application.programme
    now = timezone.now()
    return render(
        request,
        "candidatures/detail.html",
        {
            "application": application,
            "programme": programme,
            "themes": application.themes.all(),
            "availability_labels": availability_labels(application.availability),
            "can_edit": application.status in (ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED)
            and programme.is_call_open(now),
            "can_withdraw": application.status
            in (ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED, ApplicationStatus.VALIDATED),
            "can_reopen": application.status == ApplicationStatus.WITHDRAWN and programme.is_call_open(now),
            "statuses": ApplicationStatus,
        },
    )


def application_withdraw_view(request, pk):
    application = get_own_application(request.user, pk)
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            application_withdraw(application=application)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Votre candidature est retirée."))
        return redirect("candidatures:detail", application.pk)
    return render(request, "candidatures/withdraw.html", {"application": application, "form": form})


@require_POST
def application_reopen_view(request, pk):
    application = get_own_application(request.user, pk)
    try:
        application_reopen(application=application)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Votre candidature est de nouveau en brouillon."))
    return redirect("candidatures:detail", application.pk)
