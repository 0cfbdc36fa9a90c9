// Reads iCalendar text on stdin (one or more VCALENDAR objects one after the other) with Mozilla's
// ical.js, the parser of Thunderbird, and prints a JSON list: per calendar its METHOD and, per VEVENT,
// what a calendar application shows (start and end in UTC and in the event's own zone, summary,
// organizer, attendees with their parameters, sequence, status).
//
// Usage: node icaljs_read.mjs <path of node_modules/ical.js> < calendars.ics
//
// Each calendar is read alone, as a mail client reads one invitation: the time zone service is
// emptied, then the calendar's own VTIMEZONEs are registered with it, as Thunderbird does for the
// zones an invitation brings; so one file's definition never helps another's.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const ICAL = (await import(pathToFileURL(join(process.argv[2], "dist", "ical.js")).href)).default;

function address(property) {
  if (!property) return null;
  const params = {};
  for (const [name, value] of Object.entries(property.toJSON()[1])) params[name.toUpperCase()] = value;
  return { value: property.getFirstValue(), params };
}

function moment(time) {
  const utc = time.convertToZone(ICAL.Timezone.utcTimezone);
  // What a calendar set to Paris time shows: the instant converted to the registered Europe/Paris.
  const paris = ICAL.TimezoneService.get("Europe/Paris");
  return {
    utc: utc.toJSDate().toISOString(),
    tzid: time.zone ? time.zone.tzid : null,
    paris: paris ? utc.convertToZone(paris).toString() : null,
  };
}

function readCalendar(jcal) {
  const calendar = new ICAL.Component(jcal);
  ICAL.TimezoneService.reset();
  for (const vtimezone of calendar.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(vtimezone);
  }
  const events = calendar.getAllSubcomponents("vevent").map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      summary: event.summary,
      start: moment(event.startDate),
      end: moment(event.endDate),
      sequence: event.sequence,
      status: vevent.getFirstPropertyValue("status"),
      organizer: address(vevent.getFirstProperty("organizer")),
      attendees: vevent.getAllProperties("attendee").map(address),
    };
  });
  return { method: calendar.getFirstPropertyValue("method"), events };
}

const parsed = ICAL.parse(readFileSync(0, "utf-8"));
// One component parses to [name, properties, components]; several to a list of those.
const calendars = typeof parsed[0] === "string" ? [parsed] : parsed;
process.stdout.write(JSON.stringify(calendars.map(readCalendar)));
