"""Dates written in words, as French writes them: « 1er mai 2027 », « lundi 1er mars 2027 à 10:00 ».

Django's date formats write the day of the month with `j` (« 1 mai »), where French writes the first
of the month as an ordinal. Every date the platform writes in a sentence, a page, a PDF or an e-mail
goes through `long_date`: the template filters `long_date` and `long_datetime` (mentorat_tags) and the
Python code that builds text. Table cells write the short numeric form (« 01/05/2027 », « 01/05/2027
10:00 ») through `short_date`: the filters `short_date` and `short_datetime`. One style per context: long
in sentences, short in tables.
"""

import datetime

from django.utils import dateformat, timezone
from django.utils.dates import MONTHS, WEEKDAYS
from django.utils.translation import get_language

LONG_DATE = "j F Y"
LONG_DATETIME = "l j F Y à H:i"
SHORT_DATE = "d/m/Y"
SHORT_DATETIME = "d/m/Y H:i"

# The day written as an escaped literal in a Django date format.
_FIRST = r"\1\e\r"


def long_date(value, fmt=LONG_DATE):
    """`value` (a date, or a datetime shown in the current time zone; a naive datetime is taken as
    local) written with the Django date format `fmt`, the 1st of a month as « 1er » in French.
    None or "" give ""."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    first = value.day == 1 and (get_language() or "").startswith("fr")
    # The two formats of almost every date the platform writes, without DateFormat's parsing: a
    # pair's page and the follow-up lists write one per row.
    if fmt == LONG_DATE:
        return f"{'1er' if first else value.day} {MONTHS[value.month]} {value.year}"
    if fmt == LONG_DATETIME and isinstance(value, datetime.datetime):
        day = "1er" if first else value.day
        return f"{WEEKDAYS[value.weekday()]} {day} {MONTHS[value.month]} {value.year} à {value:%H:%M}"
    return dateformat.format(value, _with_ordinal_day(fmt) if first else fmt)


def _with_ordinal_day(fmt):
    """`fmt` with each `j` (day of the month) replaced by the literal « 1er »; escaped characters kept."""
    out, chars = [], iter(fmt)
    for char in chars:
        if char == "\\":
            out.append(char + next(chars, ""))
        elif char == "j":
            out.append(_FIRST)
        else:
            out.append(char)
    return "".join(out)


def short_date(value, with_time=False):
    """`value` as a table cell writes it: « 01/05/2027 », or « 01/05/2027 10:00 » `with_time` (a
    datetime in the current time zone). None or "" give ""."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        if with_time:
            return f"{value:%d/%m/%Y %H:%M}"
    return f"{value:%d/%m/%Y}"
