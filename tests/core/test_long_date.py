"""Dates in words, as French writes them: « 1er mai 2027 », « lundi 1er mars 2027 à 10:00 », in Paris
time; and no template or module that writes a day of the month another way."""

import datetime
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.template import engines
from django.template.defaultfilters import date as date_filter
from django.template.loader import render_to_string
from django.utils import timezone, translation

from mentorat.core.dates import long_date
from mentorat.core.models import Programme
from mentorat.core.templatetags.mentorat_tags import long_datetime
from sessions_binome.services_frame import frame_errors

UTC = datetime.UTC
ROOT = Path(__file__).resolve().parents[2]
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre"]  # fmt: skip


@pytest.mark.parametrize("month", range(1, 13))
def test_the_first_of_each_month_is_1er(month):
    assert long_date(datetime.date(2027, month, 1)) == f"1er {MONTHS[month - 1]} 2027"
    assert long_date(datetime.date(2027, month, 1), "j F") == f"1er {MONTHS[month - 1]}"


@pytest.mark.parametrize(("day", "written"), [(2, "2 mai 2027"), (11, "11 mai 2027"), (21, "21 mai 2027"),
                                              (31, "31 mai 2027")])  # fmt: skip
def test_other_days_are_cardinal(day, written):
    assert long_date(datetime.date(2027, 5, day)) == written


@pytest.mark.parametrize(
    ("moment", "written"),
    [
        (datetime.datetime(2027, 4, 30, 23, 30, tzinfo=UTC), "1er mai 2027"),  # 01:30 in Paris (summer)
        (datetime.datetime(2027, 4, 30, 21, 59, tzinfo=UTC), "30 avril 2027"),  # 23:59 in Paris
        (datetime.datetime(2026, 11, 30, 23, 30, tzinfo=UTC), "1er décembre 2026"),  # 00:30 (winter)
        (datetime.datetime(2026, 12, 31, 23, 5, tzinfo=UTC), "1er janvier 2027"),  # another year in Paris
        (datetime.datetime(2027, 3, 31, 22, 0, tzinfo=UTC), "1er avril 2027"),  # midnight, after the clocks change
        (datetime.datetime(2027, 5, 1, 0, 30, tzinfo=ZoneInfo("America/Cayenne")), "1er mai 2027"),  # 05:30 in Paris
        (datetime.datetime(2027, 6, 1, 1, 0, tzinfo=ZoneInfo("Europe/Paris")), "1er juin 2027"),
    ],
)
def test_a_moment_is_written_on_its_day_in_paris(moment, written):
    assert long_date(moment) == written


def test_a_naive_value_is_taken_as_paris_time():
    assert long_date(datetime.datetime(2027, 5, 1, 0, 30)) == "1er mai 2027"
    assert long_datetime(datetime.datetime(2027, 5, 1, 0, 30)) == "samedi 1er mai 2027 à 00:30"
    assert long_datetime(datetime.datetime(2027, 1, 11, 9, 0)) == "lundi 11 janvier 2027 à 09:00"


def test_nothing_is_written_for_nothing():
    assert long_date(None) == long_date("") == long_datetime(None) == ""


def test_the_filters_write_nothing_for_what_is_not_a_date_as_djangos_date_filter_does():
    template = engines["django"].from_string("[{{ value|long_date }}|{{ value|long_datetime }}|{{ value|date }}]")
    assert template.render({"value": "2027-05-01"}) == "[||]"
    assert template.render({"value": 3}) == "[||]"


def test_long_datetime_writes_the_weekday_the_ordinal_and_the_time():
    assert long_datetime(datetime.datetime(2027, 3, 1, 9, 0, tzinfo=UTC)) == "lundi 1er mars 2027 à 10:00"
    assert long_datetime(datetime.datetime(2027, 1, 11, 9, 0, tzinfo=UTC)) == "lundi 11 janvier 2027 à 10:00"


@pytest.mark.parametrize(
    ("fmt", "written"),
    [
        ("j F Y à H:i", "1er mars 2027 à 10:00"),
        ("l j F à H:i", "lundi 1er mars à 10:00"),
        ("l j F Y, H:i", "lundi 1er mars 2027, 10:00"),
        ("D j M", "lun 1er Mar"),
        (r"\j j F", "j 1er mars"),
    ],
)
def test_any_date_format_gets_the_ordinal(fmt, written):
    assert long_date(datetime.datetime(2027, 3, 1, 9, 0, tzinfo=UTC), fmt) == written


