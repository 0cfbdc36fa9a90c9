"""Quiet hours and due moments, in Paris time across summer time."""

import datetime

import pytest

from mentorat.notifications import timing
from tests.notifications.helpers import paris


@pytest.mark.parametrize(
    "moment,is_open",
    [
        (paris(2026, 10, 19, 7, 59), False),  # Monday before 8:00
        (paris(2026, 10, 19, 8, 0), True),
        (paris(2026, 10, 19, 19, 59), True),
        (paris(2026, 10, 19, 20, 0), False),
        (paris(2026, 10, 24, 10, 0), False),  # Saturday
        (paris(2026, 10, 25, 10, 0), False),  # Sunday (summer time ends)
    ],
)
def test_emails_leave_from_8_to_20_on_weekdays(moment, is_open):
    assert timing.is_open(moment) == is_open


@pytest.mark.parametrize(
    "moment,expected",
    [
        (paris(2026, 10, 19, 6, 0), paris(2026, 10, 19, 8, 0)),
        (paris(2026, 10, 19, 10, 0), paris(2026, 10, 19, 10, 0)),
        (paris(2026, 10, 19, 21, 0), paris(2026, 10, 20, 8, 0)),
        (paris(2026, 10, 23, 20, 30), paris(2026, 10, 26, 8, 0)),  # Friday night -> Monday, in winter time
        (datetime.datetime(2027, 3, 27, 23, 30, tzinfo=datetime.UTC), paris(2027, 3, 29, 8, 0)),
    ],
)
def test_a_waiting_email_leaves_at_8_on_the_next_working_day(moment, expected):
    assert timing.next_open(moment) == expected


def test_a_deadline_reminder_moves_back_to_a_working_day():
    closes = paris(2026, 9, 12, 23, 59, 59)  # a Saturday
    assert timing.days_before(7)(closes) == paris(2026, 9, 4, 0, 0)  # Saturday 5 -> Friday 4
    assert timing.days_before(1)(closes) == paris(2026, 9, 11, 0, 0)


def test_a_monday_session_is_reminded_on_friday_at_9_paris_time_in_both_seasons():
    assert timing.working_day_before_at(9)(paris(2027, 3, 29, 10)) == paris(2027, 3, 26, 9)
    assert timing.working_day_before_at(9)(paris(2026, 10, 27, 14)) == paris(2026, 10, 26, 9)
    assert timing.working_day_before_at(9)(paris(2026, 10, 27, 14)).utcoffset() == datetime.timedelta(hours=1)
