"""The scheduled retention run (see CELERY_BEAT_SCHEDULE): every archived edition whose retention
period has passed, each by its own end date, is anonymised; open editions are never touched."""

from celery import shared_task

from . import services


@shared_task(name="privacy.anonymise_due_editions", ignore_result=True)
def anonymise_due_editions():
    return [
        (edition.slug, people, reports) for edition, people, reports in services.editions_anonymise_due(wet_run=True)
    ]
