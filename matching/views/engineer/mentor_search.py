"""Adding a proposal to a draft by searching a mentor by name: the track's validated mentors, each
flagged with the hard rules it would break for the mentee, and an « Ajouter » button for the others.
The service checks the same rules again when the button is pressed."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from mentorat.accounts.decorators import role_required
from mentorat.core.enums import Role
from mentorat.core.pagination import page_of

from ... import review, selectors, services
from ...enums import RunStatus
from ._common import _detail_url, _next_url, _no_longer_draft, _run_or_404

MENTORS_PER_PAGE = 20


def _mentee_of_run(run, mentee_id):
    mentee = (
        review.run_mentees(run)
        .filter(pk=mentee_id)
        .select_related("user", "organisation__branch", "programme", "track")
        .first()
    )
    if mentee is None:
        raise Http404
    return mentee


def _render(request, run, mentee, *, error=None, status=200):
    query = review.clean_query(request.GET.get("q"))
    mentors = selectors.validated_mentors(run.track)
    if query:
        mentors = mentors.filter(review._name_filter("", query))
    mentors = mentors.select_related("user", "organisation__branch").order_by(
        "user__last_name", "user__first_name", "pk"
    )
    page = page_of(mentors, request.GET.get("page"), MENTORS_PER_PAGE)
    review.mentor_candidates(run, mentee, page.object_list)
    back = _next_url(request, _detail_url(run, mentee=mentee), param=request.GET.get("next", ""))
    request_query = request.GET.copy()
    request_query.pop("page", None)
    return render(
        request,
        "matching/engineer/proposal_search.html",
        {
            "programme": run.programme,
            "run": run,
            "mentee": mentee,
            "is_draft": run.status == RunStatus.DRAFT,
            "page": page,
            "q": query,
            "query": request_query.urlencode(),
            "back": back,
            "error": error,
            "proposed": mentee.proposals_received.filter(run=run).count(),
        },
        status=status,
    )


@role_required(Role.PROGRAMME_ENGINEER)
def proposal_search(request, run_id, mentee_id):
    run = _run_or_404(request, run_id)
    mentee = _mentee_of_run(run, mentee_id)
    if request.method != "POST":
        return _render(request, run, mentee)
    mentor = (
        selectors.validated_mentors(run.track)
        .filter(pk=request.POST.get("mentor") if str(request.POST.get("mentor", "")).isdigit() else None)
        .select_related("user", "organisation", "programme", "track")
        .first()
    )
    if mentor is None:
        return _render(request, run, mentee, error=_("Cette personne n'est pas un mentor validé de ce parcours."))
    try:
        services.proposal_add(run=run, mentee=mentee, mentor=mentor)
    except ValidationError as error:
        if _no_longer_draft(request, run, error):
            return redirect(_detail_url(run))
        return _render(
            request,
            run,
            mentee,
            error=_("%(mentor)s ne peut pas être proposé·e : %(reason)s")
            % {"mentor": mentor.user.get_full_name(), "reason": " ".join(error.messages)},
        )
    messages.success(
        request,
        _("%(mentor)s est proposé·e à %(mentee)s.")
        % {"mentor": mentor.user.get_full_name(), "mentee": mentee.user.get_full_name()},
    )
    return redirect(_detail_url(run, request, mentee))
