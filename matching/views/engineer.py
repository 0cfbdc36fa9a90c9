"""The programme engineer's matching console: run a track, follow the run, review and correct the
draft, publish it, export it; end a pair."""

import math

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from candidatures.enums import ApplicationRole
from candidatures.models import Application
from mentorat.accounts.decorators import role_required
from mentorat.accounts.reauth import reauthentication_redirect
from mentorat.audit.enums import AuditAction
from mentorat.audit.services import audit_log
from mentorat.core.enums import Role
from mentorat.core.models import Track
from mentorat.core.pagination import page_of
from mentorat.core.selectors import current_programme_or_404
from mentorat.resources.selectors import untrained_mentors_warning
from sessions_binome.models import Pair

from .. import exports, selectors, services
from ..enums import RequestStatus, RunKind, RunStatus
from ..former_pairs import former_mentors
from ..forms import (
    ExclusionForm,
    FormerMentorAllowanceForm,
    MatchingSettingsForm,
    PairEndForm,
    ProgrammeMatchingForm,
    ProposalAddForm,
    PublishForm,
)
from ..models import FormerMentorAllowance, MatchingRun, MentorRequest, Proposal

MENTEES_PER_PAGE = 25
MENTORS_PER_PAGE = 50
RUNS_PER_TRACK = 6
SHORTFALLS_SHOWN = 50
MENTOR_SUGGESTIONS = 300
ACTIVE_STATUSES = (RunStatus.QUEUED, RunStatus.RUNNING)

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


def _run_or_404(programme, run_id):
    """A run of the current programme; runs of other editions answer 404 like missing ones."""
    return get_object_or_404(MatchingRun.objects.select_related("programme", "track"), pk=run_id, programme=programme)


def _service_error(form, error, field):
    """Show a service's ValidationError next to `field` (or a field it names), else above the form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(field, error)


def _no_longer_draft(request, run, error):
    """A correction refused because the run is no longer a draft (published or replaced meanwhile):
    the page will have no form to show the error next to, so it becomes a message."""
    run.refresh_from_db(fields=["status"])
    if run.status == RunStatus.DRAFT:
        return False
    messages.error(request, " ".join(error.messages))
    return True


def _next_url(request, fallback):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


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


# --- console and settings -----------------------------------------------------------------------


@role_required(Role.PROGRAMME_ENGINEER)
def console(request):
    programme = current_programme_or_404()
    tracks = []
    for track in programme.tracks.order_by("code"):
        mentors = list(selectors.validated_mentors(track).only("pk", "capacity"))
        occupied = selectors.occupied_places([mentor.pk for mentor in mentors])
        runs = list(
            MatchingRun.objects.filter(track=track, kind=RunKind.TRACK)
            .select_related("created_by")
            .order_by("-created_at")[:RUNS_PER_TRACK]
        )
        tracks.append(
            {
                "track": track,
                "waiting": selectors.waiting_mentees(track).count(),
                "mentors": len(mentors),
                "mentors_free": sum(1 for mentor in mentors if selectors.free_places(mentor, occupied) > 0),
                "places_free": sum(selectors.free_places(mentor, occupied) for mentor in mentors),
                "runs": runs,
                "active": [run for run in runs if run.status in ACTIVE_STATUSES],
                "published": MatchingRun.objects.filter(track=track, kind=RunKind.TRACK, status=RunStatus.PUBLISHED)
                .order_by("-published_at")
                .first(),
            }
        )
    return render(
        request,
        "matching/engineer/console.html",
        {"programme": programme, "tracks": tracks, "statuses": RunStatus, "active_statuses": ACTIVE_STATUSES},
    )


@role_required(Role.PROGRAMME_ENGINEER)
def settings_edit(request):
    programme = current_programme_or_404()
    data = request.POST if request.method == "POST" else None
    weights_form = MatchingSettingsForm(data, instance=selectors.matching_settings(programme))
    programme_form = ProgrammeMatchingForm(data, instance=programme)
    if request.method == "POST" and weights_form.is_valid() and programme_form.is_valid():
        # Both or neither: the settings must never be half-saved.
        with transaction.atomic():
            weights_form.save()
            programme_form.save()
        messages.success(
            request, _("Les réglages de la mise en relation sont enregistrés. Ils s'appliquent aux prochains calculs.")
        )
        return redirect("matching:settings")
    return render(
        request,
        "matching/engineer/settings.html",
        {"programme": programme, "weights_form": weights_form, "programme_form": programme_form},
    )


# --- runs ---------------------------------------------------------------------------------------


@role_required(Role.PROGRAMME_ENGINEER)
@require_POST
def run_start(request, track_id):
    programme = current_programme_or_404()
    track = get_object_or_404(Track, pk=track_id, programme=programme)
    run = services.matching_run_start(programme=programme, track=track, by=request.user)
    messages.success(request, _("La mise en relation du parcours %(track)s est lancée.") % {"track": track.code})
    return redirect("matching:run_detail", run_id=run.pk)


@role_required(Role.PROGRAMME_ENGINEER)
def run_progress(request, run_id):
    run = _run_or_404(current_programme_or_404(), run_id)
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
    run = _run_or_404(current_programme_or_404(), run_id)
    return _render_run_detail(request, run)


def _exposure_cap(free, demand, factor):
    """The engine's cap on a mentor's menus (matching/engine/solve.py, step 3):
    max(places, ceil(factor × places × demand))."""
    if free <= 0:
        return 0
    return max(free, math.ceil(factor * free * demand - 1e-9))


@role_required(Role.PROGRAMME_ENGINEER)
def run_mentors(request, run_id):
    run = _run_or_404(current_programme_or_404(), run_id)
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
    run = _run_or_404(current_programme_or_404(), run_id)
    filename = f"propositions-{run.programme.slug}-{run.track.code}-{run.pk}.csv"
    audit_log(AuditAction.EXPORT, request=request, target=filename)
    return exports.proposals_csv_response(run, filename)


# --- corrections of a draft, publication --------------------------------------------------------


def _detail_url(run, request=None, mentee=None):
    url = reverse("matching:run_detail", args=[run.pk])
    if request is not None:
        url = _next_url(request, url)
    return f"{url}#mentore-{mentee.pk}" if mentee is not None else url


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
    run = _run_or_404(current_programme_or_404(), run_id)
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
    programme = current_programme_or_404()
    proposal = get_object_or_404(
        Proposal.objects.select_related("run", "mentee__user", "mentor__user"), pk=proposal_id, run__programme=programme
    )
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
    run = _run_or_404(current_programme_or_404(), run_id)
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
    run = _run_or_404(current_programme_or_404(), run_id)
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
    run = _run_or_404(current_programme_or_404(), run_id)
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


# --- pairs --------------------------------------------------------------------------------------


@role_required(Role.PROGRAMME_ENGINEER)
def pair_end_view(request, pair_id):
    programme = current_programme_or_404()
    pair = get_object_or_404(
        Pair.objects.select_related("mentee", "mentor", "track", "mentee_organisation", "mentor_organisation"),
        pk=pair_id,
        programme=programme,
    )
    form = PairEndForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.pair_end(pair=pair, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            _service_error(form, error, "reason")
        else:
            messages.success(
                request,
                _("Le binôme est arrêté. Le mentor en est informé ; %(mentee)s va recevoir de nouvelles propositions.")
                % {"mentee": pair.mentee.get_full_name()},
            )
            return redirect("matching:console")
    return render(request, "matching/engineer/pair_end.html", {"programme": programme, "pair": pair, "form": form})
