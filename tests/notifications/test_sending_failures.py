"""A reminder is `sent` only when its e-mail is: an SMTP error leaves it `sending` while the outbox
tries again; a permanent refusal marks it failed with the error, and the engineer sees it."""

import smtplib

import pytest
from django.core import mail
from django.urls import reverse

from mentorat.notifications.enums import ClaimStatus
from mentorat.notifications.models import ReminderClaim
from mentorat.outbox import services as outbox
from tests.factories import ApplicationFactory, UserFactory
from tests.notifications.helpers import paris
from tests.outbox.backends import FlakyBackend

pytestmark = pytest.mark.django_db

REFUSED = smtplib.SMTPRecipientsRefused({"zoe@cpam33.fr": (550, b"5.1.1 no such user")})


@pytest.fixture
def flaky_backend(settings):
    settings.EMAIL_BACKEND = "tests.outbox.backends.FlakyBackend"
    FlakyBackend.attempts, FlakyBackend.failures, FlakyBackend.error = 0, 0, None
    return FlakyBackend


@pytest.fixture
def draft(programme, clock):
    clock.move_to(paris(2026, 7, 2, 11))
    return ApplicationFactory(programme=programme, draft=True, user__email="zoe@cpam33.fr")


def test_a_temporary_smtp_error_leaves_the_reminder_sending_until_the_retry_succeeds(draft, scan, flaky_backend, clock):
    flaky_backend.failures = 1

    scan(paris(2026, 9, 4, 9))

    claim = ReminderClaim.objects.get()
    assert claim.status == ClaimStatus.SENDING
    assert mail.outbox == []

    clock.move_to(paris(2026, 9, 4, 9, 2))
    outbox.outbox_sweep()
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SENT
    assert len(mail.outbox) == 1


def test_a_sending_reminder_is_not_claimed_again_by_the_next_scan(draft, scan, flaky_backend):
    flaky_backend.failures = 100

    scan(paris(2026, 9, 4, 9))
    scan(paris(2026, 9, 4, 10, 5))

    assert ReminderClaim.objects.count() == 1


def test_a_permanent_refusal_marks_the_reminder_failed_with_the_error(draft, scan, flaky_backend):
    flaky_backend.failures, flaky_backend.error = 1, REFUSED

    scan(paris(2026, 9, 4, 9))

    claim = ReminderClaim.objects.get()
    assert claim.status == ClaimStatus.FAILED
    assert claim.failed_at is not None
    assert claim.error.startswith("SMTPRecipientsRefused")
    assert mail.outbox == []


def test_the_failure_is_on_the_engineers_pages_with_a_french_reason(draft, scan, flaky_backend, client):
    flaky_backend.failures, flaky_backend.error = 1, REFUSED
    scan(paris(2026, 9, 4, 9))
    client.force_login(UserFactory(engineer=True))

    reminders = client.get(reverse("notifications:engineer_reminders")).content.decode()
    outbox_page = client.get(reverse("outbox:engineer_outbox")).content.decode()

    assert "1 e-mail est en échec" in reminders
    assert "zoe@cpam33.fr" in outbox_page
    assert "Adresse refusée par le serveur de messagerie (code 550)." in outbox_page
    assert "Rappel : " in outbox_page
    assert "SMTPRecipientsRefused" not in outbox_page
