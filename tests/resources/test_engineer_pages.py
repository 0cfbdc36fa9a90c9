"""The engineer's pages of the library and the training: 403 for every other role, and what they do."""

import datetime

import pytest
from django.urls import reverse

from mentorat.resources.models import Resource, TrainingSession
from tests.factories import PARIS
from tests.resources.factories import ResourceFactory, TrainingSessionFactory

OTHER_ROLES = ["mentor", "mentee", "hr_referent", "nobody"]


@pytest.fixture
def objects(programme):
    return {"resource": ResourceFactory(), "session": TrainingSessionFactory(programme=programme)}


ROUTES = [
    ("get", "manage", None),
    ("get", "create", None),
    ("post", "create", None),
    ("get", "edit", "resource"),
    ("post", "edit", "resource"),
    ("post", "publish", "resource"),
    ("get", "delete", "resource"),
    ("post", "delete", "resource"),
    ("get", "training", None),
    ("get", "training_create", None),
    ("post", "training_create", None),
    ("get", "training_edit", "session"),
    ("post", "training_edit", "session"),
    ("get", "training_delete", "session"),
    ("post", "training_delete", "session"),
    ("get", "attendance", None),
    ("post", "attendance", None),
]


def _url(name, kind, objects):
    return reverse(f"resources:{name}", args=[objects[kind].pk] if kind else [])


@pytest.mark.parametrize("someone", OTHER_ROLES)
@pytest.mark.parametrize("method,name,kind", ROUTES)
def test_only_the_engineer_reaches_the_management_pages(client, request, objects, someone, method, name, kind):
    client.force_login(request.getfixturevalue(someone))

    response = getattr(client, method)(_url(name, kind, objects))

    assert response.status_code == 403
    assert Resource.objects.count() == 1 and TrainingSession.objects.count() == 1


@pytest.mark.parametrize("name,kind", [(name, kind) for method, name, kind in ROUTES if method == "get"])
def test_the_engineer_reaches_every_management_page(client, engineer, objects, name, kind):
    client.force_login(engineer)

    assert client.get(_url(name, kind, objects)).status_code == 200


def test_the_management_list_shows_unpublished_resources_and_every_audience(client, engineer, programme):
    ResourceFactory(title="Brouillon RH", for_hr=True, unpublished=True)
    client.force_login(engineer)

    body = client.get(reverse("resources:manage")).content.decode()

    assert "Brouillon RH" in body and "Non publiée" in body


def test_unpublishing_hides_the_resource_and_publishing_brings_it_back(client, engineer, nobody, programme):
    resource = ResourceFactory(slug="guide")
    client.force_login(engineer)

    client.post(reverse("resources:publish", args=[resource.pk]), {"published": "0"})

    resource.refresh_from_db()
    assert resource.published is False
    client.force_login(nobody)
    assert client.get(reverse("resources:detail", args=["guide"])).status_code == 404
    client.force_login(engineer)
    client.post(reverse("resources:publish", args=[resource.pk]), {"published": "1"})
    client.force_login(nobody)
    assert client.get(reverse("resources:detail", args=["guide"])).status_code == 200


def test_a_page_is_created_with_a_slug_drawn_from_its_title(client, engineer, programme):
    ResourceFactory(slug="fiche-pratique")
    client.force_login(engineer)

    response = client.post(
        reverse("resources:create"),
        {
            "title": "Fiche pratique",
            "slug": "",
            "summary": "",
            "kind": "page",
            "body": "## Titre\n\nTexte.",
            "audience": "mentees",
            "programme": str(programme.pk),
            "position": "5",
            "published": "on",
        },
    )

    assert response.status_code == 302
    resource = Resource.objects.get(title="Fiche pratique")
    assert (resource.slug, resource.audience, resource.programme, resource.file.name) == (
        "fiche-pratique-2",
        "mentees",
        programme,
        "",
    )


def test_a_slug_already_taken_is_refused_next_to_the_field(client, engineer, programme):
    ResourceFactory(slug="guide")
    client.force_login(engineer)

    response = client.post(
        reverse("resources:create"),
        {
            "title": "Autre guide",
            "slug": "guide",
            "kind": "page",
            "body": "Texte",
            "audience": "everyone",
            "position": "0",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["slug"]
    assert Resource.objects.count() == 1


def test_the_engineer_creates_a_training_session_in_paris_time(client, engineer, programme):
    client.force_login(engineer)

    response = client.post(
        reverse("resources:training_create"),
        {
            "title": "Formation des mentors",
            "starts_at": "2026-09-29T14:00",
            "duration_minutes": "180",
            "location_or_link": "https://visio.example.fr/f1",
            "description": "",
        },
    )

    assert response.status_code == 302
    session = TrainingSession.objects.get()
    assert session.programme == programme
    assert session.starts_at == datetime.datetime(2026, 9, 29, 14, 0, tzinfo=PARIS)


def test_a_training_session_needs_a_date_and_a_sensible_duration(client, engineer, programme):
    client.force_login(engineer)

    response = client.post(
        reverse("resources:training_create"),
        {"title": "Formation", "starts_at": "", "duration_minutes": "5", "location_or_link": "Salle 3"},
    )

    assert set(response.context["form"].errors) == {"starts_at", "duration_minutes"}
    assert not TrainingSession.objects.exists()


def test_a_session_of_another_edition_opens_in_its_edition(client, engineer, programme):
    from tests.factories import ProgrammeFactory

    old = TrainingSessionFactory(
        programme=ProgrammeFactory(
            slug="2025-2026", starts_on=datetime.date(2025, 10, 15), ends_on=datetime.date(2026, 5, 15)
        )
    )
    client.force_login(engineer)

    response = client.get(reverse("resources:training_edit", args=[old.pk]))
    assert response.status_code == 200
    assert response.context["programme"] == old.programme
    assert response.wsgi_request.edition_selector.current == old.programme
    assert client.get(reverse("resources:training_edit", args=[old.pk + 100])).status_code == 404
