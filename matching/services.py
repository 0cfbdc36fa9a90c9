"""Writes for matching: runs, review by the engineer, publication, the mentee's choice, the mentor's
answer, expiry and change of mentor.

Capacity is guarded by locking the mentor's application row (`select_for_update`) in every service
that takes a place, so that two mentees choosing the same mentor at the same moment cannot both
get the last place.
"""

import datetime
import json

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from candidatures.enums import ApplicationStatus
from candidatures.models import Application
from mentorat.audit.enums import AuditAction
from mentorat.audit.services import audit_log
from mentorat.core.emails import send_templated_email
from mentorat.core.enums import ProgrammeStatus
from sessions_binome.enums import OPEN_PAIR_STATUSES, PairStatus
from sessions_binome.models import Pair

from . import selectors
from .enums import RequestStatus, RunKind, RunStatus
from .former_pairs import past_mentee_counts
from .models import Exclusion, FormerMentorAllowance, MatchingRun, MentorRequest, Proposal

# --- runs ---------------------------------------------------------------------------------------


@transaction.atomic
def matching_run_start(*, programme, track, by):
    """Queue a run for `track`. A new run supersedes the track's drafts, never what was published."""
    MatchingRun.objects.filter(
        track=track,
        kind=RunKind.TRACK,
        status__in=[RunStatus.DRAFT, RunStatus.QUEUED, RunStatus.RUNNING, RunStatus.FAILED],
    ).update(status=RunStatus.SUPERSEDED)
    run = MatchingRun.objects.create(programme=programme, track=track, created_by=by)
    from .tasks import execute_matching_run

    transaction.on_commit(lambda: execute_matching_run.delay(run_id=run.pk))
    return run


PROPOSAL_COLUMNS = ("run_id", "mentee_id", "mentor_id", "rank", "score", "criteria", "assigned", "added_by_hand")


def _insert_proposals(rows):
    """Store a run's proposals, `rows` of PROPOSAL_COLUMNS values. On PostgreSQL with COPY and no
    model instance: `bulk_create` builds 40,000 instances and quotes their JSON explanations one by
    one on the client (about 10 s of the 10,000 x 10,000 run, benchmarks/README.md); COPY streams
    them in about 1 s. Elsewhere (the embedded SQLite) `bulk_create`."""
    if connection.vendor != "postgresql":
        Proposal.objects.bulk_create(
            [Proposal(**dict(zip(PROPOSAL_COLUMNS, row, strict=False))) for row in rows], batch_size=2000
        )
        return
    table = connection.ops.quote_name(Proposal._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(name) for name in PROPOSAL_COLUMNS)
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([*row[:5], json.dumps(row[5], ensure_ascii=False), *row[6:]])


def _save_result(run, result):
    _insert_proposals(
        [
            (
                run.pk,
                mentee_id,
                out.mentor_id,
                out.rank,
                round(out.score, 4),
                {name: [round(value, 4), sentence] for name, (value, sentence) in out.criteria.items()},
                out.assigned,
                False,
            )
            for mentee_id, outs in result.proposals.items()
            for out in outs
        ]
    )
    run.shortfalls = {str(key): reason for key, reason in result.shortfalls.items()}
    run.metrics = result.metrics


def matching_run_execute(*, run_id):
    """The task's body: read the track, run the engine, store the draft proposals."""
    from .engine import run_matching

    run = MatchingRun.objects.select_related("programme", "track").get(pk=run_id)
    # Claim the run in one conditional UPDATE: of two callers (the queued task and the `match`
    # command, or a retried task) only one moves it out of QUEUED and computes.
    claimed = MatchingRun.objects.filter(pk=run.pk, status=RunStatus.QUEUED).update(
        status=RunStatus.RUNNING, progress=1
    )
    if not claimed:
        return run  # superseded meanwhile, or already taken: nothing to do twice

    def progress(fraction, message=""):
        MatchingRun.objects.filter(pk=run.pk).update(progress=int(fraction * 100), progress_message=message[:200])

    try:
        mentees, mentors, settings, forbidden, manager_of = selectors.engine_inputs(run.programme, run.track)
        result = run_matching(mentees, mentors, settings, forbidden=forbidden, manager_of=manager_of, progress=progress)
        with transaction.atomic():
            run.refresh_from_db()
            if run.status != RunStatus.RUNNING:
                return run
            _save_result(run, result)
            run.status = RunStatus.DRAFT
            run.progress = 100
            run.finished_at = timezone.now()
            run.save()
    except Exception as error:
        MatchingRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED, error=repr(error)[:2000], finished_at=timezone.now()
        )
        raise
    return run


