"""The proposals CSV of a run (console download and `match --export`): in the platform's French
dialect, so that French Excel opens it in columns with its accents and scores as numbers, and what
people typed as their name never runs as a formula."""

import csv
import io

import pytest
from django.urls import reverse

from matching.models import MatchingRun, Proposal
from tests.matching.test_match_command import match
from tests.spreadsheets import FORMULA, FORMULA_RESULT, column, open_in_libreoffice, rows

HEADER = [
    "mentee_email",
    "rank",
    "mentor_email",
    "score",
    "mentee_name",
    "mentor_name",
    "mentor_organisation",
    "assigned",
    "added_by_hand",
    "criteria",
]


@pytest.fixture
def run(p1_cohort, tmp_path):
    """A draft run whose best-placed mentor typed a formula as her name; its CSV written by the command."""
    mentor = p1_cohort["mentors"][2].user
    mentor.first_name, mentor.last_name = FORMULA, ""
    mentor.save()
    match("--track", "P1", "--export", str(tmp_path / "proposals.csv"))
    return MatchingRun.objects.get()


def console_export(client, engineer, run):
    client.force_login(engineer)
    client.reauthenticate(engineer)
    response = client.get(reverse("matching:run_export", args=[run.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="propositions-2026-2027-P1-{run.pk}.csv"'
    return b"".join(response.streaming_content)


def read(content):
    assert content.startswith(b"\xef\xbb\xbf")  # without it French Excel shows « prÃ©sentation »
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_the_console_proposals_csv_quotes_a_formula_typed_as_a_name(client, engineer, run):
    table = read(console_export(client, engineer, run))

    assert table[0] == HEADER
    assert f"'{FORMULA}" in column(table, "mentor_name")
    assert FORMULA not in column(table, "mentor_name")


def test_the_match_command_writes_the_same_file_as_the_console(client, engineer, run, tmp_path):
    assert (tmp_path / "proposals.csv").read_bytes() == console_export(client, engineer, run)


def test_the_proposals_csv_opens_in_libreoffice_in_columns_with_accents_numbers_and_the_formula_as_text(
    client, engineer, run, tmp_path
):
    files = {
        "console": ("csv", console_export(client, engineer, run)),
        "command": ("csv", (tmp_path / "proposals.csv").read_bytes()),
    }
    proposals = Proposal.objects.filter(run=run).select_related("mentee__user", "mentor__user")
    expected = {(p.mentee.user.email, p.rank): round(p.score, 4) for p in proposals}

    opened = open_in_libreoffice(tmp_path / "libreoffice", files)

    for name in files:
        table = rows(opened[name])
        assert table[0] == HEADER, name
        assert all(len(row) == len(HEADER) for row in table), name
        shown = dict(
            zip(
                zip(column(table, "mentee_email"), column(table, "rank"), strict=True),
                column(table, "score"),
                strict=True,
            )
        )
        assert shown == expected, name  # ranks and scores are numbers: `0,6821` was read as 0.6821
        assert any("présentation du mentor" in criteria for criteria in column(table, "criteria")), name
        names = column(table, "mentor_name")
        assert f"'{FORMULA}" in names and FORMULA_RESULT not in names, name
