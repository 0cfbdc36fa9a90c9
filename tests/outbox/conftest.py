import pytest

from mentorat.outbox import services
from tests.outbox.backends import FlakyBackend


@pytest.fixture(autouse=True)
def broker_answers():
    """Each test starts with the outbox's broker breaker closed."""
    services._broker["down_until"] = 0.0


@pytest.fixture
def flaky_backend(settings):
    settings.EMAIL_BACKEND = "tests.outbox.backends.FlakyBackend"
    FlakyBackend.attempts = 0
    FlakyBackend.failures = 0
    FlakyBackend.error = None
    return FlakyBackend
