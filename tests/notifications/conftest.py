import pytest
import time_machine

from mentorat.notifications.scan import reminders_scan
from tests.factories import OrganisationFactory
from tests.notifications.helpers import paris
from tests.sessions_binome.pairs import make_pair


@pytest.fixture
def clock():
    """Frozen time; `clock.move_to(moment)` moves it."""
    with time_machine.travel(paris(2026, 6, 30, 12), tick=False) as traveller:
        yield traveller


@pytest.fixture
def scan(clock, django_capture_on_commit_callbacks):
    """Run the scan at a moment, its emails leaving as after a real commit; returns the report."""

    def run(moment, **kwargs):
        clock.move_to(moment)
        with django_capture_on_commit_callbacks(execute=True):
            return reminders_scan(now=moment, **kwargs)

    return run


@pytest.fixture
def active_pair(programme, clock):
    """A pair active since Tuesday 13 October 2026 at 10:00 (no session yet)."""
    clock.move_to(paris(2026, 10, 13, 10))
    return make_pair(
        programme,
        mentee_org=OrganisationFactory(code="CPAM-33"),
        mentor_org=OrganisationFactory(code="CAF-59"),
        activated_at=paris(2026, 10, 13, 10),
    )
