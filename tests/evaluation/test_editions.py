"""Indicators per edition (`?edition=<slug>`, the current one by default) and editions side by side,
with the small-group rule on every cell (SPEC §7, §9)."""

import csv
import datetime
import html
import io
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from evaluation import privacy
from evaluation.enums import Audience
from evaluation.indicators import Scope, indicators_compute
from evaluation.models import ReportJob
from evaluation.reference_surveys import surveys_default_create
from tests.evaluation.helpers import START_ANSWERED_AT, answer, make_pair
from tests.factories import PARIS, OrganisationFactory, ProgrammeFactory
from tests.html_checker import check_documents

pytestmark = pytest.mark.django_db

PAST = "2025-2026"


def _edition(slug, year):
    return ProgrammeFactory(
        slug=slug,
        name=f"Programme de mentorat {year}-{year + 1}",
        call_opens_at=datetime.datetime(year, 7, 1, tzinfo=PARIS),
        call_closes_at=datetime.datetime(year, 9, 12, 23, 59, tzinfo=PARIS),
        starts_on=datetime.date(year, 10, 15),
        ends_on=datetime.date(year + 1, 5, 15),
        evaluation_ends_on=datetime.date(year + 1, 6, 30),
    )


@pytest.fixture
def third_organisation(db):
    return OrganisationFactory(code="URSSAF-75", name="URSSAF Île-de-France")


@pytest.fixture
def past(db):
    edition = _edition(PAST, 2025)
    surveys_default_create(edition)
    return edition


@pytest.fixture
def two_editions(surveys, programme, past, organisation, other_organisation, third_organisation):
    """The current edition (2026-2027): 6 pairs of mentees from A, rated 5 by their mentees. The past
    one (2025-2026): 8 pairs of mentees from A and 5 from B, rated 2 by the mentees from A."""
    for _ in range(6):
        pair = make_pair(programme, mentee_org=organisation, mentor_org=third_organisation, held=7)
        answer(pair, Audience.MENTEE, satisfaction=5, nps=10)
    for _ in range(8):
        pair = make_pair(past, mentee_org=organisation, mentor_org=third_organisation, held=2)
        answer(pair, Audience.MENTEE, satisfaction=2, nps=3, now=START_ANSWERED_AT - datetime.timedelta(days=365))
    for _ in range(5):
        make_pair(past, mentee_org=other_organisation, mentor_org=third_organisation, held=2)
    return programme, past


def _pairs_shown(response):
    return response.context["ind"]["pairs"]["count"]


def _selected_edition(content):
    # The page's edition selector (base.html), the only one on the page.
    assert len(re.findall(r'<select[^>]*name="edition"', content)) == 1
    select = re.search(r'<select id="edition-selector" name="edition"[^>]*>(.*?)</select>', content, re.S).group(1)
    return re.findall(r'<option value="([^"]+)" selected>', select)


# --- one edition at a time -----------------------------------------------------------------------


def test_the_engineer_sees_the_current_edition_by_default_and_switches_with_the_selector(
    client, engineer, two_editions
):
    client.force_login(engineer)
    url = reverse("evaluation:engineer_indicators")
    response = client.get(url)
    assert _pairs_shown(response).value == 6
    assert _selected_edition(response.content.decode()) == ["2026-2027"]
    response = client.get(url, {"edition": PAST})
    assert _pairs_shown(response).value == 13
    content = response.content.decode()
    assert _selected_edition(content) == [PAST]
    assert '<label for="edition-selector"' in content  # the selector is labelled
    assert "Programme de mentorat 2025-2026" in content


