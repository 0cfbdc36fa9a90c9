"""Indicators: the figures on a known programme, the filters, the HR referent's isolation (their
organisations only, never an individual answer, never free text) and a number of SQL queries that
does not grow with the pairs and answers."""

import datetime
import html
import io
import pickle

import pytest
from django.core.cache import cache
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.functional import Promise

from evaluation.enums import Audience, Phase
from evaluation.indicators import Scope, _with_plain_strings, indicators_compute
from matching.enums import RequestStatus, RunStatus
from matching.models import MatchingRun, MentorRequest, Proposal
from sessions_binome.enums import PairStatus
from tests.evaluation.helpers import answer, make_pair
from tests.factories import PARIS, OrganisationFactory

pytestmark = pytest.mark.django_db

SECRET_TEXT = "Texte-libre-que-seule-la-personne-a-écrit"


@pytest.fixture
def third_organisation(db):
    return OrganisationFactory(code="URSSAF-75", name="URSSAF Île-de-France")


@pytest.fixture
def known(surveys, programme, organisation, other_organisation, third_organisation):
    """Six P2 pairs of mentees from A (CPAM-33) with mentors from C, three sessions of an hour each,
    both members answered the start questionnaire; seven P1 pairs of mentees from B (CAF-59) with
    mentors from C, who rated everything 1."""
    a_pairs = [
        make_pair(
            programme, mentee_org=organisation, mentor_org=third_organisation, held=3, objectives=[(2, 4), (3, 4)]
        )
        for _ in range(6)
    ]
    for pair, satisfaction, nps in zip(a_pairs, [5, 5, 4, 4, 4, 2], [10, 10, 9, 9, 8, 3], strict=False):
        answer(pair, Audience.MENTEE, satisfaction=satisfaction, nps=nps, benefits=5)
        answer(pair, Audience.MENTOR, satisfaction=4, nps=9, benefits=4)
    b_pairs = [
        make_pair(programme, mentee_org=other_organisation, mentor_org=third_organisation, track="P1", held=1)
        for _ in range(7)
    ]
    for pair in b_pairs:
        answer(pair, Audience.MENTEE, satisfaction=1, nps=0, benefits=1, text=SECRET_TEXT)
    return a_pairs, b_pairs


def _block(rows, audience, phase=Phase.START):
    return next(block for _label, block in rows if block["audience"] == audience and block["phase"] == phase)


def test_the_figures_of_a_known_programme(known, programme):
    ind = indicators_compute(Scope(programme))
    pairs = ind["pairs"]
    assert (str(pairs["count"]), str(pairs["started"]), str(pairs["sessions_held"]), str(pairs["hours"])) == (
        "13",
        "13",
        "25",
        "25",
    )
    assert str(pairs["sessions_mean"]) == "1,9"
    satisfaction = _block(ind["surveys"]["satisfaction"], Audience.MENTEE)
    assert str(satisfaction["n"]) == "13"
    assert str(satisfaction["mean"]) == "2,4 / 5"  # (24 + 7) / 13
    mentors = _block(ind["surveys"]["satisfaction"], Audience.MENTOR)
    assert (str(mentors["n"]), str(mentors["mean"]), str(mentors["favourable"])) == ("6", "4,0 / 5", "100 %")
    assert str(ind["objectives"]["start"]) == "2,5" and str(ind["objectives"]["end"]) == "4,0"
    assert str(ind["objectives"]["improved"]) == "100 %"


def test_small_groups_are_hidden_in_the_indicators(known, programme):
    ind = indicators_compute(Scope(programme, track=programme.tracks.get(code="P2")))
    satisfaction = _block(ind["surveys"]["satisfaction"], Audience.MENTEE)
    # 6 answers: 5 satisfied and 1 not: « 1 person » must not be readable, so the split is masked.
    assert (str(satisfaction["n"]), str(satisfaction["mean"])) == ("6", "4,0 / 5")
    assert [str(satisfaction[k]) for k in ("low", "mid", "high", "favourable")] == ["masqué"] * 4
    nps = _block(ind["surveys"]["nps"], Audience.MENTEE)
    assert str(nps["score"]) == "+50"  # 4 promoters, 1 detractor out of 6
    assert str(ind["pairs"]["completed"]) == "0"


