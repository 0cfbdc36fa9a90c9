"""What a respondent is told about who reads the answers is what the platform does: the engineer's
export carries each answer under a pseudonym (no name), free text comes apart from any person, HR
referents see groups of 5 or more. The old sentence ("the team never sees individual answers") is gone,
from new questionnaires and from those already created with it."""

import csv
import html
import importlib
import io

import pytest
from django.apps import apps
from django.urls import reverse

from evaluation import exports
from evaluation.enums import Audience, Phase
from evaluation.models import Survey
from evaluation.reference_surveys import SURVEYS
from tests.evaluation.helpers import answer, make_pair, survey

pytestmark = pytest.mark.django_db

OLD_FALSE_SENTENCE = "ne voit que des résultats d'ensemble, jamais vos réponses individuelles"
TRUE_WORDS = [
    "l'ingénieur·e en mentorat les reçoit",
    "sous un pseudonyme, sans votre nom ni votre adresse",
    "vos réponses libres lui parviennent à part, détachées de toute personne",
    "Les référents RH ne voient que des résultats d'ensemble portant sur au moins cinq personnes",
]


@pytest.fixture
def pair(surveys, programme, organisation, other_organisation):
    return make_pair(programme, mentee_org=organisation, mentor_org=other_organisation)


@pytest.mark.parametrize("key", sorted(SURVEYS))
def test_every_default_introduction_says_what_the_engineer_receives(surveys, programme, key):
    introduction = survey(programme, *key).introduction
    for words in TRUE_WORDS:
        assert words in introduction, (key, words)
    assert OLD_FALSE_SENTENCE not in introduction
    assert "l'équipe du programme n'en publie que" not in introduction


def test_the_answer_page_and_the_thank_you_say_it_too(client, pair, programme):
    questionnaire = survey(programme, Phase.START, Audience.MENTEE)
    client.force_login(pair.mentee)
    page = html.unescape(client.get(reverse("evaluation:answer", args=[questionnaire.pk])).content.decode())
    assert "sous un pseudonyme, sans votre nom ni votre adresse" in page
    assert OLD_FALSE_SENTENCE not in page
    listing = html.unescape(client.get(reverse("evaluation:my_surveys")).content.decode())
    assert "L'ingénieur·e en mentorat les reçoit sous un pseudonyme" in listing
    assert "ni votre binôme ni votre référent RH ne les lisent" not in listing
    response = answer(pair, Audience.MENTEE)
    thanks = html.unescape(client.get(reverse("evaluation:my_response", args=[response.pk])).content.decode())
    assert "L'ingénieur·e en mentorat les reçoit sous un pseudonyme" in thanks
    assert "Elles ne sont lues qu'au travers de résultats d'ensemble" not in thanks


def test_the_wording_matches_the_export(pair, programme):
    # One row per answer, under the respondent's pseudonym and without their name: what the text says.
    answer(pair, Audience.MENTEE)
    rows = list(csv.reader(io.StringIO(exports.dataset_csv(programme).decode("utf-8-sig")), delimiter=";"))
    header, body = rows[0], rows[1:]
    assert header[0] == "pseudonyme" and body
    assert {row[0] for row in body} == {exports.pseudonym(programme, pair.mentee.pk)}
    flat = " ".join(" ".join(row) for row in rows)
    assert pair.mentee.last_name not in flat and pair.mentee.email not in flat
    assert "pseudonyme" not in exports.FREE_TEXT_COLUMNS


def test_questionnaires_created_with_the_old_words_get_the_true_ones(surveys, programme):
    migration = importlib.import_module("evaluation.migrations.0003_survey_introductions_say_who_reads")
    start, end = survey(programme, Phase.START, Audience.MENTEE), survey(programme, Phase.END, Audience.MENTOR)
    old_start = next(
        old for phase, audience, old, _new in migration.INTRODUCTIONS if (phase, audience) == ("start", "mentee")
    )
    Survey.objects.filter(pk=start.pk).update(introduction=old_start)
    Survey.objects.filter(pk=end.pk).update(introduction="Un texte réécrit par l'ingénieure.")
    migration.forwards(apps, None)
    start.refresh_from_db()
    end.refresh_from_db()
    assert start.introduction == SURVEYS[(Phase.START, Audience.MENTEE)][1]
    assert end.introduction == "Un texte réécrit par l'ingénieure."  # an engineer's text is theirs
