"""Reads about earlier editions for matching: a mentee is never proposed again a mentor they had in
an earlier edition (by person, whatever their applications), and a returning mentor's past pairs
count as experience."""

from django.db.models import Count, Q

from candidatures.enums import ApplicationRole, ApplicationStatus
from candidatures.models import Application
from sessions_binome.enums import PairStatus
from sessions_binome.models import Pair

from .models import FormerMentorAllowance


def earlier_pairs(programme):
    """The pairs of the editions that started before `programme`, whatever became of them."""
    return Pair.objects.filter(programme__starts_on__lt=programme.starts_on).exclude(programme=programme)


def former_pairs_by_application(programme):
    """The pairs of earlier editions (mentee person, mentor person) as (mentee application, mentor
    application) of `programme`, but for mentees the engineer allowed a former mentor."""
    earlier = earlier_pairs(programme)
    former = set(earlier.values_list("mentee_id", "mentor_id"))
    if not former:
        return set()
    allowed = set(FormerMentorAllowance.objects.filter(mentee__programme=programme).values_list("mentee_id", flat=True))
    applications = {ApplicationRole.MENTEE: {}, ApplicationRole.MENTOR: {}}
    # Sub-queries rather than IN lists: an edition may hold thousands of pairs.
    returning = Application.objects.filter(programme=programme).filter(
        Q(role=ApplicationRole.MENTEE, user_id__in=earlier.values("mentee_id"))
        | Q(role=ApplicationRole.MENTOR, user_id__in=earlier.values("mentor_id"))
    )
    for pk, user_id, role in returning.values_list("pk", "user_id", "role"):
        applications[role].setdefault(user_id, []).append(pk)
    return {
        (mentee_id, mentor_id)
        for mentee_user, mentor_user in former
        for mentee_id in applications[ApplicationRole.MENTEE].get(mentee_user, ())
        if mentee_id not in allowed
        for mentor_id in applications[ApplicationRole.MENTOR].get(mentor_user, ())
    }


def past_mentee_counts(programme, mentor_user_ids=None):
    """{mentor person id: pairs they held as mentor in earlier editions, completed or still active}."""
    pairs = earlier_pairs(programme).filter(status__in=[PairStatus.COMPLETED, PairStatus.ACTIVE])
    if mentor_user_ids is not None:
        pairs = pairs.filter(mentor_id__in=mentor_user_ids)
    return dict(pairs.values_list("mentor_id").annotate(n=Count("id")).order_by())


def former_mentors(programme, mentees):
    """{mentee application id: [former mentors' persons, from earlier editions, who are validated
    mentors of the same track now]} for the mentee applications `mentees` (a page of a run)."""
    by_user = {mentee.user_id: mentee for mentee in mentees}
    pairs = earlier_pairs(programme).filter(mentee_id__in=list(by_user)).values_list("mentee_id", "mentor_id")
    former = {}
    for mentee_user, mentor_user in pairs:
        former.setdefault(mentor_user, set()).add(mentee_user)
    if not former:
        return {}
    result = {}
    for mentor in (
        Application.objects.filter(
            programme=programme,
            role=ApplicationRole.MENTOR,
            status=ApplicationStatus.VALIDATED,
            user_id__in=list(former),
        )
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "pk")
    ):
        for mentee_user in former[mentor.user_id]:
            mentee = by_user[mentee_user]
            if mentee.track_id == mentor.track_id:
                result.setdefault(mentee.pk, []).append(mentor.user)
    return result
