"""The review of a run by mentee: a page of mentees with their proposals, searched by mentee or by
proposed mentor, filtered (short of proposals, with an exclusion), under a summary that keeps the
publish action in reach. The same number of queries whatever the size of the run."""

from django.shortcuts import render

from candidatures.models import Application
from mentorat.accounts.decorators import role_required
from mentorat.core.enums import Role
from mentorat.core.pagination import page_of
from mentorat.resources.selectors import untrained_mentors_warning

from ... import review, selectors
from ...enums import RequestStatus, RunKind, RunStatus
from ...former_pairs import former_mentors
from ...forms import PublishForm
from ...models import FormerMentorAllowance, MatchingRun, MentorRequest, Proposal
from ._common import _run_or_404
from .run import _metrics

MENTEES_PER_PAGE = 25
MENTOR_SUGGESTIONS = 300


def _search(request):
    """(mentee search, mentor search, filter) of the page's address, cleaned."""
    kind = request.GET.get("filtre", "")
    return (
        review.clean_query(request.GET.get("q")),
        review.clean_query(request.GET.get("mentor")),
        kind if kind in review.MENTEE_FILTERS else "",
    )


def _mentees_page(request, run, only_mentee=None):
    """The page of mentees of `run` kept by the search and the filter, each with `.run_proposals`
    and `.shortfall`; the same number of queries whatever the page holds."""
    shortfalls = run.shortfalls or {}
    if only_mentee is not None:
        # After a refused correction: that mentee alone, with the form and its errors.
        mentees = Application.objects.filter(pk=only_mentee.pk)
    else:
        query, mentor_query, kind = _search(request)
        mentees = review.filter_mentees(run, review.run_mentees(run), query=query, mentor_query=mentor_query, kind=kind)
    mentees = mentees.select_related("user", "organisation__branch").order_by(
        "user__last_name", "user__first_name", "pk"
    )
    # Keys and total first, then the page's rows with their person and organisation: sorting the
    # 5,000 mentees of a run as whole joined rows took 40 ms (benchmarks/README.md).
    page = page_of(mentees, request.GET.get("page") if only_mentee is None else 1, MENTEES_PER_PAGE)
    ids = [mentee.pk for mentee in page]
    by_mentee = {}
    for proposal in (
        Proposal.objects.filter(run=run, mentee__in=ids)
        .select_related("mentor__user", "mentor__organisation__branch")
        .order_by("mentee_id", "rank")
    ):
        proposal.sentences = [value[1] for value in proposal.criteria.values() if value and value[1]]
        by_mentee.setdefault(proposal.mentee_id, []).append(proposal)
    # Why mentors declined this mentee: the reason is written for the programme team only.
    declines = {}
    for declined in (
        MentorRequest.objects.filter(mentee__in=ids, status=RequestStatus.DECLINED)
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
    return page


def _render_run_detail(request, run, *, only_mentee=None, add_form=None, exclusion_form=None, publish_form=None):
    context = {"programme": run.programme, "run": run, "statuses": RunStatus, "is_draft": run.status == RunStatus.DRAFT}
    if run.status in (RunStatus.DRAFT, RunStatus.PUBLISHED, RunStatus.SUPERSEDED):
        page = _mentees_page(request, run, only_mentee)
        for mentee in page:
            if only_mentee is not None and mentee.pk == only_mentee.pk:
                mentee.add_form, mentee.exclusion_form = add_form, exclusion_form
        query, mentor_query, kind = _search(request)
        request_query = request.GET.copy()
        request_query.pop("page", None)
        context |= {
            "page": page,
            "q": query,
            "mentor_q": mentor_query,
            "filtre": kind,
            "filters": review.MENTEE_FILTERS,
            "query": request_query.urlencode(),
            "only_mentee": only_mentee,
            "correction_form": add_form or exclusion_form,
            "metrics": _metrics(run),
            "summary": review.review_summary(run),
        }
        if context["is_draft"]:
            context |= {
                # Suggestions of the exclusion's mentor field: the first ones by name (a track of
                # 10,000 mentors would make a 1 MB page); any validated mentor's address is accepted.
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
