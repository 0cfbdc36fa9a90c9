"""The library: each person sees the resources of their audiences; anything else answers 404."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import ProgrammeFactory
from tests.resources.factories import ResourceFactory

LIST_URL = reverse("resources:list")


@pytest.fixture
def library(programme):
    """One published resource per audience, plus an unpublished one and one of another edition."""
    other_edition = ProgrammeFactory(slug="2027-2028", name="Programme 2027-2028")
    return {
        "everyone": ResourceFactory(title="Pour tous", slug="pour-tous"),
        "mentors": ResourceFactory(title="Pour les mentors", slug="pour-les-mentors", for_mentors=True),
        "mentees": ResourceFactory(
            title="Pour les mentorés", slug="pour-les-mentores", for_mentees=True, programme=programme
        ),
        "hr": ResourceFactory(title="Pour les RH", slug="pour-les-rh", for_hr=True),
        "draft": ResourceFactory(title="Brouillon", slug="brouillon", unpublished=True),
        "other_edition": ResourceFactory(title="Autre édition", slug="autre-edition", programme=other_edition),
    }


def titles(response):
    return [resource.title for resource in response.context["resources"]]


EXPECTED = {
    "mentor": ["Pour les mentors", "Pour tous"],
    "mentee": ["Pour les mentorés", "Pour tous"],
    "hr_referent": ["Pour les RH", "Pour tous"],
    "engineer": ["Pour les mentorés", "Pour les mentors", "Pour les RH", "Pour tous"],
    "nobody": ["Pour tous"],
}


@pytest.mark.parametrize("role", EXPECTED)
def test_the_list_shows_the_published_resources_of_ones_audiences(client, request, library, role):
    client.force_login(request.getfixturevalue(role))

    response = client.get(LIST_URL)

    assert response.status_code == 200
    assert sorted(titles(response)) == sorted(EXPECTED[role])


@pytest.mark.parametrize(
    "role,slug",
    [
        ("mentor", "pour-les-mentores"),
        ("mentor", "pour-les-rh"),
        ("mentee", "pour-les-mentors"),
        ("hr_referent", "pour-les-mentors"),
        ("nobody", "pour-les-mentors"),
        ("nobody", "pour-les-rh"),
        ("mentor", "brouillon"),
        ("mentor", "autre-edition"),
        ("mentor", "n-existe-pas"),
    ],
)
def test_a_resource_outside_ones_audience_answers_404(client, request, library, role, slug):
    client.force_login(request.getfixturevalue(role))

    assert client.get(reverse("resources:detail", args=[slug])).status_code == 404


@pytest.mark.parametrize(
    "role,slug",
    [
        ("mentor", "pour-les-mentors"),
        ("mentee", "pour-les-mentores"),
        ("hr_referent", "pour-les-rh"),
        ("nobody", "pour-tous"),
    ],
)
def test_a_resource_of_ones_audience_is_readable(client, request, library, role, slug):
    client.force_login(request.getfixturevalue(role))

    response = client.get(reverse("resources:detail", args=[slug]))

    assert response.status_code == 200
    assert "<strong>important</strong>" in response.content.decode()


def test_the_engineer_previews_an_unpublished_resource(client, engineer, library):
    client.force_login(engineer)

    response = client.get(reverse("resources:detail", args=["brouillon"]))

    assert response.status_code == 200
    assert "seule l'équipe du programme la voit" in response.content.decode().replace("&#x27;", "'")


def test_markdown_is_rendered_without_scripts(client, nobody, programme):
    ResourceFactory(slug="piege", body='Texte <script>alert("x")</script> [lien](javascript:alert(1))')
    client.force_login(nobody)

    body = client.get(reverse("resources:detail", args=["piege"])).content.decode()

    assert "<script>alert" not in body
    assert "javascript:" not in body


def test_every_logged_in_person_has_the_menu_entry(client, nobody, programme):
    client.force_login(nobody)

    body = client.get(reverse("core:dashboard")).content.decode()

    assert f'href="{LIST_URL}"' in body


def test_the_list_makes_the_same_number_of_queries_for_3_or_30_resources(client, mentor, programme):
    client.force_login(mentor)
    for n in range(3):
        ResourceFactory(for_mentors=n % 2 == 0, pdf=n == 1)
    with CaptureQueriesContext(connection) as three:
        assert client.get(LIST_URL).status_code == 200
    for n in range(27):
        ResourceFactory(for_mentors=n % 2 == 0, pdf=n % 5 == 0, programme=programme if n % 3 == 0 else None)

    with CaptureQueriesContext(connection) as thirty:
        response = client.get(LIST_URL)

    assert len(response.context["resources"]) == 30
    assert len(thirty) == len(three), "\n".join(query["sql"] for query in thirty.captured_queries)