def test_the_filters_work_together_with_the_edition(client, engineer, two_editions, organisation):
    client.force_login(engineer)
    response = client.get(
        reverse("evaluation:engineer_indicators"), {"edition": PAST, "organisation": organisation.code}
    )
    assert _pairs_shown(response).value == 8
    assert response.context["ind"]["scope"].programme.slug == PAST
    content = response.content.decode()
    # The tabs, the reset link and the report keep the edition (and the tabs the filters).
    assert f"?edition={PAST}" in content
    tab = re.search(r'href="([^"]*indicateurs/rapport/[^"]*)"', content).group(1)
    assert f"edition={PAST}" in tab and f"organisation={organisation.code}" in tab
    report_tab = client.get(
        reverse("evaluation:engineer_indicators_theme", args=["rapport"]),
        {"edition": PAST, "organisation": organisation.code},
    ).content.decode()
    assert re.search(rf'rapport\.pdf\?[^"]*edition={PAST}', report_tab)


@pytest.mark.parametrize(
    "who, name",
    [
        ("engineer", "evaluation:engineer_indicators"),
        ("engineer", "evaluation:engineer_report"),
        ("hr_referent", "evaluation:hr_indicators"),
        ("hr_referent", "evaluation:hr_report"),
    ],
)
def test_an_unknown_edition_answers_404(client, request, two_editions, who, name):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse(name), {"edition": "1999-2000"}).status_code == 404


def test_the_hr_referent_sees_only_their_organisations_in_each_edition(client, hr_referent, two_editions):
    client.force_login(hr_referent)
    url = reverse("evaluation:hr_indicators")
    assert _pairs_shown(client.get(url)).value == 6
    response = client.get(url, {"edition": PAST})
    assert _pairs_shown(response).value == 8  # not the 5 pairs of B
    assert _selected_edition(response.content.decode()) == [PAST]


def test_the_cache_of_the_indicators_is_kept_per_edition(client, settings, engineer, two_editions):
    settings.INDICATORS_CACHE_SECONDS = 600
    cache.clear()
    client.force_login(engineer)
    url = reverse("evaluation:engineer_indicators")
    current = client.get(url).content.decode()
    past = client.get(url, {"edition": PAST}).content.decode()
    assert re.search(r"Binômes formés</dt><dd><span[^>]*>(\d+)<", past).group(1) == "13"
    assert re.search(r"Binômes formés</dt><dd><span[^>]*>(\d+)<", current).group(1) == "6"


# --- exports and the report ----------------------------------------------------------------------


def test_the_exports_carry_the_chosen_edition(client, engineer, two_editions):
    client.force_login(engineer)
    client.reauthenticate(engineer)
    response = client.get(reverse("evaluation:data_csv"), {"edition": PAST})
    assert PAST in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert {row[1] for row in rows[1:]} == {PAST}
    response = client.get(reverse("evaluation:data_xlsx"), {"edition": PAST})
    assert f"donnees-evaluation-{PAST}.xlsx" in response["Content-Disposition"]
    response = client.get(reverse("evaluation:free_text_csv"), {"edition": PAST})
    assert f"reponses-libres-{PAST}.csv" in response["Content-Disposition"]
    response = client.get(reverse("evaluation:engineer_report"), {"edition": PAST, "format": "html"})
    assert response.context["programme"].slug == PAST
    assert client.get(reverse("evaluation:data_csv"), {"edition": "1999-2000"}).status_code == 404
    # The page's links name the edition shown.
    page = client.get(
        reverse("evaluation:engineer_indicators_theme", args=["rapport"]), {"edition": PAST}
    ).content.decode()
    assert f'donnees.csv?edition={PAST}"' in page
    assert f'reponses-libres.csv?edition={PAST}"' in page
    assert f'<input type="hidden" name="edition" value="{PAST}">' in page


