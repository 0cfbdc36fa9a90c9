"""Questionnaires for everyone (issue 23 item 5): a person whose pair became active after the start
questionnaire closed, or less than three weeks before, gets three weeks from that activation to answer
it; the menu shows « Questionnaires » with the count of open ones (one query, the same rule)."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from evaluation.enums import Audience, Phase, ResponseStatus
from evaluation.models import Response
from evaluation.selectors import open_surveys_count, surveys_open_for, surveys_overview
from sessions_binome.enums import PairStatus
from tests.evaluation.helpers import answer, make_pair, survey
from tests.factories import PARIS

pytestmark = pytest.mark.django_db

# The start questionnaire runs from 16 October to 30 November 2026 (23:59).
ON_TIME = datetime.datetime(2026, 10, 16, 9, 0, tzinfo=PARIS)
NEAR_CLOSING = datetime.datetime(2026, 11, 20, 10, 0, tzinfo=PARIS)  # ten days before: until 11 December
AFTER_CLOSING = datetime.datetime(2026, 12, 10, 10, 0, tzinfo=PARIS)  # until 31 December


def at(*args):
    return time_machine.travel(datetime.datetime(*args, tzinfo=PARIS), tick=False)


@pytest.fixture
def pairs(surveys, programme, organisation, other_organisation):
    return {
        name: make_pair(programme, mentee_org=organisation, mentor_org=other_organisation, activated_at=activated)
        for name, activated in (("on_time", ON_TIME), ("near", NEAR_CLOSING), ("after", AFTER_CLOSING))
    }


def _start(programme, audience=Audience.MENTEE):
    return survey(programme, Phase.START, audience)


def _my_surveys(client, user):
    client.force_login(user)
    return client.get(reverse("evaluation:my_surveys")).content.decode()


def test_a_late_joiner_finds_the_start_questionnaire_open_for_three_weeks_from_activation(client, pairs, programme):
    start = _start(programme)
    with at(2026, 12, 5, 10, 0):
        page = _my_surveys(client, pairs["near"].mentee)
        assert "Clos sans réponse" not in page
        assert reverse("evaluation:answer", args=[start.pk]) in page
        assert "11 décembre 2026" in page and "Votre binôme a démarré après les autres" in page
        # the person whose pair started on time had her window: it is closed for her
        page = _my_surveys(client, pairs["on_time"].mentee)
        assert "Clos sans réponse" in page and reverse("evaluation:answer", args=[start.pk]) not in page
    with at(2026, 12, 12, 10, 0):
        assert "Clos sans réponse" in _my_surveys(client, pairs["near"].mentee)
        page = _my_surveys(client, pairs["after"].mentee)
        assert reverse("evaluation:answer", args=[start.pk]) in page and "31 décembre 2026" in page
        # the mentor of that pair joined late too, for the mentors' questionnaire
        page = _my_surveys(client, pairs["after"].mentor)
        assert reverse("evaluation:answer", args=[_start(programme, Audience.MENTOR).pk]) in page


def test_the_late_joiner_answers_and_the_engineers_figures_count_the_answer(client, pairs, programme):
    start = _start(programme)
    with at(2026, 12, 20, 10, 0):
        answer(pairs["after"], Audience.MENTEE, now=datetime.datetime(2026, 12, 20, 10, 0, tzinfo=PARIS))
        overview = {(s.phase, s.audience): s for s in surveys_overview(programme)}
    assert Response.objects.get(survey=start, respondent=pairs["after"].mentee).status == ResponseStatus.SUBMITTED
    assert overview[(Phase.START, Audience.MENTEE)].sent == 1
    # asked: the three mentees (the figure is hidden under five people, like every published count)
    with at(2027, 1, 2, 10, 0):
        with pytest.raises(Exception, match="pas ouvert"):
            answer(pairs["near"], Audience.MENTEE, now=datetime.datetime(2027, 1, 2, 10, 0, tzinfo=PARIS))


def test_the_answer_page_accepts_a_late_joiners_draft_until_their_own_closing(client, pairs, programme):
    start = _start(programme)
    url = reverse("evaluation:answer", args=[start.pk])
    with at(2026, 12, 30, 10, 0):
        client.force_login(pairs["after"].mentee)
        page = client.get(url).content.decode()
        assert "31 décembre 2026" in page and "est clos" not in page
    with at(2027, 1, 1, 10, 0):
        client.force_login(pairs["after"].mentee)
        assert "Ce questionnaire est clos depuis le 31 décembre 2026" in client.get(url).content.decode()


@pytest.mark.parametrize(
    "moment",
    [(2026, 11, 10, 12, 0), (2026, 12, 5, 10, 0), (2026, 12, 12, 10, 0), (2027, 1, 2, 10, 0), (2027, 2, 1, 10, 0)],
)
def test_the_menus_count_is_the_same_rule_as_the_list(pairs, programme, moment):
    ended = make_pair(
        programme,
        mentee_org=pairs["on_time"].mentee_organisation,
        mentor_org=pairs["on_time"].mentor_organisation,
        status=PairStatus.ENDED,
        activated_at=ON_TIME,
    )
    answer(pairs["on_time"], Audience.MENTOR)
    with at(*moment):
        for pair in (*pairs.values(), ended):
            for person in (pair.mentee, pair.mentor):
                assert open_surveys_count(person) == len(surveys_open_for(person)), (moment, person.email)


def test_the_menu_shows_questionnaires_with_the_count_of_open_ones(client, pairs, programme, django_assert_num_queries):
    with at(2026, 12, 12, 10, 0):
        client.force_login(pairs["after"].mentee)
        page = client.get(reverse("core:dashboard_mentee")).content.decode()
        assert 'href="/questionnaires/">Questionnaires <span class="badge' in page
        assert '1<span class="visually-hidden"> à remplir</span>' in page
        answer(pairs["after"], Audience.MENTEE, now=datetime.datetime(2026, 12, 12, 10, 0, tzinfo=PARIS))
        page = client.get(reverse("core:dashboard_mentee")).content.decode()
        assert 'href="/questionnaires/">Questionnaires</a>' in page
    assert open_surveys_count(pairs["after"].mentee) == 0
    with django_assert_num_queries(1):
        open_surveys_count(pairs["near"].mentee)


def test_the_engineers_report_reads_a_late_joiners_answer(client, pairs, programme, engineer):
    with at(2026, 12, 20, 10, 0):
        answer(pairs["after"], Audience.MENTEE, now=datetime.datetime(2026, 12, 20, 10, 0, tzinfo=PARIS))
        client.force_login(engineer)
        response = client.get(reverse("evaluation:engineer_report"))
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
