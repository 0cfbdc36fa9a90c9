"""The reminders' scan as a Celery task (see CELERY_BEAT_SCHEDULE): hourly, in UTC. Quiet hours are
the scan's business, so the schedule needs no Paris arithmetic."""

import datetime

from celery import shared_task
from django.conf import settings
from django.utils import translation

from . import scan


@shared_task(name="notifications.scan_reminders")
def scan_reminders(now=None):
    """`now`: an ISO 8601 moment (tests, catching up); default the current time."""
    moment = datetime.datetime.fromisoformat(now) if now else None
    with translation.override(settings.LANGUAGE_CODE):
        return scan.reminders_scan(now=moment).as_dict()
