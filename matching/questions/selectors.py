"""Reads of the questions to proposed mentors."""

from django.db.models import F
from django.urls import reverse

from mentorat.core.editions.selection import EDITION_PARAM
from sessions_binome.enums import OPEN_PAIR_STATUSES
from sessions_binome.models import Pair

from ..models import ProposalQuestion
from ..selectors import current_run_for_mentee, matching_settings

# One question per proposal, and at most this many per list of proposals: a mentee asks the mentors
# she hesitates between, without making every proposed mentor write.
QUESTIONS_PER_RUN = 3


def questions_enabled(programme):
    return matching_settings(programme).questions_enabled


def questions_by_proposal(proposals):
    """{proposal id: its question} for a mentee's page (one query)."""
    return {
        question.proposal_id: question
        for question in ProposalQuestion.objects.filter(proposal__in=[proposal.pk for proposal in proposals])
    }


def asked_in_run(mentee, run):
    return ProposalQuestion.objects.filter(mentee=mentee, proposal__run=run).count()


def question_is_open(question):
    """The mentor may still answer: not answered yet, and the mentee is still choosing among the
    proposals that hold the question (no open pair, the same list of proposals)."""
    if question.is_answered:
        return False
    mentee = question.mentee
    if Pair.objects.filter(mentee_application=mentee, status__in=OPEN_PAIR_STATUSES).exists():
        return False
    run = current_run_for_mentee(mentee)
    return run is not None and run.pk == question.proposal.run_id


def questions_for_mentor(mentor):
    """The mentor's questions, unanswered first, each with `.is_open` (a few queries per question:
    a mentor receives a handful at most, QUESTIONS_PER_RUN per mentee who hesitates)."""
    questions = list(
        ProposalQuestion.objects.filter(mentor=mentor)
        .select_related("mentee__user", "proposal")
        .order_by(F("answered_at").asc(nulls_first=True), "-asked_at")
    )
    for question in questions:
        question.is_open = question_is_open(question)
    return questions


def question_url(question):
    return reverse("matching:question_answer", args=[question.pk])


def proposals_url(mentee):
    return f"{reverse('matching:my_proposals')}?{EDITION_PARAM}={mentee.programme.slug}"
