import pytest

from tests.outbox.backends import FlakyBackend


@pytest.fixture
def flaky_backend(settings):
    settings.EMAIL_BACKEND = "tests.outbox.backends.FlakyBackend"
    FlakyBackend.attempts = 0
    FlakyBackend.failures = 0
    FlakyBackend.error = None
    return FlakyBackend
