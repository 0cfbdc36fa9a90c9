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
    calendar=None,
):
    message = EmailMultiAlternatives(
        subject=subject,
        body=text_body,
        from_email=from_email or settings.DEFAULT_FROM_EMAIL,
        to=to,
        reply_to=reply_to,
    )
    if html_body:
        message.attach_alternative(html_body, "text/html")
    if calendar:
        attach_calendar(message, *calendar)
    for filename, content, mimetype in attachments or []:
        message.attach(filename, content, mimetype)
    message.send()


def attach_calendar(message, method, text):
    """A meeting invitation laid out as Google Calendar sends one, which every client reads:
    multipart/mixed [multipart/alternative [text/plain, text/html, text/calendar; method=...],
    invitation.ics].

    Outlook shows a meeting, with its buttons, only for a text/calendar part inside the alternative
    whose `method` parameter equals the calendar's METHOD; Gmail, Apple Mail and Thunderbird read it
    there too. The same calendar also goes as an attachment for the webmails and clients that ignore
    that part and offer only files to import; as application/ics, so that no client takes it for a
    second invitation. Given as UTF-8 bytes (iCalendar's charset): Django would write a str with
    no charset of its own in Latin-1."""
    message.attach_alternative(text, f"text/calendar; method={method}; charset=utf-8")
    message.attach("invitation.ics", text.encode(), "application/ics")
