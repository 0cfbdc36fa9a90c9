"""Access to matching objects: proposals and requests belong to their mentee and mentor; anyone
else gets 404. Mentors never see proposal lists; HR referents never see matching. An object is
found by its owner whatever its edition; a page about "my proposals" or "my requests" is about one
of the person's editions (roles are per edition)."""

from django.http import Http404

from candidatures.enums import ApplicationRole
from candidatures.selectors import role_giving_applications
from mentorat.core.models import Programme
from sessions_binome.models import Pair

from .models import MentorRequest, Proposal


def _own_application(user, role, edition=None):
    """The person's application for `role` in `edition` (a Programme, or the slug read from
    `?edition=`), or without one in the most recent edition where they have such an application;
    only among the applications that give them a role (not withdrawn, in an opened or archived
    edition). 404 when there is none."""
    applications = role_giving_applications(user=user).filter(role=role)
    if isinstance(edition, Programme):
        applications = applications.filter(programme=edition)
    elif edition:
        applications = applications.filter(programme__slug=edition)
    application = (
        applications.select_related("track", "programme").order_by("-programme__starts_on", "-created_at").first()
    )
    if application is None:
        raise Http404
    # The person is the one the request already holds: not read a second time.
    application.user = user
    return application


def get_mentee_application(user, edition=None):
    """The person's mentee application of `edition` (a Programme or a slug; their latest by default)."""
    return _own_application(user, ApplicationRole.MENTEE, edition)


def get_mentor_application(user, edition=None):
    """The person's mentor application of `edition` (a Programme or a slug; their latest by default)."""
    return _own_application(user, ApplicationRole.MENTOR, edition)


def get_proposal_for_mentee(user, proposal_id):
    proposal = (
        Proposal.objects.select_related("run__programme", "mentee", "mentor__user")
        .filter(pk=proposal_id, mentee__user=user)
        .first()
    )
    if proposal is None:
        raise Http404
    return proposal


def get_request_for_mentor(user, request_id):
    request = (
        MentorRequest.objects.select_related(
            "mentee__user", "mentee__organisation__branch", "mentee__track", "mentor__user", "mentor__programme"
        )
        .filter(pk=request_id, mentor__user=user)
        .first()
    )
    if request is None:
        raise Http404
    return request


def get_request_for_mentee(user, request_id):
    request = MentorRequest.objects.select_related("mentee__programme").filter(pk=request_id, mentee__user=user).first()
    if request is None:
        raise Http404
    return request


def get_pair_for_mentor(user, pair_id):
    pair = Pair.objects.select_related("mentor", "mentee").filter(pk=pair_id, mentor=user).first()
    if pair is None:
        raise Http404
    return pair


def get_pair_for_mentee(user, pair_id):
    pair = Pair.objects.select_related("mentor", "mentee", "programme").filter(pk=pair_id, mentee=user).first()
    if pair is None:
        raise Http404
    return pair
