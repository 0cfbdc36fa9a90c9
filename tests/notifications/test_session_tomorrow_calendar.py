"""The "session tomorrow" reminder's invitation as third-party calendar clients read it (issue 19)."""

import datetime
import email.utils

import pytest
from django.conf import settings
from django.core import mail

from tests.calendar_readers import READERS, calendar_parts
from tests.notifications.helpers import paris, plan, reminder_kind

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("reader", READERS)
def test_the_reminder_sent_in_winter_time_puts_the_summer_session_at_its_paris_time(reader, active_pair, scan, clock):
    clock.move_to(paris(2027, 3, 19, 11))
    session = plan(active_pair, paris(2027, 3, 29, 10), at=paris(2027, 3, 19, 11))
    mail.outbox.clear()

    scan(paris(2027, 3, 26, 9, 5))  # Friday, winter time; the session is on Monday, after the switch

    messages = [message for message in mail.outbox if reminder_kind(message) == "session-tomorrow"]
    assert sorted(message.to[0] for message in messages) == sorted([active_pair.mentee.email, active_pair.mentor.email])
    calendars = READERS[reader]([text for message in messages for _part, text in calendar_parts(message)])
    assert len(calendars) == 4  # the text/calendar alternative and the invitation.ics of each e-mail
    _name, platform = email.utils.parseaddr(settings.DEFAULT_FROM_EMAIL)
    for calendar in calendars:
        assert calendar["method"] == "REQUEST"
        [event] = calendar["events"]
        assert event["uid"] == f"{session.uid}@mentorat"
        assert event["start"]["utc"] == datetime.datetime(2027, 3, 29, 8, 0, tzinfo=datetime.UTC)
        assert event["end"]["utc"] == datetime.datetime(2027, 3, 29, 9, 0, tzinfo=datetime.UTC)
        assert event["organizer"]["value"].lower() == f"mailto:{platform}"
        assert {attendee["params"]["PARTSTAT"] for attendee in event["attendees"]} == {"NEEDS-ACTION"}
