from celery import shared_task
from django.conf import settings
from django.utils import translation

from candidatures.models import Application

from . import services


@shared_task
def execute_matching_run(*, run_id):
    with translation.override(settings.LANGUAGE_CODE):
        services.matching_run_execute(run_id=run_id)


@shared_task
def propose_again(*, mentee_id):
    with translation.override(settings.LANGUAGE_CODE):
        services.reproposals_generate(mentee=Application.objects.get(pk=mentee_id))


@shared_task
def expire_requests():
    with translation.override(settings.LANGUAGE_CODE):
        return services.requests_expire()
