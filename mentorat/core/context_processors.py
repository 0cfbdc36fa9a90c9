from django.conf import settings

from mentorat.accounts.perms import user_roles
from mentorat.core.enums import Role


def platform(request):
    """Role flags for the menu; the templates ask the same perms functions as the views."""
    roles = user_roles(getattr(request, "user", None))
    return {
        "SITE_URL": settings.SITE_URL,
        "SUPPORT_EMAIL": settings.SUPPORT_EMAIL,
        # A person with a role reaches their space(s) by name (« Espace mentoré », « Pilotage »...);
        # « Tableau de bord » is in the menu only for someone without one, not as a second name.
        "nav_roles": {
            "any": bool(roles),
            "mentee": Role.MENTEE in roles,
            "mentor": Role.MENTOR in roles,
            "hr_referent": Role.HR_REFERENT in roles,
            "programme_engineer": Role.PROGRAMME_ENGINEER in roles,
        },
    }
