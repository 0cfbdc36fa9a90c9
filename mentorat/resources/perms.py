"""Who may read which resource, and who manages the library and the training.

A resource is for every edition or for one. A participant reads those of every edition meant for
one of their roles, and those of an edition they take part in meant for everyone or for their role
in THAT edition (a 2026-2027 mentee who mentors in 2027-2028 reads the mentees' resources of
2026-2027 and the mentors' of 2027-2028). An HR referent reads the HR and everyone's resources of
every opened or archived edition. Anything else, unpublished or of an edition in preparation,
answers 404 like a missing resource. The programme engineer reads everything (including drafts, to
check them) and manages.
"""

from django.http import Http404

from mentorat.accounts.perms import is_hr_referent, is_programme_engineer, user_roles
from mentorat.core.enums import ProgrammeStatus

from .enums import AUDIENCE_OF_ROLE, Audience
from .models import Resource


def _audiences_of(roles):
    return {Audience.EVERYONE} | {AUDIENCE_OF_ROLE[role] for role in roles if role in AUDIENCE_OF_ROLE}


def audiences_for(user):
    """The audiences whose resources of every edition the person reads: everyone's, plus one per
    role held (in any edition)."""
    if is_programme_engineer(user):
        return frozenset(Audience.values)
    return frozenset(_audiences_of(user_roles(user)))


def edition_audiences(user, editions):
    """{edition id: the audiences whose resources of that edition the person reads}, for those of
    `editions` where they read any (one query)."""
    from candidatures.selectors import ROLE_OF_APPLICATION, role_giving_applications

    if is_programme_engineer(user):
        return {edition.pk: set(Audience.values) for edition in editions}
    result = {}
    applications = role_giving_applications(user=user).filter(programme__in=[edition.pk for edition in editions])
    for programme_id, role in applications.values_list("programme_id", "role").distinct():
        result.setdefault(programme_id, set()).update(_audiences_of({ROLE_OF_APPLICATION[role]}))
    if is_hr_referent(user):
        for edition in editions:
            if edition.status != ProgrammeStatus.PREPARATION:
                result.setdefault(edition.pk, set()).update({Audience.EVERYONE, Audience.HR})
    return result


def can_manage_resources(user):
    return is_programme_engineer(user)


def can_read_resource(user, resource):
    """Published, and for one of the audiences the person reads in the resource's edition (or in
    any edition, for a resource of every edition)."""
    if can_manage_resources(user):
        return True
    if not resource.published:
        return False
    if resource.programme_id is None:
        return resource.audience in audiences_for(user)
    return resource.audience in edition_audiences(user, [resource.programme]).get(resource.programme_id, ())


def get_resource_for_user(user, slug):
    resource = Resource.objects.select_related("programme").filter(slug=slug).first()
    if resource is None or not can_read_resource(user, resource):
        raise Http404
    return resource
