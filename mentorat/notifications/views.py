"""Notification list and preferences (everyone), reminders' follow-up (programme engineer)."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from mentorat.accounts.decorators import role_required
from mentorat.accounts.perms import user_roles
from mentorat.core.enums import Role
from mentorat.outbox.selectors import failed_emails

from . import perms, selectors, services
from .catalogue import CATALOGUE, kinds_for
from .enums import ClaimStatus
from .forms import PreferencesForm
from .unsubscribe import unsubscribe_target

NOTIFICATIONS_PER_PAGE = 20
DAYS_SHOWN = 30
# Beat runs the scan every hour: older than this, something is stopped.
SCAN_LATE_AFTER = datetime.timedelta(hours=2)


def notification_list(request):
    page = Paginator(selectors.notifications_of(request.user), NOTIFICATIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {"page": page})


def notification_open_view(request, pk):
    """Follow a notification's link; it is marked as read on the way."""
    notification = perms.get_notification_for_user(request.user, pk)
    url = services.notification_open(notification=notification)
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(url)
    return redirect("notifications:list")


@require_POST
def mark_all_read(request):
    services.notifications_mark_all_read(user=request.user)
    messages.success(request, _("Toutes vos notifications sont marquées comme lues."))
    return redirect("notifications:list")


def preferences(request):
    kinds = kinds_for(user_roles(request.user))
    form = PreferencesForm(
        request.POST if request.method == "POST" else None,  # all unchecked posts nothing but is a choice
        kinds=[kind for kind in kinds if not kind.essential],
        disabled=selectors.disabled_kinds(request.user),
    )
    if request.method == "POST" and form.is_valid():
        services.preferences_save(user=request.user, disabled=form.disabled_kinds())
        messages.success(request, _("Vos préférences de rappels sont enregistrées."))
        return redirect("notifications:preferences")
    enabled = set(form["enabled"].value() or [])
    rows = [
        {"kind": kind, "locked": kind.essential, "checked": kind.essential or kind.code in enabled} for kind in kinds
    ]
    return render(request, "notifications/preferences.html", {"form": form, "rows": rows})


@login_not_required
@csrf_exempt  # mail providers post the one-click unsubscribe (RFC 8058) without cookies: the token is the proof
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """The unsubscribe link of an optional reminder's email. GET only asks, since link scanners
    fetch every link of an email; POST (the page's button, or the mailbox's one-click) turns it off."""
    target = unsubscribe_target(token)
    if target is None:
        return render(request, "notifications/unsubscribe.html", {"invalid": True}, status=404)
    person, kind = target
    done = request.method == "POST"
    if done:
        services.reminder_unsubscribe(user=person, kind=kind)
    return render(request, "notifications/unsubscribe.html", {"kind": kind, "done": done})


@role_required(Role.PROGRAMME_ENGINEER)
def engineer_reminders(request):
    now = timezone.now()
    last_scan = selectors.last_scan()
    totals = selectors.totals_per_kind()
    waiting, first_waiting = selectors.waiting_claims()
    return render(
        request,
        "notifications/engineer_reminders.html",
        {
            "kinds": CATALOGUE,
            "days": [
                (day, [(kind, counts[kind.code]) for kind in CATALOGUE if counts.get(kind.code)], total)
                for day, counts, total in selectors.sent_per_day(days=DAYS_SHOWN, now=now)
            ],
            "days_shown": DAYS_SHOWN,
            "totals": [
                (kind, [totals.get(kind.code, {}).get(status, 0) for status in ClaimStatus.values])
                for kind in CATALOGUE
            ],
            "statuses": ClaimStatus.labels,
            "failed_emails": failed_emails().count(),
            "waiting": waiting,
            "first_waiting": first_waiting,
            "last_scan": last_scan,
            "scan_late": last_scan is None or last_scan.finished_at < now - SCAN_LATE_AFTER,
        },
    )