def _draft_run_locked(run):
    run = MatchingRun.objects.select_for_update().get(pk=run.pk)
    if run.status != RunStatus.DRAFT:
        raise ValidationError(_("Seul un brouillon de mise en relation peut être modifié."))
    return run


@transaction.atomic
def proposal_add(*, run, mentee, mentor):
    """Add a proposal by hand to a draft; the hard rules still apply."""
    from .engine import check_pair, explain_pair, fit_text_model, weighted_total

    run = _draft_run_locked(run)
    if mentee.track_id != run.track_id or mentor.track_id != run.track_id:
        raise ValidationError(_("Le mentoré et le mentor doivent appartenir au parcours de cette mise en relation."))
    if mentor.status != ApplicationStatus.VALIDATED or mentor.role != "mentor":
        raise ValidationError(_("Cette personne n'est pas un mentor validé."))
    if Proposal.objects.filter(run=run, mentee=mentee, mentor=mentor).exists():
        raise ValidationError(_("Ce mentor est déjà proposé à ce mentoré."))
    settings = selectors.engine_settings(run.programme, run.track)
    mentee_person = selectors.build_person(mentee)
    past = past_mentee_counts(run.programme, [mentor.user_id]).get(mentor.user_id, 0)
    mentor_person = selectors.build_person(mentor, capacity=selectors.free_places(mentor), past_mentees=past)
    reason = check_pair(
        mentee_person,
        mentor_person,
        settings,
        forbidden=selectors.forbidden_pairs(run.programme, [mentee.pk]),
        manager_of=selectors.manager_links(run.programme),
    )
    if reason:
        raise ValidationError(reason)
    # The text similarity depends on the corpus: score against the track's people, as the run did.
    corpus_mentees, corpus_mentors, *_rest = selectors.engine_inputs(run.programme, run.track)
    text_model = fit_text_model([*corpus_mentees, *corpus_mentors, mentee_person, mentor_person])
    criteria = explain_pair(mentee_person, mentor_person, settings, text_model=text_model)
    rank = Proposal.objects.filter(run=run, mentee=mentee).count() + 1
    return Proposal.objects.create(
        run=run,
        mentee=mentee,
        mentor=mentor,
        rank=rank,
        score=round(weighted_total(criteria, settings.weights), 4),
        criteria={name: [round(value, 4), sentence] for name, (value, sentence) in criteria.items()},
        added_by_hand=True,
    )


@transaction.atomic
def proposal_remove(*, proposal):
    _draft_run_locked(proposal.run)
    mentee_id, run_id = proposal.mentee_id, proposal.run_id
    proposal.delete()
    # Keep ranks contiguous: 1..n.
    for rank, other in enumerate(Proposal.objects.filter(run_id=run_id, mentee_id=mentee_id).order_by("rank"), start=1):
        if other.rank != rank:
            Proposal.objects.filter(pk=other.pk).update(rank=rank)


