from celery import shared_task

from .idempotency import form_submissions_purge


@shared_task(name="core.purge_form_submissions", ignore_result=True)
def purge_form_submissions():
    return form_submissions_purge()


@shared_task(name="core.heartbeat", ignore_result=True, expires=120)
def heartbeat():
    """Proves that the queue is consumed: the workers' healthcheck reads when this last ran."""
    from . import heartbeat as beats

    beats.queue()
