"""Calendar files (RFC 5545) for sessions: invitations sent by email and each person's feed.

A session keeps one UID for its whole life and raises SEQUENCE at every change, so calendar
applications update or cancel the event they already have. Times carry the Europe/Paris zone,
with its VTIMEZONE definition included.

The platform organises every session and both members attend it (RFC 5546): whoever plans, moves or
cancels, each member receives the same REQUEST or CANCEL, and no member is the organizer of a meeting
the other one may cancel. Nobody collects replies, hence RSVP=FALSE.
"""

import datetime
import email.utils
import zoneinfo

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vCalAddress, vRecur, vText

from .enums import SessionStatus

PRODID = "-//Securite sociale//Mentorat//FR"
# Sessions are held on Paris time, whatever the server's zone.
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def _calendar(method=None):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    calendar.add_component(paris_vtimezone())
    return calendar


def _zone_part(part, *, start, offset_from, offset_to, name, month):
    part.add("dtstart", start)
    part.add("tzoffsetfrom", offset_from)
    part.add("tzoffsetto", offset_to)
    part.add("tzname", name)
    part.add("rrule", vRecur(freq="YEARLY", bymonth=month, byday="-1SU"))
    return part


def paris_vtimezone():
    """Europe/Paris as Outlook and Google write it: one yearly rule per season (EU rule since 1996:
    last Sunday of March 02:00 -> 03:00, last Sunday of October 03:00 -> 02:00).

    Not `Timezone.from_tzinfo`: it lists every change as RDATE values, and ical.js (Thunderbird) and
    vobject use only the first of them, so they put summer-time sessions one hour late. The rules are
    checked against zoneinfo by the calendar-client tests (tests/sessions_binome/test_calendar_clients.py).
    """
    vtimezone = Timezone()
    vtimezone.add("tzid", "Europe/Paris")
    one, two = datetime.timedelta(hours=1), datetime.timedelta(hours=2)
    daylight = TimezoneDaylight()
    _zone_part(
        daylight, start=datetime.datetime(1970, 3, 29, 2, 0), offset_from=one, offset_to=two, name="CEST", month=3
    )
    standard = TimezoneStandard()
    _zone_part(
        standard, start=datetime.datetime(1970, 10, 25, 3, 0), offset_from=two, offset_to=one, name="CET", month=10
    )
    vtimezone.add_component(daylight)
    vtimezone.add_component(standard)
    return vtimezone


def _organizer():
    name, address = email.utils.parseaddr(settings.DEFAULT_FROM_EMAIL)
    organizer = vCalAddress(f"mailto:{address}")
    organizer.params["cn"] = vText(name or address)
    return organizer


def _attendee(user):
    address = vCalAddress(f"mailto:{user.email}")
    address.params["cutype"] = vText("INDIVIDUAL")
    address.params["role"] = vText("REQ-PARTICIPANT")
    address.params["partstat"] = vText("NEEDS-ACTION")
    address.params["rsvp"] = vText("FALSE")
    address.params["cn"] = vText(user.get_full_name() or user.email)
    return address


def session_event(session, *, cancelled=False):
    """The VEVENT of a session. Never carries the agenda nor any note: an invitation or a feed may
    end up in a shared calendar."""
    pair = session.pair
    start = session.starts_at.astimezone(PARIS)
    event = Event()
    event.add("uid", f"{session.uid}@mentorat")
    event.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    event.add("dtstart", start)
    event.add("dtend", start + datetime.timedelta(minutes=session.duration_minutes))
    event.add("sequence", session.sequence)
    event.add(
        "summary",
        f"Mentorat · {pair.mentee.get_full_name()} / {pair.mentor.get_full_name()}",
    )
    description = "Séance de mentorat (programme de mentorat de la Sécurité sociale)."
    if session.video_link:
        description += f"\nVisioconférence : {session.video_link}"
    description += f"\n{settings.SITE_URL}{reverse('sessions_binome:pair_detail', args=[pair.pk])}"
    event.add("description", description)
    if session.video_link:
        event.add("location", session.video_link)
        event.add("url", session.video_link)
    event.add("organizer", _organizer())
    event.add("attendee", _attendee(pair.mentee))
    event.add("attendee", _attendee(pair.mentor))
    status = "CANCELLED" if cancelled or session.status == SessionStatus.CANCELLED else "CONFIRMED"
    event.add("status", status)
    return event


def invitation(session, *, cancel=False):
    """An iTIP message: METHOD:REQUEST for a new or changed session, METHOD:CANCEL when cancelled."""
    calendar = _calendar(invitation_method(cancel=cancel))
    calendar.add_component(session_event(session, cancelled=cancel))
    return calendar.to_ical().decode()


def invitation_method(*, cancel=False):
    return "CANCEL" if cancel else "REQUEST"


def feed(sessions, *, name):
    """A subscribed calendar: no METHOD, for it is no iTIP message (RFC 5546 forbids attendees in a
    PUBLISH, and the HTTP answer's Content-Type carries no method to match, RFC 5545 3.7.2)."""
    calendar = _calendar()
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Paris")
    for session in sessions:
        calendar.add_component(session_event(session))
    return calendar.to_ical()


def invitation_email(session, *, cancel=False):
    """The `calendar` argument of the e-mail helpers: (method, iCalendar text)."""
    return (invitation_method(cancel=cancel), invitation(session, cancel=cancel))
