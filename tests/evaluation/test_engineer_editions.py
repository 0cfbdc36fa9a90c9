"""Two editions side by side on the evaluation pages: the questionnaires' list and the indicators
show the edition of the selector, a questionnaire opens in its own edition, the engineer prepares
the questionnaires of an edition in preparation, an HR referent never selects one, and the
2026-2027 participants still answer their questionnaires once 2027-2028 is opened."""

import datetime

import pytest
from django.urls import reverse

from evaluation.enums import Audience, Phase, QuestionKind, ResponseStatus
from evaluation.models import Response, Survey
from evaluation.reference_surveys import surveys_default_create
from sessions_binome.enums import PairStatus
from tests.evaluation.helpers import make_pair, survey
from tests.evaluation.test_participant_pages import _form_data

pytestmark = pytest.mark.django_db

HOME = reverse("evaluation:engineer_home")


def _shown(response):
    return response.wsgi_request.edition_selector.current


def test_the_list_shows_the_running_edition_then_the_one_chosen(client, engineer, surveys, prepared_programme):
    surveys_default_create(prepared_programme)
    client.force_login(engineer)

    response = client.get(HOME)
    assert response.context["programme"] == surveys.first().programme == _shown(response)
    assert {s.programme_id for s in response.context["surveys"]} == {response.context["programme"].pk}

    response = client.get(HOME, {"edition": "2027-2028"})
    assert response.context["programme"] == prepared_programme
    assert {s.programme_id for s in response.context["surveys"]} == {prepared_programme.pk}
    assert 'id="edition-selector"' in response.content.decode()
    # Remembered: the next visit without a choice stays in it.
    assert client.get(HOME).context["programme"] == prepared_programme


def test_the_engineer_prepares_the_questionnaires_of_an_edition_in_preparation(
    client, engineer, surveys, prepared_programme
):
    client.force_login(engineer)
    response = client.post(reverse("evaluation:defaults_create") + "?edition=2027-2028")
    assert response.status_code == 302 and response.url == f"{HOME}?edition=2027-2028"
    assert Survey.objects.filter(programme=prepared_programme).count() == 6

    mid = survey(prepared_programme, Phase.MID, Audience.MENTEE)
    page = client.get(reverse("evaluation:survey_detail", args=[mid.pk]))
    assert page.status_code == 200 and _shown(page) == prepared_programme
    assert f"{HOME}?edition=2027-2028" in page.content.decode()
    count = mid.questions.count()
    response = client.post(
        reverse("evaluation:question_create", args=[mid.pk]),
        {"kind": QuestionKind.TEXT, "text": "Une remarque pour 2027-2028 ?", "indicator": ""},
    )
    assert response.status_code == 302
    assert mid.questions.count() == count + 1
    question = mid.questions.order_by("-position").first()
    assert client.get(reverse("evaluation:question_edit", args=[question.pk])).status_code == 200
    assert client.get(reverse("evaluation:survey_preview", args=[mid.pk])).status_code == 200
    # The running edition's questionnaires are untouched.
    assert survey(surveys.first().programme, Phase.MID, Audience.MENTEE).questions.count() == count


def test_a_questionnaire_opens_in_its_own_edition(client, engineer, surveys, next_programme):
    surveys_default_create(next_programme)
    client.force_login(engineer)
    for programme in (surveys.first().programme, next_programme):
        start = survey(programme, Phase.START, Audience.MENTOR)
        response = client.get(reverse("evaluation:survey_detail", args=[start.pk]))
        assert response.status_code == 200 and _shown(response) == programme
        # The list reached from it is in that edition.
        assert client.get(HOME).context["programme"] == programme


def test_the_indicators_switch_edition_and_hr_cannot_select_one_in_preparation(
    client, engineer, hr_referent, surveys, prepared_programme
):
    client.force_login(engineer)
    url = reverse("evaluation:engineer_indicators")
    assert client.get(url).context["programme"] == surveys.first().programme
    assert client.get(url, {"edition": "2027-2028"}).context["programme"] == prepared_programme

    client.force_login(hr_referent)
    assert client.get(reverse("evaluation:hr_indicators")).context["programme"] == surveys.first().programme
    assert client.get(reverse("evaluation:hr_indicators"), {"edition": "2027-2028"}).status_code == 404
    assert client.get(reverse("evaluation:hr_report"), {"edition": "2027-2028", "format": "html"}).status_code == 404


def test_the_2026_participants_still_answer_their_end_questionnaire_once_2027_is_opened(
    client, surveys, programme, next_programme, organisation, other_organisation, time_machine
):
    surveys_default_create(next_programme)
    pair = make_pair(programme, mentee_org=organisation, mentor_org=other_organisation, status=PairStatus.COMPLETED)
    end = survey(programme, Phase.END, Audience.MENTEE)
    time_machine.move_to(end.opens_at + datetime.timedelta(days=1), tick=False)
    client.force_login(pair.mentee)

    assert reverse("evaluation:answer", args=[end.pk]) in client.get(reverse("evaluation:my_surveys")).content.decode()
    assert client.get(reverse("evaluation:answer", args=[end.pk])).status_code == 200
    client.post(reverse("evaluation:answer", args=[end.pk]), _form_data(end, send="1"))
    assert Response.objects.get(respondent=pair.mentee, survey=end).status == ResponseStatus.SUBMITTED