def test_the_background_report_is_of_the_chosen_edition(client, engineer, two_editions):
    client.force_login(engineer)
    response = client.post(reverse("evaluation:report_job_create") + f"?edition={PAST}")
    assert response.status_code == 302 and f"edition={PAST}" in response.url
    job = ReportJob.objects.get()
    assert job.programme.slug == PAST
    job_url = reverse("evaluation:report_job_progress", args=[job.pk]).removesuffix("avancement/")
    assert job_url in client.get(response.url).content.decode()  # listed under its edition...
    current = {"edition": "2026-2027"}  # (without it, the page stays in the edition last chosen)
    assert job_url not in client.get(reverse("evaluation:engineer_indicators"), current).content.decode()  # ...only
    assert client.get(reverse("evaluation:report_job_progress", args=[job.pk])).json()["status"] == job.status


# --- editions side by side -----------------------------------------------------------------------


def _table(content):
    """{row header: [cell texts]} of the comparison table, as a reader gets it."""
    table = re.search(r'<figure class="chart-figure" id="editions">.*?<tbody>(.*?)</tbody>', content, re.S).group(1)
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", table, re.S):
        header = html.unescape(re.search(r"<th[^>]*>(.*?)</th>", row).group(1))
        rows[header] = [html.unescape(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)]
    return rows


def test_the_comparison_shows_each_edition_with_the_figures_of_its_own_page(client, engineer, two_editions):
    programme, past = two_editions
    client.force_login(engineer)
    rows = _table(client.get(reverse("evaluation:engineer_editions")).content.decode())
    assert list(rows) == [past.name, programme.name, "Toutes éditions"]
    # applications, pairs, completed share, sessions per pair, satisfaction, NPS (mentees, mentors)
    assert rows[programme.name] == ["12", "6", "0 %", "7,0", "5,0 / 5", "—", "+100", "—"]
    assert rows[past.name] == ["26", "13", "0 %", "2,0", "2,0 / 5", "—", "-100", "—"]
    assert rows["Toutes éditions"][:2] == ["38", "19"]
    for edition in (programme, past):
        ind = indicators_compute(Scope(edition))
        assert rows[edition.name][1] == str(ind["pairs"]["count"])
        assert rows[edition.name][3] == str(ind["pairs"]["sessions_mean"])


def test_the_comparison_chart_is_an_svg_with_its_title_and_description(client, engineer, two_editions):
    client.force_login(engineer)
    content = client.get(reverse("evaluation:engineer_editions")).content.decode()
    svg = re.search(r"<svg .*?</svg>", content, re.S).group(0)
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    assert "Programme de mentorat 2025-2026" in svg and "-100" in svg


def test_the_small_group_rule_holds_on_every_cell_of_the_comparison(
    client, engineer, hr_referent, surveys, programme, past, organisation, third_organisation
):
    for _ in range(6):
        make_pair(programme, mentee_org=organisation, mentor_org=third_organisation, held=6)
    for _ in range(4):  # a group of 4
        pair = make_pair(past, mentee_org=organisation, mentor_org=third_organisation, held=6)
        answer(pair, Audience.MENTEE, satisfaction=2, nps=3, now=START_ANSWERED_AT - datetime.timedelta(days=365))
    client.force_login(hr_referent)  # of A: every mentee above
    content = client.get(reverse("evaluation:hr_editions")).content.decode()
    rows = _table(content)
    # 4 mentees applied (and 4 pairs have a member from A): each « < 5 » on the edition's page, so
    # their sum is masked.
    assert rows[past.name][:2] == ["< 5", "< 5"]
    # Every figure computed from those 4 pairs or 4 answers is hidden too.
    assert rows[past.name][2:] == ["< 5 pers.", "< 5 pers.", "< 5 pers.", "—", "< 5 pers.", "—"]
    # The totals would give the edition of 4 away by difference: masked.
    assert rows["Toutes éditions"][:2] == ["masqué", "masqué"]
    assert rows[programme.name][:2] == ["6", "6"]
    assert "&lt; 5" in content and "< 5" not in re.sub(r"<[a-zA-Z/!][^>]*>", "", content)
    assert "retrouverait par différence" in content  # the sentence that explains the masked totals


