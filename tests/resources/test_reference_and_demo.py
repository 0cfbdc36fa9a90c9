"""The platform's own pages (seed_reference) and the demo data of the library and the training."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from candidatures.demo import DEMO_MENTOR
from candidatures.enums import ApplicationRole, ApplicationStatus
from candidatures.models import Application
from mentorat.resources.enums import AgendaStage
from mentorat.resources.models import Resource, TrainingAttendance, TrainingSession
from mentorat.resources.selectors import mentor_is_trained
from tests import pdfs

pytestmark = pytest.mark.django_db


def run(command):
    out = io.StringIO()
    call_command(command, stdout=out)
    return out.getvalue()


def test_seed_reference_loads_the_guide_and_the_first_session_page_for_everyone():
    output = run("seed_reference")

    pages = {resource.slug: resource for resource in Resource.objects.all()}
    # The two guides, and the four agenda templates (issue 23), one per stage.
    assert set(pages) == {"guide-du-mentorat", "preparer-sa-premiere-seance"} | {
        f"modele-ordre-du-jour-{stage}" for stage in AgendaStage.values
    }
    for page in pages.values():
        assert page.published and page.audience == "everyone" and page.programme is None
    assert {page.agenda_stage for page in pages.values()} == {"", *AgendaStage.values}
    for slug in ("guide-du-mentorat", "preparer-sa-premiere-seance"):
        assert len(pages[slug].body) > 4000
    guide = pages["guide-du-mentorat"].body
    for subject in (
        "n'est pas",
        "confidentialité",
        "EMCC",
        "charte",
        "Changer de mentor",
        "Qui contacter",
        "sept mois",
    ):
        assert subject.lower() in guide.lower()
    first_session = pages["preparer-sa-premiere-seance"].body
    for subject in ("Avant la séance", "Pendant la séance", "Après la séance", "questions", "cadre", "visioconférence"):
        assert subject.lower() in first_session.lower()
    assert "Pages de ressources : 6 (création : 6, mise à jour : 0)" in output


def test_a_second_seed_reference_writes_nothing_and_keeps_the_engineers_edits():
    run("seed_reference")
    Resource.objects.filter(slug="guide-du-mentorat").update(body="Texte réécrit par l'ingénieure.")

    with CaptureQueriesContext(connection) as queries:
        run("seed_reference")

    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert writes == []
    assert Resource.objects.get(slug="guide-du-mentorat").body == "Texte réécrit par l'ingénieure."


def test_a_person_without_role_reads_the_guide(client, nobody):
    run("seed_reference")
    client.force_login(nobody)

    response = client.get(reverse("resources:detail", args=["guide-du-mentorat"]))

    assert response.status_code == 200
    assert "<table>" in response.content.decode()


@pytest.fixture
def seeded(seeded_demo):
    return seeded_demo


def test_the_demo_has_two_video_sessions_in_september_and_october_2026(seeded):
    sessions = list(TrainingSession.objects.order_by("starts_at"))
    assert [(s.starts_at.year, s.starts_at.month) for s in sessions] == [(2026, 9), (2026, 10)]
    assert all(session.link for session in sessions)


def test_most_validated_demo_mentors_are_trained_and_a_few_are_not(seeded):
    mentors = Application.objects.filter(
        role=ApplicationRole.MENTOR, status=ApplicationStatus.VALIDATED
    ).select_related("user", "programme")
    trained = [mentor_is_trained(application.user, application.programme) for application in mentors]
    assert 3 <= trained.count(False) <= len(trained) // 5
    assert TrainingAttendance.objects.filter(attended=False).exists()
    demo_mentor = mentors.get(user__email=DEMO_MENTOR.email)
    assert mentor_is_trained(demo_mentor.user, demo_mentor.programme)


def test_the_demo_library_has_pages_and_a_real_pdf_for_mentors(seeded):
    resources = {resource.slug: resource for resource in Resource.objects.all()}
    assert len(resources) >= 5
    support = resources["support-de-formation-des-mentors"]
    assert support.audience == "mentors" and support.is_file
    with support.file.open("rb") as handle:
        content = handle.read()
    assert content.startswith(b"%PDF-") and len(content) == support.file_size
    pdfs.assert_accessible_pdf(content, title="Support de formation des mentors")
    assert "1. La posture du mentor" in pdfs.text(content)
    assert resources["trame-de-preparation-de-seance"].audience == "mentees"


def test_a_second_seed_demo_changes_nothing_in_the_library_and_training(seeded):
    def snapshot():
        return (
            sorted(Resource.objects.values_list("slug", "file", "updated_at")),
            sorted(TrainingSession.objects.values_list()),
            sorted(TrainingAttendance.objects.values_list()),
        )

    before = snapshot()
    run("seed_demo")
    assert snapshot() == before
