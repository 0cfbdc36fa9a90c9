"""One-click unsubscribe from an optional reminder, from the email itself.

The link carries a signed token naming the person and the kind: it needs no login (mail providers
post to it on the person's behalf, RFC 8058) and cannot be forged for someone else. It does not
expire: an old reminder's link must still work, and all it can do is turn one optional kind off.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from mentorat.accounts.models import User

from .catalogue import BY_CODE

_SALT = "notifications.unsubscribe"


def unsubscribe_token(user, kind_code):
    return signing.Signer(salt=_SALT).sign(f"{user.pk}.{kind_code}")


def unsubscribe_url(user, kind_code):
    return settings.SITE_URL + reverse("notifications:unsubscribe", args=[unsubscribe_token(user, kind_code)])


def unsubscribe_target(token):
    """(person, kind) behind a token, or None for a forged token, an unknown or essential kind, or
    a person who no longer has an active account."""
    try:
        value = signing.Signer(salt=_SALT).unsign(token)
    except signing.BadSignature:
        return None
    user_id, _dot, kind_code = value.partition(".")
    kind = BY_CODE.get(kind_code)
    if not user_id.isdigit() or kind is None or kind.essential:
        return None
    user = User.objects.filter(pk=int(user_id), is_active=True).first()
    return (user, kind) if user is not None else None
