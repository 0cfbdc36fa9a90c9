"""The mentee's proposals read like people (issue 23 item 7): initials, job, organisation, branch,
experience, the mentor's own presentation, an explanation in sentences addressed to her with no
keyword list, « il » / « elle » only when the mentor gave a civility."""

import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from matching import explain
from matching.enums import RunStatus
from matching.models import MatchingRun
from matching.selectors import proposals_for_mentee
from sessions_binome.models import Pair
from tests.factories import ApplicationFactory, BranchFactory, OrganisationFactory, ThemeFactory, UserFactory
from tests.matching.test_choice import publish

OBJECTIVES = "Apprendre à déléguer, accompagner mon équipe dans le changement sans perdre le fil des échanges."
PRESENTATION = (
    "Manageuse depuis douze ans dans la branche retraite. J'aime accompagner une équipe qui change. "
    "Je crois aux échanges entre pairs."
)


@pytest.fixture
def themes(db):
    return [ThemeFactory(code="delegation", label="Délégation"), ThemeFactory(code="numerique", label="Numérique")]


@pytest.fixture
def mentee_app(programme, organisation, themes):
    user = UserFactory(email="alice.mentoree@assurance-maladie.fr", first_name="Alice", organisation=organisation)
    application = ApplicationFactory(
        programme=programme,
        user=user,
        validated=True,
        objectives=OBJECTIVES,
        years_experience=4,
        availability=["mar-matin", "jeu-aprem"],
        prefers_other_branch=True,
    )
    application.themes.set(themes)
    return application


def _mentor(programme, themes, *, civility="", email="claire.martin@carsat.fr"):
    carsat = OrganisationFactory(
        code="CARSAT-RA", name="Carsat Rhône-Alpes", branch=BranchFactory(code="retraite", name="Retraite")
    )
    user = UserFactory(
        email=email, first_name="Claire", last_name="Martin", civility=civility, organisation=carsat, job_title="x"
    )
    application = ApplicationFactory(
        programme=programme,
        user=user,
        mentor=True,
        validated=True,
        job_title="Responsable du service retraite",
        presentation=PRESENTATION,
        years_experience=16,
        availability=["jeu-aprem", "ven-matin"],
    )
    application.themes.set(themes[:1])
    return application


def _sentences(mentee_app):
    _run, proposals = proposals_for_mentee(mentee_app)
    explain.proposal_sentences(mentee_app, proposals)
    return proposals[0].sentences


def test_the_explanation_is_sentences_addressed_to_the_mentee(programme, mentee_app, themes):
    publish(programme, mentee_app, [_mentor(programme, themes)])

    assert _sentences(mentee_app) == [
        "Claire propose un thème que vous avez choisi : délégation.",
        "En écho à vos objectifs, Claire écrit : «\u00a0J'aime accompagner une équipe qui change.\u00a0»",
        "Comme vous le souhaitiez, Claire travaille dans une autre branche que vous (Retraite).",
        "Claire a 12 ans d'expérience de plus que vous.",
        "Vous avez un créneau en commun : jeudi après-midi.",
    ]


def test_the_echo_never_lists_the_stemmer_s_keywords(programme, mentee_app, themes):
    # The engine's sentence for the engineer lists stems' words (« perdre, échange »): not the mentee's.
    run = publish(programme, mentee_app, [_mentor(programme, themes)])
    run.proposals.update(
        criteria={"objectives": [0.2, "Objectifs et présentation du mentor en écho : perdre, échange"]}
    )

    sentences = " ".join(_sentences(mentee_app))

    assert "perdre" not in sentences and "en écho :" not in sentences


@pytest.mark.parametrize(("civility", "who"), [("mme", "elle"), ("m", "il"), ("", "Claire")])
def test_the_mentor_is_elle_or_il_only_when_they_gave_a_civility(programme, mentee_app, themes, civility, who):
    publish(programme, mentee_app, [_mentor(programme, themes, civility=civility)])

    assert f"En écho à vos objectifs, {who} écrit : " in _sentences(mentee_app)[1]


