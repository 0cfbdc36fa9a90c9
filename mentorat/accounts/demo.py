"""Demo second factor: the demo accounts that must use two-factor authentication get a TOTP device
with a published secret (add it to any authenticator application)."""

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP

from .models import User
from .perms import mfa_required

DEMO_TOTP_SECRET = "MENTORATDEMOMFAXXVIXXVIIAAAAAAAA"


def demo_totp_load():
    """Idempotent: people who already have a TOTP device keep it."""
    created = 0
    users = User.objects.filter(email__endswith="@demo.mentorat.fr").prefetch_related("hr_organisations")
    with_totp = set(Authenticator.objects.filter(type=Authenticator.Type.TOTP).values_list("user_id", flat=True))
    for user in users:
        if user.pk not in with_totp and mfa_required(user):
            TOTP.activate(user, DEMO_TOTP_SECRET)
            created += 1
    return created