def test_the_engineer_compares_exact_counts_and_survey_figures_under_the_rule(
    client, engineer, surveys, programme, past, organisation, third_organisation
):
    for _ in range(4):  # a group of 4: the engineer sees each of these pairs by name
        pair = make_pair(past, mentee_org=organisation, mentor_org=third_organisation, held=6)
        answer(pair, Audience.MENTEE, satisfaction=2, nps=3, now=START_ANSWERED_AT - datetime.timedelta(days=365))
    client.force_login(engineer)
    rows = _table(client.get(reverse("evaluation:engineer_editions")).content.decode())
    assert rows[past.name][:4] == ["8", "4", "0 %", "6,0"]
    assert rows[past.name][4:] == ["< 5 pers.", "—", "< 5 pers.", "—"]  # 4 answers: hidden from her too
    assert rows["Toutes éditions"][:2] == ["8", "4"]


def test_the_hr_referent_compares_their_organisations_only(client, hr_referent, other_hr_referent, two_editions):
    programme, past = two_editions
    client.force_login(hr_referent)
    rows = _table(client.get(reverse("evaluation:hr_editions")).content.decode())
    assert rows[past.name][1] == "8" and rows[programme.name][1] == "6"
    client.force_login(other_hr_referent)  # B: 5 pairs in the past edition, none now
    rows = _table(client.get(reverse("evaluation:hr_editions")).content.decode())
    assert rows[past.name][1] == "5" and rows[programme.name][1] == "0"
    assert rows[past.name][4] == "—"  # B's mentees did not answer; A's answers are not counted


@pytest.mark.parametrize("who, status", [("engineer", 200), ("hr_referent", 403), ("mentee", 403)])
def test_the_engineer_comparison_is_for_the_engineer(client, request, two_editions, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("evaluation:engineer_editions")).status_code == status


def _queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def test_the_comparison_page_queries_are_bounded_for_2_and_4_editions(
    client, settings, engineer, surveys, programme, past, organisation, third_organisation
):
    settings.INDICATORS_CACHE_SECONDS = 600
    client.force_login(engineer)
    url = reverse("evaluation:engineer_editions")
    for edition in (programme, past):
        make_pair(edition, mentee_org=organisation, mentor_org=third_organisation, held=2)
    cache.clear()
    cold_2, warm_2 = _queries(client, url), _queries(client, url)
    for year in (2023, 2024):
        edition = _edition(f"{year}-{year + 1}", year)
        make_pair(edition, mentee_org=organisation, mentor_org=third_organisation, held=2)
    cache.clear()
    cold_4, warm_4 = _queries(client, url), _queries(client, url)
    # The figures of each edition are its indicators, kept in the cache as for its own page: a
    # page read from the cache costs the same whatever the number of editions...
    assert warm_2 == warm_4
    assert warm_4 <= 12
    # ...and computing an edition's figures costs a fixed number of queries.
    assert (cold_4 - cold_2) % 2 == 0 and (cold_4 - cold_2) // 2 <= 15


def test_a_total_of_figures_published_elsewhere_is_masked_when_one_is_hidden():
    shown, small = privacy.count(12), privacy.count(4)
    assert str(privacy.total_of([shown, privacy.count(7)])) == "19"
    assert privacy.total_of([shown, small]).hidden == privacy.COMPLEMENTARY
    assert privacy.total_of([small]).is_small  # 4 people: « < 5 » itself
    assert str(privacy.total_of([privacy.count(0), privacy.count(0)])) == "0"


def test_the_comparison_and_the_edition_pages_are_valid_html(client, engineer, hr_referent, two_editions):
    client.force_login(engineer)
    documents = {
        "comparison": client.get(reverse("evaluation:engineer_editions")).content.decode(),
        "past edition": client.get(reverse("evaluation:engineer_indicators"), {"edition": PAST}).content.decode(),
    }
    client.force_login(hr_referent)
    documents["hr comparison"] = client.get(reverse("evaluation:hr_editions")).content.decode()
    assert check_documents(documents) == []
