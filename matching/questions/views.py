"""The mentee's question to a proposed mentor, the mentor's answer."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentorat.accounts.decorators import role_required
from mentorat.core.enums import Role
from mentorat.core.idempotency import idempotent_post
from mentorat.notifications.services import notifications_read

from ..models import ProposalQuestion
from ..perms import get_proposal_for_mentee
from ..views.participant import proposals_page
from . import selectors, services
from .forms import AnswerForm, QuestionForm


def get_question_for_mentor(user, question_id):
    """The question asked of this mentor, else 404 (the mentee who asked reads it on her proposals)."""
    question = (
        ProposalQuestion.objects.select_related("proposal__run", "mentee__user", "mentee__track", "mentor__programme")
        .filter(pk=question_id, mentor__user=user)
        .first()
    )
    if question is None:
        raise Http404
    return question


@require_POST
@role_required(Role.MENTEE)
@idempotent_post
def ask(request, proposal_id):
    proposal = get_proposal_for_mentee(request.user, proposal_id)
    form = QuestionForm(request.POST, prefix=f"q{proposal.pk}")
    if form.is_valid():
        try:
            services.question_ask(proposal=proposal, mentee_user=request.user, body=form.cleaned_data["body"])
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                form.add_error(None, error)
            else:
                messages.error(request, " ".join(error.messages))
                return redirect(selectors.proposals_url(proposal.mentee))
        else:
            messages.success(
                request,
                _("Votre question est envoyée à %(name)s. Un courriel vous préviendra de sa réponse.")
                % {"name": proposal.mentor.user.first_name},
            )
            return redirect(selectors.proposals_url(proposal.mentee))
    proposal.mentee.user = request.user
    return proposals_page(request, proposal.mentee, asking=proposal.pk, question_form=form)


@role_required(Role.MENTOR)
def answer(request, question_id):
    question = get_question_for_mentor(request.user, question_id)
    notifications_read(user=request.user, kind=services.NOTIFICATION_ASKED, url=selectors.question_url(question))
    is_open = selectors.question_is_open(question)
    form = AnswerForm(request.POST if request.method == "POST" and is_open else None)
    if request.method == "POST" and is_open and form.is_valid():
        try:
            services.question_answer(question=question, mentor_user=request.user, answer=form.cleaned_data["answer"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Votre réponse est envoyée."))
            return redirect(selectors.question_url(question))
    return render(
        request,
        "matching/question_answer.html",
        {"question": question, "form": form, "is_open": is_open, "asker": question.mentee.user},
    )