@transaction.atomic
def exclusion_add(*, programme, mentee, mentor, reason, by):
    """Rule a pair out for good; draft proposals of that pair disappear."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Indiquez le motif de l'exclusion.")})
    exclusion, _created = Exclusion.objects.get_or_create(
        programme=programme, mentee=mentee, mentor=mentor, defaults={"reason": reason, "created_by": by}
    )
    for proposal in Proposal.objects.filter(mentee=mentee, mentor=mentor, run__status=RunStatus.DRAFT):
        proposal_remove(proposal=proposal)
    return exclusion


@transaction.atomic
def former_mentor_allowance_set(*, mentee, allowed, by):
    """Allow (or forbid again) proposing to `mentee` a mentor they had in an earlier edition. Forbidding
    again takes such mentors out of the draft proposals, as an exclusion does."""
    if not allowed:
        FormerMentorAllowance.objects.filter(mentee=mentee).delete()
        former = selectors.forbidden_pairs(mentee.programme, [mentee.pk])
        for proposal in Proposal.objects.filter(mentee=mentee, run__status=RunStatus.DRAFT).select_related("run"):
            if (mentee.pk, proposal.mentor_id) in former:
                proposal_remove(proposal=proposal)
        return None
    allowance, _created = FormerMentorAllowance.objects.get_or_create(mentee=mentee, defaults={"created_by": by})
    return allowance


@transaction.atomic
def matching_run_publish(*, run, by, now=None):
    """Publish a draft: the mentees see their proposals and are emailed. The track's previous
    published run is superseded for those who have not chosen yet (choices made stay)."""
    run = _draft_run_locked(run)
    now = now or timezone.now()
    MatchingRun.objects.filter(track=run.track, kind=RunKind.TRACK, status=RunStatus.PUBLISHED).update(
        status=RunStatus.SUPERSEDED
    )
    run.status = RunStatus.PUBLISHED
    run.published_at = now
    run.published_by = by
    run.save(update_fields=["status", "published_at", "published_by"])
    audit_log(AuditAction.MATCHING_PUBLISHED, actor=by, target=f"run:{run.pk}", track=run.track.code)
    # Someone who chose meanwhile (pending request or pair) keeps that choice and gets no email.
    mentees = (
        selectors.waiting_mentees(run.track)
        .filter(proposals_received__run=run)
        .select_related("user", "programme")
        .distinct()
    )
    for mentee in mentees:
        _email_proposals(mentee)
    return run


def _email_proposals(mentee):
    send_templated_email(
        "proposals_published",
        to=mentee.user.email,
        context={"person": mentee.user, "programme": mentee.programme},
    )


# --- the mentee's choice and the mentor's answer ------------------------------------------------


def _lock_mentor_with_free_place(mentor_id):
    """Lock the mentor's application row, then count places: the lock serialises every chooser."""
    mentor = Application.objects.select_for_update(of=("self",)).select_related("user").get(pk=mentor_id)
    if mentor.status != ApplicationStatus.VALIDATED or selectors.free_places(mentor) <= 0:
        raise ValidationError(_("Ce mentor n'a plus de place libre : choisissez une autre proposition."))
    return mentor


@transaction.atomic
def mentor_choose(*, mentee, proposal, message="", now=None):
    """The mentee picks a proposed mentor. With mentor confirmation a request waits for the mentor
    (it holds the place until answered or expired); otherwise the pair starts at once."""
    now = now or timezone.now()
    mentee = Application.objects.select_for_update(of=("self",)).select_related("programme", "user").get(pk=mentee.pk)
    if proposal.mentee_id != mentee.pk:
        raise ValidationError(_("Cette proposition ne vous est pas destinée."))
    current = selectors.current_run_for_mentee(mentee)
    if current is None or proposal.run_id != current.pk:
        raise ValidationError(_("Cette proposition n'est plus d'actualité."))
    if selectors.pending_request_for_mentee(mentee):
        raise ValidationError(_("Vous avez déjà une demande en attente de réponse."))
    if selectors.open_pair_for_mentee(mentee):
        raise ValidationError(_("Vous avez déjà un binôme."))
    if (
        MentorRequest.objects.filter(
            mentee=mentee, mentor_id=proposal.mentor_id, status__in=[RequestStatus.DECLINED, RequestStatus.EXPIRED]
        ).exists()
        or selectors.ended_mentors_of(mentee).filter(mentor_application=proposal.mentor_id).exists()
    ):
        raise ValidationError(_("Ce mentor n'est plus disponible pour vous : choisissez une autre proposition."))
    mentor = _lock_mentor_with_free_place(proposal.mentor_id)
    programme = mentee.programme
    request = MentorRequest.objects.create(
        proposal=proposal,
        mentee=mentee,
        mentor=mentor,
        message=(message or "").strip()[:2000],
        deadline=now + datetime.timedelta(days=programme.mentor_confirmation_days)
        if programme.mentor_confirmation_required
        else None,
    )
    if programme.mentor_confirmation_required:
        send_templated_email(
            "request_received",
            to=mentor.user.email,
            context={"person": mentor.user, "mentee": mentee.user, "request": request, "programme": programme},
        )
        return request
    _accept(request, now=now)
    return request


