"""A matching run's pages: its progress, its draft or published proposals by mentee, its mentors,
its export. A run page is in the run's edition, whichever edition the console showed."""

import math

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy

from candidatures.enums import ApplicationRole
from candidatures.models import Application
from mentorat.accounts.decorators import role_required
from mentorat.accounts.reauth import reauthentication_redirect
from mentorat.audit.enums import AuditAction
from mentorat.audit.services import audit_log
from mentorat.core.enums import Role
from mentorat.core.pagination import page_of
from mentorat.resources.selectors import untrained_mentors_warning

from ... import exports, selectors
from ...enums import RequestStatus, RunKind, RunStatus
from ...former_pairs import former_mentors
from ...forms import PublishForm
from ...models import FormerMentorAllowance, MatchingRun, MentorRequest, Proposal
from ._common import ACTIVE_STATUSES, _run_or_404

MENTEES_PER_PAGE = 25
MENTORS_PER_PAGE = 50
SHORTFALLS_SHOWN = 50
MENTOR_SUGGESTIONS = 300

# The engine's metrics the console shows, in this order; a metric the engine does not give is skipped.
METRIC_LABELS = [
    ("mentees", gettext_lazy("Mentorés en attente pris en compte")),
    ("mentors", gettext_lazy("Mentors ayant des places libres")),
    ("proposals_min", gettext_lazy("Propositions par mentoré : minimum")),
    ("proposals_mean", gettext_lazy("Propositions par mentoré : moyenne")),
    ("proposals_max", gettext_lazy("Propositions par mentoré : maximum")),
    ("mentors_proposed_share", gettext_lazy("Mentors proposés au moins une fois")),
    ("assignment_size", gettext_lazy("Mentorés pourvus dans l'affectation complète")),
    ("total_score", gettext_lazy("Score total des propositions")),
    ("max_exposure_over_cap", gettext_lazy("Exposition maximale rapportée au plafond")),
    ("overflow", gettext_lazy("Dépassements de plafond nécessaires")),
    ("simulated_first_round_success", gettext_lazy("Succès simulé au premier tour de choix")),
    ("seconds", gettext_lazy("Durée du calcul (secondes)")),
]
PERCENT_METRICS = {"mentors_proposed_share", "simulated_first_round_success"}


def _metrics(run):
    rows = []
    for key, label in METRIC_LABELS:
        value = run.metrics.get(key)
        if value is None:
            continue
        if key in PERCENT_METRICS:
            value = f"{number_format(value * 100, 0)} %"
        elif isinstance(value, float):
            value = number_format(value, 2)
        rows.append((label, value))
    return rows


@role_required(Role.PROGRAMME_ENGINEER)
def run_progress(request, run_id):
    # Polled by the run page every few seconds: JSON only, the page's edition is already shown.
    run = get_object_or_404(MatchingRun, pk=run_id)
    return JsonResponse(
        {
            "status": run.status,
            "status_label": run.get_status_display(),
            "progress": run.progress,
            "message": run.progress_message,
            "done": run.status not in ACTIVE_STATUSES,
        }
    )


def _mentees_page(request, run, only_mentee=None):
    """The page of mentees of `run` (those with proposals and those left short), each with
    `.run_proposals` and `.shortfall`; the same number of queries whatever the page holds."""
    shortfalls = run.shortfalls or {}
    shortfall_ids = [int(key) for key in shortfalls]
    query = ""
    if only_mentee is not None:
        # After a refused correction: that mentee alone, with the form and its errors.
        mentees = Application.objects.filter(pk=only_mentee.pk)
    else:
        mentees = Application.objects.filter(
            Q(pk__in=Proposal.objects.filter(run=run).values("mentee_id")) | Q(pk__in=shortfall_ids)
        )
        query = request.GET.get("q", "").strip()[:100]
        if query:
            mentees = mentees.filter(
                Q(user__last_name__icontains=query)
                | Q(user__first_name__icontains=query)
                | Q(user__email__icontains=query)
            )
    mentees = mentees.select_related("user", "organisation__branch").order_by(
        "user__last_name", "user__first_name", "pk"
    )
    # Keys and total first, then the page's rows with their person and organisation: sorting the
    # 5,000 mentees of a run as whole joined rows took 40 ms (benchmarks/README.md).
    page = page_of(mentees, request.GET.get("page") if only_mentee is None else 1, MENTEES_PER_PAGE)
    by_mentee = {}
    for proposal in (
        Proposal.objects.filter(run=run, mentee__in=[mentee.pk for mentee in page])
        .select_related("mentor__user", "mentor__organisation__branch")
        .order_by("mentee_id", "rank")
    ):
        proposal.sentences = [value[1] for value in proposal.criteria.values() if value and value[1]]
        by_mentee.setdefault(proposal.mentee_id, []).append(proposal)
    # Why mentors declined this mentee: the reason is written for the programme team only.
    declines = {}
    for declined in (
        MentorRequest.objects.filter(mentee__in=[mentee.pk for mentee in page], status=RequestStatus.DECLINED)
        .select_related("mentor__user")
        .order_by("answered_at")
    ):
        declines.setdefault(declined.mentee_id, []).append(declined)
    # Mentors of earlier editions, never proposed again unless the engineer allows it (two queries).
    former = former_mentors(run.programme, page)
    allowed = (
        set(FormerMentorAllowance.objects.filter(mentee__in=list(former)).values_list("mentee_id", flat=True))
        if former
        else set()
    )
    for mentee in page:
        mentee.former_mentors = former.get(mentee.pk, [])
        mentee.former_mentor_allowed = mentee.pk in allowed
        mentee.run_proposals = by_mentee.get(mentee.pk, [])
        mentee.shortfall = shortfalls.get(str(mentee.pk), "")
        mentee.declines = declines.get(mentee.pk, [])
    return page, query


