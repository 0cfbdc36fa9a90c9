"""An SMTP error: the email task retries with backoff; when it gives up, the reminder's claim is marked
failed with the error, and the engineer sees it."""

import pytest
from django.core import mail
from django.urls import reverse

from mentorat.celery import app as celery_app
from mentorat.core.tasks import send_email
from mentorat.notifications.enums import ClaimStatus
from mentorat.notifications.models import ReminderClaim
from tests.core.test_emails import FlakyBackend
from tests.factories import ApplicationFactory, UserFactory
from tests.notifications.helpers import paris

pytestmark = pytest.mark.django_db


@pytest.fixture
def flaky_backend(settings):
    settings.EMAIL_BACKEND = "tests.core.test_emails.FlakyBackend"
    FlakyBackend.attempts = 0
    FlakyBackend.failures = 0
    return FlakyBackend


@pytest.fixture
def retries_run_in_process(monkeypatch):
    # Without propagation an eager task runs its retries at once, in-process, as a worker would.
    monkeypatch.setitem(celery_app.conf, "task_eager_propagates", False)


@pytest.fixture
def draft(programme, clock):
    clock.move_to(paris(2026, 7, 2, 11))
    return ApplicationFactory(programme=programme, draft=True, user__email="zoe@cpam33.fr")


def test_an_smtp_error_is_retried_then_the_claim_is_recorded_failed(draft, scan, flaky_backend, retries_run_in_process):
    flaky_backend.failures = 100

    scan(paris(2026, 9, 4, 9))

    assert flaky_backend.attempts == send_email.max_retries + 1
    assert mail.outbox == []
    claim = ReminderClaim.objects.get()
    assert claim.status == ClaimStatus.FAILED
    assert claim.failed_at is not None
    assert claim.error == "SMTPServerDisconnected: connection unexpectedly closed"


def test_a_retry_that_succeeds_leaves_the_claim_sent(draft, scan, flaky_backend, retries_run_in_process):
    flaky_backend.failures = 2

    scan(paris(2026, 9, 4, 9))

    assert flaky_backend.attempts == 3
    assert len(mail.outbox) == 1
    assert ReminderClaim.objects.get().status == ClaimStatus.SENT


def test_the_failure_is_on_the_engineers_page(draft, scan, flaky_backend, retries_run_in_process, client, clock):
    flaky_backend.failures = 100
    scan(paris(2026, 9, 4, 9))
    engineer = UserFactory(engineer=True)
    client.force_login(engineer)

    page = client.get(reverse("notifications:engineer_reminders")).content.decode()

    assert "zoe@cpam33.fr" in page
    assert "SMTPServerDisconnected: connection unexpectedly closed" in page


def test_emails_that_are_not_reminders_fail_as_before(flaky_backend, retries_run_in_process):
    flaky_backend.failures = 100
    result = send_email.delay(to=["a@caf.fr"], subject="Objet", text_body="Texte\n")
    assert result.failed()
    assert not ReminderClaim.objects.exists()
