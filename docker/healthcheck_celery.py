"""Healthcheck of the Celery containers, from the heartbeats in Redis (mentorat/core/heartbeat.py).

    python docker/healthcheck_celery.py beat     # the beat ticked within BEAT_LIMIT seconds
    python docker/healthcheck_celery.py worker   # the queue was consumed within QUEUE_LIMIT seconds

A worker container also pings its own worker (compose runs `celery inspect ping` first): alive
and the queue consumed. A queue not consumed while the beat ticks means stalled workers: every
worker container turns unhealthy, which is what an operator must see.
"""

import os
import sys

import redis

BEAT_KEY = "mentorat:heartbeat:beat"
QUEUE_KEY = "mentorat:heartbeat:queue"
BEAT_LIMIT = int(os.environ.get("HEALTH_BEAT_LIMIT", "120"))
QUEUE_LIMIT = int(os.environ.get("HEALTH_QUEUE_LIMIT", "300"))


def main(role):
    client = redis.Redis.from_url(os.environ["REDIS_URL"], socket_connect_timeout=5, socket_timeout=5)
    now = client.time()[0]
    beat, queue = client.mget([BEAT_KEY, QUEUE_KEY])
    beat_age = now - float(beat) if beat else None
    if role == "beat":
        if beat_age is None or beat_age > BEAT_LIMIT:
            return f"unhealthy: the beat has not ticked for {beat_age or 'ever'} s"
        return None
    queue_age = now - float(queue) if queue else None
    if beat_age is not None and beat_age <= BEAT_LIMIT and (queue_age is None or queue_age > QUEUE_LIMIT):
        return f"unhealthy: the queue has not been consumed for {queue_age or 'ever'} s while the beat ticks"
    return None


if __name__ == "__main__":
    try:
        problem = main(sys.argv[1])
    except Exception as error:  # noqa: BLE001 - any failure means unhealthy
        problem = f"unhealthy: {error}"
    sys.exit(problem)
