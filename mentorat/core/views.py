from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.db.models import Count
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

from candidatures.enums import ApplicationRole, ApplicationStatus
from candidatures.models import Application
from candidatures.selectors import previous_application
from matching.selectors import participant_matching_summary
from mentorat.accounts.decorators import role_required
from mentorat.accounts.perms import hr_organisation_ids, user_roles
from mentorat.core.editions.selection import (
    default_edition,
    edition_for_page,
    open_call_edition,
    participant_editions,
)
from mentorat.core.enums import ProgrammeStatus, Role
from mentorat.core.models import Organisation, Programme
from mentorat.core.todos import engineer_todos, hr_todos, key_figures
from mentorat.notifications.selectors import pairs_at_risk
from mentorat.resources.selectors import mentor_training_summary
from sessions_binome.enums import PairStatus
from sessions_binome.selectors import pairs_of_application

# The order in which /tableau-de-bord/ picks a person's dashboard when they hold several roles.
_DASHBOARD_OF_ROLE = [
    (Role.PROGRAMME_ENGINEER, "core:dashboard_engineer"),
    (Role.HR_REFERENT, "core:dashboard_hr"),
    (Role.MENTOR, "core:dashboard_mentor"),
    (Role.MENTEE, "core:dashboard_mentee"),
]


def _public_edition():
    """The edition the public page and the welcome page speak of: the one whose call is open, else
    the running one (`default_edition` among the opened and archived editions)."""
    opened = Programme.objects.exclude(status=ProgrammeStatus.PREPARATION).order_by("-starts_on", "slug")
    return open_call_edition() or default_edition(list(opened))


@login_not_required
def home(request):
    if request.user.is_authenticated:
        return redirect("core:dashboard")
    return render(request, "core/home.html", {"programme": _public_edition()})


def dashboard(request):
    roles = user_roles(request.user)
    for role, url_name in _DASHBOARD_OF_ROLE:
        if role in roles:
            return redirect(url_name)
    programme = _public_edition()
    return render(
        request,
        "core/dashboard_welcome.html",
        {"programme": programme, "returning_mentor": _returning_mentor(request.user, programme)},
    )


def _returning_mentor(user, programme):
    """True for someone who was a mentor in an earlier edition and may apply again as mentor now
    (call open, no mentor application yet): their dashboard offers to start from that application."""
    if programme is None or not programme.is_call_open():
        return False
    if Application.objects.filter(user=user, programme=programme, role=ApplicationRole.MENTOR).exists():
        return False
    previous = previous_application(user, programme, ApplicationRole.MENTOR)
    return previous is not None and previous.role == ApplicationRole.MENTOR


def _dashboards_menu(roles):
    return [(role, url_name) for role, url_name in _DASHBOARD_OF_ROLE if role in roles]


def _edition_block(user, programme, application):
    """What the dashboard shows of one edition the person takes part in with `application`."""
    block = {"programme": programme, "application": application, "phase": programme.phase()}
    block.update(participant_matching_summary(application))
    block["past_pairs"] = [
        pair for pair in pairs_of_application(application) if pair.status in (PairStatus.COMPLETED, PairStatus.ENDED)
    ]
    if application.role == ApplicationRole.MENTOR:
        block["training"] = mentor_training_summary(user, programme)
    return block


def _participant_dashboard(request, role, template):
    """Every edition the person takes part in with this role, most recent first (the running pair,
    the questionnaires of an edition in evaluation, the pair page and certificate of a closed one),
    and the open call of an edition they have not applied to yet."""
    user = request.user
    editions = list(participant_editions(user))
    applications = {
        application.programme_id: application
        for application in Application.objects.filter(user=user, programme__in=editions, role=role)
        .exclude(status=ApplicationStatus.WITHDRAWN)
        .select_related("track", "organisation")
    }
    blocks = [
        _edition_block(user, programme, applications[programme.pk])
        for programme in editions
        if programme.pk in applications
    ]
    open_call = open_call_edition()
    if open_call is not None and Application.objects.filter(user=user, programme=open_call).exists():
        open_call = None
    context = {
        "editions": blocks,
        "statuses": ApplicationStatus,
        "open_call": open_call,
        "returning_mentor": _returning_mentor(user, open_call),
        "other_dashboards": _dashboards_menu(user_roles(user)),
    }
    return render(request, template, context)


