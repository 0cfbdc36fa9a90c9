import datetime
from zoneinfo import ZoneInfo

import pytest
from django.template.defaultfilters import date as date_filter
from django.utils import timezone, translation

from mentorat.core.templatetags.mentorat_tags import long_datetime

UTC = datetime.UTC


@pytest.mark.parametrize(
    "value",
    [
        datetime.datetime(2027, 1, 11, 9, 0, tzinfo=UTC),  # winter: Paris is UTC+1
        datetime.datetime(2026, 10, 25, 0, 30, tzinfo=UTC),  # the night summer time ends
        datetime.datetime(2027, 3, 28, 1, 30, tzinfo=UTC),  # the night it starts
        datetime.datetime(2026, 12, 31, 23, 5, tzinfo=UTC),  # another year in Paris
        datetime.datetime(2027, 6, 6, 14, 7, tzinfo=ZoneInfo("America/Cayenne")),
    ],
)
@pytest.mark.parametrize("language", ["fr", "en"])
def test_long_datetime_writes_what_the_date_filter_writes(value, language):
    with translation.override(language):
        assert long_datetime(value) == date_filter(timezone.localtime(value), "l j F Y à H:i")


def test_long_datetime_in_french():
    assert long_datetime(datetime.datetime(2027, 1, 11, 9, 0, tzinfo=UTC)) == "lundi 11 janvier 2027 à 10:00"


def test_long_datetime_of_nothing_or_of_a_naive_value():
    assert long_datetime(None) == ""
    assert long_datetime(datetime.datetime(2027, 1, 11, 9, 0)) == "lundi 11 janvier 2027 à 09:00"
