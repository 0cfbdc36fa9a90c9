"""Two editions side by side in the library and the engineer's resource and training pages."""

import pytest
import time_machine
from django.urls import reverse

from mentorat.resources.models import Resource, TrainingSession
from tests.factories import ApplicationFactory, UserFactory
from tests.resources.factories import ResourceFactory, TrainingSessionFactory
from tests.sessions_binome.pairs import paris

pytestmark = pytest.mark.django_db

LIBRARY, MANAGE, TRAINING = reverse("resources:list"), reverse("resources:manage"), reverse("resources:training")


@pytest.fixture(autouse=True)
def _november_2026():
    with time_machine.travel(paris(2026, 11, 16, 9, 0), tick=False):
        yield


def _titles(response):
    return sorted(resource.title for resource in response.context["resources"])


# --- the library ----------------------------------------------------------------------------------


@pytest.fixture
def library(programme, next_programme):
    return {
        "all": ResourceFactory(title="Toutes"),
        "mentees 26": ResourceFactory(title="Mentorés 26", for_mentees=True, programme=programme),
        "mentors 26": ResourceFactory(title="Mentors 26", for_mentors=True, programme=programme),
        "everyone 27": ResourceFactory(title="Tous 27", programme=next_programme),
        "mentors 27": ResourceFactory(title="Mentors 27", for_mentors=True, programme=next_programme),
        "mentees 27": ResourceFactory(title="Mentorés 27", for_mentees=True, programme=next_programme),
        "hr 27": ResourceFactory(title="RH 27", for_hr=True, programme=next_programme),
    }


def test_a_2026_mentee_keeps_her_resources_once_2027_is_opened(client, library, mentee):
    client.force_login(mentee)
    assert _titles(client.get(LIBRARY)) == ["Mentorés 26", "Toutes"]
    assert client.get(reverse("resources:detail", args=[library["mentees 26"].slug])).status_code == 200
    assert client.get(reverse("resources:detail", args=[library["everyone 27"].slug])).status_code == 404


def test_roles_are_per_edition_in_the_library(client, library, mentee, next_programme):
    """A 2026-2027 mentee who mentors in 2027-2028 reads the mentees' resources of 2026-2027 and
    the mentors' of 2027-2028, not the other way round."""
    ApplicationFactory(programme=next_programme, user=mentee, mentor=True)
    client.force_login(mentee)
    assert _titles(client.get(LIBRARY)) == ["Mentors 27", "Mentorés 26", "Tous 27", "Toutes"]
    for name, status in (("mentors 27", 200), ("mentees 27", 404), ("mentors 26", 404), ("mentees 26", 200)):
        assert client.get(reverse("resources:detail", args=[library[name].slug])).status_code == status, name


def test_the_hr_referent_reads_the_edition_chosen_but_never_one_in_preparation(
    client, programme, hr_referent, prepared_programme
):
    hr_next = ResourceFactory(title="RH 27", for_hr=True, programme=prepared_programme)
    ResourceFactory(title="RH 26", for_hr=True, programme=programme)
    client.force_login(hr_referent)
    assert _titles(client.get(LIBRARY)) == ["RH 26"]
    assert client.get(LIBRARY, {"edition": "2027-2028"}).status_code == 404
    assert client.get(reverse("resources:detail", args=[hr_next.slug])).status_code == 404


def test_the_hr_referent_switches_edition_in_the_library(client, library, hr_referent):
    client.force_login(hr_referent)
    assert _titles(client.get(LIBRARY)) == ["Toutes"]
    assert _titles(client.get(LIBRARY, {"edition": "2027-2028"})) == ["RH 27", "Tous 27", "Toutes"]


# --- the engineer's pages -------------------------------------------------------------------------


def test_the_resources_list_shows_the_running_edition_then_the_one_chosen(
    client, engineer, programme, prepared_programme
):
    ResourceFactory(title="Toutes")
    ResourceFactory(title="De 26", programme=programme)
    ResourceFactory(title="De 27", programme=prepared_programme)
    client.force_login(engineer)
    assert _titles(client.get(MANAGE)) == ["De 26", "Toutes"]
    response = client.get(MANAGE, {"edition": "2027-2028"})
    assert _titles(response) == ["De 27", "Toutes"]
    assert response.context["programme"] == prepared_programme


def test_the_engineer_edits_a_resource_of_the_edition_in_preparation(client, engineer, programme, prepared_programme):
    resource = ResourceFactory(title="Guide 27", slug="guide-27", programme=prepared_programme, unpublished=True)
    client.force_login(engineer)
    page = client.get(reverse("resources:edit", args=[resource.pk]))
    assert page.status_code == 200 and page.wsgi_request.edition_selector.current == prepared_programme
    response = client.post(
        reverse("resources:edit", args=[resource.pk]),
        {
            "title": "Guide du mentor 2027-2028",
            "slug": "guide-27",
            "summary": "",
            "kind": "page",
            "body": "Du texte.",
            "audience": "mentors",
            "programme": prepared_programme.pk,
            "position": "1",
        },
    )
    assert response.status_code == 302 and response.url == f"{MANAGE}?edition=2027-2028"
    assert Resource.objects.get(pk=resource.pk).title == "Guide du mentor 2027-2028"
    response = client.post(reverse("resources:publish", args=[resource.pk]), {"published": "1"})
    assert response.url == f"{MANAGE}?edition=2027-2028"


def test_the_training_pages_switch_edition_and_sessions_open_in_theirs(client, engineer, programme, prepared_programme):
    ours = TrainingSessionFactory(programme=programme, title="Session 26")
    theirs = TrainingSessionFactory(programme=prepared_programme, title="Session 27")
    client.force_login(engineer)
    assert [s.title for s in client.get(TRAINING).context["sessions"]] == ["Session 26"]
    assert [s.title for s in client.get(TRAINING, {"edition": "2027-2028"}).context["sessions"]] == ["Session 27"]
    attendance = client.get(reverse("resources:attendance"), {"edition": "2026-2027"})
    assert attendance.context["sessions"] == [ours]
    for session in (ours, theirs):
        response = client.get(reverse("resources:training_edit", args=[session.pk]))
        assert response.status_code == 200 and response.context["programme"] == session.programme


def test_the_engineer_plans_a_training_session_of_the_edition_in_preparation(client, engineer, prepared_programme):
    client.force_login(engineer)
    response = client.post(
        reverse("resources:training_create") + "?edition=2027-2028",
        {
            "title": "Formation 2027",
            "starts_at": "2027-09-28T14:00",
            "duration_minutes": "180",
            "location_or_link": "https://visio.example.fr/f27",
            "description": "",
        },
    )
    assert response.status_code == 302 and response.url == f"{TRAINING}?edition=2027-2028"
    assert TrainingSession.objects.get().programme == prepared_programme


def test_a_validated_2026_mentor_is_on_the_2026_attendance_only(client, engineer, programme, next_programme):
    mentor = UserFactory(email="m@caf.fr", last_name="Mentor")
    ApplicationFactory(programme=programme, user=mentor, mentor=True, validated=True)
    TrainingSessionFactory(programme=programme)
    TrainingSessionFactory(programme=next_programme)
    client.force_login(engineer)
    url = reverse("resources:attendance")
    assert [row["mentor"].user for row in client.get(url, {"edition": "2026-2027"}).context["rows"]] == [mentor]
    assert client.get(url, {"edition": "2027-2028"}).context["rows"] == []