def test_the_time_from_publication_to_pair_is_a_median_over_the_pairs(known, programme):
    a_pairs, _b = known
    published = datetime.datetime(2026, 9, 24, 10, 0, tzinfo=PARIS)
    run = MatchingRun.objects.create(
        programme=programme, track=a_pairs[0].track, status=RunStatus.PUBLISHED, published_at=published
    )
    for pair in a_pairs:
        proposal = Proposal.objects.create(
            run=run, mentee=pair.mentee_application, mentor=pair.mentor_application, rank=1, score=1
        )
        MentorRequest.objects.create(
            proposal=proposal,
            mentee=pair.mentee_application,
            mentor=pair.mentor_application,
            status=RequestStatus.ACCEPTED,
        )
    ind = indicators_compute(Scope(programme))
    assert str(ind["pairs"]["to_pair_days"]) == "47,1"  # 24 September 10:00 -> 10 November 12:00
    assert str(ind["funnel"]["mentees"]["proposed"]) == "6" and str(ind["funnel"]["mentees"]["chosen"]) == "6"


def test_early_endings_and_changes_of_mentor(surveys, programme, organisation, other_organisation):
    for _ in range(5):
        first = make_pair(programme, mentee_org=organisation, mentor_org=other_organisation, status=PairStatus.ENDED)
        second = make_pair(programme, mentee_org=organisation, mentor_org=other_organisation)
        second.mentee_application = first.mentee_application
        second.save()
    ind = indicators_compute(Scope(programme))
    assert str(ind["pairs"]["endings"]["total"]) == "5" and str(ind["pairs"]["endings"]["mentee"]) == "5"
    assert str(ind["pairs"]["changes"]) == "5"


def test_filters_restrict_the_figures(known, programme, organisation, other_organisation):
    p1 = indicators_compute(Scope(programme, track=programme.tracks.get(code="P1")))
    assert str(p1["pairs"]["count"]) == "7"
    from_a = indicators_compute(Scope(programme, organisation=organisation))
    assert str(from_a["pairs"]["count"]) == "6"
    assert str(from_a["funnel"]["mentees"]["applied"]) == "6"
    branch = indicators_compute(Scope(programme, branch=other_organisation.branch))
    assert str(branch["pairs"]["count"]) == "13"  # the factories' organisations share a branch


# --- HR isolation --------------------------------------------------------------------------------


def test_the_hr_referent_of_a_sees_nothing_of_b(client, known, hr_referent):
    client.force_login(hr_referent)
    response = client.get(reverse("evaluation:hr_indicators"))
    ind = response.context["ind"]
    assert str(ind["pairs"]["count"]) == "6"
    assert str(ind["funnel"]["mentees"]["applied"]) == "6"
    satisfaction = _block(ind["surveys"]["satisfaction"], Audience.MENTEE)
    assert (str(satisfaction["n"]), str(satisfaction["mean"])) == ("6", "4,0 / 5")  # B's ratings of 1 are not there
    assert not [b for _l, b in ind["surveys"]["satisfaction"] if b["audience"] == Audience.MENTOR]  # mentors are from C


def test_the_hr_referent_cannot_filter_on_another_organisation(client, known, hr_referent, other_organisation):
    client.force_login(hr_referent)
    response = client.get(reverse("evaluation:hr_indicators"), {"organisation": other_organisation.code})
    assert response.status_code == 200
    assert "organisation" in response.context["form"].errors
    assert str(response.context["ind"]["pairs"]["count"]) == "6"


def test_the_hr_referent_never_gets_free_text_nor_an_individual_answer(client, known, other_hr_referent):
    client.force_login(other_hr_referent)  # B's referent: B's mentees wrote the free text
    for url in (reverse("evaluation:hr_indicators"), reverse("evaluation:hr_report") + "?format=html"):
        page = html.unescape(client.get(url).content.decode())
        assert SECRET_TEXT not in page
        assert "Alice" not in page and "Mentorée" not in page  # no name of a respondent
    _a, b_pairs = known
    response = b_pairs[0].mentee.survey_responses.get()
    assert client.get(reverse("evaluation:my_response", args=[response.pk])).status_code == 404
    assert client.get(reverse("evaluation:data_csv")).status_code == 403


