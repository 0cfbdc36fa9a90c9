"""The follow-up CSV of pairs (HR referent and engineer): a name typed like a formula stays text, dates
and counts open as dates and numbers in a French spreadsheet."""

import csv
import datetime
import io

import pytest
import time_machine
from django.urls import reverse

from sessions_binome.enums import SessionStatus
from tests.sessions_binome.pairs import add_session, make_pair, paris
from tests.spreadsheets import FORMULA, FORMULA_RESULT, column, open_in_libreoffice, rows


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(paris(2027, 1, 20, 9, 0), tick=False):
        yield


@pytest.fixture
def pair(programme, organisation, other_organisation):
    """An active pair whose mentee typed a formula as her name."""
    pair = make_pair(
        programme, mentee_org=organisation, mentor_org=other_organisation, activated_at=paris(2026, 10, 20, 9, 0)
    )
    pair.mentee.first_name, pair.mentee.last_name = FORMULA, ""
    pair.mentee.save()
    add_session(pair, when=paris(2027, 1, 10, 10, 0), status=SessionStatus.HELD, actual_duration_minutes=60)
    return pair


def export(client, user, url_name):
    client.force_login(user)
    client.reauthenticate(user)
    response = client.get(reverse(f"sessions_binome:{url_name}"), {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    return response.content


@pytest.mark.parametrize(("who", "url_name"), [("hr_referent", "hr_pairs"), ("engineer", "engineer_pairs")])
def test_a_formula_typed_as_a_name_is_quoted_in_the_follow_up_csv(client, request, pair, who, url_name):
    content = export(client, request.getfixturevalue(who), url_name)

    assert content.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert column(table, "mentore") == [f"'{FORMULA}"]
    assert column(table, "actif_depuis") == ["2026-10-20"]


def test_the_follow_up_csv_opens_in_libreoffice_with_the_name_as_text_and_dates_and_counts_typed(
    client, hr_referent, engineer, pair, tmp_path
):
    files = {
        "hr": ("csv", export(client, hr_referent, "hr_pairs")),
        "engineer": ("csv", export(client, engineer, "engineer_pairs")),
    }

    opened = open_in_libreoffice(tmp_path, files)

    for name in files:
        table = rows(opened[name])
        assert column(table, "mentore") == [f"'{FORMULA}"] != [FORMULA_RESULT], name
        assert column(table, "actif_depuis") == [datetime.datetime(2026, 10, 20)], name
        assert column(table, "derniere_seance") == [datetime.datetime(2027, 1, 10)], name
        assert column(table, "seances_tenues") == [1], name
