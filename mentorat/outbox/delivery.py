"""Turning an outbox row into a message for SMTP, and telling a temporary failure from a permanent one."""

import hashlib
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.utils.translation import gettext as _

TEMPORARY = "temporary"
PERMANENT = "permanent"


def message_id(email):
    """The same Message-ID at every attempt: were an e-mail ever sent twice (a worker killed between
    the server's acceptance and the row's update), the receiving systems that de-duplicate on it
    show it once."""
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip("> ") or "mentorat.invalid"
    digest = hashlib.sha256(email.key.encode()).hexdigest()[:16]
    return f"<mentorat.{email.pk}.{digest}@{domain}>"


def build_message(email, *, connection=None):
    headers = {**email.headers, "Message-ID": message_id(email)}
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.text_body,
        from_email=email.from_email or settings.DEFAULT_FROM_EMAIL,
        to=list(email.to),
        reply_to=list(email.reply_to) or None,
        headers=headers,
        connection=connection,
    )
    if email.html_body:
        message.attach_alternative(email.html_body, "text/html")
    if email.calendar:
        attach_calendar(message, *email.calendar)
    for filename, content, mimetype in email.attachments:
        message.attach(filename, content, mimetype)
    return message


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


def classify(error):
    """TEMPORARY (tried again later) or PERMANENT (given up at once).

    Permanent: the receiving side said no for good — a 5xx reply to the recipients or the message.
    Everything else is temporary: connection refused or reset, timeouts, DNS and TLS errors, 4xx
    replies, and a refused login (a configuration fault that the operator fixes, after which the
    waiting e-mails leave)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in error.recipients.values()]
        return PERMANENT if codes and all(500 <= code < 600 for code in codes) else TEMPORARY
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return TEMPORARY
    if isinstance(error, smtplib.SMTPResponseException):
        return PERMANENT if 500 <= error.smtp_code < 600 else TEMPORARY
    return TEMPORARY


def reason(error):
    """A short French reason for the outbox page (the technical text stays in `last_error`)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = sorted({code for code, _message in error.recipients.values()})
        return _("Adresse refusée par le serveur de messagerie (code %(codes)s).") % {
            "codes": ", ".join(str(code) for code in codes)
        }
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return _("Le serveur de messagerie refuse l'identifiant de la plateforme.")
    if isinstance(error, smtplib.SMTPResponseException):
        return _("Refus du serveur de messagerie (code %(code)s).") % {"code": error.smtp_code}
    if isinstance(error, TimeoutError):
        return _("Le serveur de messagerie ne répond pas (délai dépassé).")
    if isinstance(error, ConnectionRefusedError):
        return _("Le serveur de messagerie refuse la connexion.")
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return _("Le serveur de messagerie a coupé la connexion.")
    if isinstance(error, OSError):
        return _("Le serveur de messagerie est injoignable (réseau, nom ou certificat).")
    return _("Erreur inattendue lors de l'envoi.")
