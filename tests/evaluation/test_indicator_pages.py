"""The indicator pages of issue 24: a summary of ten figures compared with the previous edition, one
page per theme, exact counts for the engineer where the small-group rule protects nobody from her
(never for survey answers, HR referents nor reports), the rule said in a sentence, and the
background report that tells when it is ready."""

import datetime
import html
import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from evaluation import services
from evaluation.enums import Audience, ReportJobStatus
from evaluation.indicators.summary import key_figures
from evaluation.models import ReportJob
from evaluation.reference_surveys import surveys_default_create
from mentorat.notifications.models import Notification
from tests.evaluation.helpers import START_ANSWERED_AT, answer, make_pair
from tests.factories import OrganisationFactory, previous_edition

pytestmark = pytest.mark.django_db

RULE = "Les effectifs inférieurs à 5 sont masqués pour qu'on ne puisse pas reconnaître une personne."
ENGINEER_THEMES = ("etapes", "binomes", "questionnaires", "rapport")
HR_THEMES = ("etapes", "binomes", "questionnaires")


@pytest.fixture
def third_organisation(db):
    return OrganisationFactory(code="URSSAF-75", name="URSSAF Île-de-France")


@pytest.fixture
def three_pairs(surveys, programme, organisation, third_organisation):
    """Three pairs of mentees from A (the `hr_referent`'s), two sessions each, three answers."""
    pairs = [make_pair(programme, mentee_org=organisation, mentor_org=third_organisation, held=2) for _ in range(3)]
    for pair in pairs:
        answer(pair, Audience.MENTEE, satisfaction=4, nps=9)
    return pairs


@pytest.fixture
def past(db):
    edition = previous_edition()
    surveys_default_create(edition)
    return edition


def _text(response):
    return html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode()))


def _key(response, label):
    return next(item for item in response.context["key_figures"] if item.label == label)


# --- pages and themes ----------------------------------------------------------------------------


@pytest.mark.parametrize("theme", ENGINEER_THEMES)
def test_each_theme_of_the_engineer_has_its_page(client, engineer, three_pairs, theme):
    client.force_login(engineer)
    response = client.get(reverse("evaluation:engineer_indicators_theme", args=[theme]))
    assert response.status_code == 200
    assert 'aria-current="page"' in response.content.decode()
    assert response.context["theme"] == theme


@pytest.mark.parametrize("theme", HR_THEMES)
def test_each_theme_of_the_hr_referent_has_its_page(client, hr_referent, three_pairs, theme):
    client.force_login(hr_referent)
    assert client.get(reverse("evaluation:hr_indicators_theme", args=[theme])).status_code == 200


def test_an_unknown_theme_and_the_engineers_report_tab_answer_404_to_hr(client, hr_referent, engineer, three_pairs):
    client.force_login(hr_referent)
    assert client.get(reverse("evaluation:hr_indicators_theme", args=["rapport"])).status_code == 404
    assert client.get(reverse("evaluation:hr_indicators_theme", args=["autre"])).status_code == 404
    client.force_login(engineer)
    assert client.get(reverse("evaluation:engineer_indicators_theme", args=["autre"])).status_code == 404
    assert client.get(reverse("evaluation:hr_indicators_theme", args=["etapes"])).status_code == 403


def test_the_summary_holds_ten_figures_and_the_charts_stay_in_the_themes(client, engineer, three_pairs):
    client.force_login(engineer)
    response = client.get(reverse("evaluation:engineer_indicators"))
    assert len(response.context["key_figures"]) == 10
    assert "<svg" not in response.content.decode()
    for theme in ENGINEER_THEMES:
        assert reverse("evaluation:engineer_indicators_theme", args=[theme]) in response.content.decode()


# --- who gets exact counts -----------------------------------------------------------------------


def test_the_engineer_reads_exact_counts_of_pairs_and_sessions(client, engineer, three_pairs):
    client.force_login(engineer)
    summary = client.get(reverse("evaluation:engineer_indicators"))
    assert str(_key(summary, "Binômes formés").figure) == "3"
    assert str(_key(summary, "Heures de mentorat").figure) == "6"
    pairs_page = client.get(reverse("evaluation:engineer_indicators_theme", args=["binomes"]))
    assert "masqué" not in _text(pairs_page) and "< 5" not in _text(pairs_page)


def test_survey_figures_keep_the_rule_on_the_engineers_pages(client, engineer, three_pairs):
    client.force_login(engineer)
    summary = client.get(reverse("evaluation:engineer_indicators"))
    assert _key(summary, "Satisfaction des mentorés, sur 5").figure.hidden  # three answers
    assert RULE in _text(summary)  # said where it applies...
    page = client.get(reverse("evaluation:engineer_indicators_theme", args=["questionnaires"]))
    assert RULE in _text(page) and "< 5" in _text(page)
    assert RULE not in _text(client.get(reverse("evaluation:engineer_indicators_theme", args=["binomes"])))


def test_the_hr_referent_keeps_the_rule_and_is_told_why(client, hr_referent, three_pairs):
    client.force_login(hr_referent)
    for url in [reverse("evaluation:hr_indicators")] + [
        reverse("evaluation:hr_indicators_theme", args=[theme]) for theme in HR_THEMES
    ]:
        response = client.get(url)
        assert RULE in _text(response)
        assert response.context["ind"]["pairs"]["count"].hidden
    assert str(_key(client.get(reverse("evaluation:hr_indicators")), "Binômes formés").figure) == "< 5"


