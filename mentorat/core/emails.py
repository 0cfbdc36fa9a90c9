"""The one way the platform sends an email.

Each email is a template triple under templates/emails/: `<name>_subject.txt`, `<name>.txt` and
`<name>.html`. It is rendered now (in the request's language, with the data as it is now) and
written in the outbox in the same transaction as the action that causes it; a Celery worker sends
it after the commit (mentorat/outbox): a rolled-back change sends nothing, no web request waits on
SMTP, and an e-mail survives Redis, a worker or the SMTP server being down.
"""

import contextlib
import threading

from django.conf import settings
from django.template.loader import render_to_string

_state = threading.local()


@contextlib.contextmanager
def emails_suppressed():
    """Nothing is queued inside this block: used when loading demo data, whose people are fictitious."""
    previous = getattr(_state, "suppressed", False)
    _state.suppressed = True
    try:
        yield
    finally:
        _state.suppressed = previous


def render_email(name, context):
    ctx = {"site_url": settings.SITE_URL, "support_email": settings.SUPPORT_EMAIL, **context}
    subject = render_to_string(f"emails/{name}_subject.txt", ctx)
    # Same prefix as the account emails, so that people can filter every platform email.
    subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split())
    text_body = render_to_string(f"emails/{name}.txt", ctx).strip() + "\n"
    html_body = render_to_string(f"emails/{name}.html", ctx)
    return subject, text_body, html_body


def queue_email(
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
    headers=None,
    kind="other",
    key=None,
):
    """Write an already rendered e-mail in the outbox, in the current transaction; a worker sends it
    once that commits (mentorat.outbox). Returns the outbox row (None while e-mails are suppressed).

    `attachments`: [(filename, text content, mimetype)]. `calendar`: (iTIP method, iCalendar text), a
    meeting invitation or cancellation, placed where mail clients look for one (see
    mentorat.outbox.delivery.attach_calendar). `claim_id`: the reminder this e-mail delivers, told
    when it is sent or given up. `headers`: extra message headers, e.g. `unsubscribe_headers(url)`.
    `kind`: what it is (the template's name), shown on the engineer's outbox page. `key`: the idempotency key of what the
    e-mail is about ("invitation:42"): written twice, it is one e-mail."""
    from mentorat.outbox.services import email_enqueue

    if getattr(_state, "suppressed", False):
        return None
    return email_enqueue(
        kind=kind,
        key=key,
        to=to,
        subject=subject,
        text_body=text_body,
        html_body=html_body,
        from_email=from_email,
        reply_to=reply_to,
        attachments=attachments,
        calendar=calendar,
        headers=headers,
        claim_id=claim_id,
    )


def send_templated_email(
    name, *, to, context=None, reply_to=None, attachments=None, calendar=None, headers=None, key=None
):
    subject, text_body, html_body = render_email(name, context or {})
    return queue_email(
        to=to,
        subject=subject,
        text_body=text_body,
        html_body=html_body,
        reply_to=reply_to,
        attachments=attachments,
        calendar=calendar,
        headers=headers,
        kind=name,
        key=key,
    )


def unsubscribe_headers(url):
    """The headers by which large mailboxes show their own "unsubscribe" button and, with one click,
    POST to `url` (RFC 2369 and RFC 8058); they demand them of bulk senders. `url` answers a POST
    without login and never unsubscribes on GET (link scanners fetch links)."""
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
