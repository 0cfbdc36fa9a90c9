"""The fault-injection suite's own services: a Redis server, an SMTP server (aiosmtpd) and a real
Celery worker process, all on ports of their own — the shared Redis on 6379 is never touched.

The worker runs `celery -A mentorat worker` in a child process with the project's settings, on the
test database (committed data: the tests use `transaction=True`), the private Redis as broker and the
SMTP server as mail relay. Each e-mail carries the outbox's Message-ID, which the SMTP server records:
"exactly once" is counted on what the server received.
"""

import asyncio
import email
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
import redis
from aiosmtpd.controller import Controller
from celery import Celery
from django.db import connection

from mentorat.celery import app as project_app
from mentorat.outbox import services as outbox_services
from mentorat.outbox.enums import EmailState
from mentorat.outbox.models import OutboxEmail
from tests.external import program

REPO_ROOT = Path(__file__).resolve().parents[2]
LOGS = REPO_ROOT / "test-artifacts" / "reliability"
# Short enough for a test to see recovery, long enough for one delivery (the slow SMTP mode).
LEASE_SECONDS = 6
EMAIL_TIMEOUT = 2


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(condition, *, timeout=30, what="the condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"{what} did not happen within {timeout} s")


class PrivateRedis:
    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [program("redis-server"), "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        wait_until(self.answers, timeout=10, what="the private Redis start")

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def answers(self):
        try:
            return redis.Redis.from_url(self.url, socket_connect_timeout=0.5).ping()
        except redis.RedisError:
            return False


class SmtpHandler:
    """An SMTP server that accepts, refuses (4xx or 5xx), answers slowly or never answers."""

    def __init__(self):
        self.reset()

    def reset(self):
        self.mode = "accept"
        self.delay = 0.0
        self.received = []  # Message-IDs, in order of acceptance
        self.in_rcpt = threading.Event()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.mode == "permanent":
            return "550 5.1.1 Unknown user"
        if self.mode == "temporary":
            return "451 4.3.0 Try again later"
        if self.mode == "hang":
            await asyncio.sleep(3600)
        if self.mode == "slow":
            self.in_rcpt.set()
            await asyncio.sleep(self.delay)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content)
        self.received.append(message["Message-ID"])
        return "250 Message accepted for delivery"


class Worker:
    """`celery worker` in a process group of its own, so that the test can kill it as the kernel would."""

    count = 0

    def __init__(self, env):
        self.env = env
        self.process = None
        self.log = None

    def start(self, concurrency=1):
        Worker.count += 1
        LOGS.mkdir(parents=True, exist_ok=True)
        self.log = LOGS / f"worker-{os.getpid()}-{Worker.count}.log"
        with open(self.log, "wb") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "mentorat", "worker", "--pool", "prefork",
                 "--concurrency", str(concurrency), "--loglevel", "INFO", "--without-gossip", "--without-mingle",
                 "--without-heartbeat", "-n", f"reliability{Worker.count}@%h"],
                cwd=REPO_ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip
        wait_until(lambda: b"ready." in self.log.read_bytes(), timeout=60, what="the worker start")

    def children(self):
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in path.read_text().split()] if path.exists() else []

    def kill_children(self):
        """SIGKILL to the pool's processes, as the out-of-memory killer does; the master stays."""
        for pid in self.children():
            os.kill(pid, signal.SIGKILL)

    def kill(self):
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        self.process = None

    def stop(self):
        if self.process is None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.kill()
        self.process = None

    def tail(self, lines=40):
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:]) if self.log else ""


@pytest.fixture(scope="session")
def private_redis():
    server = PrivateRedis()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def smtp_server():
    handler = SmtpHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller
    controller.stop()


@pytest.fixture
def smtp(smtp_server):
    smtp_server.handler.reset()
    return smtp_server.handler


@pytest.fixture
def publisher(private_redis, settings):
    """The test process hands tasks to the private Redis (not eager), as the web processes do."""
    if not private_redis.answers():
        private_redis.start()
    app = Celery("mentorat-reliability")
    app.config_from_object("django.conf:settings", namespace="CELERY")
    app.conf.update(task_always_eager=False, broker_url=private_redis.url, broker_connection_retry_on_startup=False)
    app.set_current()
    app.set_default()
    settings.OUTBOX_LEASE_SECONDS = LEASE_SECONDS
    outbox_services._broker["down_until"] = 0.0
    try:
        yield app
    finally:
        project_app.set_current()
        project_app.set_default()
        app.close()
        outbox_services._broker["down_until"] = 0.0


@pytest.fixture
def worker(transactional_db, private_redis, smtp_server):
    if not private_redis.answers():
        private_redis.start()
    database = connection.settings_dict
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"CI", "DJANGO_SETTINGS_MODULE"}},
        "DJANGO_SETTINGS_MODULE": "mentorat.settings",
        "DEBUG": "true",
        "MENTORAT_TESTING": "true",
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
        "REDIS_URL": private_redis.url,
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_server.port}",
        "EMAIL_TIMEOUT": str(EMAIL_TIMEOUT),
        "OUTBOX_LEASE_SECONDS": str(LEASE_SECONDS),
        "CELERY_VISIBILITY_TIMEOUT": "20",
    }
    process = Worker(env)
    yield process
    process.stop()
    # Nothing of one test's queue is left for the next one.
    if private_redis.answers():
        redis.Redis.from_url(private_redis.url).flushall()


def states():
    return Counter(OutboxEmail.objects.values_list("state", flat=True))


def wait_all_sent(*, timeout=60, worker=None):
    def done():
        return set(states()) == {EmailState.SENT}

    try:
        wait_until(done, timeout=timeout, what="every e-mail sent")
    except AssertionError as error:
        raise AssertionError(f"{error}: {dict(states())}\n{worker.tail() if worker else ''}") from None


def expected_ids():
    from mentorat.outbox.delivery import message_id

    return sorted(message_id(row) for row in OutboxEmail.objects.all())
