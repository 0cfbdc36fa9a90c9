"""The pairs' message digests as a Celery task: kicked after each message (sessions_binome.messaging
.services.kick) and run by the beat as a sweep (CELERY_BEAT_SCHEDULE)."""

import datetime

from celery import shared_task
from django.conf import settings
from django.utils import translation

from . import services


@shared_task(name="sessions_binome.send_message_digests", ignore_result=True)
def send_message_digests(pair_id=None, now=None):
    """`now`: an ISO 8601 moment (tests); default the current time."""
    moment = datetime.datetime.fromisoformat(now) if now else None
    with translation.override(settings.LANGUAGE_CODE):
        return services.digests_send(now=moment, pair_id=pair_id)
