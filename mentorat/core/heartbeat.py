"""Heartbeats that the containers' healthchecks read (docker/healthcheck_celery.py).

- The beat writes BEAT_KEY at every tick of its scheduler (HeartbeatScheduler, `celery beat -S`): a
  beat process that hangs or lost its broker stops refreshing it.
- The beat schedules `core.heartbeat` every minute; whichever worker runs it writes QUEUE_KEY: when
  the beat is alive but QUEUE_KEY is old, the queue is not consumed (workers stalled or all busy).
"""

import time

import redis
from celery.beat import PersistentScheduler
from django.conf import settings

BEAT_KEY = "mentorat:heartbeat:beat"
QUEUE_KEY = "mentorat:heartbeat:queue"
# Written at most this often by the beat; kept a little longer than the healthchecks' limits.
BEAT_EVERY = 15
TTL = 3600


def _client():
    return redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2)


def beat(now=None):
    _client().set(BEAT_KEY, str(now or time.time()), ex=TTL)


def queue(now=None):
    _client().set(QUEUE_KEY, str(now or time.time()), ex=TTL)


def ages(now=None):
    """{key: seconds since it was written, or None when missing}."""
    now = now or time.time()
    values = _client().mget([BEAT_KEY, QUEUE_KEY])
    return {
        key: (now - float(value) if value else None) for key, value in zip([BEAT_KEY, QUEUE_KEY], values, strict=True)
    }


class HeartbeatScheduler(PersistentScheduler):
    _last_beat = 0.0

    def tick(self, *args, **kwargs):
        if time.monotonic() - self._last_beat >= BEAT_EVERY:
            try:
                beat()
                self._last_beat = time.monotonic()
            except redis.RedisError:
                pass  # the healthcheck will see a stale heartbeat: that is the point
        return min(super().tick(*args, **kwargs), BEAT_EVERY)
