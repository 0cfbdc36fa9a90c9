"""Participants' pages: their questionnaires, the answer form with its draft, their sent response;
anyone else's questionnaire or response answers 404."""

import html

import pytest
from django.urls import reverse

from evaluation.enums import Audience, Indicator, Phase, ResponseStatus
from evaluation.models import Response
from sessions_binome.enums import PairStatus
from tests.evaluation.helpers import answer, make_pair, survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(surveys, programme, organisation, other_organisation):
    return make_pair(programme, mentee_org=organisation, mentor_org=other_organisation)


def _form_data(questionnaire, **overrides):
    data = {}
    for question in questionnaire.questions.all():
        if question.kind in ("likert", "nps"):
            data[f"q{question.pk}"] = "4" if question.kind == "likert" else "9"
        elif question.kind == "single":
            data[f"q{question.pk}"] = question.choices[0]
        elif question.kind == "multiple":
            data[f"q{question.pk}"] = question.choices[:2]
    data.update(overrides)
    return data


def test_the_dashboard_shows_the_questionnaire_to_fill(client, pair):
    client.force_login(pair.mentee)
    page = client.get(reverse("core:dashboard_mentee")).content.decode()
    assert "Questionnaire à remplir" in page
    assert reverse("evaluation:answer", args=[survey(pair.programme, Phase.START, Audience.MENTEE).pk]) in page


def test_a_participant_answers_saves_a_draft_and_resumes_it(client, pair):
    questionnaire = survey(pair.programme, Phase.START, Audience.MENTEE)
    url = reverse("evaluation:answer", args=[questionnaire.pk])
    client.force_login(pair.mentee)
    satisfaction = questionnaire.questions.get(indicator=Indicator.SATISFACTION)
    response = client.post(url, {f"q{satisfaction.pk}": "2", "draft": "1"})
    assert response.status_code == 302 and response.url == url
    page = client.get(url).content.decode()
    assert "brouillon" in page
    assert f'name="q{satisfaction.pk}" value="2"' in page and "checked" in page
    response = client.post(url, _form_data(questionnaire, send="1"))
    saved = Response.objects.get(respondent=pair.mentee)
    assert response.status_code == 302 and response.url == reverse("evaluation:my_response", args=[saved.pk])
    assert saved.status == ResponseStatus.SUBMITTED


def test_sending_with_a_blank_required_question_shows_the_error_next_to_it(client, pair):
    questionnaire = survey(pair.programme, Phase.START, Audience.MENTEE)
    client.force_login(pair.mentee)
    nps = questionnaire.questions.get(indicator=Indicator.NPS)
    data = _form_data(questionnaire, send="1")
    data.pop(f"q{nps.pk}")
    page = client.post(reverse("evaluation:answer", args=[questionnaire.pk]), data).content.decode()
    assert f'id="id_q{nps.pk}-erreur"' in page and "Cette question demande une réponse." in page
    assert not Response.objects.exists()


def test_a_second_answer_is_refused(client, pair):
    questionnaire = survey(pair.programme, Phase.START, Audience.MENTEE)
    answer(pair, Audience.MENTEE)
    client.force_login(pair.mentee)
    url = reverse("evaluation:answer", args=[questionnaire.pk])
    assert client.get(url).status_code == 302
    client.post(url, _form_data(questionnaire, send="1"))
    assert Response.objects.filter(respondent=pair.mentee).count() == 1


def test_a_closed_questionnaire_takes_no_answer(client, pair, time_machine):
    questionnaire = survey(pair.programme, Phase.START, Audience.MENTEE)
    time_machine.move_to(questionnaire.closes_at, tick=False)
    client.force_login(pair.mentee)
    url = reverse("evaluation:answer", args=[questionnaire.pk])
    assert "clos" in client.get(url).content.decode()
    client.post(url, _form_data(questionnaire, send="1"))
    assert not Response.objects.exists()


def test_a_participant_only_opens_the_questionnaire_meant_for_them(client, pair, mentee):
    client.force_login(pair.mentee)
    for_mentors = survey(pair.programme, Phase.START, Audience.MENTOR)
    assert client.get(reverse("evaluation:answer", args=[for_mentors.pk])).status_code == 404
    client.force_login(mentee)  # validated, but in no pair yet
    for_mentees = survey(pair.programme, Phase.START, Audience.MENTEE)
    assert client.get(reverse("evaluation:answer", args=[for_mentees.pk])).status_code == 404


def test_another_persons_response_answers_404(client, pair, engineer, hr_referent):
    sent = answer(pair, Audience.MENTEE, text="Très personnel")
    url = reverse("evaluation:my_response", args=[sent.pk])
    client.force_login(pair.mentee)
    assert "Très personnel" in client.get(url).content.decode()
    for other in (pair.mentor, engineer, hr_referent):
        client.force_login(other)
        assert client.get(url).status_code == 404


def test_my_questionnaires_lists_what_to_fill_what_was_sent_and_what_comes(
    client, pair, programme, organisation, other_organisation
):
    answer(pair, Audience.MENTEE)
    client.force_login(pair.mentee)
    page = html.unescape(client.get(reverse("evaluation:my_surveys")).content.decode())
    assert "Questionnaire de démarrage — personnes mentorées" in page and "envoyé le" in page
    assert "Point d'étape à mi-parcours — personnes mentorées" in page  # coming
    assert "Questionnaire de fin de programme" not in page  # for closed pairs only


def test_a_participant_with_a_closed_pair_is_asked_at_the_end(
    client, surveys, programme, organisation, other_organisation, time_machine
):
    closed = make_pair(programme, mentee_org=organisation, mentor_org=other_organisation, status=PairStatus.COMPLETED)
    end = survey(programme, Phase.END, Audience.MENTOR)
    time_machine.move_to(end.opens_at, tick=False)
    client.force_login(closed.mentor)
    assert (
        "Questionnaire de fin de programme — mentors" in client.get(reverse("core:dashboard_mentor")).content.decode()
    )
    assert client.get(reverse("evaluation:answer", args=[end.pk])).status_code == 200