def _accept(request, *, now):
    request.status = RequestStatus.ACCEPTED
    request.answered_at = now
    request.save(update_fields=["status", "answered_at"])
    mentee, mentor = request.mentee, request.mentor
    pair = Pair.objects.create(
        programme=mentee.programme,
        track=mentee.track,
        mentee=mentee.user,
        mentor=mentor.user,
        mentee_application=mentee,
        mentor_application=mentor,
    )
    for person, other in [(mentee.user, mentor.user), (mentor.user, mentee.user)]:
        send_templated_email(
            "pair_created",
            to=person.email,
            context={"person": person, "other": other, "pair": pair, "programme": mentee.programme},
        )
    return pair


def _locked_pending_request(request, mentor_user=None):
    request = (
        MentorRequest.objects.select_for_update(of=("self",))
        .select_related("mentee__user", "mentee__programme", "mentee__track", "mentor__user")
        .get(pk=request.pk)
    )
    if mentor_user is not None and request.mentor.user_id != mentor_user.pk:
        raise ValidationError(_("Cette demande ne vous est pas adressée."))
    if request.status != RequestStatus.PENDING:
        raise ValidationError(_("Cette demande a déjà reçu une réponse ou a expiré."))
    return request


@transaction.atomic
def request_accept(*, request, mentor_user, now=None):
    now = now or timezone.now()
    # Lock the mentor's row first, in the same order as mentor_choose, so the two never deadlock.
    Application.objects.select_for_update().get(pk=request.mentor_id)
    request = _locked_pending_request(request, mentor_user)
    if request.deadline and request.deadline <= now:
        raise ValidationError(_("Le délai de réponse est dépassé : la demande a expiré."))
    return _accept(request, now=now)


