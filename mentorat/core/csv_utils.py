"""Reading the CSV files that people bring to the imports (organisations, applications).

Files come from spreadsheets: UTF-8 with or without a byte-order mark, separated by `,` or by `;`
(the French Excel default). A value our own exports neutralised against formulas (`'=…`, see
`mentorat.core.spreadsheets`) is read back as it was typed. Every problem is reported as
`line N: column: message`, the header being line 1, so that the person can fix the file in one go.
"""

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from .spreadsheets import unneutralise

DELIMITERS = (",", ";")


@dataclass(frozen=True)
class LineError:
    line: int
    column: str
    message: str

    def __str__(self):
        if self.column:
            return f"line {self.line}: {self.column}: {self.message}"
        return f"line {self.line}: {self.message}"


class CsvImportError(Exception):
    """The file is refused and nothing was written; `errors` lists every problem found."""

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__("\n".join(str(error) for error in self.errors))


@dataclass(frozen=True)
class CsvRow:
    line: int
    values: dict
    extra: tuple = ()

    def __getitem__(self, column):
        return self.values.get(column, "")


@dataclass(frozen=True)
class CsvTable:
    columns: tuple
    rows: tuple
    delimiter: str

    def missing_column_errors(self, required_columns):
        """One error on line 1 per required column the header lacks."""
        return [
            LineError(1, column, _("colonne manquante")) for column in required_columns if column not in self.columns
        ]

    def extra_value_errors(self):
        """One error per row holding more values than the header has columns (often a wrong separator)."""
        return [
            LineError(
                row.line,
                "",
                _("%(found)d valeurs pour %(expected)d colonnes")
                % {"found": len(self.columns) + len(row.extra), "expected": len(self.columns)},
            )
            for row in self.rows
            if row.extra
        ]


def detect_delimiter(header_line):
    """`;` when the header holds more semicolons than commas, `,` otherwise."""
    return ";" if header_line.count(";") > header_line.count(",") else ","


def decode(data):
    """UTF-8 text of `data`, without the byte-order mark Excel puts at the start."""
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CsvImportError(
            [LineError(line, "", _("le fichier n'est pas encodé en UTF-8 (enregistrez-le en « CSV UTF-8 »)"))]
        ) from None


# Characters no spreadsheet writes in a CSV: NUL and the other C0 controls but tab, line feed and
# carriage return. A file holding them was not saved as CSV (or was damaged on the way).
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_CONTROL_ERRORS = 20


def control_character_errors(text):
    """One error per line holding a control character (the first 20 lines), naming it."""
    errors = []
    for number, line in enumerate(text.split("\n"), start=1):
        match = CONTROL_CHARACTER.search(line)
        if match:
            code = "NUL" if match.group() == "\x00" else f"U+{ord(match.group()):04X}"
            errors.append(
                LineError(
                    number,
                    "",
                    _("caractère de contrôle %(code)s : enregistrez le fichier depuis le tableur en « CSV UTF-8 »")
                    % {"code": code},
                )
            )
            if len(errors) == MAX_CONTROL_ERRORS:
                break
    return errors


def read_csv(data):
    """Parse `data` (bytes or text) into a CsvTable.

    Header names are trimmed and lower-cased, values un-neutralised then trimmed; blank lines are skipped.
    Raises CsvImportError when the file cannot be read at all.
    """
    text = decode(data)
    header_line = text.split("\n", 1)[0]
    if not text.strip():
        raise CsvImportError([LineError(1, "", _("le fichier est vide"))])
    control = control_character_errors(text)
    if control:
        raise CsvImportError(control)
    delimiter = detect_delimiter(header_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [unneutralise(name).strip().lower() for name in next(reader)]
        duplicates = sorted({name for name in header if name and header.count(name) > 1})
        if duplicates:
            raise CsvImportError([LineError(1, name, _("colonne en double")) for name in duplicates])
        rows = []
        for values in reader:
            values = [unneutralise(value).strip() for value in values]
            if not any(values):
                continue
            # Spreadsheets often add empty trailing cells: only values beyond the header count.
            extra = values[len(header) :]
            rows.append(
                CsvRow(
                    line=reader.line_num,
                    values={column: value for column, value in zip(header, values, strict=False) if column},
                    extra=tuple(extra) if any(extra) else (),
                )
            )
    except csv.Error as error:
        raise CsvImportError([LineError(reader.line_num, "", _("fichier CSV illisible : %s") % error)]) from None
    return CsvTable(columns=tuple(header), rows=tuple(rows), delimiter=delimiter)


def read_csv_file(path):
    """read_csv() of the file at `path`; OSError when it cannot be opened."""
    return read_csv(Path(path).read_bytes())
