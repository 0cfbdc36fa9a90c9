"""Who holds which role. Views and templates ask these functions, never the fields directly.

Mentor and mentee are not flags on the person: they come from the person's applications to the
opened editions (per edition: a mentee of one edition may be a mentor of the next), so that the same
person can be HR referent and mentee at once.
"""

from mentorat.core.enums import Role

from . import backends

_CACHE_ATTR = "_mentorat_roles"


def _is_active_user(user):
    return bool(user and user.is_authenticated and user.is_active)


def is_programme_engineer(user):
    return _is_active_user(user) and user.is_programme_engineer


def hr_organisation_ids(user):
    """Ids of the organisations the person is HR referent of (empty for anyone else)."""
    if not _is_active_user(user):
        return frozenset()
    cached = getattr(user, "_mentorat_hr_org_ids", None)
    if cached is None:
        cached = frozenset(user.hr_organisations.values_list("id", flat=True))
        user._mentorat_hr_org_ids = cached
    return cached


def is_hr_referent(user):
    if not _is_active_user(user):
        return False
    loaded = getattr(user, backends.IS_HR_REFERENT, None)  # read with the person (backends.py)
    return bool(loaded) if loaded is not None else bool(hr_organisation_ids(user))


def user_roles(user):
    """The set of `Role` values the person holds now; computed once per request."""
    if not _is_active_user(user):
        return frozenset()
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    from candidatures.selectors import ROLE_OF_APPLICATION, application_roles_for_user

    if all(hasattr(user, backends.applies_as(role)) for role in ROLE_OF_APPLICATION):  # read with the person
        roles = {
            person_role for role, person_role in ROLE_OF_APPLICATION.items() if getattr(user, backends.applies_as(role))
        }
    else:
        roles = set(application_roles_for_user(user))
    if is_hr_referent(user):
        roles.add(Role.HR_REFERENT)
    if is_programme_engineer(user):
        roles.add(Role.PROGRAMME_ENGINEER)
    cached = frozenset(roles)
    setattr(user, _CACHE_ATTR, cached)
    return cached


def mfa_required(user):
    """Those who see other people's data must log in with a second factor."""
    return _is_active_user(user) and (user.is_staff or is_programme_engineer(user) or is_hr_referent(user))


def has_role(user, role):
    return role in user_roles(user)
