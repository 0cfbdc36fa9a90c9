"""The one way the platform sends an email.

Each email is a template triple under templates/emails/: `<name>_subject.txt`, `<name>.txt` and
`<name>.html`. It is rendered now (in the request's language, with the data as it is now) and sent
by a Celery task queued after the transaction commits, so that a rolled-back change sends nothing
and no web request waits on SMTP.
"""

import contextlib
import threading

from django.conf import settings
from django.db import transaction
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
    headers=None,
):
    """Queue an already rendered email; it leaves once the current transaction commits.

    `attachments`: [(filename, text content, mimetype)], e.g. a calendar invitation. `claim_id`: the
    reminder this email delivers, marked failed if the task gives up (see tasks.email_failed).
    `headers`: extra message headers, e.g. `unsubscribe_headers(url)`."""
    from .tasks import send_email

    if getattr(_state, "suppressed", False):
        return
    recipients = [to] if isinstance(to, str) else list(to)
    payload = {
        "to": recipients,
        "subject": subject,
        "text_body": text_body,
        "html_body": html_body,
        "from_email": from_email,
        "reply_to": list(reply_to) if reply_to else None,
        "attachments": [list(item) for item in attachments] if attachments else None,
    }
    if claim_id is not None:
        payload["claim_id"] = claim_id
    if headers:
        payload["headers"] = dict(headers)
    transaction.on_commit(lambda: send_email.delay(**payload))


def send_templated_email(name, *, to, context=None, reply_to=None, attachments=None, headers=None):
    subject, text_body, html_body = render_email(name, context or {})
    queue_email(
        to=to,
        subject=subject,
        text_body=text_body,
        html_body=html_body,
        reply_to=reply_to,
        attachments=attachments,
        headers=headers,
    )


def unsubscribe_headers(url):
    """The headers by which large mailboxes show their own "unsubscribe" button and, with one click,
    POST to `url` (RFC 2369 and RFC 8058); they demand them of bulk senders. `url` answers a POST
    without login and never unsubscribes on GET (link scanners fetch links)."""
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