def test_a_presentation_sharing_one_word_with_the_objectives_gives_no_echo(programme, mentee_app, themes):
    mentor = _mentor(programme, themes)
    mentor.presentation = "Trente ans de métier. Je crois aux échanges entre pairs."
    mentor.save()
    publish(programme, mentee_app, [mentor])

    assert not any("écho" in sentence for sentence in _sentences(mentee_app))


def test_the_card_shows_initials_job_organisation_branch_experience_and_presentation(
    client, programme, mentee_app, themes
):
    publish(programme, mentee_app, [_mentor(programme, themes)])
    client.force_login(mentee_app.user)

    body = html.unescape(client.get(reverse("matching:my_proposals")).content.decode())

    assert 'aria-hidden="true">CM</span>' in body
    for text in (
        "Claire Martin",
        "Responsable du service retraite",
        "Carsat Rhône-Alpes",
        "Retraite",
        "16 ans",
        "Claire se présente",
        "Je crois aux échanges entre pairs.",
        "Pourquoi Claire ?",
        "Claire a 12 ans d'expérience de plus que vous.",
    ):
        assert text in body, text
    assert "mentoré" not in body.split("<main", 1)[1].split("</main>", 1)[0]


def test_the_page_makes_the_same_number_of_queries_for_2_or_5_proposals(client, programme, mentee_app, themes):
    mentors = [_mentor(programme, themes, email=f"mentor{n}@carsat.fr") for n in range(5)]
    client.force_login(mentee_app.user)
    run = publish(programme, mentee_app, mentors[:2])
    client.get(reverse("matching:my_proposals"))  # once first: the edition's settings row is made then
    with CaptureQueriesContext(connection) as two:
        client.get(reverse("matching:my_proposals"))
    run.status = RunStatus.SUPERSEDED
    run.save()
    publish(programme, mentee_app, mentors)
    with CaptureQueriesContext(connection) as five:
        client.get(reverse("matching:my_proposals"))

    assert len(five) == len(two)


def test_a_paired_mentee_is_not_told_proposals_are_to_come_after_a_new_matching_run(
    client, programme, mentee_app, themes
):
    mentor = _mentor(programme, themes)
    publish(programme, mentee_app, [mentor])
    Pair.objects.create(
        programme=programme,
        track=mentee_app.track,
        mentee=mentee_app.user,
        mentor=mentor.user,
        mentee_application=mentee_app,
        mentor_application=mentor,
    )
    # A later run of the track supersedes the one that proposed her mentor; it no longer lists her.
    MatchingRun.objects.filter(programme=programme).update(status=RunStatus.SUPERSEDED)
    MatchingRun.objects.create(
        programme=programme, track=mentee_app.track, status=RunStatus.PUBLISHED, published_at=timezone.now()
    )
    client.force_login(mentee_app.user)

    for url in (reverse("core:dashboard_mentee"), reverse("matching:my_proposals")):
        body = html.unescape(client.get(url).content.decode())
        assert "apparaîtront ici" not in body.replace("Votre binôme, sa charte et vos séances apparaîtront ici", "")
        assert "Claire Martin" in body


def test_the_civility_is_optional_on_the_profile_and_kept(client, mentee_app):
    user = mentee_app.user
    client.force_login(user)
    data = {"first_name": "Alice", "last_name": "Durand", "job_title": "", "phone": ""}

    assert client.post(reverse("accounts:profile"), data).status_code == 302
    user.refresh_from_db()
    assert user.civility == ""
    client.post(reverse("accounts:profile"), {**data, "civility": "mme"})
    user.refresh_from_db()
    assert user.civility == "mme"
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "Madame" in page and "Monsieur" in page and "Non précisée" in page
    assert client.post(reverse("accounts:profile"), {**data, "civility": "x"}).status_code == 200


def test_a_one_sentence_presentation_is_not_quoted_twice(programme, mentee_app, themes):
    mentor = _mentor(programme, themes)
    mentor.presentation = "J'aime accompagner une équipe qui change."
    mentor.save()
    publish(programme, mentee_app, [mentor])

    assert "La présentation de Claire fait écho à vos objectifs." in _sentences(mentee_app)
