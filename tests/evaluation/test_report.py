"""The evaluation report: the PDF read back holds the key figures, the small-group rule and one part
per track; the command writes the files; the background job builds them with its progress."""

import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from evaluation import exports, services
from evaluation.enums import Audience, ReportJobStatus
from evaluation.models import ReportJob, Response
from evaluation.report import TEMPLATE, report_context, report_pdf
from mentorat.core.pdf import render_pdf
from sessions_binome.enums import PairStatus
from sessions_binome.models import Pair
from tests import pdfs
from tests.evaluation.helpers import answer, make_pair
from tests.factories import PARIS

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme_with_answers(surveys, programme, organisation, other_organisation):
    """Six P2 pairs (4 sessions each) and five P1 pairs (2 sessions each), all answered; a P1 pair ended."""
    for index in range(6):
        pair = make_pair(programme, mentee_org=organisation, mentor_org=other_organisation, held=4)
        answer(pair, Audience.MENTEE, satisfaction=5, nps=10)
        answer(pair, Audience.MENTOR, satisfaction=4 + index % 2, nps=9)
    for _index in range(5):
        pair = make_pair(programme, mentee_org=other_organisation, mentor_org=organisation, track="P1", held=2)
        answer(pair, Audience.MENTEE, satisfaction=4, nps=9)
    make_pair(programme, mentee_org=organisation, mentor_org=other_organisation, track="P1", status=PairStatus.ENDED)
    return programme


def _text(pdf_bytes):
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf_bytes)).pages)
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


def test_the_pdf_holds_the_key_figures_the_rule_and_one_part_per_track(programme_with_answers):
    text = _text(report_pdf(programme_with_answers))
    assert "Évaluation du programme de mentorat" in text and "Rapport intermédiaire" in text
    assert "12 binômes ont été formés ; 12 ont signé leur charte" in text
    assert "Ils ont tenu 34 séances, soit 34 heures de mentorat" in text
    assert "Personnes mentorées · démarrage : satisfaction moyenne de 4,5 / 5" in text
    assert "Personnes mentorées · démarrage : score de recommandation (NPS) de +100" in text
    assert "5. Parcours P1" in text and "6. Parcours P2" in text
    assert "Règle des petits effectifs" in text and "« < 5 »" in text
    assert "< 5" in text  # the ended pair
    assert "Alice" not in text and "@" not in text


def test_the_pdf_is_tagged_in_french_and_writes_the_first_of_the_month_1er(programme_with_answers):
    context = report_context(programme_with_answers, now=datetime.datetime(2027, 3, 1, 9, 0, tzinfo=PARIS))
    data = render_pdf(TEMPLATE, context)
    info = pdfs.assert_accessible_pdf(data, title="Évaluation — Programme de mentorat 2026-2027")
    text = pdfs.text(data)
    assert "Rapport intermédiaire · données au 1er mars 2027" in text
    assert "du 15 octobre 2026 au 15 mai 2027, deux parcours" in text
    # Each chart is a figure whose alternative text is its title.
    assert ("Figure", "Où en sont les binômes") in pdfs.structure_tags(data)
    pages = pdfs.page_images(data)
    assert len(pages) == int(info["Pages"]) and all(pdfs.ink(page) > 0.01 for page in pages), [
        round(pdfs.ink(page), 3) for page in pages
    ]


def test_the_report_of_a_track_is_that_track_only(programme_with_answers):
    text = _text(
        report_pdf(programme_with_answers, scope_values={"track": programme_with_answers.tracks.get(code="P1")})
    )
    assert "Périmètre Parcours P1" in text
    assert "6 binômes ont été formés" in text
    assert "5. Parcours" not in text


def test_the_engineer_downloads_the_report_of_the_filtered_view(client, programme_with_answers, engineer):
    client.force_login(engineer)
    response = client.get(reverse("evaluation:engineer_report"), {"track": "P1"})
    assert response["Content-Type"] == "application/pdf"
    assert "6 binômes ont été formés" in _text(response.content)
    page = client.get(reverse("evaluation:engineer_report"), {"track": "P1", "format": "html"})
    assert page["Content-Type"].startswith("text/html") and "<svg" in page.content.decode()