@transaction.atomic
def request_decline(*, request, mentor_user, reason, now=None):
    """The mentor declines; the reason is for the engineer only. The mentee goes back to the
    remaining proposals, or gets new ones when none is left."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Indiquez le motif, il ne sera lu que par l'équipe du programme.")})
    request = _locked_pending_request(request, mentor_user)
    request.status = RequestStatus.DECLINED
    request.decline_reason = reason[:2000]
    request.answered_at = now or timezone.now()
    request.save(update_fields=["status", "decline_reason", "answered_at"])
    _back_to_proposals(request, "request_declined")
    return request


def requests_expire(*, now=None):
    """Expire every pending request past its own deadline, in every opened edition (none of an edition
    in preparation or archived); returns how many expired. Idempotent."""
    now = now or timezone.now()
    expired = 0
    due = MentorRequest.objects.filter(
        status=RequestStatus.PENDING, deadline__lte=now, mentee__programme__status=ProgrammeStatus.LIVE
    )
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            request = (
                MentorRequest.objects.select_for_update(of=("self",))
                .select_related("mentee__user", "mentee__programme", "mentor__user")
                .get(pk=pk)
            )
            if request.status != RequestStatus.PENDING:
                continue
            request.status = RequestStatus.EXPIRED
            request.answered_at = now
            request.save(update_fields=["status", "answered_at"])
            _back_to_proposals(request, "request_expired")
            expired += 1
    return expired


def _back_to_proposals(request, template):
    mentee = request.mentee
    _run, proposals = selectors.proposals_for_mentee(mentee)
    remaining = selectors.open_choices(proposals)
    send_templated_email(
        template,
        to=mentee.user.email,
        context={
            "person": mentee.user,
            "mentor": request.mentor.user,
            "remaining": len(remaining),
            "programme": mentee.programme,
        },
    )
    if not remaining:
        transaction.on_commit(lambda: _queue_reproposals(mentee.pk))


def _queue_reproposals(mentee_id):
    from .tasks import propose_again

    propose_again.delay(mentee_id=mentee_id)


@transaction.atomic
def request_cancel(*, request, mentee):
    request = MentorRequest.objects.select_for_update().get(pk=request.pk, mentee=mentee)
    if request.status != RequestStatus.PENDING:
        raise ValidationError(_("Cette demande a déjà reçu une réponse ou a expiré."))
    request.status = RequestStatus.CANCELLED
    request.answered_at = timezone.now()
    request.save(update_fields=["status", "answered_at"])
    return request


# --- new proposals for one mentee and change of mentor ------------------------------------------


@transaction.atomic
def reproposals_generate(*, mentee, now=None):
    """New proposals for one mentee from the remaining capacity, never a former or refusing mentor.
    Published at once; the mentee is emailed."""
    from .engine import run_matching

    mentee = Application.objects.select_related("programme", "track", "user").get(pk=mentee.pk)
    if mentee.status != ApplicationStatus.VALIDATED:
        return None  # withdrawn (or declined) meanwhile: nothing more to propose
    if selectors.open_pair_for_mentee(mentee) or selectors.pending_request_for_mentee(mentee):
        return None
    mentees, mentors, settings, forbidden, manager_of = selectors.engine_inputs(
        mentee.programme, mentee.track, mentee_queryset=Application.objects.filter(pk=mentee.pk)
    )
    result = run_matching(mentees, mentors, settings, forbidden=forbidden, manager_of=manager_of)
    now = now or timezone.now()
    run = MatchingRun.objects.create(
        programme=mentee.programme,
        track=mentee.track,
        kind=RunKind.INDIVIDUAL,
        status=RunStatus.PUBLISHED,
        progress=100,
        finished_at=now,
        published_at=now,
    )
    _save_result(run, result)
    run.save(update_fields=["shortfalls", "metrics"])
    if result.proposals.get(mentee.pk):
        _email_proposals(mentee)
    return run


@transaction.atomic
def pair_end(*, pair, by, reason, now=None, notify=True):
    """End a pair early (the mentee's free choice, or the engineer). The reason is for the engineer
    only; the former mentor is told neutrally; the place is freed; the mentee gets new proposals.
    `notify=False` leaves the telling to the caller (a leaver's partner gets an e-mail of its own)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Indiquez le motif, il ne sera lu que par l'équipe du programme.")})
    pair = Pair.objects.select_for_update(of=("self",)).select_related("mentee", "mentor", "programme").get(pk=pair.pk)
    if pair.status not in OPEN_PAIR_STATUSES:
        raise ValidationError(_("Ce binôme est déjà terminé."))
    pair.status = PairStatus.ENDED
    pair.ended_at = now or timezone.now()
    pair.ended_by = by
    pair.end_reason = reason[:2000]
    pair.save(update_fields=["status", "ended_at", "ended_by", "end_reason"])
    if notify and by is not None and by.pk == pair.mentor_id:
        # The mentor ended it: the mentee is told, neutrally, and gets new proposals.
        send_templated_email(
            "pair_ended_mentee",
            to=pair.mentee.email,
            context={"person": pair.mentee, "mentor": pair.mentor, "programme": pair.programme, "pair": pair},
        )
    elif notify:
        send_templated_email(
            "pair_ended_mentor",
            to=pair.mentor.email,
            context={"person": pair.mentor, "mentee": pair.mentee, "programme": pair.programme, "pair": pair},
        )
    mentee_id = pair.mentee_application_id
    transaction.on_commit(lambda: _queue_reproposals(mentee_id))
    return pair
