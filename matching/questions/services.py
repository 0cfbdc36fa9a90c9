"""Writes of the questions to proposed mentors: the mentee asks, the mentor answers once. Each tells
the other by e-mail (through the outbox, written in the same transaction) and in the platform, with
no content: only that there is a question, or an answer, and the link to read it."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from candidatures.enums import ApplicationStatus
from mentorat.accounts.wording import by_civility
from mentorat.notifications.services import event_notify

from .. import selectors as matching_selectors
from ..models import ANSWER_MAX_LENGTH, QUESTION_MAX_LENGTH, Proposal, ProposalQuestion
from . import selectors

NOTIFICATION_ASKED = "proposal_question"
NOTIFICATION_ANSWERED = "proposal_answer"


def _clean_text(text, *, field, max_length, empty_message):
    text = (text or "").strip()
    if not text:
        raise ValidationError({field: empty_message})
    if len(text) > max_length:
        raise ValidationError(
            {
                field: _("%(max)s caractères au plus (vous en avez écrit %(count)s).")
                % {"max": max_length, "count": len(text)}
            }
        )
    return text


def _check_can_ask(proposal):
    """Why the mentee cannot ask this proposed mentor now, as a ValidationError (nothing when she can)."""
    mentee = proposal.mentee
    if not selectors.questions_enabled(proposal.run.programme):
        raise ValidationError(_("Les questions aux mentors proposés ne sont pas ouvertes dans ce programme."))
    run = matching_selectors.current_run_for_mentee(mentee)
    if run is None or run.pk != proposal.run_id:
        raise ValidationError(_("Cette proposition a été remplacée par de nouvelles propositions."))
    if matching_selectors.open_pair_for_mentee(mentee) or matching_selectors.pending_request_for_mentee(mentee):
        raise ValidationError(_("Vous avez déjà choisi votre mentor : les questions ne sont plus ouvertes."))
    _pending, refused = matching_selectors.requests_of_mentee(mentee)
    mentor = proposal.mentor
    if (
        proposal.mentor_id in refused
        or mentor.status != ApplicationStatus.VALIDATED
        or matching_selectors.free_places(mentor) <= 0
    ):
        raise ValidationError(_("Ce mentor n'est plus disponible : vous ne pouvez plus lui poser de question."))
    if ProposalQuestion.objects.filter(proposal=proposal).exists():
        raise ValidationError(_("Vous avez déjà posé votre question à ce mentor."))
    if selectors.asked_in_run(mentee, run) >= selectors.QUESTIONS_PER_RUN:
        raise ValidationError(
            _("Vous avez déjà posé %(count)s questions, le maximum pour vos propositions.")
            % {"count": selectors.QUESTIONS_PER_RUN}
        )


@transaction.atomic
def question_ask(*, proposal, mentee_user, body, now=None):
    """The mentee sends one question to a proposed mentor; the mentor is told by e-mail."""
    now = now or timezone.now()
    # Locked: a double submit waits here, then finds the question and is refused.
    proposal = (
        Proposal.objects.select_for_update(of=("self",))
        .select_related("run__programme", "mentee__programme", "mentee__user", "mentor__user")
        .get(pk=proposal.pk, mentee__user=mentee_user)
    )
    body = _clean_text(
        body,
        field="body",
        max_length=QUESTION_MAX_LENGTH,
        empty_message=_("Écrivez votre question avant de l'envoyer."),
    )
    _check_can_ask(proposal)
    try:
        with transaction.atomic():
            question = ProposalQuestion.objects.create(
                proposal=proposal, mentee=proposal.mentee, mentor=proposal.mentor, body=body, asked_at=now
            )
    except IntegrityError as error:  # the unique proposal, should the lock be bypassed
        raise ValidationError(_("Vous avez déjà posé votre question à ce mentor.")) from error
    mentor_user, mentee_user = proposal.mentor.user, proposal.mentee.user
    url = selectors.question_url(question)
    who = by_civility(
        mentee_user, feminine=_("Une mentorée"), masculine=_("Un mentoré"), neutral=_("Une personne mentorée")
    )
    event_notify(
        mentor_user,
        kind=NOTIFICATION_ASKED,
        title=_("%(who)s vous pose une question") % {"who": who},
        body=_("Vous faites partie des mentors qui lui sont proposés : votre réponse l'aidera à choisir."),
        url=url,
        email=(
            "proposal_question",
            {"person": mentor_user, "who": who, "url": url, "programme": proposal.run.programme},
            f"proposal-question:{question.pk}",
        ),
        now=now,
    )
    return question


@transaction.atomic
def question_answer(*, question, mentor_user, answer, now=None):
    """The mentor answers once; the mentee is told by e-mail."""
    now = now or timezone.now()
    question = (
        ProposalQuestion.objects.select_for_update(of=("self",))
        .select_related("proposal__run", "mentee__user", "mentee__programme", "mentor__user")
        .get(pk=question.pk, mentor__user=mentor_user)
    )
    if question.is_answered:
        raise ValidationError(_("Vous avez déjà répondu à cette question."))
    if not selectors.question_is_open(question):
        raise ValidationError(_("La personne a fait son choix entre-temps : cette question n'attend plus de réponse."))
    question.answer = _clean_text(
        answer,
        field="answer",
        max_length=ANSWER_MAX_LENGTH,
        empty_message=_("Écrivez votre réponse avant de l'envoyer."),
    )
    question.answered_at = now
    question.save(update_fields=["answer", "answered_at"])
    mentee_user, mentor_user = question.mentee.user, question.mentor.user
    url = selectors.proposals_url(question.mentee)
    event_notify(
        mentee_user,
        kind=NOTIFICATION_ANSWERED,
        title=_("%(name)s a répondu à votre question") % {"name": mentor_user.first_name},
        body=_("Retrouvez sa réponse sur la page de vos propositions."),
        url=url,
        email=(
            "proposal_answer",
            {"person": mentee_user, "mentor": mentor_user, "url": url, "programme": question.mentee.programme},
            f"proposal-answer:{question.pk}",
        ),
        now=now,
    )
    return question
