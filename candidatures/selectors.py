"""Reads about applications."""

from mentorat.core.enums import Role
from mentorat.core.selectors import current_programme

from .enums import ApplicationRole, ApplicationStatus
from .models import Application

_ROLE_OF_APPLICATION = {ApplicationRole.MENTEE: Role.MENTEE, ApplicationRole.MENTOR: Role.MENTOR}


def application_roles_for_user(user):
    """Mentor / mentee roles given by the person's live applications to the current programme."""
    programme = current_programme()
    if programme is None:
        return set()
    roles = (
        Application.objects.filter(programme=programme, user=user)
        .exclude(status=ApplicationStatus.WITHDRAWN)
        .values_list("role", flat=True)
    )
    return {_ROLE_OF_APPLICATION[role] for role in roles}


def applications_for_user(user, programme):
    return (
        Application.objects.filter(user=user, programme=programme)
        .select_related("track", "organisation")
        .order_by("role")
    )
