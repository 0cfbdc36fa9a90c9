"""The HR referent's relay kit: the organisation's application link, invitations by email and the
addresses that asked not to be invited again."""

import datetime
import re
import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
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


def mailbox_of(email):
    """The mailbox an address reaches: lower case, and `local+tag@domain` is `local@domain` (the
    sub-addressing of most mail servers). Counts the 7-day rule, the duplicates of a batch and the
    "do not invite again" list; the e-mail goes to the address as typed, since where a server has no
    sub-addressing `local+tag` may be another person, who must not get someone else's invitation."""
    email = email.strip().lower()
    local, _at, domain = email.rpartition("@")
    local = local.split("+", 1)[0] or local
    return f"{local}@{domain}"


@dataclass
class InvitationBatch:
    sent: list = field(default_factory=list)
    invalid: list = field(default_factory=list)
    duplicates: list = field(default_factory=list)  # the same mailbox as an earlier address of the batch
    recently_invited: list = field(default_factory=list)  # (email, last_sent_at)
    opted_out: list = field(default_factory=list)  # asked not to be invited again
    outside_domains: list = field(default_factory=list)  # not a Social Security address (SIGNUP_EMAIL_DOMAINS)
    capped: list = field(default_factory=list)  # held back by the referent's hourly or daily cap
    cap: str = ""  # the cap that held them back, in words ("200 invitations par heure")
    cap_frees_at: datetime.datetime | None = None  # when sending can resume

    @property
    def complete(self):
        """Every address of the paste was sent."""
        return not (
            self.invalid
            or self.duplicates
            or self.recently_invited
            or self.opted_out
            or self.outside_domains
            or self.capped
        )


def parse_addresses(text):
    """Split pasted text into addresses; returns (valid, invalid, duplicates) in input order, an
    address being a duplicate of an earlier one that reaches the same mailbox."""
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
        if mailbox_of(candidate) in seen:
            duplicates.append(candidate)
            continue
        seen.add(mailbox_of(candidate))
        valid.append(candidate)
    return valid, invalid, duplicates


def invitation_allowance(*, by, now):
    """(how many more invitations `by` may send now, the cap that limits them in words, when that cap
    frees again). Counted from the invitations' rows, so every web process sees the same figure; a row is
    re-sent only after 7 days, longer than either window, so its last sending is all a window holds."""
    allowance = None
    for window, cap, words in (
        (datetime.timedelta(hours=1), settings.INVITATIONS_PER_HOUR, _("%(n)d invitations par heure")),
        (datetime.timedelta(days=1), settings.INVITATIONS_PER_DAY, _("%(n)d invitations par jour")),
    ):
        in_window = Invitation.objects.filter(invited_by=by, last_sent_at__gt=now - window)
        left = max(cap - in_window.count(), 0)
        if allowance is None or left < allowance[0]:
            oldest = in_window.order_by("last_sent_at").values_list("last_sent_at", flat=True).first()
            allowance = (left, words % {"n": cap}, (oldest or now) + window)
    return allowance


@transaction.atomic
def invitations_send(*, programme, organisation, by, addresses, now=None):
    """Record and queue invitations for the valid addresses of `addresses` (pasted text).

    Reported, not sent: invalid addresses, a second address of the same mailbox, addresses outside
    the Social Security domains, addresses that asked not to be invited again, mailboxes invited to
    this programme in the last 7 days (by anyone), and whatever passes the referent's hourly and daily
    caps (INVITATIONS_PER_HOUR, INVITATIONS_PER_DAY): the batch sends up to the cap, in order. The
    e-mails are written in the outbox in this transaction.
    """
    from mentorat.accounts.adapter import email_domain_allowed

    now = now or timezone.now()
    valid, invalid, duplicates = parse_addresses(addresses)
    if len(valid) + len(invalid) + len(duplicates) > MAX_INVITATIONS_PER_BATCH:
        raise ValidationError(
            {"addresses": _("Collez au plus %(max)d adresses à la fois.") % {"max": MAX_INVITATIONS_PER_BATCH}}
        )
    # The referent's row is the lock of their caps: two batches sent together (two tabs, two web
    # processes) are counted one after the other.
    get_user_model().objects.select_for_update().filter(pk=by.pk).first()
    left, cap, frees_at = invitation_allowance(by=by, now=now)
    batch = InvitationBatch(invalid=invalid, duplicates=duplicates)
    mailboxes = {email: mailbox_of(email) for email in valid}
    opted_out = set(InvitationOptOut.objects.filter(mailbox__in=mailboxes.values()).values_list("mailbox", flat=True))
    recent = dict(
        Invitation.objects.filter(
            programme=programme, mailbox__in=mailboxes.values(), last_sent_at__gt=now - REINVITE_AFTER
        )
        .order_by("mailbox", "last_sent_at")
        .values_list("mailbox", "last_sent_at")
    )
    existing = {
        inv.email: inv
        for inv in Invitation.objects.select_for_update().filter(
            programme=programme, organisation=organisation, email__in=valid
        )
    }
    to_send = []
    for email in valid:
        mailbox = mailboxes[email]
        if not email_domain_allowed(email):
            batch.outside_domains.append(email)
            continue
        if mailbox in opted_out:
            batch.opted_out.append(email)
            continue
        if mailbox in recent:
            batch.recently_invited.append((email, recent[mailbox]))
            continue
        if len(to_send) >= left:
            batch.capped.append(email)
            continue
        invitation = existing.get(email)
        if invitation is None:
            invitation = Invitation.objects.create(
                programme=programme,
                organisation=organisation,
                email=email,
                mailbox=mailbox,
                invited_by=by,
                first_sent_at=now,
                last_sent_at=now,
            )
        else:
            invitation.last_sent_at = now
            invitation.send_count += 1
            invitation.invited_by = by
            invitation.mailbox = mailbox
            invitation.save(update_fields=["last_sent_at", "send_count", "invited_by", "mailbox"])
        to_send.append(invitation)
        batch.sent.append(email)
    if to_send:
        link = relay_link_get_or_create(programme=programme, organisation=organisation, by=by)
        invitation_emails_enqueue(invitations=to_send, link=link)
    if batch.capped:
        batch.cap, batch.cap_frees_at = cap, frees_at
    _audit_batch(batch, organisation=organisation, by=by)
    return batch


def _audit_batch(batch, *, organisation, by):
    """Counts only: the addresses are personal data of people who have not applied."""
    counts = {
        "sent": len(batch.sent),
        "invalid": len(batch.invalid),
        "duplicates": len(batch.duplicates),
        "recently_invited": len(batch.recently_invited),
        "opted_out": len(batch.opted_out),
        "outside_domains": len(batch.outside_domains),
        "capped": len(batch.capped),
    }
    target = f"organisation:{organisation.pk}"
    audit_log(AuditAction.INVITATIONS_SENT, actor=by, target=target, **counts)
    if batch.capped:
        audit_log(
            AuditAction.INVITATIONS_CAPPED,
            actor=by,
            target=target,
            cap=batch.cap,
            capped=len(batch.capped),
            frees_at=batch.cap_frees_at.isoformat(),
        )


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
            "mailbox": mailbox_of(invitation.email),
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