@role_required(Role.MENTEE)
def dashboard_mentee(request):
    return _participant_dashboard(request, ApplicationRole.MENTEE, "core/dashboard_mentee.html")


@role_required(Role.MENTOR)
def dashboard_mentor(request):
    return _participant_dashboard(request, ApplicationRole.MENTOR, "core/dashboard_mentor.html")


def _status_counts(queryset):
    """{(role, status): count} in one query."""
    rows = queryset.values("role", "status").annotate(n=Count("id")).order_by()
    return {(row["role"], row["status"]): row["n"] for row in rows}


def _counts_table(counts):
    return [
        {
            "role": label,
            "cells": [counts.get((role, status), 0) for status in ApplicationStatus.values],
            "total": sum(counts.get((role, status), 0) for status in ApplicationStatus.values),
        }
        for role, label in ApplicationRole.choices
    ]


@role_required(Role.HR_REFERENT)
def dashboard_hr(request):
    # Before any edition exists the dashboard still opens (organisations, links), without figures.
    programme = edition_for_page(request, required=False)
    organisations = list(Organisation.objects.filter(id__in=hr_organisation_ids(request.user)).select_related("branch"))
    counts = {}
    if programme is not None:
        counts = _status_counts(Application.objects.filter(programme=programme, organisation__in=organisations))
    ids = [organisation.pk for organisation in organisations]
    return render(
        request,
        "core/dashboard_hr.html",
        {
            "programme": programme,
            "todos": hr_todos(programme, organisations) if programme else [],
            "figures": key_figures(programme, organisation_ids=ids) if programme else None,
            "organisations": organisations,
            "status_labels": ApplicationStatus.labels,
            "counts_table": _counts_table(counts),
            "other_dashboards": _dashboards_menu(user_roles(request.user)),
        },
    )


@role_required(Role.PROGRAMME_ENGINEER)
def dashboard_engineer(request):
    programme = edition_for_page(request, required=False)
    counts = _status_counts(Application.objects.filter(programme=programme)) if programme else {}
    return render(
        request,
        "core/dashboard_engineer.html",
        {
            "programme": programme,
            "todos": engineer_todos(programme) if programme else [],
            "figures": key_figures(programme) if programme else None,
            "tracks": programme.tracks.all() if programme else [],
            "status_labels": ApplicationStatus.labels,
            "counts_table": _counts_table(counts),
            "other_dashboards": _dashboards_menu(user_roles(request.user)),
            "pairs_at_risk": list(pairs_at_risk(programme)) if programme else [],
        },
    )


@login_not_required
def accessibility(request):
    return render(request, "core/accessibility.html")


@login_not_required
def sitemap(request):
    return render(request, "core/sitemap.html")


@login_not_required
def privacy(request):
    return render(request, "core/privacy.html")


@login_not_required
def contact(request):
    return render(request, "core/contact.html")


@login_not_required
def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a form sent without its security token (a page open too long, a session
    ended meanwhile, cookies refused) gets a French page in the site's layout instead of Django's
    English one. `reason` is Django's technical wording: logged by Django, never shown."""
    cookies_missing = not request.COOKIES
    return render(request, "403_csrf.html", {"cookies_missing": cookies_missing}, status=403)


@login_not_required
@cache_control(max_age=86400)
@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico where a page names no icon (the admin, a PDF, a JSON answer):
    the platform's icon, whose static name changes with its content."""
    return redirect(static("img/favicon.svg"))


@login_not_required
@never_cache
@require_GET
def healthz(request):
    """200 when the database (and Redis when configured) answer, 503 otherwise."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except Exception:  # noqa: BLE001 - any failure means unhealthy
        checks["database"] = "error"
    if settings.REDIS_URL:
        import redis

        try:
            client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2)
            client.ping()
            checks["redis"] = "ok"
        except Exception:  # noqa: BLE001
            checks["redis"] = "error"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503)
