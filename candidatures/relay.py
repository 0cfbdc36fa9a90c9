"""The HR referent's relay kit: the organisation's application link, invitations by email and the
addresses that asked not to be invited again."""

import datetime
import re
import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from mentorat.audit.enums import AuditAction
from mentorat.audit.services import audit_log
from mentorat.core.emails import send_templated_email, unsubscribe_headers
from mentorat.outbox.services import email_withdraw

from .models import Invitation, InvitationOptOut, RelayLink

_SALT = "candidatures.relay-link"
_OPT_OUT_SALT = "candidatures.invitation-opt-out"
# The organisation of the link a person arrived by; presets the sign-up and application forms.
SESSION_RELAY_ORGANISATION = "relay_organisation_id"
MAX_INVITATIONS_PER_BATCH = 500
REINVITE_AFTER = datetime.timedelta(days=7)


# --- the application link ---------------------------------------------------------------------


def relay_link_token(link):
    return signing.Signer(salt=_SALT).sign(link.key)


def relay_link_url(link):
    return settings.SITE_URL + reverse("candidatures:apply_from_link", args=[relay_link_token(link)])


def relay_link_from_token(token):
    """The active link behind a token, or None for a forged, unknown or revoked one."""
    try:
        key = signing.Signer(salt=_SALT).unsign(token)
    except signing.BadSignature:
        return None
    return (
        RelayLink.objects.select_related("organisation", "programme").filter(key=key, revoked_at__isnull=True).first()
    )


@transaction.atomic
def relay_link_get_or_create(*, programme, organisation, by):
    link = RelayLink.objects.filter(programme=programme, organisation=organisation, revoked_at__isnull=True).first()
    if link is None:
        link = RelayLink.objects.create(
            programme=programme, organisation=organisation, key=secrets.token_urlsafe(24), created_by=by
        )
    return link


@transaction.atomic
def relay_link_regenerate(*, programme, organisation, by, now=None):
    """Revoke the current link (old URLs stop working) and create a new one."""
    RelayLink.objects.filter(programme=programme, organisation=organisation, revoked_at__isnull=True).update(
        revoked_at=now or timezone.now()
    )
    return relay_link_get_or_create(programme=programme, organisation=organisation, by=by)


# --- invitations ------------------------------------------------------------------------------

_SEPARATORS = re.compile(r"[\s,;]+")


@dataclass
class InvitationBatch:
    sent: list = field(default_factory=list)
    invalid: list = field(default_factory=list)
    duplicates: list = field(default_factory=list)
    recently_invited: list = field(default_factory=list)  # (email, last_sent_at)
    opted_out: list = field(default_factory=list)  # asked not to be invited again


def parse_addresses(text):
    """Split pasted text into addresses; returns (valid, invalid, duplicates) in input order."""
    seen, valid, invalid, duplicates = set(), [], [], []
    for raw in _SEPARATORS.split(text or ""):
        candidate = raw.strip().strip("<>\"'").lower()
        if not candidate:
            continue
        try:
            validate_email(candidate)
        except ValidationError:
            invalid.append(raw.strip())
            continue
        if candidate in seen:
            duplicates.append(candidate)
            continue
        seen.add(candidate)
        valid.append(candidate)
    return valid, invalid, duplicates


