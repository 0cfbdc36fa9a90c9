"""The whole programme cycle in a real browser, each role in its own browser context: invitation and
validation by HR, applications (the mentee's with the keyboard only), matching, choice, acceptance,
frame and charter, a session planned then logged, the mentee's shared notes, her mid-term check-in,
the start questionnaire of a late joiner, the evaluation report, the fit check and a change of mentor,
the closing step and the archive of the ended pair."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from candidatures.enums import ApplicationStatus
from candidatures.models import Application
from evaluation.enums import Audience, Phase
from evaluation.models import Survey
from evaluation.reference_surveys import surveys_default_create
from matching.selectors import matching_settings
from sessions_binome.models import Charter, MentoringSession, Pair, PairFrame, PairTakeaway
from tests.browser.helpers import axe_run, blocking_violations, describe, login
from tests.factories import DEFAULT_PASSWORD


def tab_to(page, selector, limit=150):
    """Press Tab until the element matching `selector` has the focus (the keyboard path a person takes)."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def apply_as_mentee_with_the_keyboard(page):
    page.goto("/candidater/mentee/")
    page.keyboard.press("Tab")  # the skip link, then into the form
    tab_to(page, "#id_track_0")
    page.keyboard.press("Space")
    tab_to(page, "#id_years_experience")
    page.keyboard.type("6")
    tab_to(page, "#id_themes_0")
    page.keyboard.press("Space")
    tab_to(page, "#id_objectives")
    page.keyboard.type("Prendre ma place de manageuse et animer ma première équipe.")
    for selector in ["#id_availability_0", "#id_availability_3"]:
        tab_to(page, selector)
        page.keyboard.press("Space")
    for name in [
        "ack_duration",
        "ack_rhythm",
        "ack_working_time",
        "ack_volunteering",
        "ack_confidentiality",
        "ack_change_mentor",
        "data_consent",
    ]:
        tab_to(page, f"#id_{name}")
        if not page.evaluate("document.activeElement.checked"):
            page.keyboard.press("Space")
    tab_to(page, "button[value=submit]")
    page.keyboard.press("Enter")
    page.wait_for_load_state()


def apply_as_mentor(page):
    page.goto("/candidater/mentor/")
    page.locator("#id_track_0").check()
    page.locator("#id_years_experience").fill("18")
    page.locator("#id_themes_1").check()
    page.locator("#id_objectives").fill("Dix ans d'encadrement d'équipes en caisse.")
    page.locator("#id_presentation").fill("Manager depuis dix ans, j'aime transmettre.")
    page.locator("#id_availability_0").check()
    page.locator("#id_availability_3").check()
    page.get_by_label("1 mentoré", exact=True).check()
    for name in [
        "ack_duration",
        "ack_rhythm",
        "ack_working_time",
        "ack_volunteering",
        "ack_confidentiality",
        "ack_change_mentor",
        "data_consent",
    ]:
        page.locator(f"#id_{name}").check()
    page.locator("button[value=submit]").click()
    page.wait_for_load_state()


def validate(page, application):
    page.goto(f"/examen/candidatures/{application.pk}/")
    page.get_by_label("Valider la candidature").check()
    page.get_by_role("button", name="Enregistrer la décision").click()
    page.wait_for_load_state()


def fill_frame(page, pair_pk, *, objective=None):
    page.goto(f"/binomes/{pair_pk}/cadre/")
    if objective:
        page.locator("#id_objectifs-0-text").fill(objective)
        page.locator("#id_objectifs-0-start_assessment").select_option("2")
    page.locator("#id_rhythm_0").check()
    start = timezone.localdate() + datetime.timedelta(days=31)
    page.locator("#id_starts_on").fill(start.isoformat())
    page.locator("#id_ends_on").fill((start + datetime.timedelta(days=180)).isoformat())
    page.locator("#id_video").fill("Teams")
    page.get_by_role("button", name="Enregistrer le cadre").click()
    page.wait_for_load_state()


def sign_charter(page, pair_pk):
    page.goto(f"/binomes/{pair_pk}/charte/")
    page.locator("#id_accept").check()
    page.locator("#id_password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Signer la charte").click()
    page.wait_for_load_state()


