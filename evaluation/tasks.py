from celery import shared_task
from django.conf import settings
from django.utils import translation

from . import services


@shared_task
def build_report(*, job_id):
    """Build a report job's files; a second delivery of the same task finds the job taken."""
    with translation.override(settings.LANGUAGE_CODE):
        services.report_job_run(job_id=job_id)