@transaction.atomic
def invitations_send(*, programme, organisation, by, addresses, now=None):
    """Record and queue invitations for the valid addresses of `addresses` (pasted text).

    Invalid and duplicate addresses are reported, not sent; an address that asked not to be invited
    again, or that was invited to this programme in the last 7 days (by anyone), is skipped. Emails
    leave by background task.
    """
    now = now or timezone.now()
    valid, invalid, duplicates = parse_addresses(addresses)
    if len(valid) + len(invalid) + len(duplicates) > MAX_INVITATIONS_PER_BATCH:
        raise ValidationError(
            {"addresses": _("Collez au plus %(max)d adresses à la fois.") % {"max": MAX_INVITATIONS_PER_BATCH}}
        )
    batch = InvitationBatch(invalid=invalid, duplicates=duplicates)
    opted_out = set(InvitationOptOut.objects.filter(email__in=valid).values_list("email", flat=True))
    recent = dict(
        Invitation.objects.filter(programme=programme, email__in=valid, last_sent_at__gt=now - REINVITE_AFTER)
        .order_by("email", "-last_sent_at")
        .values_list("email", "last_sent_at")
    )
    existing = {
        inv.email: inv
        for inv in Invitation.objects.select_for_update().filter(
            programme=programme, organisation=organisation, email__in=valid
        )
    }
    to_send = []
    for email in valid:
        if email in opted_out:
            batch.opted_out.append(email)
            continue
        if email in recent:
            batch.recently_invited.append((email, recent[email]))
            continue
        invitation = existing.get(email)
        if invitation is None:
            invitation = Invitation.objects.create(
                programme=programme,
                organisation=organisation,
                email=email,
                invited_by=by,
                first_sent_at=now,
                last_sent_at=now,
            )
        else:
            invitation.last_sent_at = now
            invitation.send_count += 1
            invitation.invited_by = by
            invitation.save(update_fields=["last_sent_at", "send_count", "invited_by"])
        to_send.append(invitation)
        batch.sent.append(email)
    if to_send:
        link = relay_link_get_or_create(programme=programme, organisation=organisation, by=by)
        invitation_emails_enqueue(invitations=to_send, link=link)
    return batch


def invitation_context(*, programme, organisation, link_url, referent=None, opt_out_url=""):
    """`opt_out_url`: the "do not invite me again" link, only in the emails the platform sends (not in
    the text the referent copies to send themselves)."""
    return {
        "programme": programme,
        "organisation": organisation,
        "link_url": link_url,
        "referent": referent,
        "opt_out_url": opt_out_url,
    }


def invitation_emails_enqueue(*, invitations, link):
    """One e-mail per invitation, written in the outbox in the invitations' own transaction (500 take
    about a second): no batch task that Redis could lose, and each e-mail keyed by its invitation and
    sending, so that nothing replays a batch twice."""
    link_url = relay_link_url(link)
    with translation.override(settings.LANGUAGE_CODE):
        for invitation in invitations:
            opt_out_url = invitation_opt_out_url(invitation)
            send_templated_email(
                "invitation",
                to=invitation.email,
                context=invitation_context(
                    programme=link.programme,
                    organisation=link.organisation,
                    link_url=link_url,
                    referent=invitation.invited_by,
                    opt_out_url=opt_out_url,
                ),
                reply_to=[invitation.invited_by.email] if invitation.invited_by else None,
                headers=unsubscribe_headers(opt_out_url),
                key=f"invitation:{invitation.pk}:{invitation.send_count}",
            )


# --- "do not invite me again" -------------------------------------------------------------------


def invitation_opt_out_token(invitation):
    return signing.Signer(salt=_OPT_OUT_SALT).sign(str(invitation.pk))


def invitation_opt_out_url(invitation):
    """The link of an invitation email by which its addressee asks not to be invited again (and the
    List-Unsubscribe header's). Signed, without expiry: it can only add that address to the list."""
    return settings.SITE_URL + reverse("candidatures:invitation_opt_out", args=[invitation_opt_out_token(invitation)])


def invitation_from_opt_out_token(token):
    """The invitation behind a token, or None for a forged token or an invitation that is gone."""
    try:
        pk = signing.Signer(salt=_OPT_OUT_SALT).unsign(token)
    except signing.BadSignature:
        return None
    if not pk.isdigit():
        return None
    return Invitation.objects.select_related("organisation").filter(pk=int(pk)).first()


@transaction.atomic
def invitation_opt_out(*, invitation, now=None):
    """Put the invitation's address on the "do not invite again" list, remembering whose invitation
    it answered. Idempotent (mail providers may post twice); returns the list's entry."""
    entry, created = InvitationOptOut.objects.get_or_create(
        email=invitation.email.strip().lower(),
        defaults={
            "organisation": invitation.organisation,
            "invited_by": invitation.invited_by,
            "created_at": now or timezone.now(),
        },
    )
    if created:
        audit_log(AuditAction.INVITATION_OPT_OUT, actor=None, target=f"invitation:{invitation.pk}")
    # An invitation still waiting in the outbox (the broker was down, a retry is due) does not leave.
    email_withdraw(kind="invitation", to=entry.email)
    return entry
