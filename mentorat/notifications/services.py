"""Writes: a person's reminder preferences, reading notifications, recording a failed email."""

from django.db import transaction
from django.utils import timezone

from mentorat.accounts.backends import forget_unread_notifications
from mentorat.audit.enums import AuditAction
from mentorat.audit.services import audit_log
from mentorat.core.emails import send_templated_email

from .catalogue import BY_CODE
from .enums import ClaimStatus
from .models import Notification, NotificationPreference, ReminderClaim
from .selectors import unread_notifications

ERROR_MAX = 2000


@transaction.atomic
def preferences_save(*, user, disabled):
    """Turn off the kinds in `disabled`. Essential kinds and unknown codes are ignored: they stay on."""
    kinds = sorted({code for code in disabled if code in BY_CODE and not BY_CODE[code].essential})
    preference, _created = NotificationPreference.objects.select_for_update().get_or_create(user=user)
    if preference.disabled_kinds != kinds:
        preference.disabled_kinds = kinds
        preference.save(update_fields=["disabled_kinds", "updated_at"])
    return preference


@transaction.atomic
def reminder_unsubscribe(*, user, kind):
    """Turn one optional kind off from the email's unsubscribe link (no login: the signed link is the
    proof). Idempotent: mail providers may post more than once. Returns True when it was on."""
    preference, _created = NotificationPreference.objects.select_for_update().get_or_create(user=user)
    if kind.essential or kind.code in preference.disabled_kinds:
        return False
    preference.disabled_kinds = sorted({*preference.disabled_kinds, kind.code})
    preference.save(update_fields=["disabled_kinds", "updated_at"])
    audit_log(AuditAction.REMINDER_UNSUBSCRIBED, actor=user, target=f"user:{user.pk}", kind=kind.code)
    return True


def notification_open(*, notification, now=None):
    """Mark as read (once); returns the link to follow."""
    if notification.read_at is None:
        notification.read_at = now or timezone.now()
        notification.save(update_fields=["read_at"])
    return notification.url


def event_notify(user, *, kind, title, body, url, email=None, now=None):
    """Tell one person of an event (not a reminder of the catalogue): an in-app notification, and an
    e-mail through the outbox when `email` is given as (template, context, key)."""
    if email is not None:
        template, context, key = email
        send_templated_email(template, to=user.email, context=context, key=key)
    return Notification.objects.create(
        user=user, kind=kind, title=title, body=body, url=url, created_at=now or timezone.now()
    )


def notifications_read(*, user, kind, url, now=None):
    """The person opened the page an event's notifications point to: they are read."""
    told = Notification.objects.filter(user=user, kind=kind, url=url, read_at__isnull=True).update(
        read_at=now or timezone.now()
    )
    if told:
        forget_unread_notifications(user)
    return told


def notifications_mark_all_read(*, user, now=None):
    forget_unread_notifications(user)
    return unread_notifications(user).update(read_at=now or timezone.now())


def claim_email_sent(sender=None, *, claim_id, **kwargs):
    """The reminder's e-mail was accepted by the SMTP server. Connected to mentorat.outbox's email_sent."""
    if claim_id is not None:
        ReminderClaim.objects.filter(pk=claim_id, status=ClaimStatus.SENDING).update(status=ClaimStatus.SENT)


def claim_record_failure(sender=None, *, claim_id, error, now=None, **kwargs):
    """The outbox gave the reminder's e-mail up: the engineer sees the claim as failed, with why.
    Connected to mentorat.outbox's email_failed."""
    if claim_id is None:
        return
    ReminderClaim.objects.filter(pk=claim_id).update(
        status=ClaimStatus.FAILED, failed_at=now or timezone.now(), error=str(error)[:ERROR_MAX]
    )
