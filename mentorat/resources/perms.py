"""Who may read which resource, and who manages the library and the training.

A resource outside the person's audiences, unpublished, or of another edition answers 404, like a
missing one. The programme engineer reads everything (including drafts, to check them) and manages.
"""

from django.http import Http404

from mentorat.accounts.perms import is_programme_engineer, user_roles

from .enums import AUDIENCE_OF_ROLE, Audience
from .models import Resource


def audiences_for(user):
    """The audiences whose resources the person reads: everyone's, plus one per role held."""
    roles = user_roles(user)
    if is_programme_engineer(user):
        return frozenset(Audience.values)
    return frozenset({Audience.EVERYONE} | {AUDIENCE_OF_ROLE[role] for role in roles if role in AUDIENCE_OF_ROLE})


def can_manage_resources(user):
    return is_programme_engineer(user)


def can_read_resource(user, resource, programme):
    """Published, for one of the person's audiences, and for all editions or the current one."""
    if can_manage_resources(user):
        return True
    return (
        resource.published
        and resource.audience in audiences_for(user)
        and resource.programme_id in (None, programme.pk if programme else None)
    )


def get_resource_for_user(user, slug, programme):
    resource = Resource.objects.filter(slug=slug).first()
    if resource is None or not can_read_resource(user, resource, programme):
        raise Http404
    return resource