def test_charts_have_a_title_a_description_and_a_data_table(client, programme_with_answers, engineer):
    client.force_login(engineer)
    page = "".join(
        client.get(reverse("evaluation:engineer_indicators_theme", args=[theme])).content.decode()
        for theme in ("etapes", "binomes", "questionnaires")
    )
    svgs = re.findall(r"<svg[^>]*>.*?</svg>", page, re.S)
    assert len(svgs) >= 6
    for svg in svgs:
        title_id, desc_id = re.search(r'aria-labelledby="([^" ]+) ([^"]+)"', svg).groups()
        assert f'<title id="{title_id}">' in svg and f'<desc id="{desc_id}">' in svg
        assert 'role="img"' in svg
    assert page.count("Données du graphique") == len(svgs)


def test_the_command_writes_the_pdf_the_xlsx_and_the_csv(programme_with_answers, tmp_path):
    pdf, xlsx, data = tmp_path / "report.pdf", tmp_path / "data.xlsx", tmp_path / "data.csv"
    call_command(
        "evaluation_report",
        "--programme",
        "2026-2027",
        "--pdf",
        str(pdf),
        "--xlsx",
        str(xlsx),
        "--csv",
        str(data),
        "--free-text",
        stdout=io.StringIO(),
    )
    assert "12 binômes ont été formés" in _text(pdf.read_bytes())
    workbook = load_workbook(xlsx, read_only=True)
    assert [cell.value for cell in next(workbook["Réponses"].iter_rows(max_row=1))] == exports.ANSWER_COLUMNS
    assert "Réponses libres" in workbook.sheetnames
    assert data.read_text(encoding="utf-8-sig").splitlines()[0] == ";".join(exports.ANSWER_COLUMNS)
    assert (tmp_path / "data-reponses-libres.csv").exists()


def test_the_simulation_writes_a_full_report_and_keeps_nothing(programme_with_answers, tmp_path):
    before = (Response.objects.count(), list(Pair.objects.values_list("status", flat=True).order_by("pk")))
    pdf = tmp_path / "simulation.pdf"
    call_command(
        "evaluation_report", "--programme", "2026-2027", "--pdf", str(pdf), "--simulation", stdout=io.StringIO()
    )
    text = _text(pdf.read_bytes())
    assert "SIMULATION" in text and "Bénéfices perçus" in text and "Rapport final" in text
    assert (Response.objects.count(), list(Pair.objects.values_list("status", flat=True).order_by("pk"))) == before


def test_the_background_report_is_built_with_its_progress_and_downloaded(client, programme_with_answers, engineer):
    client.force_login(engineer)
    response = client.post(reverse("evaluation:report_job_create"), {"include_free_text": "on"})
    assert response.status_code == 302
    job = ReportJob.objects.get()
    assert (job.status, job.progress, job.include_free_text) == (ReportJobStatus.DONE, 100, True)
    progress = client.get(reverse("evaluation:report_job_progress", args=[job.pk])).json()
    assert progress["done"] and progress["progress"] == 100
    url = reverse("evaluation:report_job_download", args=[job.pk, "pdf"])
    assert "reauthenticate" in client.get(url).url
    client.reauthenticate(engineer)
    response = client.get(url)
    assert response.status_code == 200
    assert "12 binômes ont été formés" in _text(b"".join(response.streaming_content))
    data = client.get(reverse("evaluation:report_job_download", args=[job.pk, "csv"]))
    assert data["Content-Type"] == "text/csv; charset=utf-8"  # not a guess from the name: the file is UTF-8
    assert b"".join(data.streaming_content).startswith("\ufeffpseudonyme;".encode())
    assert services.report_job_run(job_id=job.pk) is None  # a second delivery of the task does nothing
