"""Calendar clients the platform does not write with: Mozilla's ical.js (Thunderbird's parser, run by
node) and Python's vobject. Each reader takes a batch of iCalendar texts and answers, per calendar,
the same shape, so that a test can ask both the same questions:

    {"method": "REQUEST" | None,
     "events": [{"uid", "summary", "sequence", "status",
                 "start": {"utc": aware UTC datetime, "tzid", "paris": naive wall time in Paris or None},
                 "end": {...},
                 "organizer": {"value", "params"}, "attendees": [{"value", "params"}, ...]}]}

`utc` is the instant the reader computed from the wall time and the calendar's VTIMEZONE. `paris`
(ical.js only) is ical.js's own conversion of that instant back into Europe/Paris with the zone the
calendar brought: where Thunderbird, set to Paris time, puts the event; vobject has no zone of its own
to convert into, so its answer is the instant alone.
"""

import datetime
import email
import json
import subprocess
from email import policy
from pathlib import Path

import vobject

from tests.external import node_package, program

ICALJS_SCRIPT = Path(__file__).with_name("icaljs_read.mjs")
PARIS_TZID = "Europe/Paris"


def calendar_parts(message):
    """[(content type, iCalendar text)] of a Django EmailMessage as it leaves (read back from its bytes
    by Python's email package): the text/calendar alternative and any .ics attachment."""
    parsed = email.message_from_bytes(message.message().as_bytes(), policy=policy.default)
    parts = []
    for part in parsed.walk():
        filename = part.get_filename() or ""
        if part.get_content_type() == "text/calendar" or filename.endswith(".ics"):
            parts.append((part, part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")))
    return parts


def _utc(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(datetime.UTC)


def read_with_icaljs(texts):
    """ical.js reads every text in one node process."""
    node = program("node")
    package = node_package("ical.js")
    result = subprocess.run(
        [node, str(ICALJS_SCRIPT), str(package)],
        input="".join(text if text.endswith("\n") else text + "\n" for text in texts),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    calendars = json.loads(result.stdout)
    for calendar in calendars:
        for event in calendar["events"]:
            for key in ("start", "end"):
                moment = event[key]
                moment["utc"] = _utc(moment["utc"])
                moment["paris"] = datetime.datetime.fromisoformat(moment["paris"]) if moment["paris"] else None
    return calendars


def _vobject_address(line):
    if line is None:
        return None
    params = {name.upper(): ",".join(values) for name, values in line.params.items()}
    return {"value": line.value, "params": params}


def _vobject_moment(line):
    value = line.value
    # vobject replaces TZID by the zone it built from the VTIMEZONE and keeps the name aside.
    tzid = line.params.get("X-VOBJ-ORIGINAL-TZID", [None])[0]
    return {"utc": value.astimezone(datetime.UTC), "tzid": tzid, "paris": None}


def read_with_vobject(texts):
    calendars = []
    for text in texts:
        for calendar in vobject.readComponents(text):
            events = []
            for vevent in calendar.contents.get("vevent", []):
                events.append(
                    {
                        "uid": vevent.uid.value,
                        "summary": vevent.summary.value,
                        "sequence": int(vevent.sequence.value) if hasattr(vevent, "sequence") else None,
                        "status": vevent.status.value if hasattr(vevent, "status") else None,
                        "start": _vobject_moment(vevent.dtstart),
                        "end": _vobject_moment(vevent.dtend),
                        "organizer": _vobject_address(getattr(vevent, "organizer", None)),
                        "attendees": [_vobject_address(line) for line in vevent.contents.get("attendee", [])],
                    }
                )
            method = calendar.method.value if hasattr(calendar, "method") else None
            calendars.append({"method": method, "events": events})
    return calendars


READERS = {"ical.js": read_with_icaljs, "vobject": read_with_vobject}
