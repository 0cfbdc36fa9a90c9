"""Reads of the outbox for the engineer's page: counts by kind and state, the e-mails that failed or
wait. Never a subject or a body: only kinds, recipients, dates and reasons."""

import datetime

from django.db.models import Count, Min
from django.utils import timezone

from .enums import EmailState
from .kinds import kind_label
from .models import OutboxEmail

LIST_FIELDS = ["pk", "kind", "to", "state", "attempts", "next_attempt_at", "created_at", "failed_at", "reason"]
# Older than this, a waiting e-mail means that no worker (or no beat) takes the outbox.
STALLED_AFTER = datetime.timedelta(minutes=15)


def counts_by_kind():
    """[(label, {state: n})] sorted by label (one query)."""
    table = {}
    for row in OutboxEmail.objects.values("kind", "state").annotate(n=Count("id")).order_by():
        table.setdefault(row["kind"], {})[row["state"]] = row["n"]
    rows = [(kind_label(kind), [counts.get(state, 0) for state in EmailState.values]) for kind, counts in table.items()]
    return sorted(rows, key=lambda row: str(row[0]))


def failed_emails():
    return OutboxEmail.objects.filter(state=EmailState.FAILED).only(*LIST_FIELDS).order_by("-failed_at", "-pk")


def waiting_emails():
    return (
        OutboxEmail.objects.filter(state__in=[EmailState.PENDING, EmailState.SENDING])
        .only(*LIST_FIELDS)
        .order_by("next_attempt_at", "pk")
    )


def stalled_since(now=None):
    """The creation of the oldest e-mail still waiting, when it waits for longer than it should."""
    now = now or timezone.now()
    oldest = waiting_emails().filter(attempts=0).aggregate(first=Min("created_at"))["first"]
    return oldest if oldest is not None and oldest < now - STALLED_AFTER else None


def with_labels(emails):
    for email in emails:
        email.kind_label = kind_label(email.kind)
    return emails
