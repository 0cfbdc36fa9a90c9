"""Writes of the outbox: enqueue an e-mail with the action that causes it, deliver one (claimed
first, so that two workers never send the same row), sweep what a lost kick or a dead worker left,
send a failed one again.

Delivery is at-least-once by construction and exactly-once in practice: a row is claimed by a
conditional UPDATE (PENDING → SENDING) that only one worker can win, and marked SENT right after the
SMTP server accepted it. The one window left — a worker killed between the server's acceptance and
that update — sends the e-mail again once its lease has passed, with the same Message-ID.
"""

import datetime
import logging
import time

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from . import delivery
from .enums import EmailState
from .models import OutboxEmail
from .signals import email_failed, email_sent

logger = logging.getLogger(__name__)

# After the broker failed to take a kick, kicks are not tried for this long (the sweep catches up):
# a request that writes 500 invitations while Redis is down waits once, not 500 times.
BROKER_RETRY_AFTER = 10.0
_broker = {"down_until": 0.0}
# Temporary failures are tried again after 1, 2, 4 ... 60 minutes, for about a day.
MAX_ATTEMPTS = 30
ERROR_MAX = 2000


def lease():
    """How long a worker may hold an e-mail before it is presumed dead."""
    return datetime.timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)


def retry_delay(attempts):
    return datetime.timedelta(minutes=min(2 ** (attempts - 1), 60))


def email_enqueue(
    *,
    kind,
    to,
    subject,
    text_body,
    html_body="",
    from_email="",
    reply_to=None,
    headers=None,
    calendar=None,
    attachments=None,
    claim_id=None,
    key=None,
):
    """Write the e-mail in the current transaction; a worker is asked to send it once that commits.

    `key`: the idempotency key of what this e-mail is about ("invitation:42"); an e-mail whose key
    is already in the outbox is not written again. Without a key, every call is a new e-mail."""
    fields = {
        "kind": kind[:60],
        "to": [to] if isinstance(to, str) else list(to),
        "subject": subject[:500],
        "text_body": text_body,
        "html_body": html_body or "",
        "from_email": from_email or "",
        "reply_to": list(reply_to or []),
        "headers": dict(headers or {}),
        "calendar": list(calendar) if calendar else None,
        "attachments": [list(item) for item in attachments or []],
        "claim_id": claim_id,
    }
    if key is None:
        email = OutboxEmail.objects.create(**fields)
    else:
        email, created = OutboxEmail.objects.get_or_create(key=key[:200], defaults=fields)
        if not created:
            return email
    transaction.on_commit(lambda: kick(email.pk))
    return email


def kick(email_id):
    """Ask a worker to deliver now. The broker may be down: the e-mail is safe in its row and the
    periodic sweep sends it once the broker is back, so the user's action never fails for it."""
    from .tasks import deliver_email

    if time.monotonic() < _broker["down_until"]:
        return
    try:
        deliver_email.delay(email_id)
    except Exception:  # kombu's OperationalError, redis' ConnectionError, a socket error...
        _broker["down_until"] = time.monotonic() + BROKER_RETRY_AFTER
        logger.warning("outbox: e-mail %s waits for the sweep (broker unreachable)", email_id, exc_info=True)


def email_deliver(*, email_id, now=None, connection=None):
    """Send one e-mail if it is due and nobody else holds it. Returns its new state, or None when
    there was nothing to do (already sent, held by another worker, not due yet)."""
    now = now or timezone.now()
    claimed = OutboxEmail.objects.filter(pk=email_id, state=EmailState.PENDING, next_attempt_at__lte=now).update(
        state=EmailState.SENDING, attempts=F("attempts") + 1, lease_until=now + lease()
    )
    if not claimed:
        return None
    email = OutboxEmail.objects.get(pk=email_id)
    try:
        delivery.build_message(email, connection=connection).send()
    except Exception as error:  # every failure is recorded on the row; none escapes to the task
        return _record_failure(email, error, now)
    OutboxEmail.objects.filter(pk=email.pk, state=EmailState.SENDING).update(
        state=EmailState.SENT, sent_at=timezone.now(), lease_until=None, last_error="", reason=""
    )
    email_sent.send(sender=OutboxEmail, email=email, claim_id=email.claim_id)
    return EmailState.SENT


def _record_failure(email, error, now):
    text = f"{type(error).__name__}: {error}"[:ERROR_MAX]
    reason = str(delivery.reason(error))[:300]
    permanent = delivery.classify(error) == delivery.PERMANENT
    if permanent or email.attempts >= MAX_ATTEMPTS:
        OutboxEmail.objects.filter(pk=email.pk, state=EmailState.SENDING).update(
            state=EmailState.FAILED, failed_at=now, lease_until=None, last_error=text, reason=reason
        )
        logger.error(
            "outbox: e-mail %s (%s) given up after %s attempt(s): %s", email.pk, email.kind, email.attempts, text
        )
        email_failed.send(sender=OutboxEmail, email=email, claim_id=email.claim_id, error=text)
        return EmailState.FAILED
    OutboxEmail.objects.filter(pk=email.pk, state=EmailState.SENDING).update(
        state=EmailState.PENDING,
        next_attempt_at=now + retry_delay(email.attempts),
        lease_until=None,
        last_error=text,
        reason=reason,
    )
    logger.warning(
        "outbox: e-mail %s (%s) attempt %s failed, tried again later: %s", email.pk, email.kind, email.attempts, text
    )
    return EmailState.PENDING


def outbox_sweep(*, now=None, limit=None):
    """Periodic: give back the e-mails of workers that died holding them (their lease has passed),
    then ask a worker for each e-mail that is due. Returns how many were asked for."""
    now = now or timezone.now()
    limit = limit or settings.OUTBOX_SWEEP_BATCH
    _broker["down_until"] = 0.0  # the sweep runs on a worker: the broker answers again
    released = OutboxEmail.objects.filter(state=EmailState.SENDING, lease_until__lt=now).update(
        state=EmailState.PENDING, next_attempt_at=now, lease_until=None
    )
    if released:
        logger.warning("outbox: %s e-mail(s) released from a worker that stopped while sending", released)
    due = list(
        OutboxEmail.objects.filter(state=EmailState.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
    for email_id in due:
        kick(email_id)
    return len(due)


def email_withdraw(*, kind, to):
    """E-mails of `kind` to the address `to` that have not left yet are not sent (the person asked
    not to receive them). One being sent right now is past recall. Returns how many."""
    deleted, _detail = OutboxEmail.objects.filter(kind=kind, to=[to], state=EmailState.PENDING).delete()
    return deleted


@transaction.atomic
def email_resend(*, email, now=None):
    """The engineer sends a failed e-mail again (after the recipient's address or the server was
    fixed): back to PENDING with a fresh count of attempts."""
    now = now or timezone.now()
    updated = OutboxEmail.objects.filter(pk=email.pk, state=EmailState.FAILED).update(
        state=EmailState.PENDING, attempts=0, next_attempt_at=now, failed_at=None
    )
    if updated:
        transaction.on_commit(lambda: kick(email.pk))
    return bool(updated)


def outbox_purge(*, now=None, days=None):
    """Sent e-mails are kept for the outbox page's history, then deleted (they hold personal data)."""
    now = now or timezone.now()
    days = days if days is not None else settings.OUTBOX_RETENTION_DAYS
    deleted, _detail = OutboxEmail.objects.filter(
        state=EmailState.SENT, sent_at__lt=now - datetime.timedelta(days=days)
    ).delete()
    return deleted
