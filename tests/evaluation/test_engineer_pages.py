"""The engineer's questionnaire pages, and who may open which evaluation page (403 for a role that is
not allowed, 404 for someone else's object)."""

import pytest
from django.urls import reverse

from evaluation.enums import Audience, Phase, QuestionKind
from evaluation.models import Survey
from tests.evaluation.helpers import answer, make_pair, survey

pytestmark = pytest.mark.django_db


def test_the_engineer_creates_the_default_set_in_one_click(client, engineer, programme):
    client.force_login(engineer)
    page = client.get(reverse("evaluation:engineer_home")).content.decode()
    assert "Créer les questionnaires par défaut" in page
    client.post(reverse("evaluation:defaults_create"))
    assert Survey.objects.filter(programme=programme).count() == 6
    client.post(reverse("evaluation:defaults_create"))
    assert Survey.objects.filter(programme=programme).count() == 6


def test_the_engineer_adds_a_question_then_it_shows_in_the_preview(client, engineer, surveys, programme):
    mid = survey(programme, Phase.MID, Audience.MENTEE)
    client.force_login(engineer)
    response = client.post(
        reverse("evaluation:question_create", args=[mid.pk]),
        {
            "kind": QuestionKind.MULTIPLE,
            "text": "Quels formats avez-vous utilisés ?",
            "choices_text": "Visio\nTéléphone\nPrésentiel",
            "required": "on",
            "indicator": "",
        },
    )
    assert response.status_code == 302
    assert mid.questions.last().choices == ["Visio", "Téléphone", "Présentiel"]
    assert (
        "Quels formats avez-vous utilisés ?"
        in client.get(reverse("evaluation:survey_preview", args=[mid.pk])).content.decode()
    )


def test_an_impossible_question_shows_the_error_next_to_the_field(client, engineer, surveys, programme):
    mid = survey(programme, Phase.MID, Audience.MENTEE)
    client.force_login(engineer)
    page = client.post(
        reverse("evaluation:question_create", args=[mid.pk]),
        {"kind": QuestionKind.SINGLE, "text": "Oui ?", "choices_text": "Oui", "indicator": ""},
    ).content.decode()
    assert "Indiquez au moins deux options" in page
    assert mid.questions.count() == 4


def test_a_questionnaire_with_answers_offers_no_question_editing(
    client, engineer, surveys, programme, organisation, other_organisation
):
    pair = make_pair(programme, mentee_org=organisation, mentor_org=other_organisation)
    answer(pair, Audience.MENTEE, submit=False)
    start = survey(programme, Phase.START, Audience.MENTEE)
    client.force_login(engineer)
    page = client.get(reverse("evaluation:survey_detail", args=[start.pk])).content.decode()
    assert "verrouillées" in page and "Ajouter une question" not in page
    question = start.questions.first()
    response = client.post(reverse("evaluation:question_delete", args=[question.pk]))
    assert response.status_code == 302
    assert start.questions.count() == 11
    assert client.get(reverse("evaluation:question_edit", args=[question.pk])).status_code == 302


def test_the_engineer_moves_the_closing_date(client, engineer, surveys, programme):
    start = survey(programme, Phase.START, Audience.MENTOR)
    client.force_login(engineer)
    client.post(
        reverse("evaluation:survey_detail", args=[start.pk]),
        {"title": start.title, "introduction": "", "opens_at": "2026-10-16T09:00", "closes_at": "2026-12-15T18:00"},
    )
    start.refresh_from_db()
    assert start.closes_at.isoformat() == "2026-12-15T17:00:00+00:00"


# --- permissions ---------------------------------------------------------------------------------

ENGINEER_PAGES = [
    ("evaluation:engineer_home", []),
    ("evaluation:engineer_indicators", []),
    ("evaluation:engineer_report", []),
    ("evaluation:survey_detail", ["survey"]),
    ("evaluation:survey_preview", ["survey"]),
    ("evaluation:question_create", ["survey"]),
    ("evaluation:question_edit", ["question"]),
]


def _args(names, programme):
    start = survey(programme, Phase.START, Audience.MENTEE)
    values = {"survey": start.pk, "question": start.questions.first().pk}
    return [values[name] for name in names]


@pytest.mark.parametrize("role", ["mentee", "mentor", "hr_referent", "nobody"])
@pytest.mark.parametrize("name, args", ENGINEER_PAGES)
def test_engineer_pages_answer_403_to_other_roles(client, request, surveys, programme, role, name, args):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse(name, args=_args(args, programme))).status_code == 403


@pytest.mark.parametrize("name, args", ENGINEER_PAGES)
def test_engineer_pages_open_for_the_engineer(client, engineer, surveys, programme, name, args):
    client.force_login(engineer)
    response = client.get(reverse(name, args=_args(args, programme)), {"format": "html"})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "role, status", [("hr_referent", 200), ("engineer", 403), ("mentee", 403), ("mentor", 403), ("nobody", 403)]
)
def test_the_hr_page_is_for_hr_referents(client, request, surveys, role, status):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("evaluation:hr_indicators")).status_code == status
    assert client.get(reverse("evaluation:hr_report"), {"format": "html"}).status_code == status


def test_a_survey_of_another_edition_opens_in_its_edition(client, engineer, surveys, programme):
    from evaluation.reference_surveys import surveys_default_create
    from tests.factories import ProgrammeFactory

    older = ProgrammeFactory(
        slug="2025-2026",
        name="Programme 2025-2026",
        starts_on=programme.starts_on.replace(year=2025),
        ends_on=programme.ends_on.replace(year=2026),
    )
    surveys_default_create(older)
    client.force_login(engineer)
    other = older.surveys.first()
    response = client.get(reverse("evaluation:survey_detail", args=[other.pk]))
    assert response.status_code == 200
    assert response.wsgi_request.edition_selector.current == older
    assert f"?edition={older.slug}" in response.content.decode()  # the way back stays in it
    missing = max(survey.pk for survey in older.surveys.all()) + 1000
    assert client.get(reverse("evaluation:survey_detail", args=[missing])).status_code == 404