def test_the_report_and_the_exports_keep_the_rule_for_the_engineer(client, engineer, three_pairs):
    client.force_login(engineer)
    response = client.get(reverse("evaluation:engineer_report"), {"format": "html"})
    assert response.context["ind"]["pairs"]["count"].hidden
    assert response.context["ind"]["pairs"]["sessions_held"].hidden


# --- the previous edition ------------------------------------------------------------------------


def test_each_key_figure_shows_the_previous_editions(
    client, engineer, hr_referent, three_pairs, past, organisation, third_organisation
):
    for _ in range(7):
        pair = make_pair(past, mentee_org=organisation, mentor_org=third_organisation, held=1)
        answer(pair, Audience.MENTEE, satisfaction=2, nps=3, now=START_ANSWERED_AT - datetime.timedelta(days=365))
    client.force_login(engineer)
    response = client.get(reverse("evaluation:engineer_indicators"))
    assert response.context["previous"] == past
    pairs = _key(response, "Binômes formés")
    assert (str(pairs.figure), str(pairs.previous)) == ("3", "7")
    satisfaction = _key(response, "Satisfaction des mentorés, sur 5")
    assert str(satisfaction.previous) == "2,0 / 5"
    assert "2025-2026 : 7" in _text(response)
    client.force_login(hr_referent)
    pairs = _key(client.get(reverse("evaluation:hr_indicators")), "Binômes formés")
    assert (str(pairs.figure), str(pairs.previous)) == ("< 5", "7")


def test_the_first_edition_has_nothing_to_compare_with(client, engineer, three_pairs):
    client.force_login(engineer)
    response = client.get(reverse("evaluation:engineer_indicators"))
    assert response.context["previous"] is None
    assert all(item.previous is None for item in response.context["key_figures"])


def test_the_summary_runs_the_same_queries_for_3_and_20_pairs(
    client, settings, engineer, three_pairs, past, programme, organisation, third_organisation
):
    settings.INDICATORS_CACHE_SECONDS = 0
    client.force_login(engineer)
    url = reverse("evaluation:engineer_indicators")

    def queries():
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context)

    make_pair(past, mentee_org=organisation, mentor_org=third_organisation)  # (an empty edition skips a query)
    before = queries()
    for edition, year in ((programme, 0), (past, 1)):
        for index in range(8):
            pair = make_pair(edition, mentee_org=organisation, mentor_org=third_organisation, held=index % 3)
            answer(pair, Audience.MENTEE, now=START_ANSWERED_AT - datetime.timedelta(days=365 * year))
    assert queries() == before


def test_key_figures_read_every_figure_from_the_indicators(three_pairs, programme):
    from evaluation.indicators import Scope, indicators_compute

    figures = key_figures(indicators_compute(Scope(programme, exact_counts=True)))
    assert [item.key for item in figures if item.survey] == [
        "satisfaction_mentees",
        "satisfaction_mentors",
        "objectives",
    ]


# --- the background report -----------------------------------------------------------------------


@pytest.fixture
def fast_report(monkeypatch):
    """The report's files, without WeasyPrint: what is tested here is the job around them."""
    from evaluation import exports, report

    monkeypatch.setattr(report, "report_pdf", lambda programme, progress=None: b"%PDF-1.7 test")
    monkeypatch.setattr(exports, "dataset_xlsx", lambda programme, include_free_text=False: b"xlsx")
    monkeypatch.setattr(exports, "dataset_csv", lambda programme: b"csv")


def test_the_engineer_is_told_by_email_and_notification_when_the_report_is_ready(
    client, django_capture_on_commit_callbacks, engineer, programme, fast_report, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(engineer)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("evaluation:report_job_create"))
    job = ReportJob.objects.get()
    assert job.status == ReportJobStatus.DONE
    assert response.url.startswith(reverse("evaluation:engineer_indicators_theme", args=["rapport"]))
    [message] = [m for m in mail.outbox if m.to == [engineer.email]]
    assert "rapport d'évaluation" in message.subject and "est prêt" in message.subject
    assert reverse("evaluation:engineer_indicators_theme", args=["rapport"]) in message.body
    [notification] = Notification.objects.filter(user=engineer, kind=services.REPORT_NOTIFICATION_KIND)
    assert notification.title == "Le rapport d'évaluation est prêt"
    page = client.get(response.url).content.decode()
    assert reverse("evaluation:report_job_download", args=[job.pk, "pdf"]) in page


def test_a_failed_report_is_told_in_the_platform_without_an_email(
    django_capture_on_commit_callbacks, engineer, programme, monkeypatch
):
    from evaluation import report

    def broken(programme, progress=None):
        progress(10, "Indicateurs")
        raise RuntimeError("WeasyPrint est tombé")

    monkeypatch.setattr(report, "report_pdf", broken)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        job = services.report_job_request(programme=programme, by=engineer, include_free_text=False)
    job.refresh_from_db()
    assert job.status == ReportJobStatus.FAILED
    assert mail.outbox == []
    [notification] = Notification.objects.filter(user=engineer, kind=services.REPORT_NOTIFICATION_KIND)
    assert "n'a pas pu" in notification.title


def test_a_running_report_shows_its_progress(client, engineer, programme):
    job = ReportJob.objects.create(programme=programme, requested_by=engineer, status=ReportJobStatus.RUNNING)
    services.report_job_progress(job.pk, 42, "Parcours P1")
    client.force_login(engineer)
    page = client.get(reverse("evaluation:engineer_indicators_theme", args=["rapport"])).content.decode()
    assert 'value="42"' in page and "Parcours P1" in page and "run_progress.js" in page
    data = client.get(reverse("evaluation:report_job_progress", args=[job.pk])).json()
    assert (data["progress"], data["done"]) == (42, False)
