import smtplib

import pytest
from celery.exceptions import Retry
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.db import transaction

from mentorat.celery import app as celery_app
from mentorat.core.emails import render_email, send_templated_email, unsubscribe_headers
from mentorat.core.tasks import send_email

# templates/emails/test_ping{_subject.txt,.txt,.html} exist for these tests only.
NAME = "Zoé & Cie"


def test_it_renders_subject_text_and_html_from_the_template_triple(settings):
    subject, text_body, html_body = render_email("test_ping", {"name": NAME})

    assert subject == "[Mentorat] Test d'envoi pour Zoé & Cie"
    assert "\n" not in subject
    assert text_body.startswith("Bonjour Zoé & Cie,")
    assert settings.SITE_URL in text_body
    # The HTML version is escaped, the text version is not.
    assert "Bonjour Zoé &amp; Cie," in html_body
    assert "<html" in html_body
    assert settings.SUPPORT_EMAIL in html_body


@pytest.mark.django_db
def test_it_sends_nothing_before_commit_and_one_email_with_html_after(django_capture_on_commit_callbacks, settings):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        send_templated_email("test_ping", to="alice@assurance-maladie.fr", context={"name": NAME})
        assert mail.outbox == []

    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alice@assurance-maladie.fr"]
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert message.subject == "[Mentorat] Test d'envoi pour Zoé & Cie"
    assert message.body.startswith("Bonjour Zoé & Cie,")
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert "Bonjour Zoé &amp; Cie," in html


@pytest.mark.django_db
def test_extra_headers_reach_the_message_as_it_leaves(django_capture_on_commit_callbacks):
    url = "https://mentorat.example.fr/rappels/desabonnement/42.first-session:abc/"
    with django_capture_on_commit_callbacks(execute=True):
        send_templated_email(
            "test_ping", to="alice@assurance-maladie.fr", context={"name": NAME}, headers=unsubscribe_headers(url)
        )

    mime = mail.outbox[0].message()  # what the SMTP server receives
    assert mime["List-Unsubscribe"] == f"<{url}>"
    assert mime["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


@pytest.mark.django_db
def test_without_headers_there_is_no_list_unsubscribe(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_templated_email("test_ping", to="alice@assurance-maladie.fr", context={"name": NAME})

    assert mail.outbox[0].message()["List-Unsubscribe"] is None


@pytest.mark.django_db
def test_it_sends_nothing_when_the_transaction_rolls_back(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            send_templated_email("test_ping", to="alice@assurance-maladie.fr", context={"name": NAME})
            raise RuntimeError("the change is rolled back")

    assert callbacks == []
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_it_waits_for_a_real_commit():
    # No captured callbacks here: the real transaction machinery decides when the email leaves.
    with transaction.atomic():
        send_templated_email("test_ping", to=["a@caf.fr", "b@caf.fr"], context={"name": NAME})
        assert mail.outbox == []

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["a@caf.fr", "b@caf.fr"]


class FlakyBackend(LocmemBackend):
    """Fails with an SMTP error for the first `failures` sends, then delivers to mail.outbox."""

    failures = 0
    attempts = 0

    def send_messages(self, messages):
        FlakyBackend.attempts += 1
        if FlakyBackend.attempts <= FlakyBackend.failures:
            raise smtplib.SMTPServerDisconnected("connection unexpectedly closed")
        return super().send_messages(messages)


@pytest.fixture
def flaky_backend(settings):
    settings.EMAIL_BACKEND = f"{__name__}.FlakyBackend"
    FlakyBackend.attempts = 0
    FlakyBackend.failures = 0
    return FlakyBackend


PAYLOAD = {
    "to": ["alice@assurance-maladie.fr"],
    "subject": "Objet",
    "text_body": "Texte\n",
    "html_body": "<p>Texte</p>",
}


def test_the_task_is_configured_to_retry_on_smtp_errors_with_backoff():
    assert issubclass(smtplib.SMTPServerDisconnected, send_email.autoretry_for)
    assert issubclass(smtplib.SMTPRecipientsRefused, send_email.autoretry_for)
    assert send_email.retry_backoff
    assert send_email.max_retries >= 3


def test_an_smtp_error_asks_celery_for_a_delayed_retry(flaky_backend):
    flaky_backend.failures = 1

    # Eager tasks propagate (test settings): the retry request itself surfaces here.
    with pytest.raises(Retry) as retry:
        send_email.delay(**PAYLOAD)

    assert isinstance(retry.value.exc, smtplib.SMTPServerDisconnected)
    assert retry.value.when > 0
    assert mail.outbox == []


@pytest.fixture
def retries_run_in_process(monkeypatch):
    # Without propagation, an eager task runs its retries at once, in-process, as a worker would
    # (without the delays).
    monkeypatch.setitem(celery_app.conf, "task_eager_propagates", False)


def test_the_task_retries_after_an_smtp_error_and_then_sends(flaky_backend, retries_run_in_process):
    flaky_backend.failures = 2

    result = send_email.delay(**PAYLOAD)

    assert result.successful()
    assert flaky_backend.attempts == 3
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Objet"


def test_the_task_gives_up_after_max_retries(flaky_backend, retries_run_in_process):
    flaky_backend.failures = 100

    result = send_email.delay(**PAYLOAD)

    assert result.failed()
    assert isinstance(result.result, smtplib.SMTPServerDisconnected)
    assert flaky_backend.attempts == send_email.max_retries + 1
    assert mail.outbox == []
