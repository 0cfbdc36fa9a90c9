"""A matching run's pages: its progress, its mentors, its export (the review by mentee is in
review.py). A run page is in the run's edition, whichever edition the console showed."""

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy

from mentorat.accounts.decorators import role_required
from mentorat.accounts.reauth import reauthentication_redirect
from mentorat.audit.enums import AuditAction
from mentorat.audit.services import audit_log
from mentorat.core.enums import Role

from ... import exports, review
from ...enums import RunStatus
from ...models import MatchingRun
from ._common import ACTIVE_STATUSES, _run_or_404

MENTORS_PER_PAGE = 50

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


@role_required(Role.PROGRAMME_ENGINEER)
def run_mentors(request, run_id):
    run = _run_or_404(request, run_id)
    query = review.clean_query(request.GET.get("q"))
    kind = request.GET.get("filtre", "")
    kind = kind if kind in review.MENTOR_FILTERS else ""
    exposure = review.mentor_exposure(run)
    mentors = review.run_mentors(run, exposure, query=query, kind=kind)
    mentors = mentors.select_related("user", "organisation__branch").order_by(
        "-exposure", "user__last_name", "user__first_name", "pk"
    )
    page = Paginator(mentors, MENTORS_PER_PAGE).get_page(request.GET.get("page"))
    for mentor in page:
        _count, mentor.free, mentor.cap = exposure.get(mentor.pk, (0, 0, None))
        mentor.over_cap = mentor.cap is not None and mentor.exposure > mentor.cap
    request_query = request.GET.copy()
    request_query.pop("page", None)
    return render(
        request,
        "matching/engineer/run_mentors.html",
        {
            "programme": run.programme,
            "run": run,
            "page": page,
            "q": query,
            "filtre": kind,
            "filters": review.MENTOR_FILTERS,
            "is_draft": run.status == RunStatus.DRAFT,
            "query": request_query.urlencode(),
        },
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
