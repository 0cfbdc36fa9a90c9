"""Demo data for matching: a published run per track, then choices at every stage.

Runs through the real services (engine, choice, answer, change of mentor) with emails suppressed,
and only once per track: a track that already has a published run is left as it is.
"""

import datetime
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db import transaction

from mentorat.core.emails import emails_suppressed
from sessions_binome.models import Pair

from . import services
from .enums import RequestStatus, RunKind, RunStatus
from .models import MatchingRun, MentorRequest, Proposal, ProposalQuestion

PARIS = ZoneInfo("Europe/Paris")
PUBLISHED_AT = datetime.datetime(2026, 9, 24, 10, 0, tzinfo=PARIS)
# People the walkthrough of the README starts from: they must still have everything to do.
UNTOUCHED_EMAILS = {"mentoree@demo.mentorat.fr", "mentor@demo.mentorat.fr"}


@dataclass
class MatchingDemoResult:
    runs: int = 0
    pairs: int = 0
    pending: int = 0
    declined: int = 0
    changed: int = 0
    questions: int = 0
    skipped_tracks: list = field(default_factory=list)


def _at(days, hours=0):
    return PUBLISHED_AT + datetime.timedelta(days=days, hours=hours)


def matching_demo_load(programme, *, engineer):
    result = MatchingDemoResult()
    with emails_suppressed():
        for track in programme.tracks.order_by("code"):
            if MatchingRun.objects.filter(track=track, kind=RunKind.TRACK, status=RunStatus.PUBLISHED).exists():
                result.skipped_tracks.append(track.code)
                continue
            _track_demo(programme, track, engineer, result)
        _questions_demo(programme, result)
    return result


# Two mentees who have not chosen yet ask a proposed mentor a question; the first one got her answer.
DEMO_QUESTIONS = [
    (
        "Bonjour, comment organisez-vous vos séances quand vous êtes en déplacement ? Je voudrais être sûre de "
        "pouvoir tenir le rythme d'une séance par mois.",
        "Bonjour, je me déplace souvent : je propose toujours la visio, en fin de matinée le jeudi. Une heure par "
        "mois se trouve toujours, et je préviens une semaine à l'avance si je dois décaler.",
    ),
    ("Avez-vous déjà accompagné quelqu'un qui prenait son premier poste de manager ?", ""),
]


@transaction.atomic
def _questions_demo(programme, result):
    """The engineer allowed questions before choosing in the demo edition; two of them were asked."""
    from django.core.exceptions import ValidationError

    from .questions import services as question_services
    from .selectors import matching_settings

    settings = matching_settings(programme)
    if not settings.questions_enabled:
        settings.questions_enabled = True
        settings.save(update_fields=["questions_enabled"])
    if ProposalQuestion.objects.filter(mentee__programme=programme).exists():
        return
    waiting = (
        Proposal.objects.filter(run__programme=programme, run__status=RunStatus.PUBLISHED, rank=2)
        .exclude(mentee__user__email__in=UNTOUCHED_EMAILS)
        .exclude(mentor__user__email__in=UNTOUCHED_EMAILS)
        .exclude(mentee__pairs_as_mentee__isnull=False)
        .exclude(mentee__requests_sent__isnull=False)
        .select_related("run__programme", "mentee__user", "mentor__user")
        .order_by("mentee_id")
    )
    asked = 0
    for proposal in waiting:
        body, answer = DEMO_QUESTIONS[asked]
        try:
            question = question_services.question_ask(
                proposal=proposal, mentee_user=proposal.mentee.user, body=body, now=_at(3, asked)
            )
            if answer:
                question_services.question_answer(
                    question=question, mentor_user=proposal.mentor.user, answer=answer, now=_at(4)
                )
        except ValidationError:
            continue  # that mentor has no place left: the next mentee asks
        asked += 1
        result.questions += 1
        if asked == len(DEMO_QUESTIONS):
            return


@transaction.atomic
def _track_demo(programme, track, engineer, result):
    run = MatchingRun.objects.create(programme=programme, track=track, created_by=engineer)
    services.matching_run_execute(run_id=run.pk)
    # Launched and computed the day before its publication, as the engineer would have done (the
    # console lists runs by their launch date).
    launched = PUBLISHED_AT - datetime.timedelta(days=1)
    MatchingRun.objects.filter(pk=run.pk).update(
        created_at=launched, finished_at=launched + datetime.timedelta(minutes=1)
    )
    run.refresh_from_db()
    services.matching_run_publish(run=run, by=engineer, now=PUBLISHED_AT)
    result.runs += 1
    first_choices = (
        Proposal.objects.filter(run=run, rank=1)
        .exclude(mentee__user__email__in=UNTOUCHED_EMAILS)
        .exclude(mentor__user__email__in=UNTOUCHED_EMAILS)
        .select_related("mentee", "mentor")
        .order_by("mentee_id")
    )
    for index, proposal in enumerate(first_choices):
        stage = index % 10
        if stage in (0, 1, 2, 3, 4, 5):  # chosen and accepted: a pair in the frame stage
            _choose_and_accept(proposal, day=1 + index % 6, result=result)
        elif stage == 6:  # still waiting for the mentor
            if _choose(proposal, day=24 + index % 3):
                result.pending += 1
        elif stage == 7 and not result.declined:  # the mentor declined: back to the other proposals
            request = _choose(proposal, day=2)
            if request is None:
                continue
            services.request_decline(
                request=request,
                mentor_user=proposal.mentor.user,
                reason="Je pars en mobilité en janvier, je ne pourrai pas tenir sept mois.",
                now=_at(4),
            )
            result.declined += 1
        elif stage == 8 and not result.changed:  # a pair that changed mentor
            pair = _choose_and_accept(proposal, day=1, result=result)
            if pair is None:
                continue
            services.pair_end(
                pair=pair, by=proposal.mentee.user, reason="Nos disponibilités ne coïncident pas.", now=_at(20)
            )
            result.changed += 1
        # stage 9: has not chosen yet


def _choose(proposal, *, day):
    """The mentee's request, or None when an earlier choice of this loop took the mentor's last place."""
    from .selectors import free_places

    if free_places(proposal.mentor) <= 0:
        return None
    request = services.mentor_choose(mentee=proposal.mentee, proposal=proposal, now=_at(day))
    MentorRequest.objects.filter(pk=request.pk).update(created_at=_at(day))
    return request


def _choose_and_accept(proposal, *, day, result):
    request = _choose(proposal, day=day)
    if request is None:
        return None
    if request.status == RequestStatus.PENDING:
        pair = services.request_accept(request=request, mentor_user=proposal.mentor.user, now=_at(day + 1))
    else:
        pair = Pair.objects.get(mentee_application=proposal.mentee, status__in=["frame", "active"])
    Pair.objects.filter(pk=pair.pk).update(created_at=_at(day + 1))
    result.pairs += 1
    return pair
