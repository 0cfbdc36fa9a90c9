"""The Celery containers' healthchecks, against a real beat, a real worker and the private Redis:
the beat is healthy only while it ticks; the workers are unhealthy when the queue is not consumed."""

import os
import subprocess
import sys
import time

import pytest
import redis

from mentorat.core import heartbeat
from mentorat.core.tasks import heartbeat as heartbeat_task
from tests.reliability.conftest import LOGS, REPO_ROOT, wait_until

SCRIPT = REPO_ROOT / "docker" / "healthcheck_celery.py"


def healthcheck(role, redis_url):
    env = {**os.environ, "REDIS_URL": redis_url}
    return subprocess.run([sys.executable, SCRIPT, role], env=env, capture_output=True, text=True, timeout=30)


@pytest.fixture
def beat_process(private_redis, tmp_path):
    LOGS.mkdir(parents=True, exist_ok=True)
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"CI", "DJANGO_SETTINGS_MODULE"}},
        "DJANGO_SETTINGS_MODULE": "mentorat.settings",
        "DEBUG": "true",
        "REDIS_URL": private_redis.url,
    }
    with open(LOGS / "beat.log", "wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "mentorat", "beat", "--schedule", str(tmp_path / "schedule"),
             "-S", "mentorat.core.heartbeat:HeartbeatScheduler", "--loglevel", "INFO"],
            cwd=REPO_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    yield process
    process.terminate()
    process.wait(timeout=30)


def test_the_beat_is_healthy_only_while_it_ticks(private_redis, beat_process):
    client = redis.Redis.from_url(private_redis.url)
    client.delete(heartbeat.BEAT_KEY, heartbeat.QUEUE_KEY)

    wait_until(lambda: client.get(heartbeat.BEAT_KEY) is not None, timeout=60, what="the beat's first heartbeat")
    assert healthcheck("beat", private_redis.url).returncode == 0
    # No worker has run the heartbeat task: the queue is not consumed while the beat ticks.
    worker = healthcheck("worker", private_redis.url)
    assert worker.returncode != 0 and "not been consumed" in worker.stderr

    beat_process.terminate()
    beat_process.wait(timeout=30)
    client.set(heartbeat.BEAT_KEY, str(time.time() - 600))
    result = healthcheck("beat", private_redis.url)
    assert result.returncode != 0 and "has not ticked" in result.stderr


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgres
def test_the_worker_is_healthy_once_it_runs_the_heartbeat_task(private_redis, publisher, worker, settings):
    settings.REDIS_URL = private_redis.url
    client = redis.Redis.from_url(private_redis.url)
    heartbeat.beat()
    client.delete(heartbeat.QUEUE_KEY)
    assert healthcheck("worker", private_redis.url).returncode != 0

    worker.start()
    heartbeat_task.delay()

    wait_until(lambda: client.get(heartbeat.QUEUE_KEY) is not None, what="the heartbeat task on the worker")
    assert healthcheck("worker", private_redis.url).returncode == 0
