"""The mentee's proposals and choice, the mentor's requests, the change of mentor."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from candidatures.enums import availability_labels
from mentorat.accounts.decorators import role_required
from mentorat.core.dates import long_date
from mentorat.core.editions.selection import EDITION_PARAM
from mentorat.core.enums import Role
from mentorat.core.idempotency import idempotent_post
from mentorat.notifications.services import notifications_read

from .. import explain, perms, selectors, services
from ..enums import RequestStatus
from ..participant_forms import ChangeMentorForm, ChooseForm, MentorEndPairForm, RequestAnswerForm
from ..questions import selectors as question_selectors
from ..questions import services as question_services
from ..questions.forms import QuestionForm


def _bound(form_class, request):
    return form_class(request.POST if request.method == "POST" else None)


def _in_edition(url_name, programme):
    """A participant's page in the edition of the object just acted on (they may take part in two)."""
    return f"{reverse(url_name)}?{EDITION_PARAM}={programme.slug}"


@role_required(Role.MENTEE)
def my_proposals(request):
    # The edition named in the address among the person's, else their latest as a mentee.
    mentee = perms.get_mentee_application(request.user, request.GET.get(EDITION_PARAM))
    return proposals_page(request, mentee)


def proposals_page(request, mentee, *, asking=None, question_form=None):
    """The mentee's proposals; `asking` and `question_form`: a question to that proposal's mentor sent
    back with its error next to the field."""
    pending, refused = selectors.requests_of_mentee(mentee)
    run, proposals = selectors.proposals_for_mentee(mentee, refused)
    pair = selectors.open_pair_for_mentee(mentee)
    explain.proposal_sentences(mentee, proposals)
    questions = question_selectors.questions_by_proposal(proposals)
    if questions:
        notifications_read(
            user=request.user,
            kind=question_services.NOTIFICATION_ANSWERED,
            url=question_selectors.proposals_url(mentee),
        )
    enabled = run is not None and not pair and not pending and question_selectors.questions_enabled(mentee.programme)
    allowance = max(0, question_selectors.QUESTIONS_PER_RUN - len(questions)) if enabled else 0
    for proposal in proposals:
        # Not `.question`: the reverse one-to-one of ProposalQuestion.
        proposal.asked = questions.get(proposal.pk)
        proposal.can_ask = (
            allowance > 0 and proposal.asked is None and proposal.free_places > 0 and not proposal.refused
        )
        proposal.question_form = question_form if asking == proposal.pk else QuestionForm(prefix=f"q{proposal.pk}")
    # How many more she may ask: the allowance, or fewer when fewer mentors are left to ask.
    questions_left = min(allowance, sum(proposal.can_ask for proposal in proposals))
    return render(
        request,
        "matching/my_proposals.html",
        {
            "mentee": mentee,
            "run": run,
            "proposals": proposals,
            "pending": pending,
            "pair": pair,
            "form": ChooseForm(),
            "questions_left": questions_left,
            "asking": asking,
        },
    )


@require_POST
@role_required(Role.MENTEE)
@idempotent_post
def choose(request, proposal_id):
    proposal = perms.get_proposal_for_mentee(request.user, proposal_id)
    form = ChooseForm(request.POST)
    if form.is_valid():
        try:
            mentor_request = services.mentor_choose(
                mentee=proposal.mentee, proposal=proposal, message=form.cleaned_data["message"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if mentor_request.status == RequestStatus.PENDING:
                messages.success(
                    request,
                    _("Votre demande est envoyée à %(name)s, qui a jusqu'au %(date)s pour répondre.")
                    % {
                        "name": proposal.mentor.user.get_full_name(),
                        "date": long_date(mentor_request.deadline),
                    },
                )
            else:
                messages.success(
                    request, _("Votre binôme est créé : vous pouvez maintenant préparer votre cadre de travail.")
                )
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(_in_edition("matching:my_proposals", proposal.run.programme))


@require_POST
@role_required(Role.MENTEE)
def cancel_request(request, request_id):
    mentor_request = perms.get_request_for_mentee(request.user, request_id)
    try:
        services.request_cancel(request=mentor_request, mentee=mentor_request.mentee)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Votre demande est annulée : vous pouvez choisir une autre proposition."))
    return redirect(_in_edition("matching:my_proposals", mentor_request.mentee.programme))


@role_required(Role.MENTEE)
def change_mentor(request, pair_id):
    pair = perms.get_pair_for_mentee(request.user, pair_id)
    if not pair.is_open:
        raise Http404
    form = _bound(ChangeMentorForm, request)
    if request.method == "POST" and form.is_valid():
        try:
            services.pair_end(pair=pair, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Le binôme est terminé. De nouvelles propositions de mentors vous sont préparées.")
            )
            return redirect(_in_edition("matching:my_proposals", pair.programme))
    return render(request, "matching/change_mentor.html", {"pair": pair, "form": form})


@role_required(Role.MENTOR)
def mentor_end_pair(request, pair_id):
    pair = perms.get_pair_for_mentor(request.user, pair_id)
    if not pair.is_open:
        raise Http404
    form = _bound(MentorEndPairForm, request)
    if request.method == "POST" and form.is_valid():
        try:
            services.pair_end(pair=pair, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Le binôme est terminé ; votre mentoré en est informé. Merci pour votre engagement.")
            )
            return redirect("core:dashboard_mentor")
    return render(request, "matching/mentor_end_pair.html", {"pair": pair, "form": form})


@role_required(Role.MENTOR)
def mentor_requests(request):
    mentor = perms.get_mentor_application(request.user, request.GET.get(EDITION_PARAM))
    requests = list(selectors.requests_for_mentor(mentor))
    for item in requests:
        item.availability_labels = availability_labels(item.mentee.availability)
    pending = [r for r in requests if r.status == RequestStatus.PENDING]
    return render(
        request,
        "matching/mentor_requests.html",
        {
            "mentor": mentor,
            "pending": pending,
            "answered": [r for r in requests if r.status != RequestStatus.PENDING],
            "pairs": selectors.mentor_pairs(mentor),
            "free_places": selectors.free_places(mentor),
            "questions": question_selectors.questions_for_mentor(mentor),
        },
    )


@role_required(Role.MENTOR)
def request_answer(request, request_id):
    mentor_request = perms.get_request_for_mentor(request.user, request_id)
    form = _bound(RequestAnswerForm, request)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["answer"] == "accept":
                services.request_accept(request=mentor_request, mentor_user=request.user)
                messages.success(request, _("Vous avez accepté : le binôme est créé et votre mentoré est prévenu."))
            else:
                services.request_decline(
                    request=mentor_request, mentor_user=request.user, reason=form.cleaned_data["reason"]
                )
                messages.success(
                    request, _("Votre réponse est enregistrée ; la personne pourra choisir un autre mentor.")
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(_in_edition("matching:mentor_requests", mentor_request.mentor.programme))
    return render(
        request,
        "matching/request_answer.html",
        {
            "mentor_request": mentor_request,
            "mentee": mentor_request.mentee,
            "themes": mentor_request.mentee.themes.all(),
            "availability_labels": availability_labels(mentor_request.mentee.availability),
            "form": form,
            "is_pending": mentor_request.status == RequestStatus.PENDING,
        },
    )
