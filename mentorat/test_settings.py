"""Settings for the test suite: the same module as production, read with test-only defaults."""

import os

os.environ.setdefault("MENTORAT_TESTING", "true")

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
    CACHES["default"]["LOCATION"] = REDIS_URL.rsplit("/", 1)[0] + "/15"  # noqa: F405
