"""Invitations and the personal feed as third-party calendar clients read them (issue 19).

The e-mails are taken from mail.outbox once the Celery task has built them, read back from their
bytes, and their calendars handed to Mozilla's ical.js (Thunderbird) and to vobject, neither of which
writes them. Sessions sit on both sides of each clock change of the programme: Paris goes back to
winter time on Sunday 25 October 2026 and forward to summer time on Sunday 28 March 2027.
"""

import datetime
import email
from email import policy
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.urls import reverse

from sessions_binome.sessions import services as services_sessions
from tests.calendar_readers import READERS, calendar_parts, read_with_icaljs
from tests.sessions_binome.pairs import add_session, make_pair

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime.datetime(2026, 10, 1, 9, 0, tzinfo=PARIS)
# Saturday before and Monday after the return to winter time, Saturday before and Monday after the
# switch to summer time, and a Tuesday in April (the session the tester saw one hour late).
WALL_TIMES = [
    datetime.datetime(2026, 10, 24, 10, 0),
    datetime.datetime(2026, 10, 26, 10, 0),
    datetime.datetime(2027, 3, 27, 10, 0),
    datetime.datetime(2027, 3, 29, 10, 0),
    datetime.datetime(2027, 4, 6, 10, 0),
]
PLATFORM_NAME, PLATFORM_ADDRESS = email.utils.parseaddr(settings.DEFAULT_FROM_EMAIL)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def pair(programme, organisation, other_organisation):
    return make_pair(programme, mentee_org=organisation, mentor_org=other_organisation)


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """Calls a service; its e-mails leave as after a real commit (the Celery task runs eagerly)."""

    def run(service, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    return run


def paris_utc(wall_time):
    """The instant of a Paris wall-clock time, by Python's zoneinfo (the reference)."""
    return wall_time.replace(tzinfo=PARIS).astimezone(datetime.UTC)


def uid(session):
    return f"{session.uid}@mentorat"


def plan_across_the_clock_changes(pair, sent):
    """Plans the sessions of WALL_TIMES (mentee and mentor in turn), moves the first one to the very
    day of the change (Sunday 25 October, 14:00) and cancels the April one. Returns
    {(uid, sequence): (wall start, minutes)} of every calendar sent."""
    expected = {}
    sessions = []
    for index, wall_time in enumerate(WALL_TIMES):
        by = pair.mentee if index % 2 == 0 else pair.mentor
        session = sent(services_sessions.session_schedule, pair=pair, by=by, starts_at=wall_time.replace(tzinfo=PARIS))
        expected[(uid(session), 0)] = (wall_time, 60)
        sessions.append(session)
    moved_to = datetime.datetime(2026, 10, 25, 14, 0)
    moved = sent(
        services_sessions.session_reschedule,
        session=sessions[0],
        by=pair.mentor,
        starts_at=moved_to.replace(tzinfo=PARIS),
        duration_minutes=90,
    )
    expected[(uid(moved), 1)] = (moved_to, 90)
    cancelled = sent(services_sessions.session_cancel, session=sessions[-1], by=pair.mentee)
    expected[(uid(cancelled), 1)] = (WALL_TIMES[-1], 60)
    return expected


def assert_read_at_paris_time(reader, calendars, expected):
    checked = set()
    for calendar in calendars:
        for event in calendar["events"]:
            wall_start, minutes = expected[(event["uid"], event["sequence"])]
            start, end = event["start"], event["end"]
            assert start["tzid"] == end["tzid"] == "Europe/Paris"
            assert (start["utc"], end["utc"]) == (
                paris_utc(wall_start),
                paris_utc(wall_start + datetime.timedelta(minutes=minutes)),
            ), f"{reader} reads the session of {wall_start:%d/%m/%Y %H:%M} Paris at {start['utc']:%H:%M} UTC"
            if reader == "ical.js":
                assert start["paris"] == wall_start
            checked.add(wall_start)
    assert checked == {wall for wall, _minutes in expected.values()}


@pytest.mark.parametrize("reader", READERS)
def test_invitations_open_at_the_paris_time_on_both_sides_of_each_clock_change(reader, pair, sent):
    expected = plan_across_the_clock_changes(pair, sent)
    texts = [text for message in mail.outbox for _part, text in calendar_parts(message)]

    assert_read_at_paris_time(reader, READERS[reader](texts), expected)
    # 5 plannings, 1 move, 1 cancellation, to both members, each in the alternative and the attachment.
    assert len(texts) == 7 * 2 * 2


@pytest.mark.parametrize("reader", READERS)
def test_the_feed_opens_at_the_paris_time_on_both_sides_of_each_clock_change(reader, client, pair):
    sessions = [add_session(pair, when=wall_time.replace(tzinfo=PARIS)) for wall_time in WALL_TIMES]
    client.force_login(pair.mentor)
    token = client.get(reverse("sessions_binome:my_calendar")).context["feed"].token
    client.logout()
    feed = client.get(reverse("sessions_binome:calendar_feed", args=[token]))

    [calendar] = READERS[reader]([feed.content.decode()])
    expected = {(uid(session), 0): (wall_time, 60) for session, wall_time in zip(sessions, WALL_TIMES, strict=True)}
    assert_read_at_paris_time(reader, [calendar], expected)
    # A subscribed feed is no iTIP message: with no METHOD, clients neither offer to answer nor
    # expect the attendee-less PUBLISH (RFC 5546 3.2.1).
    assert calendar["method"] is None
    for event in calendar["events"]:
        assert_platform_organises_and_both_members_attend(event, pair)


def assert_platform_organises_and_both_members_attend(event, pair):
    organizer = event["organizer"]
    assert organizer["value"].lower() == f"mailto:{PLATFORM_ADDRESS}"
    assert organizer["params"] == {"CN": PLATFORM_NAME}  # no ROLE: RFC 5545 gives ORGANIZER none
    attendees = {attendee["value"].lower(): attendee["params"] for attendee in event["attendees"]}
    assert attendees == {
        f"mailto:{member.email}": {
            "CUTYPE": "INDIVIDUAL",
            "ROLE": "REQ-PARTICIPANT",
            "PARTSTAT": "NEEDS-ACTION",
            "RSVP": "FALSE",
            "CN": member.get_full_name(),
        }
        for member in (pair.mentee, pair.mentor)
    }


def mime_tree(message):
    """The message as a mail client receives it: (content type, children or filename)."""
    parsed = email.message_from_bytes(message.message().as_bytes(), policy=policy.default)

    def node(part):
        if part.is_multipart():
            return (part.get_content_type(), [node(child) for child in part.iter_parts()])
        return (part.get_content_type(), part.get_filename())

    return parsed, node(parsed)


def assert_outlook_layout(message, method):
    parsed, tree = mime_tree(message)
    assert tree == (
        "multipart/mixed",
        [
            (
                "multipart/alternative",
                [("text/plain", None), ("text/html", None), ("text/calendar", None)],
            ),
            ("application/ics", "invitation.ics"),
        ],
    )
    [(alternative, text), (attachment, attached)] = calendar_parts(message)
    assert alternative.get_param("method") == method
    assert alternative.get_content_charset() == "utf-8"
    assert alternative.get_content_disposition() is None  # shown as the meeting, not as a file
    assert attachment.get_content_disposition() == "attachment"
    assert text.splitlines() == attached.splitlines()  # the generator writes text parts with its own line ends
    assert f"METHOD:{method}" in text.splitlines()
    return text


def test_both_members_get_the_request_and_the_cancel_whoever_acts(pair, sent):
    session = sent(
        services_sessions.session_schedule,
        pair=pair,
        by=pair.mentee,
        starts_at=datetime.datetime(2027, 4, 6, 10, 0, tzinfo=PARIS),
    )
    planned = list(mail.outbox)
    mail.outbox.clear()
    sent(services_sessions.session_cancel, session=session, by=pair.mentor)
    cancelled = list(mail.outbox)

    members = sorted([pair.mentee.email, pair.mentor.email])
    assert sorted(address for message in planned for address in message.to) == members
    assert sorted(address for message in cancelled for address in message.to) == members
    texts = [assert_outlook_layout(message, "REQUEST") for message in planned]
    texts += [assert_outlook_layout(message, "CANCEL") for message in cancelled]

    calendars = read_with_icaljs(texts)
    assert [calendar["method"] for calendar in calendars] == ["REQUEST", "REQUEST", "CANCEL", "CANCEL"]
    for calendar in calendars:
        [event] = calendar["events"]
        assert_platform_organises_and_both_members_attend(event, pair)
    assert [calendar["events"][0]["sequence"] for calendar in calendars] == [0, 0, 1, 1]
    assert [calendar["events"][0]["status"] for calendar in calendars] == [
        "CONFIRMED",
        "CONFIRMED",
        "CANCELLED",
        "CANCELLED",
    ]


def test_the_downloaded_invitation_says_its_method_in_its_content_type(client, pair, sent):
    session = sent(
        services_sessions.session_schedule,
        pair=pair,
        by=pair.mentor,
        starts_at=datetime.datetime(2027, 3, 29, 10, 0, tzinfo=PARIS),
    )
    client.force_login(pair.mentee)
    url = reverse("sessions_binome:session_ics", args=[session.pk])
    planned = client.get(url)
    sent(services_sessions.session_cancel, session=session, by=pair.mentee)
    cancelled = client.get(url)

    assert planned["Content-Type"] == "text/calendar; charset=utf-8; method=REQUEST"
    assert cancelled["Content-Type"] == "text/calendar; charset=utf-8; method=CANCEL"
    calendars = read_with_icaljs([planned.content.decode(), cancelled.content.decode()])
    assert [calendar["method"] for calendar in calendars] == ["REQUEST", "CANCEL"]
    assert [calendar["events"][0]["start"]["utc"] for calendar in calendars] == [
        paris_utc(datetime.datetime(2027, 3, 29, 10, 0))
    ] * 2


def test_a_session_moved_twice_then_cancelled_keeps_its_uid_and_raises_its_sequence(client, pair, sent):
    """Through the pages, as the members do it: each move is a REQUEST of the same UID with a higher
    SEQUENCE, so that the calendar moves the event it has; the cancellation comes last."""
    session = sent(
        services_sessions.session_schedule,
        pair=pair,
        by=pair.mentee,
        starts_at=datetime.datetime(2026, 10, 20, 10, 0, tzinfo=PARIS),
        video_link="https://visio.example.fr/a",
    )
    edit = reverse("sessions_binome:session_edit", args=[session.pk])
    for member, new_start in ((pair.mentor, "2026-10-26T10:00"), (pair.mentee, "2026-10-27T15:30")):
        client.force_login(member)  # the test client runs the on-commit e-mails, as a real commit would
        response = client.post(
            edit, {"starts_at": new_start, "duration_minutes": "60", "video_link": "https://visio.example.fr/a"}
        )
        assert response.status_code == 302
    client.force_login(pair.mentor)
    client.post(reverse("sessions_binome:session_cancel", args=[session.pk]), {"message": "Un empêchement."})

    # The mentee's copies, the calendar shown as the meeting (the attachment holds the same text).
    texts = [calendar_parts(message)[0][1] for message in mail.outbox if message.to == [pair.mentee.email]]
    calendars = read_with_icaljs(texts)
    events = [calendar["events"][0] for calendar in calendars]
    assert [calendar["method"] for calendar in calendars] == ["REQUEST", "REQUEST", "REQUEST", "CANCEL"]
    assert {event["uid"] for event in events} == {uid(session)}
    assert [event["sequence"] for event in events] == [0, 1, 2, 3]
    assert [event["start"]["paris"] for event in events] == [
        datetime.datetime(2026, 10, 20, 10, 0),
        datetime.datetime(2026, 10, 26, 10, 0),  # the day after the return to winter time
        datetime.datetime(2026, 10, 27, 15, 30),
        datetime.datetime(2026, 10, 27, 15, 30),
    ]
    assert events[-1]["status"] == "CANCELLED"
