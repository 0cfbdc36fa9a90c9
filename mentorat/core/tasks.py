import smtplib

from celery import Task, shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.dispatch import Signal

# Sent when an email carrying a `claim_id` is given up (after its retries): the reminders record the
# failure, this module knows nothing of them. Arguments: claim_id, error.
email_failed = Signal()


class EmailTask(Task):
    def on_failure(self, exc, task_id, args, kwargs, einfo):
        if kwargs.get("claim_id"):
            email_failed.send(sender=type(self), claim_id=kwargs["claim_id"], error=f"{type(exc).__name__}: {exc}")


@shared_task(
    base=EmailTask,
    autoretry_for=(smtplib.SMTPException, ConnectionError, TimeoutError),
    retry_backoff=30,
    retry_backoff_max=3600,
    retry_jitter=False,
    max_retries=6,
)
def send_email(
    *,
    to,
    subject,
    text_body,
    html_body=None,
    from_email=None,
    reply_to=None,
    attachments=None,
    claim_id=None,
    headers=None,
):
    message = EmailMultiAlternatives(
        subject=subject,
        body=text_body,
        from_email=from_email or settings.DEFAULT_FROM_EMAIL,
        to=to,
        reply_to=reply_to,
        headers=headers,
    )
    if html_body:
        message.attach_alternative(html_body, "text/html")
    for filename, content, mimetype in attachments or []:
        message.attach(filename, content, mimetype)
    message.send()