def test_free_text_is_never_in_the_indicators_nor_the_report(client, known, engineer):
    client.force_login(engineer)
    for url in (reverse("evaluation:engineer_indicators"), reverse("evaluation:engineer_report") + "?format=html"):
        assert SECRET_TEXT not in html.unescape(client.get(url).content.decode())


# --- SQL queries ---------------------------------------------------------------------------------


def _programme_of(n, programme, organisations, offset=0):
    tracks = ("P1", "P2")
    for index in range(offset, offset + n):
        pair = make_pair(
            programme,
            mentee_org=organisations[index % 2],
            mentor_org=organisations[(index + 1) % 2],
            track=tracks[index % 2],
            held=index % 4,
            objectives=[(2, 4)],
        )
        answer(pair, Audience.MENTEE, satisfaction=3 + index % 3, text="Merci")
        answer(pair, Audience.MENTOR, submit=index % 5 != 0)


def _queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


@pytest.mark.parametrize(
    "who, url_name", [("engineer", "evaluation:engineer_indicators"), ("hr_referent", "evaluation:hr_indicators")]
)
def test_the_indicators_page_runs_the_same_queries_for_10_and_60_pairs(
    client, request, settings, surveys, programme, organisation, other_organisation, who, url_name
):
    settings.INDICATORS_CACHE_SECONDS = 0  # the computation itself is measured, not the cache
    client.force_login(request.getfixturevalue(who))
    url = reverse(url_name)
    _programme_of(10, programme, [organisation, other_organisation])
    with_10 = _queries(client, url)
    _programme_of(50, programme, [organisation, other_organisation], offset=10)
    with_60 = _queries(client, url)
    assert with_10 == with_60
    assert with_60 <= 40


@pytest.mark.parametrize(
    "who, url_name", [("engineer", "evaluation:engineer_indicators"), ("hr_referent", "evaluation:hr_indicators")]
)
def test_the_indicators_are_computed_once_per_cache_period_and_scope(
    client, request, settings, surveys, programme, organisation, other_organisation, who, url_name
):
    settings.INDICATORS_CACHE_SECONDS = 600
    client.force_login(request.getfixturevalue(who))
    url = reverse(url_name)
    _programme_of(10, programme, [organisation, other_organisation])
    computed = _queries(client, url)
    from_cache = _queries(client, url)
    assert from_cache < computed - 5  # the second request reads the figures from the cache
    _programme_of(10, programme, [organisation, other_organisation], offset=10)
    cached_body = client.get(url).content.decode()
    cache.clear()  # the period ends
    fresh_body = client.get(url).content.decode()
    assert cached_body != fresh_body  # 20 pairs now, 10 in the cached figures
    other_scope = client.get(url + "?track=P1").content.decode()
    assert "P1" in other_scope and other_scope != fresh_body  # each filter has its own entry


def test_the_cached_indicators_hold_plain_text_and_render_as_the_computed_ones(known, programme, engineer, rf):
    computed = indicators_compute(Scope(programme))
    cached = _with_plain_strings(computed)

    lazy = []

    class Finder(pickle.Pickler):
        def reducer_override(self, obj):
            if isinstance(obj, Promise):
                lazy.append(obj)
            return NotImplemented

    Finder(io.BytesIO()).dump(computed)
    assert lazy  # the computed figures carry lazy translations (labels, headers)...
    lazy.clear()
    Finder(io.BytesIO()).dump(cached)
    assert lazy == []  # ...the cached copy none
    request = rf.get("/")
    request.user = engineer
    for theme in ("_funnel", "_pairs", "_surveys"):
        template = f"evaluation/indicators/{theme}.html"
        assert render_to_string(template, {"ind": cached}, request) == render_to_string(
            template, {"ind": computed}, request
        )