@pytest.mark.parametrize(
    "value",
    [
        datetime.datetime(2027, 1, 11, 9, 0, tzinfo=UTC),  # winter: Paris is UTC+1
        datetime.datetime(2026, 10, 25, 0, 30, tzinfo=UTC),  # the night summer time ends
        datetime.datetime(2027, 3, 28, 1, 30, tzinfo=UTC),  # the night it starts
        datetime.datetime(2026, 12, 31, 23, 5, tzinfo=UTC),  # the 1st of January in Paris
        datetime.datetime(2027, 6, 6, 14, 7, tzinfo=ZoneInfo("America/Cayenne")),
    ],
)
@pytest.mark.parametrize("fmt", ["j F Y", "l j F Y à H:i", "j F", "l j F Y"])
def test_other_than_the_ordinal_it_writes_what_the_date_filter_writes(value, fmt):
    local = timezone.localtime(value)
    expected = date_filter(local, fmt)
    if local.day == 1:
        expected = re.sub(r"\b1\b", "1er", expected, count=1)
    assert long_date(value, fmt) == expected


def test_in_english_the_day_stays_a_number():
    with translation.override("en"):
        assert long_date(datetime.date(2027, 5, 1)) == "1 May 2027"
        assert long_datetime(datetime.datetime(2027, 3, 1, 9, 0, tzinfo=UTC)) == "Monday 1 March 2027 à 10:00"


def test_every_template_has_the_filters_without_loading_them():
    template = engines["django"].from_string(
        "{{ day|long_date }} · {{ day|long_date:'j F' }} · {{ moment|long_datetime }}"
    )
    day, moment = datetime.date(2027, 5, 1), datetime.datetime(2027, 2, 28, 23, 0, tzinfo=UTC)
    assert template.render({"day": day, "moment": moment}) == "1er mai 2027 · 1er mai · lundi 1er mars 2027 à 00:00"


def test_an_email_writes_the_1er():
    subject = render_to_string(
        "emails/reminder_call_closing_subject.txt", {"closes_at": datetime.datetime(2026, 9, 30, 22, 30, tzinfo=UTC)}
    )
    assert subject.strip() == "Votre candidature est encore un brouillon : l'appel se termine le 1er octobre"


def test_text_built_in_python_writes_the_1er():
    programme = Programme(starts_on=datetime.date(2026, 11, 1), ends_on=datetime.date(2027, 6, 1))
    errors = frame_errors(
        programme, rhythm="monthly", rhythm_other="", video="",
        starts_on=datetime.date(2026, 10, 1), ends_on=datetime.date(2027, 5, 1),
    )  # fmt: skip
    assert "entre le 1er novembre 2026 et le 1er juin 2027" in errors["starts_on"]


# The day of the month (`j`) in a Django date format, outside a backslash escape.
DAY_IN_FORMAT = re.compile(r"""(?:\|date:|date_format\([^,]+,\s*)["']((?:\\.|[^"'\\])*?(?<!\\)j(?:\\.|[^"'])*)["']""")


def test_no_template_or_module_writes_a_day_without_the_ordinal():
    files = [*(ROOT / "templates").rglob("*.html"), *(ROOT / "templates").rglob("*.txt")]
    files += [path for path in ROOT.glob("*/**/*.py") if not path.is_relative_to(ROOT / "tests")]
    files += [*ROOT.glob("*/templates/**/*.html")]
    offenders = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in files
        if "node_modules" not in path.parts and ".venv" not in path.parts
        for match in DAY_IN_FORMAT.finditer(path.read_text(encoding="utf-8"))
    ]
    assert not offenders, "write dates in words with |long_date or mentorat.core.dates.long_date:\n" + "\n".join(
        offenders
    )


def test_table_cells_write_the_short_date_in_paris_time():
    template = engines["django"].from_string(
        "{{ moment|short_date }} · {{ moment|short_datetime }} · {{ day|short_date }}"
    )
    moment = datetime.datetime(2026, 12, 31, 23, 5, tzinfo=UTC)  # the 1st of January in Paris
    assert template.render({"moment": moment, "day": datetime.date(2027, 5, 1)}) == (
        "01/01/2027 · 01/01/2027 00:05 · 01/05/2027"
    )
    assert engines["django"].from_string("[{{ x|short_date }}{{ x|short_datetime }}]").render({"x": "mardi"}) == "[]"


SHORT_DATE_BY_HAND = re.compile(r"""\|date:["']d/m/Y""")


def test_table_cells_write_dates_through_the_short_date_filters():
    """One style per context: a template writes « 01/05/2027 » only through short_date / short_datetime
    (the audit log keeps its seconds)."""
    files = [*(ROOT / "templates").rglob("*.html"), *ROOT.glob("*/templates/**/*.html")]
    found = [
        str(path.relative_to(ROOT))
        for path in files
        if SHORT_DATE_BY_HAND.search(path.read_text(encoding="utf-8").replace('|date:"d/m/Y H:i:s"', ""))
    ]
    assert found == []
