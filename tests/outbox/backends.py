"""E-mail backends that fail as real SMTP servers do, for the outbox's tests."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend as LocmemBackend


class FlakyBackend(LocmemBackend):
    """Raises `error` (an SMTP disconnection by default) for the first `failures` sends, then
    delivers to mail.outbox."""

    failures = 0
    attempts = 0
    error = None

    def send_messages(self, messages):
        FlakyBackend.attempts += 1
        if FlakyBackend.attempts <= FlakyBackend.failures:
            raise FlakyBackend.error or smtplib.SMTPServerDisconnected("connection unexpectedly closed")
        return super().send_messages(messages)
