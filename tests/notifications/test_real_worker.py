"""A real Celery worker on the Redis broker, over PostgreSQL: the scan enqueued twice at once sends each
due reminder exactly once, its emails going through the broker to the worker.

The worker runs in threads of this process (celery.contrib.testing), with its own Celery app set up
for this test only: not eager, a queue of its own on REDIS_URL. Emails land in the locmem outbox,
which the worker threads share with the test.
"""

import os
import threading
import time
import uuid

import pytest
import redis
import time_machine
from celery import Celery, signals
from celery.contrib.testing.worker import start_worker
from django.core import mail
from django.db import connection

from candidatures.models import Application
from mentorat.celery import app as project_app
from mentorat.notifications.enums import ClaimStatus
from mentorat.notifications.models import ReminderClaim, ReminderScan
from mentorat.notifications.tasks import scan_reminders
from sessions_binome.models import MentoringSession
from tests.factories import ApplicationFactory, OrganisationFactory
from tests.notifications.helpers import paris, reminder_kind
from tests.sessions_binome.pairs import make_pair

SCAN_AT = "2026-09-04T09:00:00+02:00"  # a Friday: 7 days before the call closes (it closes on a Saturday)
WAIT_SECONDS = 60


@pytest.fixture
def worker_app():
    """A Celery app like the project's, but sending to a real broker and a queue of its own."""
    app = Celery("mentorat-worker-test")
    app.config_from_object("django.conf:settings", namespace="CELERY")
    app.conf.update(
        task_always_eager=False,
        broker_url=os.environ["REDIS_URL"],
        task_default_queue=f"mentorat-test-{uuid.uuid4().hex[:8]}",
        broker_connection_retry_on_startup=True,
        worker_hijack_root_logger=False,
    )
    try:
        yield app
    finally:
        project_app.set_current()
        project_app.set_default()
        app.close()
        # Leave nothing of this queue on the broker (kombu keeps its bindings under these keys).
        queue = app.conf.task_default_queue
        broker = redis.Redis.from_url(os.environ["REDIS_URL"])
        broker.delete(queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")
        broker.close()


@pytest.fixture
def close_db_after_each_task():
    """Worker threads open their own database connections: closed after each task so that nothing
    holds the test database at teardown."""

    def close(**kwargs):
        connection.close()

    signals.task_postrun.connect(close, weak=False)
    yield
    signals.task_postrun.disconnect(close)


@pytest.fixture
def due_reminders(programme):
    """Five reminders due at SCAN_AT: three drafts (call closing) and a Monday session (both members)."""
    with time_machine.travel(paris(2026, 9, 1, 10), tick=False):
        drafts = [
            ApplicationFactory(programme=programme, draft=True, user__email=f"brouillon{i}@cpam33.fr") for i in range(3)
        ]
        Application.objects.filter(pk__in=[d.pk for d in drafts]).update(created_at=paris(2026, 7, 2, 11))
        pair = make_pair(programme, mentee_org=OrganisationFactory(code="CPAM-33"), mentor_org=OrganisationFactory(code="CAF-59"),
                         activated_at=paris(2026, 8, 31, 10))  # fmt: skip
        MentoringSession.objects.create(
            pair=pair,
            starts_at=paris(2026, 9, 7, 10),
            video_link="https://visio.exemple.fr/salle",
            scheduled_by=pair.mentee,
        )
    return {d.user.email for d in drafts} | {pair.mentee.email, pair.mentor.email}


def _wait_for(condition):
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.redis
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_scans_enqueued_at_once_on_a_real_worker_send_each_reminder_once(
    worker_app, close_db_after_each_task, due_reminders
):
    with start_worker(worker_app, pool="threads", concurrency=4, perform_ping_check=False, shutdown_timeout=30):
        # Both scans are on the broker before the worker takes either: they run side by side.
        barrier = threading.Barrier(2)

        def enqueue():
            barrier.wait()
            scan_reminders.delay(now=SCAN_AT)

        threads = [threading.Thread(target=enqueue) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        assert _wait_for(lambda: ReminderScan.objects.count() == 2), "the two scans did not finish"
        assert _wait_for(lambda: len(mail.outbox) >= len(due_reminders)), f"{len(mail.outbox)} emails"
        time.sleep(2)  # a duplicate would arrive now

    assert sorted(message.to[0] for message in mail.outbox) == sorted(due_reminders)
    assert {reminder_kind(message) for message in mail.outbox} == {"call-closing", "session-tomorrow"}
    session_emails = [m for m in mail.outbox if reminder_kind(m) == "session-tomorrow"]
    assert session_emails
    assert all([a.filename for a in m.attachments] == ["invitation.ics"] for m in session_emails)
    assert all(m.alternatives[-1].mimetype.startswith("text/calendar; method=REQUEST") for m in session_emails)
    assert ReminderClaim.objects.filter(status=ClaimStatus.SENT).count() == len(due_reminders)
    counts = [scan.counts for scan in ReminderScan.objects.all()]
    sent = sum(c.get(kind, {}).get("sent", 0) for c in counts for kind in c)
    assert sent == len(due_reminders)  # each reminder sent by exactly one of the two scans
