"""Matching: mentees in front of their edition's published proposals, and requests waiting for a
mentor's answer (each request has its own deadline)."""

from django.db.models import Max, Q

from candidatures.enums import ApplicationRole, ApplicationStatus
from candidatures.models import Application
from matching.enums import RequestStatus, RunStatus
from matching.models import MentorRequest
from matching.selectors import open_choices_of_mentees
from sessions_binome.enums import OPEN_PAIR_STATUSES
from sessions_binome.models import Pair

from .. import timing
from .base import Target, moment_key, only_these, opened_edition


def mentees_waiting_for_choice(now, only=None):
    """Validated mentees of an opened edition not over yet, in front of published proposals, with no
    open pair nor pending request. The anchor is when they got there: the publication, or their last
    request answered, or the end of their pair, whichever is last."""
    mentees = (
        Application.objects.filter(
            opened_edition(),
            role=ApplicationRole.MENTEE,
            status=ApplicationStatus.VALIDATED,
            programme__ends_on__gte=timing.local(now).date(),
        )
        .exclude(pairs_as_mentee__status__in=OPEN_PAIR_STATUSES)
        .exclude(requests_sent__status=RequestStatus.PENDING)
        .annotate(
            published=Max(
                "proposals_received__run__published_at", filter=Q(proposals_received__run__status=RunStatus.PUBLISHED)
            ),
            last_answer=Max("requests_sent__answered_at"),
            last_end=Max("pairs_as_mentee__ended_at"),
        )
        .filter(published__isnull=False)
        .select_related("user", "programme")
    )
    for mentee in only_these(mentees, only):
        since = max(filter(None, [mentee.published, mentee.last_answer, mentee.last_end]))
        yield Target(mentee, anchor=since, key=moment_key(since), since=since)


def mentees_with_open_choice(mentees):
    """The ids of the mentees with at least one proposed mentor they can still choose: a place left,
    still validated, who did not refuse and was never their mentor. Nobody is asked to choose among
    nothing. Four queries for the whole batch."""
    mentee_ids = {mentee.pk for mentee in mentees}
    former = set(
        Pair.objects.filter(mentee_application_id__in=mentee_ids).values_list(
            "mentee_application_id", "mentor_application_id"
        )
    )
    return {
        mentee_id for mentee_id, mentor_ids in open_choices_of_mentees(mentee_ids, former=former).items() if mentor_ids
    }


def requests_waiting(now, only=None):
    """Pending requests of an opened edition before their deadline (at the deadline matching expires
    them and tells the mentee), between two live applications."""
    requests = (
        MentorRequest.objects.filter(opened_edition("mentee__programme"), status=RequestStatus.PENDING)
        .filter(Q(deadline__isnull=True) | Q(deadline__gt=now))
        .filter(mentee__status=ApplicationStatus.VALIDATED, mentor__status=ApplicationStatus.VALIDATED)
        .select_related("mentor__user", "mentee__user", "mentee__programme")
    )
    for request in only_these(requests, only):
        yield Target(request, anchor=request.created_at, since=request.created_at)
