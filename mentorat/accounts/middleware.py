from django.shortcuts import redirect
from django.urls import reverse

from mentorat.sso.mfa import session_has_sso_mfa

from . import backends
from .perms import mfa_required

# Reachable before the second factor is set up: the set-up itself, re-authentication, logout,
# the public pages and the static files.
_ALLOWED_PREFIXES = (
    "/comptes/",
    "/static/",
    "/healthz",
    "/accessibilite/",
    "/donnees-personnelles/",
    "/contact/",
    # The unsubscribe links of e-mails act for the token's person, not for the one logged in.
    "/rappels/desabonnement/",
    "/invitations/ne-plus-inviter/",
)


class MfaEnrollmentMiddleware:
    """Programme engineers, HR referents and staff must activate TOTP before anything else, unless
    they signed in through their organisation's provider and it asserted a second factor."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(_ALLOWED_PREFIXES)
            and mfa_required(user)
            and not _has_totp(user)
            # Signed in through a provider that asserted a second factor (mentorat/sso/mfa.py).
            and not session_has_sso_mfa(request)
        ):
            return redirect(reverse("mfa_activate_totp") + "?next=" + request.get_full_path())
        return self.get_response(request)


def _has_totp(user):
    loaded = getattr(user, backends.HAS_TOTP, None)  # read with the person (backends.py)
    if loaded is not None:
        return bool(loaded)
    return backends.totp_devices(user).exists()