def answer_open_survey(page):
    """Answer every question: the first choice of each group, a sentence in each text box."""
    for name in page.evaluate(
        "() => [...new Set([...document.querySelectorAll('#contenu form input[type=radio], #contenu form input[type=checkbox]')].map(i => i.name))]"
    ):
        page.locator(f"#contenu form input[name='{name}']").first.check()
    for box in page.locator("#contenu form textarea").all():
        box.fill("Un accompagnement utile.")


@pytest.mark.django_db(transaction=True)
def test_the_whole_cycle_in_a_browser(new_page, cast, screenshot):
    blocking = {}

    def capture(page, name):
        """A screenshot of the key page, and axe-core's check of it."""
        screenshot(page, name)
        found = blocking_violations(axe_run(page))
        if found:
            blocking[name] = describe(found)

    programme = cast["programme"]
    # Hélène refers both organisations, so that one HR referent validates both applications.
    cast["hr"].hr_organisations.add(cast["mentor"].organisation)
    Charter.objects.create(
        programme=programme,
        version=1,
        title="Charte du mentorat",
        body="Bienveillance, confidentialité, régularité.",
        published_at=timezone.now() - datetime.timedelta(days=30),
    )

    # 1. The HR referent invites the mentee from her relay kit.
    hr = new_page()
    login(hr, cast["hr"])
    capture(hr, "cycle-01-hr-dashboard")
    hr.goto(f"/rh/organismes/{cast['mentee'].organisation_id}/kit/")
    hr.get_by_label("Adresses électroniques à inviter").fill(cast["mentee"].email)
    hr.get_by_role("button", name="Envoyer les invitations").click()
    hr.wait_for_load_state()
    capture(hr, "cycle-02-hr-invitations")
    assert "invitation" in hr.locator("#contenu").inner_text()
    assert any(cast["mentee"].email in message.to for message in mail.outbox)

    # 2. The mentee applies to P1 with the keyboard only.
    mentee = new_page()
    login(mentee, cast["mentee"])
    apply_as_mentee_with_the_keyboard(mentee)
    capture(mentee, "cycle-03-mentee-application")
    application = Application.objects.get(user=cast["mentee"], programme=programme)
    assert application.status == ApplicationStatus.SUBMITTED, mentee.locator("#contenu").inner_text()[:500]
    assert application.track.code == "P1"

    # 3. The mentor applies.
    mentor = new_page()
    login(mentor, cast["mentor"])
    apply_as_mentor(mentor)
    capture(mentor, "cycle-04-mentor-application")
    mentor_application = Application.objects.get(user=cast["mentor"], programme=programme)
    assert mentor_application.status == ApplicationStatus.SUBMITTED, mentor.locator("#contenu").inner_text()[:500]

    # 4. The HR referent validates both.
    validate(hr, application)
    capture(hr, "cycle-05-hr-review")
    validate(hr, mentor_application)
    application.refresh_from_db()
    mentor_application.refresh_from_db()
    assert (application.status, mentor_application.status) == (ApplicationStatus.VALIDATED, ApplicationStatus.VALIDATED)

    # 5. The engineer runs the matching of P1 (in-process here) and publishes it.
    engineer = new_page()
    login(engineer, cast["engineer"])
    engineer.goto("/pilotage/mise-en-relation/")
    capture(engineer, "cycle-06-engineer-console")
    engineer.get_by_role("button", name="Lancer la mise en relation — P1").click()
    engineer.wait_for_load_state()
    engineer.reload()
    publish = engineer.get_by_role("button", name="Publier les propositions")
    publish.wait_for()
    capture(engineer, "cycle-07-engineer-run")
    engineer.get_by_label("J'ai relu les propositions").check()
    publish.click()
    engineer.wait_for_load_state()
    assert "publiée" in engineer.locator("#contenu").inner_text()

    # 6. The mentee gives her civility on her profile, so that the mentor is told « une mentorée ».
    mentee.goto("/compte/profil/")
    mentee.get_by_label("Madame").check()
    mentee.get_by_role("button", name="Enregistrer mon profil").click()
    mentee.wait_for_load_state()
    # Before choosing, she asks her proposed mentor one question (the engineer allowed it); he answers.
    settings = matching_settings(programme)
    settings.questions_enabled = True
    settings.save()
    mentee.goto("/mes-propositions/")
    mentee.get_by_text("Poser une question à Marc avant de choisir").click()
    mentee.get_by_label("Votre question").first.fill("Bonjour, êtes-vous disponible en fin de journée ?")
    mentee.get_by_role("button", name="Envoyer ma question").click()
    mentee.wait_for_load_state()
    mentor.goto("/demandes/")
    assert "Une mentorée" in mentor.locator("#contenu").inner_text()
    mentor.locator("#contenu a[href^='/demandes/questions/']").first.click()
    mentor.get_by_label("Votre réponse").fill("Oui, le mardi après 16 h, en visio.")
    mentor.get_by_role("button", name="Envoyer ma réponse").click()
    mentor.wait_for_load_state()
    capture(mentor, "cycle-08a-mentor-answers-a-question")
    # 7. The mentee reads his answer and chooses him; the mentor accepts.
    mentee.goto("/mes-propositions/")
    assert "le mardi après 16 h" in mentee.locator("#contenu").inner_text()
    capture(mentee, "cycle-08-mentee-proposals")
    mentee.get_by_label("Un mot pour votre futur mentor").first.fill("Bonjour Marc, au plaisir d'échanger.")
    mentee.get_by_role("button", name="Choisir Marc").click()
    mentee.wait_for_load_state()
    mentor.goto("/demandes/")
    capture(mentor, "cycle-09-mentor-requests")
    mentor.locator("#contenu a[href^='/demandes/']").first.click()
    mentor.get_by_label("J'accepte d'accompagner cette personne").check()
    mentor.get_by_role("button", name="Envoyer ma réponse").click()
    mentor.wait_for_load_state()
    capture(mentor, "cycle-10-mentor-accepted")
    pair = Pair.objects.get(mentee=cast["mentee"], mentor=cast["mentor"])

    # The pair exists: the mentee writes to her mentor from the pair's page; he reads it.
    mentee.goto(f"/binomes/{pair.pk}/")
    mentee.get_by_role("link", name="Messages de notre binôme").click()
    mentee.get_by_label("Votre message").fill("Bonjour Marc, quand pouvons-nous convenir du cadre ?")
    mentee.get_by_role("button", name="Envoyer").click()
    mentee.wait_for_load_state()
    mentor.goto(f"/binomes/{pair.pk}/")
    mentor.get_by_role("link", name="Messages de notre binôme").click()
    mentor.wait_for_load_state()
    assert "quand pouvons-nous convenir du cadre" in mentor.content()
    capture(mentor, "cycle-10b-mentor-reads-message")

    # 8. Both complete the frame (the mentee writes an objective), confirm it and sign the charter.
    fill_frame(mentee, pair.pk, objective="Conduire mon premier entretien annuel.")
    capture(mentee, "cycle-11-mentee-frame")
    mentor.goto(f"/binomes/{pair.pk}/cadre/")
    mentor.get_by_label("Votre commentaire ou vos propositions").fill("Je propose le mardi après-midi, en visio.")
    mentor.get_by_role("button", name="Enregistrer le cadre").click()
    mentor.wait_for_load_state()
    mentee.reload()
    mentee.get_by_role("button", name="Je confirme ce cadre").click()
    mentee.wait_for_load_state()
    mentor.reload()
    mentor.get_by_role("button", name="Je confirme ce cadre").click()
    mentor.wait_for_load_state()
    capture(mentor, "cycle-12-mentor-frame-confirmed")
    sign_charter(mentee, pair.pk)
    sign_charter(mentor, pair.pk)
    capture(mentor, "cycle-13-charter-signed")
    pair.refresh_from_db()
    assert pair.status == "active", pair.status

    # 9. The mentee plans a session; time passes; the mentor logs it.
    mentee.goto(f"/binomes/{pair.pk}/seances/nouvelle/")
    when = timezone.localtime() + datetime.timedelta(days=32)
    mentee.get_by_label("Date et heure (heure de Paris)").fill(when.strftime("%Y-%m-%dT10:00"))
    mentee.get_by_label("Lien de visioconférence").fill("https://visio.example.fr/binome")
    mentee.get_by_role("button", name="Enregistrer et prévenir mon binôme").click()
    mentee.wait_for_load_state()
    capture(mentee, "cycle-14-session-planned")
    session = MentoringSession.objects.get(pair=pair)
    MentoringSession.objects.filter(pk=session.pk).update(starts_at=timezone.now() - datetime.timedelta(days=1))
    mentor.goto(f"/seances/{session.pk}/compte-rendu/")
    mentor.get_by_label("tenue").check()
    mentor.get_by_label("Durée réelle (minutes)").fill("55")
    mentor.get_by_label("Notes partagées avec votre mentoré").fill("Préparation de l'entretien annuel.")
    mentor.get_by_role("button", name="Enregistrer").click()
    mentor.wait_for_load_state()
    capture(mentor, "cycle-15-session-logged")
    session.refresh_from_db()
    assert session.status == "held", session.status

    # The mentee adds what she took away to the shared notes; the mentor reads it on the pair's page.
    mentee.goto(f"/binomes/{pair.pk}/")
    mentee.get_by_role("link", name="Compléter les notes partagées").click()
    mentee.get_by_label("Notes partagées").fill("Préparation de l'entretien annuel.\nMoi : une trame en trois temps.")
    mentee.get_by_role("button", name="Enregistrer les notes partagées").click()
    mentee.wait_for_load_state()
    mentor.goto(f"/binomes/{pair.pk}/")
    assert "une trame en trois temps" in mentor.locator("#contenu").inner_text()
    capture(mentor, "cycle-15b-mentor-reads-mentee-notes")

    # Mid-term (the frame's dates moved so that its middle has passed): the mentee takes stock of her
    # objective from « À faire maintenant »; both read start → mid on the pair's page, once.
    PairFrame.objects.filter(pair=pair).update(
        starts_on=timezone.localdate() - datetime.timedelta(days=60),
        ends_on=timezone.localdate() + datetime.timedelta(days=60),
    )
    mentee.goto(f"/binomes/{pair.pk}/")
    mentee.get_by_role("link", name="Faire le point à mi-parcours sur mes objectifs").click()
    mentee.wait_for_load_state()
    capture(mentee, "cycle-15c-mentee-mid-term")
    mentee.get_by_label("4", exact=True).check()
    mentee.get_by_role("button", name="Enregistrer mon point à mi-parcours").click()
    mentee.wait_for_load_state()
    capture(mentee, "cycle-15d-mentee-pair-progress")
    assert mentee.locator("#contenu").inner_text().count("Conduire mon premier entretien annuel.") == 1
    mentor.goto(f"/binomes/{pair.pk}/")
    assert "+2 points" in mentor.locator(".objective-progress").inner_text()

    # 9b. Each says privately whether the pair suits them; the mentee rates the session for herself.
    mentee.goto(f"/binomes/{pair.pk}/")
    mentee.get_by_role("link", name="Apprécier la séance").click()
    capture(mentee, "cycle-15e-mentee-session-rating")
    mentee.get_by_label("2 — Peu utile").check()
    mentee.get_by_label("Commentaire (facultatif)").fill("Un peu dispersée, à recentrer.")
    mentee.get_by_role("button", name="Enregistrer").click()
    mentee.wait_for_load_state()
    mentee.get_by_role("link", name="Ce binôme vous convient-il ? Répondre en un clic").click()
    capture(mentee, "cycle-15f-mentee-fit-check")
    mentee.get_by_label("J'aimerais en parler").check()
    mentee.get_by_role("button", name="Enregistrer ma réponse").click()
    mentee.wait_for_load_state()
    capture(mentee, "cycle-15g-mentee-pair-rated")
    assert "Un peu dispersée" in mentee.content()
    mentor.goto(f"/binomes/{pair.pk}/ce-binome-vous-convient/")
    mentor.get_by_label("Oui, ce binôme me convient").check()
    mentor.get_by_role("button", name="Enregistrer ma réponse").click()
    mentor.wait_for_load_state()
    assert "Un peu dispersée" not in mentor.content() and "parler" not in mentor.locator("#contenu").inner_text()
    # The engineer sees the pair's health and its reason, nothing of what was said.
    engineer.goto("/pilotage/binomes/?health=check_in")
    capture(engineer, "cycle-15h-engineer-pairs-health")
    listed = engineer.locator("#contenu").inner_text()
    assert "Point à faire" in listed and "un membre aimerait faire le point" in listed
    assert "Un peu dispersée" not in engineer.content() and "J'aimerais en parler" not in listed

    # 10. The start questionnaire closed before the pair began: the mentee, a late joiner, has three
    # weeks from the activation; the menu counts it.
    surveys_default_create(programme)
    survey = Survey.objects.get(programme=programme, phase=Phase.START, audience=Audience.MENTEE)
    Survey.objects.filter(pk=survey.pk).update(
        opens_at=timezone.now() - datetime.timedelta(days=40), closes_at=timezone.now() - datetime.timedelta(hours=2)
    )
    mentee.goto("/questionnaires/")
    assert mentee.get_by_role("link", name="Questionnaires 1 à remplir").count() == 1
    assert "Clos sans réponse" not in mentee.locator("#contenu").inner_text()
    capture(mentee, "cycle-16-mentee-surveys")
    mentee.goto(f"/questionnaires/{survey.pk}/")
    answer_open_survey(mentee)
    mentee.get_by_role("button", name="Envoyer mes réponses").click()
    mentee.wait_for_load_state()
    capture(mentee, "cycle-17-mentee-survey-sent")
    assert survey.responses.filter(submitted_at__isnull=False).count() == 1, mentee.locator("#contenu").inner_text()[
        :800
    ]

    # 11. The engineer reads the indicators, has the evaluation report prepared in the background and
    # downloads it.
    engineer.goto("/pilotage/evaluation/indicateurs/")
    capture(engineer, "cycle-18-engineer-indicators")
    engineer.goto("/pilotage/evaluation/indicateurs/rapport/")
    engineer.get_by_role("button", name="Préparer le rapport complet").click()
    engineer.wait_for_load_state()
    engineer.goto("/pilotage/evaluation/indicateurs/rapport/")
    # The full report carries pseudonymised data: the engineer types her password again first.
    engineer.locator("#rapports").get_by_role("link", name="PDF", exact=True).first.click()
    engineer.wait_for_load_state()
    engineer.locator("#contenu input[name=password]").fill(DEFAULT_PASSWORD)
    with engineer.expect_download() as download_info:
        engineer.locator("#contenu form [type=submit]").first.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf"), download.suggested_filename
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    # 12. The mentee wishes to change after all: she confirms with a reason and is back to her proposals.
    mentee.goto(f"/binomes/{pair.pk}/ce-binome-vous-convient/")
    mentee.get_by_label("Je souhaite changer").check()
    mentee.get_by_role("button", name="Enregistrer ma réponse").click()
    mentee.wait_for_load_state()
    capture(mentee, "cycle-19-mentee-change-mentor")
    mentee.locator("#contenu textarea").first.fill("Nos attentes sont trop différentes.")
    for box in mentee.locator("#contenu form input[type=checkbox]").all():
        box.check()
    mentee.get_by_role("button", name="Mettre fin au binôme").click()
    mentee.wait_for_load_state()
    capture(mentee, "cycle-20-mentee-new-proposals")
    pair.refresh_from_db()
    assert pair.status == "ended", pair.status
    assert "/mes-propositions/" in mentee.url

    # 13. The pair ended early: each member goes through the closing step; both keep the archive.
    mentee.goto("/tableau-de-bord/")
    mentee.get_by_role("link", name="Bilan de fin de binôme").first.click()
    mentee.wait_for_load_state()
    mentee.locator("#contenu input[type=radio][value='4']").first.check()
    mentee.get_by_label("Ce que vous emportez de ces mois de mentorat").fill(
        "Je prépare mes entretiens avec une trame écrite."
    )
    capture(mentee, "cycle-21-mentee-closing")
    mentee.get_by_role("button", name="Enregistrer mon bilan").click()
    mentee.wait_for_load_state()
    assert PairTakeaway.objects.filter(pair=pair, author=cast["mentee"]).exists(), mentee.locator(
        "#contenu"
    ).inner_text()[:800]
    mentor.goto(f"/binomes/{pair.pk}/cloture/")
    mentor.get_by_label("Ce que vous emportez de ces mois de mentorat").fill(
        "Transmettre oblige à clarifier ses pratiques."
    )
    mentor.get_by_role("button", name="Enregistrer mon bilan").click()
    mentor.wait_for_load_state()
    mentor.get_by_role("link", name="Consulter l'archive du binôme").first.click()
    mentor.wait_for_load_state()
    capture(mentor, "cycle-22-mentor-archive")
    archive = mentor.locator("#contenu").inner_text()
    assert "Préparation de l'entretien annuel." in archive and "Transmettre oblige" in archive
    assert "trame écrite" not in archive  # what the mentee takes away is hers alone

    assert not blocking, "\n".join(f"{name}: {text}" for name, text in blocking.items())
