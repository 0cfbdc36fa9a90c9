"""The outbox: an e-mail is a row written with the action, sent once after the commit, tried again
on temporary failures, given up at once on permanent ones, and never sent twice."""

import datetime
import smtplib
import socket
import ssl

import pytest
import time_machine
from django.core import mail
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

from mentorat.core.emails import queue_email
from mentorat.outbox import delivery, services, tasks
from mentorat.outbox.enums import EmailState
from mentorat.outbox.models import OutboxEmail
from mentorat.outbox.signals import email_failed, email_sent

pytestmark = pytest.mark.django_db

START = datetime.datetime(2027, 3, 1, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run a block as a committed action: its on-commit kicks run (eager tasks deliver in-process)."""

    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return run


def enqueue(**kwargs):
    fields = {"to": "alice@assurance-maladie.fr", "subject": "Objet", "text_body": "Texte\n", "kind": "test_ping"}
    return queue_email(**{**fields, **kwargs})


def test_an_email_is_a_row_until_the_commit_then_it_is_sent_once(commit, clock):
    def action():
        email = enqueue(html_body="<p>Texte</p>")
        assert OutboxEmail.objects.get().state == EmailState.PENDING
        assert mail.outbox == []
        return email

    email = commit(action)

    email.refresh_from_db()
    assert email.state == EmailState.SENT
    assert email.attempts == 1
    assert email.sent_at == START
    [message] = mail.outbox
    assert message.to == ["alice@assurance-maladie.fr"]
    assert message.extra_headers["Message-ID"] == delivery.message_id(email)


def test_a_rolled_back_action_leaves_no_row_and_sends_nothing(commit):
    def action():
        with pytest.raises(RuntimeError), transaction.atomic():
            enqueue()
            raise RuntimeError("rolled back")

    commit(action)

    assert not OutboxEmail.objects.exists()
    assert mail.outbox == []


def test_the_same_key_twice_is_one_email(commit):
    commit(lambda: [enqueue(key="invitation:42"), enqueue(key="invitation:42")])
    commit(lambda: enqueue(key="invitation:42"))

    assert OutboxEmail.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_delivery_of_an_email_already_sent_or_held_sends_nothing(commit):
    email = commit(enqueue)
    assert services.email_deliver(email_id=email.pk) is None

    held = enqueue()  # not committed: no kick; a worker holds it
    OutboxEmail.objects.filter(pk=held.pk).update(
        state=EmailState.SENDING, lease_until=timezone.now() + services.lease()
    )
    assert services.email_deliver(email_id=held.pk) is None

    assert len(mail.outbox) == 1


def test_a_temporary_failure_is_tried_again_later_with_backoff(commit, clock, flaky_backend):
    flaky_backend.failures = 2
    email = commit(enqueue)

    email.refresh_from_db()
    assert email.state == EmailState.PENDING
    assert email.attempts == 1
    assert email.next_attempt_at == START + datetime.timedelta(minutes=1)
    assert email.last_error == "SMTPServerDisconnected: connection unexpectedly closed"

    assert services.outbox_sweep() == 0  # not due yet
    clock.move_to(START + datetime.timedelta(minutes=1))
    assert services.outbox_sweep() == 1  # eager: delivered in the sweep, fails again
    email.refresh_from_db()
    assert (email.attempts, email.next_attempt_at) == (2, START + datetime.timedelta(minutes=3))

    clock.move_to(START + datetime.timedelta(minutes=3))
    services.outbox_sweep()
    email.refresh_from_db()
    assert email.state == EmailState.SENT
    assert email.attempts == 3
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    "error",
    [
        smtplib.SMTPRecipientsRefused({"alice@assurance-maladie.fr": (550, b"5.1.1 no such user")}),
        smtplib.SMTPDataError(554, b"5.7.1 message refused"),
        smtplib.SMTPSenderRefused(553, b"5.7.1 sender refused", "ne-pas-repondre@mentorat.example.fr"),
    ],
    ids=["550 recipient", "554 data", "553 sender"],
)
def test_a_permanent_refusal_is_failed_at_once_and_told(commit, flaky_backend, error):
    flaky_backend.failures, flaky_backend.error = 1, error
    told = []
    email_failed.connect(lambda **kw: told.append(kw), weak=False, dispatch_uid="test-told")
    try:
        email = commit(lambda: enqueue(claim_id=7))
    finally:
        email_failed.disconnect(dispatch_uid="test-told")

    email.refresh_from_db()
    assert email.state == EmailState.FAILED
    assert email.attempts == 1
    assert told[0]["claim_id"] == 7
    assert email.last_error.startswith(type(error).__name__)


@pytest.mark.parametrize(
    "error",
    [
        ConnectionRefusedError(111, "Connection refused"),
        TimeoutError("timed out"),
        socket.gaierror(-2, "Name or service not known"),
        ssl.SSLError(1, "certificate verify failed"),
        smtplib.SMTPRecipientsRefused({"alice@assurance-maladie.fr": (450, b"4.2.0 mailbox busy")}),
        smtplib.SMTPResponseException(421, b"4.3.2 service not available"),
        smtplib.SMTPAuthenticationError(535, b"5.7.8 bad credentials"),
    ],
    ids=["refused", "timeout", "dns", "tls", "450 recipient", "421", "login refused"],
)
def test_network_dns_tls_and_4xx_errors_are_temporary(error):
    assert delivery.classify(error) == delivery.TEMPORARY
    assert delivery.reason(error)


def test_temporary_failures_are_given_up_after_about_a_day(commit, clock, flaky_backend):
    flaky_backend.failures = 1000
    email = commit(enqueue)
    elapsed = datetime.timedelta()
    while email.state == EmailState.PENDING:
        email.refresh_from_db()
        if email.state != EmailState.PENDING:
            break
        clock.move_to(email.next_attempt_at)
        elapsed = email.next_attempt_at - START
        services.outbox_sweep()
        email.refresh_from_db()

    assert email.state == EmailState.FAILED
    assert email.attempts == services.MAX_ATTEMPTS
    assert datetime.timedelta(hours=20) < elapsed < datetime.timedelta(hours=30)
    assert mail.outbox == []


def test_an_email_held_by_a_dead_worker_is_sent_once_its_lease_has_passed(clock):
    email = enqueue()  # not committed: as if the worker had claimed it and died
    OutboxEmail.objects.filter(pk=email.pk).update(
        state=EmailState.SENDING, attempts=1, lease_until=START + services.lease()
    )

    clock.move_to(START + services.lease() - datetime.timedelta(seconds=1))
    assert services.outbox_sweep() == 0
    assert mail.outbox == []

    clock.move_to(START + services.lease() + datetime.timedelta(seconds=1))
    assert services.outbox_sweep() == 1
    email.refresh_from_db()
    assert email.state == EmailState.SENT
    assert len(mail.outbox) == 1


def test_the_action_succeeds_when_the_broker_is_down_and_the_sweep_sends_later(commit, monkeypatch):
    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6399. Connection refused.")

    with monkeypatch.context() as patch:
        patch.setattr(tasks.deliver_email, "delay", broker_down)
        email = commit(enqueue)

    email.refresh_from_db()
    assert email.state == EmailState.PENDING
    assert mail.outbox == []

    services.outbox_sweep()
    email.refresh_from_db()
    assert email.state == EmailState.SENT
    assert len(mail.outbox) == 1


def test_a_failed_email_can_be_sent_again(commit, flaky_backend):
    flaky_backend.failures = 1
    flaky_backend.error = smtplib.SMTPRecipientsRefused({"alice@assurance-maladie.fr": (550, b"no such user")})
    email = commit(enqueue)
    email.refresh_from_db()
    assert email.state == EmailState.FAILED

    assert commit(lambda: services.email_resend(email=email))
    email.refresh_from_db()
    assert email.state == EmailState.SENT
    assert len(mail.outbox) == 1
    assert not services.email_resend(email=email)  # only a failed e-mail


def test_sent_emails_are_purged_after_the_retention(commit, clock, settings):
    commit(enqueue)
    clock.move_to(START + datetime.timedelta(days=settings.OUTBOX_RETENTION_DAYS - 1))
    assert services.outbox_purge() == 0
    clock.move_to(START + datetime.timedelta(days=settings.OUTBOX_RETENTION_DAYS + 1))
    assert services.outbox_purge() == 1


def test_the_sent_signal_carries_the_claim(commit):
    told = []
    email_sent.connect(lambda **kw: told.append(kw["claim_id"]), weak=False, dispatch_uid="test-sent")
    try:
        commit(lambda: enqueue(claim_id=12))
    finally:
        email_sent.disconnect(dispatch_uid="test-sent")
    assert told == [12]
