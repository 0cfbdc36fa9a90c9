"""Editions side by side on the engineer's editions list and on the public home page."""

import pytest
import time_machine
from django.urls import reverse

from tests.conftest import StrictClient
from tests.sessions_binome.pairs import paris

pytestmark = pytest.mark.django_db

LIST = reverse("core:edition_list")


def test_the_list_shows_each_editions_phase_and_leads_to_its_pilotage(client, engineer, programme, prepared_programme):
    with time_machine.travel(paris(2026, 11, 16, 9, 0), tick=False):
        client.force_login(engineer)
        page = client.get(LIST).content.decode()
    assert "Accompagnement en cours" in page and "En préparation" in page
    for slug in ("2026-2027", "2027-2028"):
        assert f'href="{reverse("core:dashboard_engineer")}?edition={slug}"' in page
    assert page.count("Travailler sur cette édition") == 2
    # Opening an edition moves nobody: no warning that it would.
    assert "ne sait pas encore faire vivre deux éditions" not in page
    opening = client.get(reverse("core:edition_open", args=[prepared_programme.pk])).content.decode()
    assert "ne sait pas encore faire vivre deux éditions" not in opening


def test_an_edition_in_evaluation_and_the_next_one_upcoming_each_have_their_phase(
    client, engineer, programme, next_programme
):
    with time_machine.travel(paris(2027, 6, 1, 9, 0), tick=False):
        client.force_login(engineer)
        rows = client.get(LIST).content.decode().split("<tbody>")[1]
    assert rows.index("Appel à venir") < rows.index("Évaluation")  # 2027-2028 first, then 2026-2027


@pytest.mark.parametrize(
    "when,shown",
    [
        (paris(2026, 11, 16, 9, 0), "Programme de mentorat 2026-2027"),  # 2026-2027 runs, 2027-2028 opened
        (paris(2027, 7, 15, 9, 0), "Programme de mentorat 2027-2028"),  # 2027-2028's call is open
    ],
)
def test_the_home_page_shows_the_open_call_else_the_running_edition(programme, next_programme, when, shown):
    with time_machine.travel(when, tick=False):
        page = StrictClient().get(reverse("core:home")).content.decode()
    assert f"{shown} : appel à candidatures" in " ".join(page.split())
