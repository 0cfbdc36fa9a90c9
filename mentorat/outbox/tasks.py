"""Thin tasks over the outbox's services. A delivery that is redelivered by the broker, or run by two
workers at once, sends nothing twice: the row is claimed before sending (services.email_deliver)."""

from celery import shared_task
from django.conf import settings
from django.core.mail import get_connection

from . import services


@shared_task(name="outbox.deliver_email", soft_time_limit=60, time_limit=90, ignore_result=True)
def deliver_email(email_id):
    # EMAIL_TIMEOUT bounds each socket operation: an SMTP server that accepts and never answers
    # fails the attempt (tried again later) instead of holding the worker for good.
    connection = get_connection(timeout=settings.EMAIL_TIMEOUT)
    return services.email_deliver(email_id=email_id, connection=connection)


@shared_task(name="outbox.sweep", soft_time_limit=120, time_limit=150, ignore_result=True)
def sweep_outbox():
    services.outbox_purge()
    return services.outbox_sweep()
