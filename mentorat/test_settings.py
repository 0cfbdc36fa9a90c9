"""Settings for the test suite: the same module as production, read with test-only defaults."""

import os

os.environ.setdefault("MENTORAT_TESTING", "true")

# Under pytest-xdist each worker gets its own Redis databases (broker n, cache 15 - n), as it gets its
# own test database: one worker's cache.clear() or queued task never reaches another's. Set before the
# settings are read, so that the worker's subprocesses (real Celery workers) inherit it too.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
_WORKER_INDEX = int(_WORKER[2:]) if _WORKER.startswith("gw") and _WORKER[2:].isdigit() else 0
if _WORKER_INDEX and os.environ.get("REDIS_URL"):
    os.environ["REDIS_URL"] = os.environ["REDIS_URL"].rsplit("/", 1)[0] + f"/{_WORKER_INDEX}"

from mentorat.settings import *  # noqa: E402,F403

# A fast hasher: the suite creates many users; the real one is tested by the password policy tests.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tasks run in-process so that tests read mail.outbox; the real-worker test overrides this.
CELERY_TASK_ALWAYS_EAGER = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
if REDIS_URL:  # noqa: F405
    # Keep the test cache apart from the broker's database so that clearing it between tests is safe.
    CACHES["default"]["KEY_PREFIX"] = "mentorat-test"  # noqa: F405
    # cache.clear() flushes a whole Redis database: never the broker's.
    CACHES["default"]["LOCATION"] = REDIS_URL.rsplit("/", 1)[0] + f"/{15 - _WORKER_INDEX}"  # noqa: F405
