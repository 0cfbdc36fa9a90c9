"""The programme engineer's alerts, gathered in a daily digest (the alerts themselves are steps of
the other kinds: they run for every opened edition with those kinds)."""

import datetime

from django.db.models import Max, Q

from mentorat.accounts.models import User

from .. import timing
from ..enums import HANDED
from ..models import Notification, ReminderClaim
from .base import ENGINEER_DIGEST_HOUR, Target, last_digests, only_these


def _alert_claims(steps):
    """The claims sent of these engineer alert steps [(kind, step)]."""
    alerts = Q(pk__in=[])
    for kind, step in steps:
        alerts |= Q(kind=kind.code) & (Q(occurrence=step.code) | Q(occurrence__startswith=f"{step.code}@"))
    return ReminderClaim.objects.filter(alerts, status__in=HANDED)


def engineer_digest_since(engineer):
    """When the engineer's last digest went (None before the first): the next one covers what came after."""
    return last_digests("engineer-digest", recipient=engineer).get(engineer.pk)


def engineer_alerts(engineer, since, now, steps):
    """{(kind code, step code): [{"title", "url"}]} of the alerts sent to the engineer after `since` and
    by `now`, oldest first, as their in-app notifications say them (one query)."""
    claims = _alert_claims(steps).filter(recipient=engineer, sent_at__lte=now)
    if since is not None:
        claims = claims.filter(sent_at__gt=since)
    notifications = Notification.objects.filter(claim__in=claims).order_by("created_at", "pk")
    alerts = {}
    for kind, occurrence, title, url in notifications.values_list("claim__kind", "claim__occurrence", "title", "url"):
        alerts.setdefault((kind, occurrence.split("@", 1)[0]), []).append({"title": title, "url": url})
    return alerts


def engineer_digests(now, only=None, person=None):
    """One digest per programme engineer each working day from 9:00 to 20:00 Paris, when alerts came
    since their last digest: a national edition can raise hundreds a day, one email each would bury them."""
    from ..catalogue import digest_steps  # the catalogue imports this module

    day = timing.local(now).date()
    start = timing.at(day, datetime.time(ENGINEER_DIGEST_HOUR))
    if not (timing.is_working_day(day) and start <= now < timing.at(day, timing.OPEN_UNTIL)):
        return
    engineers = only_these(User.objects.filter(is_active=True, is_programme_engineer=True), only)
    if person is not None:
        engineers = engineers.filter(pk=person.pk)
    engineers = list(engineers.order_by("pk"))
    if not engineers:
        return
    newest = dict(
        _alert_claims(digest_steps())
        .filter(recipient__in=engineers, sent_at__lte=now)
        .values("recipient_id")
        .annotate(last=Max("sent_at"))
        .order_by()
        .values_list("recipient_id", "last")
    )
    last = last_digests("engineer-digest")
    for engineer in engineers:
        alert, digest = newest.get(engineer.pk), last.get(engineer.pk)
        if alert is not None and (digest is None or alert > digest):
            yield Target(engineer, anchor=start, key=day.isoformat(), person=engineer)
