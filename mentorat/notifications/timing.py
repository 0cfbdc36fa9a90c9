"""When reminders may leave and when each one is due, in Europe/Paris time.

Emails go out between 8:00 and 20:00 on weekdays only. The `when` helpers turn the anchor of a
reminder (a deadline, a creation date, a session's start) into the moment it is due.
"""

import datetime

from django.utils import timezone

OPEN_FROM = datetime.time(8, 0)
OPEN_UNTIL = datetime.time(20, 0)


def local(moment):
    return timezone.localtime(moment, timezone.get_default_timezone())


def at(day, time):
    """The aware moment of `day` at `time` in Paris (summer time handled by the zone)."""
    return timezone.make_aware(datetime.datetime.combine(day, time), timezone.get_default_timezone())


def is_working_day(day):
    return day.weekday() < 5


def is_open(moment):
    """True between 8:00 and 20:00 (Paris) from Monday to Friday: emails may leave now."""
    moment = local(moment)
    return is_working_day(moment.date()) and OPEN_FROM <= moment.time() < OPEN_UNTIL


def next_open(moment):
    """The first moment at or after `moment` when emails may leave."""
    if is_open(moment):
        return moment
    day = local(moment).date()
    if is_working_day(day) and local(moment).time() < OPEN_FROM:
        return at(day, OPEN_FROM)
    day += datetime.timedelta(days=1)
    while not is_working_day(day):
        day += datetime.timedelta(days=1)
    return at(day, OPEN_FROM)


def working_day_on_or_before(day):
    while not is_working_day(day):
        day -= datetime.timedelta(days=1)
    return day


# --- `when` helpers: anchor -> due moment ---------------------------------------------------------


def after(*, days):
    """Due `days` after the anchor, to the minute (quiet hours may push the email later)."""
    delta = datetime.timedelta(days=days)
    return lambda anchor: anchor + delta


def days_before(days):
    """Due at the start of the day `days` before the anchor's day, moved back to a working day so that a
    deadline reminder never lands after the deadline because of a weekend."""

    def when(anchor):
        day = working_day_on_or_before(local(anchor).date() - datetime.timedelta(days=days))
        return at(day, datetime.time(0, 0))

    return when


def working_day_before_at(hour):
    """Due on the working day before the anchor's day, at `hour` (a Monday session: the Friday)."""

    def when(anchor):
        day = working_day_on_or_before(local(anchor).date() - datetime.timedelta(days=1))
        return at(day, datetime.time(hour, 0))

    return when


def monday_of(moment, hour):
    """Monday of `moment`'s week at `hour`, Paris time."""
    day = local(moment).date()
    return at(day - datetime.timedelta(days=day.weekday()), datetime.time(hour, 0))
