"""Calendar files (RFC 5545) for sessions: invitations sent by email and each person's feed.

A session keeps one UID for its whole life and raises SEQUENCE at every change, so calendar
applications update or cancel the event they already have. Times carry the Europe/Paris zone,
with its VTIMEZONE definition included.
"""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from .enums import SessionStatus

PRODID = "-//Securite sociale//Mentorat//FR"


def _calendar(method=None):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    return calendar


def _attendee(user, role):
    address = vCalAddress(f"mailto:{user.email}")
    address.params["cn"] = vText(user.get_full_name() or user.email)
    address.params["role"] = vText(role)
    return address


def session_event(session, *, cancelled=False):
    """The VEVENT of a session. Never carries the agenda nor any note: an invitation or a feed may
    end up in a shared calendar."""
    pair = session.pair
    paris = timezone.get_default_timezone()
    start = session.starts_at.astimezone(paris)
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
    event.add("organizer", _attendee(session.scheduled_by or pair.mentor, "CHAIR"))
    event.add("attendee", _attendee(pair.mentee, "REQ-PARTICIPANT"))
    event.add("attendee", _attendee(pair.mentor, "REQ-PARTICIPANT"))
    status = "CANCELLED" if cancelled or session.status == SessionStatus.CANCELLED else "CONFIRMED"
    event.add("status", status)
    return event


def invitation(session, *, cancel=False):
    """An iTIP message: METHOD:REQUEST for a new or changed session, METHOD:CANCEL when cancelled."""
    calendar = _calendar("CANCEL" if cancel else "REQUEST")
    calendar.add_component(session_event(session, cancelled=cancel))
    calendar.add_missing_timezones()
    return calendar.to_ical().decode()


def feed(sessions, *, name):
    calendar = _calendar("PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for session in sessions:
        calendar.add_component(session_event(session))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def invitation_attachment(session, *, cancel=False):
    method = "CANCEL" if cancel else "REQUEST"
    return ("seance.ics", invitation(session, cancel=cancel), f"text/calendar; method={method}")
