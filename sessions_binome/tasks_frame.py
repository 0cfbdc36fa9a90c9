"""Daily completion of the pairs whose frame has ended (see CELERY_BEAT_SCHEDULE)."""

from celery import shared_task
from django.conf import settings
from django.utils import translation

from . import services_frame


@shared_task(name="sessions_binome.complete_due_pairs")
def complete_due_pairs():
    with translation.override(settings.LANGUAGE_CODE):
        return services_frame.pairs_complete_due()
