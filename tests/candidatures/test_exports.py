"""What applicants and HR referents typed stays inert text in every export of applications (the
engineer's CSV and XLSX, the HR referent's applications and invitations CSV), the files open as
French spreadsheets, and the engineer's CSV still re-imports as it is."""

import csv
import datetime
import io
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from candidatures.imports import applications_import, read_import_file
from candidatures.models import Application, Invitation
from tests.factories import ApplicationFactory, UserFactory
from tests.spreadsheets import FORMULA, FORMULA_RESULT, column, open_in_libreoffice, rows

LIST_URL = reverse("candidatures:engineer_list")
DASHED_TITLE = "-Chargée de mission (intérim)"
DASHED_ADDRESS = "-martin@assurance-maladie.fr"
NAME_FORMULA = "@SUM(1+1)*cmd|' /C calc'!A0"


@pytest.fixture
def typed(programme, organisation, other_organisation):
    """Applications and an invitation holding text that a spreadsheet would read as formulas."""
    return {
        "formula": ApplicationFactory(
            programme=programme,
            user=UserFactory(email="arnaud@assurance-maladie.fr", last_name=NAME_FORMULA, organisation=organisation),
            job_title=FORMULA,
            objectives="+33 1 23 45 67 89 : appelez-moi",
            track_code="P1",
        ),
        "dashed": ApplicationFactory(
            programme=programme,
            user=UserFactory(email="bernard@caf.fr", organisation=other_organisation),
            job_title=DASHED_TITLE,
            mentor=True,
            track_code="P1",
        ),
        "invitation": Invitation.objects.create(
            programme=programme,
            organisation=organisation,
            email=DASHED_ADDRESS,
            first_sent_at=timezone.now(),
            last_sent_at=timezone.now(),
        ),
    }


def download(client, user, url, **query):
    client.force_login(user)
    client.reauthenticate(user)
    response = client.get(url, query)
    assert response.status_code == 200
    return response


def engineer_file(client, engineer, kind):
    return download(client, engineer, LIST_URL, export=kind)


def hr_file(client, hr_referent, organisation, kind):
    return download(client, hr_referent, reverse("candidatures:tracking", args=[organisation.pk]), export=kind)


def csv_rows(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    content = response.content
    assert content.startswith(b"\xef\xbb\xbf") and content.count(b"\r\n") == content.count(b"\n")
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_a_formula_typed_as_a_job_title_is_quoted_in_the_engineer_csv(client, engineer, typed):
    table = csv_rows(engineer_file(client, engineer, "csv"))

    assert sorted(column(table, "job_title")) == sorted([f"'{FORMULA}", f"'{DASHED_TITLE}"])
    assert f"'{NAME_FORMULA}" in column(table, "last_name")
    assert "'+33 1 23 45 67 89 : appelez-moi" in column(table, "objectives")


def test_a_formula_typed_as_a_job_title_is_a_text_cell_in_the_engineer_xlsx(client, engineer, typed):
    content = engineer_file(client, engineer, "xlsx").content

    assert "<f>" not in zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml").decode()
    table = rows(load_workbook(io.BytesIO(content)))
    assert sorted(column(table, "job_title")) == sorted([FORMULA, DASHED_TITLE])


def test_a_formula_typed_as_a_name_is_quoted_in_the_hr_applications_csv(client, hr_referent, organisation, typed):
    table = csv_rows(hr_file(client, hr_referent, organisation, "csv"))

    assert column(table, "nom") == [f"'{NAME_FORMULA}"]


def test_an_invited_address_starting_with_a_dash_is_quoted_in_the_invitations_csv(
    client, hr_referent, organisation, typed
):
    table = csv_rows(hr_file(client, hr_referent, organisation, "invitations"))

    assert column(table, "email") == [f"'{DASHED_ADDRESS}"]
    assert column(table, "envois") == ["1"]


def test_the_engineer_csv_reimports_a_quoted_job_title_and_a_title_starting_with_a_dash_unchanged(
    client, engineer, programme, typed
):
    before = dict(Application.objects.values_list("pk", "updated_at"))

    imported, read_errors = read_import_file(io.BytesIO(engineer_file(client, engineer, "csv").content))
    result = applications_import(programme=programme, rows=imported)

    assert read_errors == [] and result["errors"] == []
    assert {row["email"]: row["job_title"] for row in imported} == {
        "arnaud@assurance-maladie.fr": FORMULA,
        "bernard@caf.fr": DASHED_TITLE,
    }
    assert (result["created"], result["updated"], result["unchanged"]) == (0, 0, 2)
    assert dict(Application.objects.values_list("pk", "updated_at")) == before


def test_every_application_export_opens_in_libreoffice_with_what_was_typed_as_text(
    client, engineer, hr_referent, organisation, typed, tmp_path
):
    typed["formula"].submitted_at = datetime.datetime(2026, 8, 20, 8, 15, tzinfo=datetime.UTC)
    typed["formula"].years_experience = 12
    typed["formula"].save()
    files = {
        "engineer-csv": ("csv", engineer_file(client, engineer, "csv").content),
        "engineer-xlsx": ("xlsx", engineer_file(client, engineer, "xlsx").content),
        "hr-csv": ("csv", hr_file(client, hr_referent, organisation, "csv").content),
        "invitations-csv": ("csv", hr_file(client, hr_referent, organisation, "invitations").content),
    }

    opened = open_in_libreoffice(tmp_path, files)

    for name, shown in (("engineer-csv", f"'{FORMULA}"), ("engineer-xlsx", FORMULA)):
        table = rows(opened[name])
        formula_row = column(table, "email").index("arnaud@assurance-maladie.fr")
        assert column(table, "job_title")[formula_row] == shown != FORMULA_RESULT, name
        assert column(table, "years_experience")[formula_row] == 12, name
        assert column(table, "submitted_at")[formula_row] == datetime.datetime(2026, 8, 20, 10, 15), name
    assert column(rows(opened["engineer-xlsx"]), "last_name")[formula_row] == NAME_FORMULA
    assert column(rows(opened["hr-csv"]), "nom") == [f"'{NAME_FORMULA}"]
    assert column(rows(opened["invitations-csv"]), "email") == [f"'{DASHED_ADDRESS}"]
