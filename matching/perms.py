"""Access to matching objects: proposals and requests belong to their mentee and mentor; anyone
else gets 404. Mentors never see proposal lists; HR referents never see matching."""

from django.http import Http404

from candidatures.enums import ApplicationRole
from candidatures.models import Application
from sessions_binome.models import Pair

from .models import MentorRequest, Proposal


def _own_application(user, programme, role):
    application = Application.objects.filter(user=user, programme=programme, role=role).select_related("track").first()
    if application is None:
        raise Http404
    # The person and the programme are those the request already holds: not read a second time.
    application.user, application.programme = user, programme
    return application


def get_mentee_application(user, programme):
    return _own_application(user, programme, ApplicationRole.MENTEE)


def get_mentor_application(user, programme):
    return _own_application(user, programme, ApplicationRole.MENTOR)


def get_proposal_for_mentee(user, proposal_id):
    proposal = (
        Proposal.objects.select_related("run", "mentee", "mentor__user")
        .filter(pk=proposal_id, mentee__user=user)
        .first()
    )
    if proposal is None:
        raise Http404
    return proposal


def get_request_for_mentor(user, request_id):
    request = (
        MentorRequest.objects.select_related(
            "mentee__user", "mentee__organisation__branch", "mentee__track", "mentor__user"
        )
        .filter(pk=request_id, mentor__user=user)
        .first()
    )
    if request is None:
        raise Http404
    return request


def get_request_for_mentee(user, request_id):
    request = MentorRequest.objects.filter(pk=request_id, mentee__user=user).first()
    if request is None:
        raise Http404
    return request


def get_pair_for_mentor(user, pair_id):
    pair = Pair.objects.select_related("mentor", "mentee").filter(pk=pair_id, mentor=user).first()
    if pair is None:
        raise Http404
    return pair


def get_pair_for_mentee(user, pair_id):
    pair = Pair.objects.select_related("mentor", "mentee").filter(pk=pair_id, mentee=user).first()
    if pair is None:
        raise Http404
    return pair
