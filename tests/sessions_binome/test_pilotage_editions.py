"""Two editions side by side on the charter versions and the pairs' follow-up: the lists show the
edition of the selector, a version or a pair opens in its own edition, the engineer prepares the
next edition's charter while the current one runs, an HR referent never selects an edition in
preparation."""

import pytest
import time_machine
from django.urls import reverse

from sessions_binome.models import Charter
from sessions_binome.selectors_frame import current_charter
from tests.sessions_binome.pairs import make_pair, paris

pytestmark = pytest.mark.django_db

CHARTERS = reverse("sessions_binome:engineer_charters")
HR_PAIRS, ENGINEER_PAIRS = reverse("sessions_binome:hr_pairs"), reverse("sessions_binome:engineer_pairs")


@pytest.fixture(autouse=True)
def _november_2026():
    with time_machine.travel(paris(2026, 11, 16, 9, 0), tick=False):
        yield


def _shown(response):
    return response.wsgi_request.edition_selector.current


# --- charter versions -----------------------------------------------------------------------------


def test_the_engineer_prepares_the_next_charter_while_the_current_one_runs(
    client, engineer, charter_v1, programme, prepared_programme
):
    client.force_login(engineer)
    response = client.get(CHARTERS)
    assert response.context["programme"] == programme and list(response.context["charters"]) == [charter_v1]

    response = client.get(CHARTERS, {"edition": "2027-2028"})
    assert response.context["programme"] == prepared_programme and list(response.context["charters"]) == []
    assert f"{reverse('sessions_binome:engineer_charter_new')}?edition=2027-2028" in response.content.decode()
    response = client.post(
        reverse("sessions_binome:engineer_charter_new") + "?edition=2027-2028",
        {"title": "Charte 2027-2028", "body": "## Nouveau\n\nLe texte de 2027-2028."},
    )
    draft = Charter.objects.get(programme=prepared_programme)
    assert response.url == reverse("sessions_binome:engineer_charter_detail", args=[draft.pk])

    detail = client.get(response.url)
    assert detail.status_code == 200 and _shown(detail) == prepared_programme
    client.post(
        reverse("sessions_binome:engineer_charter_edit", args=[draft.pk]), {"title": "Charte 27", "body": "Revu."}
    )
    client.post(reverse("sessions_binome:engineer_charter_publish", args=[draft.pk]))
    assert current_charter(prepared_programme) == Charter.objects.get(pk=draft.pk)
    assert current_charter(programme) == charter_v1  # the running edition's pairs keep signing theirs


def test_a_charter_version_opens_in_its_own_edition(client, engineer, charter_v1, programme, next_programme):
    other = Charter.objects.create(programme=next_programme, version=1, title="Charte 27", body="Texte.")
    client.force_login(engineer)
    for charter in (charter_v1, other):
        response = client.get(reverse("sessions_binome:engineer_charter_detail", args=[charter.pk]))
        assert response.status_code == 200 and _shown(response) == charter.programme
        assert client.get(CHARTERS).context["programme"] == charter.programme


# --- pairs' follow-up -----------------------------------------------------------------------------


@pytest.fixture
def two_pairs(programme, next_programme, organisation, other_organisation):
    return (
        make_pair(programme, mentee_org=organisation, mentor_org=other_organisation, prefix="a26"),
        make_pair(next_programme, mentee_org=organisation, mentor_org=other_organisation, prefix="a27"),
    )


def _pairs(response):
    return [pair.pk for pair in response.context["page"].object_list]


def test_the_follow_up_lists_show_the_running_edition_then_the_one_chosen(client, engineer, hr_referent, two_pairs):
    ours, theirs = two_pairs
    for person, url in ((engineer, ENGINEER_PAIRS), (hr_referent, HR_PAIRS)):
        client.force_login(person)
        client.reauthenticate(person)
        assert _pairs(client.get(url)) == [ours.pk]
        response = client.get(url, {"edition": "2027-2028"})
        assert _pairs(response) == [theirs.pk]
        assert 'name="edition" value="2027-2028"' in response.content.decode()  # the filters keep it
        assert "edition=2027-2028" in response.context["query"]  # so does the export


def test_the_hr_referent_never_selects_an_edition_in_preparation(
    client, hr_referent, programme, organisation, other_organisation, prepared_programme
):
    make_pair(prepared_programme, mentee_org=organisation, mentor_org=other_organisation, prefix="p27")
    client.force_login(hr_referent)
    assert client.get(HR_PAIRS).context["programme"] == programme
    assert client.get(HR_PAIRS, {"edition": "2027-2028"}).status_code == 404


def test_a_pair_opens_in_its_own_edition_for_the_engineer(client, engineer, two_pairs):
    client.force_login(engineer)
    for pair in two_pairs:
        response = client.get(reverse("sessions_binome:engineer_pair_detail", args=[pair.pk]))
        assert response.status_code == 200 and _shown(response) == pair.programme
        assert f"{ENGINEER_PAIRS}?edition={pair.programme.slug}" in response.content.decode()
        response = client.post(
            reverse("sessions_binome:engineer_pair_message", args=[pair.pk]), {"subject": "", "body": ""}
        )
        assert response.status_code == 200 and response.context["pair"] == pair
