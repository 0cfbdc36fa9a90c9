import datetime

import pytest
import time_machine
from icalendar import Calendar

from sessions_binome import ics
from sessions_binome.sessions import services as services_sessions
from tests.sessions_binome.pairs import make_pair, paris

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(programme, organisation, other_organisation):
    return make_pair(programme, mentee_org=organisation, mentor_org=other_organisation)


def parse(text):
    return Calendar.from_ical(text)


def test_a_session_after_the_switch_to_summer_time_lands_at_the_right_utc_instant(pair):
    with time_machine.travel(paris(2027, 3, 1, 9, 0), tick=False):
        session = services_sessions.session_schedule(pair=pair, by=pair.mentee, starts_at=paris(2027, 3, 29, 10, 0))
    calendar = parse(ics.invitation(session))
    assert calendar["METHOD"] == "REQUEST"
    [timezone_component] = calendar.walk("VTIMEZONE")
    assert timezone_component["TZID"] == "Europe/Paris"
    [event] = calendar.walk("VEVENT")
    start = event.decoded("DTSTART")
    assert str(start.tzinfo) == "Europe/Paris"
    assert start.astimezone(datetime.UTC) == datetime.datetime(2027, 3, 29, 8, 0, tzinfo=datetime.UTC)
    assert event.decoded("DTEND") - start == datetime.timedelta(minutes=60)


def test_a_change_keeps_the_uid_and_raises_the_sequence_and_a_cancel_says_cancel(pair):
    with time_machine.travel(paris(2026, 11, 2, 9, 0), tick=False):
        session = services_sessions.session_schedule(pair=pair, by=pair.mentee, starts_at=paris(2026, 11, 20, 10, 0))
        first = parse(ics.invitation(session)).walk("VEVENT")[0]
        session = services_sessions.session_reschedule(
            session=session, by=pair.mentor, starts_at=paris(2026, 11, 21, 14, 0), duration_minutes=45
        )
        second = parse(ics.invitation(session)).walk("VEVENT")[0]
        session = services_sessions.session_cancel(session=session, by=pair.mentee)
        cancel = parse(ics.invitation(session, cancel=True))
    assert first["UID"] == second["UID"] == cancel.walk("VEVENT")[0]["UID"]
    assert (first["SEQUENCE"], second["SEQUENCE"], cancel.walk("VEVENT")[0]["SEQUENCE"]) == (0, 1, 2)
    assert cancel["METHOD"] == "CANCEL"
    assert cancel.walk("VEVENT")[0]["STATUS"] == "CANCELLED"


def test_the_invitation_never_carries_the_agenda(pair):
    with time_machine.travel(paris(2026, 11, 2, 9, 0), tick=False):
        session = services_sessions.session_schedule(
            pair=pair, by=pair.mentee, starts_at=paris(2026, 11, 20, 10, 0), agenda="SECRET-AGENDA-ICS"
        )
    assert "SECRET-AGENDA-ICS" not in ics.invitation(session)
