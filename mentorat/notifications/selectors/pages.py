"""What the notification pages and the engineer's reminders page show."""

import datetime

from django.db.models import Count, Min
from django.db.models.functions import TruncDate
from django.utils import timezone

from ..enums import HANDED, ClaimStatus
from ..models import Notification, ReminderClaim, ReminderScan


def unread_notifications(user):
    """`user` may be an expression (accounts/backends.py counts them in the person's statement)."""
    return Notification.objects.filter(user=user, read_at__isnull=True)


def unread_count(user):
    return unread_notifications(user).count()


def notifications_of(user):
    return Notification.objects.filter(user=user).order_by("-created_at", "-pk")


def disabled_kinds(user):
    from ..models import NotificationPreference

    preference = NotificationPreference.objects.filter(user=user).first()
    return set(preference.disabled_kinds) if preference else set()


def sent_per_day(*, days, now=None):
    """[(day, {kind: n}, total)] of reminders sent over the last `days` days, newest first (one query)."""
    now = now or timezone.now()
    start = now - datetime.timedelta(days=days)
    rows = (
        ReminderClaim.objects.filter(sent_at__gte=start, status__in=HANDED)
        .annotate(day=TruncDate("sent_at", tzinfo=timezone.get_default_timezone()))
        .values("day", "kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    table = {}
    for row in rows:
        table.setdefault(row["day"], {})[row["kind"]] = row["n"]
    return [(day, counts, sum(counts.values())) for day, counts in sorted(table.items(), reverse=True)]


def totals_per_kind():
    """{kind: {status: n}} over all claims (one query)."""
    rows = ReminderClaim.objects.values("kind", "status").annotate(n=Count("id")).order_by()
    totals = {}
    for row in rows:
        totals.setdefault(row["kind"], {})[row["status"]] = row["n"]
    return totals


def waiting_claims():
    """(count, earliest not_before) of the claims waiting for working hours."""
    row = ReminderClaim.objects.filter(status=ClaimStatus.QUEUED).aggregate(n=Count("id"), first=Min("not_before"))
    return row["n"], row["first"]


def last_scan():
    return ReminderScan.objects.order_by("-started_at").first()