def _shortfall_list(run):
    shortfalls = run.shortfalls or {}
    ids = [int(key) for key in list(shortfalls)[:SHORTFALLS_SHOWN]]
    names = {
        application.pk: application for application in Application.objects.filter(pk__in=ids).select_related("user")
    }
    return [(names.get(pk), shortfalls[str(pk)]) for pk in ids], len(shortfalls)


def _render_run_detail(request, run, *, only_mentee=None, add_form=None, exclusion_form=None, publish_form=None):
    context = {"programme": run.programme, "run": run, "statuses": RunStatus, "is_draft": run.status == RunStatus.DRAFT}
    if run.status in (RunStatus.DRAFT, RunStatus.PUBLISHED, RunStatus.SUPERSEDED):
        page, query = _mentees_page(request, run, only_mentee)
        for mentee in page:
            if only_mentee is not None and mentee.pk == only_mentee.pk:
                mentee.add_form, mentee.exclusion_form = add_form, exclusion_form
        shortfalls, shortfall_count = _shortfall_list(run)
        request_query = request.GET.copy()
        request_query.pop("page", None)
        context |= {
            "page": page,
            "q": query,
            "query": request_query.urlencode(),
            "only_mentee": only_mentee,
            "correction_form": add_form or exclusion_form,
            "metrics": _metrics(run),
            "shortfalls": shortfalls,
            "shortfall_count": shortfall_count,
            "mentees_emailed": Proposal.objects.filter(run=run).values("mentee_id").order_by().distinct().count(),
        }
        if context["is_draft"]:
            context |= {
                # Suggestions of the mentor fields: the first ones by name (a track of 10,000 mentors
                # would make a 1 MB page); any validated mentor's address is accepted.
                "mentor_choices": selectors.validated_mentors(run.track)
                .order_by("user__last_name", "user__first_name")
                .values("user__email", "user__first_name", "user__last_name", "organisation__code")[
                    :MENTOR_SUGGESTIONS
                ],
                "publish_form": publish_form or PublishForm(),
                "published_before": MatchingRun.objects.filter(
                    track=run.track, kind=RunKind.TRACK, status=RunStatus.PUBLISHED
                ).exists(),
                # Mentors are trained before they start: the engineer sees who is not, before publishing.
                "untrained": untrained_mentors_warning(
                    run.programme, Proposal.objects.filter(run=run).values("mentor__user_id")
                ),
            }
    return render(request, "matching/engineer/run_detail.html", context)


@role_required(Role.PROGRAMME_ENGINEER)
def run_detail(request, run_id):
    run = _run_or_404(request, run_id)
    return _render_run_detail(request, run)


def _exposure_cap(free, demand, factor):
    """The engine's cap on a mentor's menus (matching/engine/solve.py, step 3):
    max(places, ceil(factor × places × demand))."""
    if free <= 0:
        return 0
    return max(free, math.ceil(factor * free * demand - 1e-9))


@role_required(Role.PROGRAMME_ENGINEER)
def run_mentors(request, run_id):
    run = _run_or_404(request, run_id)
    proposed = Proposal.objects.filter(run=run).values("mentor_id")
    mentors = (
        Application.objects.filter(track=run.track, role=ApplicationRole.MENTOR)
        .filter(Q(pk__in=selectors.validated_mentors(run.track).values("pk")) | Q(pk__in=proposed))
        .select_related("user", "organisation__branch")
        .annotate(
            exposure=Count("proposals_made", filter=Q(proposals_made__run=run)),
            assigned_count=Count("proposals_made", filter=Q(proposals_made__run=run, proposals_made__assigned=True)),
        )
    )
    query = request.GET.get("q", "").strip()[:100]
    if query:
        mentors = mentors.filter(
            Q(user__last_name__icontains=query) | Q(user__first_name__icontains=query) | Q(user__email__icontains=query)
        )
    mentors = mentors.order_by("-exposure", "user__last_name", "user__first_name", "pk")
    page = Paginator(mentors, MENTORS_PER_PAGE).get_page(request.GET.get("page"))
    occupied = selectors.occupied_places([mentor.pk for mentor in page])
    # Caps are shown for a draft only: its places are those of the calculation; once published,
    # choices take places and today's free places no longer tell what the cap was.
    demand = (run.metrics or {}).get("exposure_demand") if run.status == RunStatus.DRAFT else None
    factor = selectors.matching_settings(run.programme).exposure_factor if demand is not None else None
    for mentor in page:
        mentor.free = selectors.free_places(mentor, occupied)
        mentor.cap = _exposure_cap(mentor.free, demand, factor) if demand is not None else None
        mentor.over_cap = mentor.cap is not None and mentor.exposure > mentor.cap
    request_query = request.GET.copy()
    request_query.pop("page", None)
    return render(
        request,
        "matching/engineer/run_mentors.html",
        {"programme": run.programme, "run": run, "page": page, "q": query, "query": request_query.urlencode()},
    )


@role_required(Role.PROGRAMME_ENGINEER)
def run_export(request, run_id):
    redirect_to_password = reauthentication_redirect(request)
    if redirect_to_password is not None:
        return redirect_to_password
    run = _run_or_404(request, run_id)
    filename = f"propositions-{run.programme.slug}-{run.track.code}-{run.pk}.csv"
    audit_log(AuditAction.EXPORT, request=request, target=filename)
    return exports.proposals_csv_response(run, filename)
