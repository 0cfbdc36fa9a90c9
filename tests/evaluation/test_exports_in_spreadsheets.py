"""The evaluation exports as a spreadsheet opens them: a free-text answer typed like a formula stays
text in the CSV and in the XLSX, answers and hours are numbers, months are dates."""

import csv
import datetime
import io
import zipfile

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from evaluation.enums import Audience
from tests.evaluation.helpers import answer, make_pair
from tests.factories import OrganisationFactory
from tests.spreadsheets import FORMULA, FORMULA_RESULT, column, open_in_libreoffice, rows

pytestmark = pytest.mark.django_db

DASHED = "-1 séance : trop peu"


@pytest.fixture
def data(surveys, programme, organisation):
    """Six answered pairs; two mentees typed free text that a spreadsheet reads as a formula."""
    texts = [FORMULA, DASHED, "", "", "", ""]
    for index, text in enumerate(texts):
        small = OrganisationFactory(code=f"CARSAT-{index}", name=f"Carsat {index}")
        pair = make_pair(programme, mentee_org=organisation, mentor_org=small, held=2, objectives=[(2, 4)])
        answer(pair, Audience.MENTEE, text=text)
        answer(pair, Audience.MENTOR)


def download(client, engineer, url_name, **query):
    client.force_login(engineer)
    client.reauthenticate(engineer)
    response = client.get(reverse(f"evaluation:{url_name}"), query)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment; filename=")
    return response


def test_a_free_text_answer_typed_like_a_formula_is_quoted_in_the_free_text_csv(client, engineer, data):
    response = download(client, engineer, "free_text_csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert sorted(column(table, "reponse")) == sorted([f"'{FORMULA}", f"'{DASHED}"])


def test_a_free_text_answer_typed_like_a_formula_is_a_text_cell_in_the_xlsx(client, engineer, data):
    content = download(client, engineer, "data_xlsx", texte_libre="1").content

    archive = zipfile.ZipFile(io.BytesIO(content))
    assert not any(b"<f>" in archive.read(name) for name in archive.namelist() if name.startswith("xl/worksheets/"))
    sheet = load_workbook(io.BytesIO(content))["Réponses libres"]
    answers = {cell.value: cell.data_type for (cell,) in sheet.iter_rows(min_row=2, min_col=5, max_col=5)}
    assert answers == {FORMULA: "s", DASHED: "s"}


def test_the_evaluation_exports_open_in_libreoffice_with_free_text_as_text_and_typed_figures(
    client, engineer, data, tmp_path
):
    files = {
        "data-csv": ("csv", download(client, engineer, "data_csv").content),
        "free-text-csv": ("csv", download(client, engineer, "free_text_csv").content),
        "data-xlsx": ("xlsx", download(client, engineer, "data_xlsx", texte_libre="1").content),
    }

    opened = open_in_libreoffice(tmp_path, files)

    assert sorted(column(rows(opened["free-text-csv"]), "reponse")) == sorted([f"'{FORMULA}", f"'{DASHED}"])
    workbook = opened["data-xlsx"]
    free_text = column(rows(workbook, "Réponses libres"), "reponse")
    assert sorted(free_text) == sorted([FORMULA, DASHED]) and FORMULA_RESULT not in free_text
    for table in (rows(opened["data-csv"]), rows(workbook, "Réponses")):
        assert {type(value) for value in column(table, "valeur")} == {int, type(None)}  # None: a choice
        assert {type(value) for value in column(table, "question_no")} == {int}
    pairs = rows(workbook, "Binômes")
    assert set(column(pairs, "auto_evaluation_debut")) == {2}
    assert {type(value) for value in column(pairs, "heures_tenues")} <= {int, float}
    assert {type(value) for value in column(pairs, "mois_creation")} == {datetime.datetime}
    for title in ("Réponses", "Binômes", "Réponses libres"):
        assert workbook[title].auto_filter.ref, title
