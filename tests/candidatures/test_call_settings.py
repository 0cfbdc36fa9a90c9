"""The engineer's page for the call window (Europe/Paris) and the eligibility thresholds."""

import datetime
import re

import pytest
from django.urls import reverse

from tests.factories import PARIS

URL = reverse("candidatures:call_settings")

VALID = {
    "call_opens_at": "2026-07-06T09:00",
    "call_closes_at": "2026-09-30T18:00",
    "p1_mentee_max_manager_months": "18",
    "p1_mentor_min_manager_years": "6",
    "p2_mentor_min_experience_years": "10",
}


def field_block(body, name):
    """The markup crispy renders for one field: its label, input, help text and errors."""
    match = re.search(rf'<div id="div_id_{name}".*?(?=<div id="div_id_|<button)', body, re.DOTALL)
    assert match, f"no field {name} on the page"
    return match.group(0)


def test_the_page_shows_the_window_in_paris_time(client, engineer, programme):
    client.force_login(engineer)

    response = client.get(URL)

    assert response.status_code == 200
    body = response.content.decode()
    # The factory opens the call at midnight, Paris time, on 1 July (22:00 UTC the day before).
    assert 'type="datetime-local"' in field_block(body, "call_opens_at")
    assert 'value="2026-07-01T00:00"' in field_block(body, "call_opens_at")
    assert 'value="2026-09-12T23:59"' in field_block(body, "call_closes_at")
    assert "Heure de Paris." in field_block(body, "call_closes_at")


def test_the_engineer_changes_the_window_and_the_thresholds(client, engineer, programme):
    client.force_login(engineer)

    response = client.post(URL, VALID)

    assert response.status_code == 302
    assert response.url == f"{URL}?edition=2026-2027"  # back to the page, in the edition just set
    programme.refresh_from_db()
    assert programme.call_opens_at == datetime.datetime(2026, 7, 6, 9, 0, tzinfo=PARIS)
    assert programme.call_opens_at == datetime.datetime(2026, 7, 6, 7, 0, tzinfo=datetime.UTC)
    assert programme.call_closes_at == datetime.datetime(2026, 9, 30, 18, 0, tzinfo=PARIS)
    assert programme.p1_mentee_max_manager_months == 18
    assert programme.p1_mentor_min_manager_years == 6
    assert programme.p2_mentor_min_experience_years == 10
    assert "Les paramètres de l&#x27;appel à candidatures sont enregistrés." in client.get(URL).content.decode()


def test_a_window_set_in_winter_uses_the_winter_offset(client, engineer, programme):
    client.force_login(engineer)

    client.post(URL, {**VALID, "call_opens_at": "2026-12-01T09:00", "call_closes_at": "2027-01-15T12:00"})

    programme.refresh_from_db()
    assert programme.call_opens_at == datetime.datetime(2026, 12, 1, 8, 0, tzinfo=datetime.UTC)
    assert programme.call_closes_at == datetime.datetime(2027, 1, 15, 11, 0, tzinfo=datetime.UTC)


def test_closing_the_call_early_closes_it_at_once(client, engineer, programme, during_call):
    client.force_login(engineer)
    assert programme.is_call_open()

    client.post(URL, {**VALID, "call_closes_at": "2026-08-20T09:59"})

    programme.refresh_from_db()
    assert not programme.is_call_open()


@pytest.mark.parametrize("closes_at", ["2026-07-06T08:59", "2026-07-06T09:00", "2026-06-01T12:00"])
def test_closing_before_opening_is_refused_next_to_the_field_and_nothing_is_saved(
    client, engineer, programme, closes_at
):
    client.force_login(engineer)
    before = (programme.call_opens_at, programme.call_closes_at, programme.p1_mentee_max_manager_months)

    response = client.post(URL, {**VALID, "call_closes_at": closes_at})

    assert response.status_code == 200
    assert response.context["form"].errors == {"call_closes_at": ["La clôture de l'appel doit suivre son ouverture."]}
    body = response.content.decode()
    assert "La clôture de l&#x27;appel doit suivre son ouverture." in field_block(body, "call_closes_at")
    assert "doit suivre son ouverture" not in field_block(body, "call_opens_at")
    # What the engineer typed stays in the form, to be corrected.
    assert f'value="{closes_at}"' in field_block(body, "call_closes_at")
    programme.refresh_from_db()
    assert (programme.call_opens_at, programme.call_closes_at, programme.p1_mentee_max_manager_months) == before


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"call_opens_at": ""}, "call_opens_at"),
        ({"call_closes_at": "30/02/2026 10:00"}, "call_closes_at"),
        ({"p1_mentee_max_manager_months": "0"}, "p1_mentee_max_manager_months"),
        ({"p2_mentor_min_experience_years": "51"}, "p2_mentor_min_experience_years"),
        ({"p1_mentor_min_manager_years": "cinq"}, "p1_mentor_min_manager_years"),
    ],
)
def test_a_missing_or_out_of_range_value_is_refused_and_nothing_is_saved(client, engineer, programme, changes, field):
    client.force_login(engineer)
    before = programme.call_closes_at

    response = client.post(URL, {**VALID, **changes})

    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert 'class="invalid-feedback"' in field_block(response.content.decode(), field)
    programme.refresh_from_db()
    assert programme.call_closes_at == before
    assert programme.p1_mentee_max_manager_months == 24


@pytest.mark.parametrize("someone", ["hr_referent", "mentor", "mentee", "nobody"])
def test_only_the_engineer_may_change_the_call(client, request, programme, someone):
    client.force_login(request.getfixturevalue(someone))

    assert client.get(URL).status_code == 403
    assert client.post(URL, VALID).status_code == 403
    programme.refresh_from_db()
    assert programme.call_opens_at == datetime.datetime(2026, 7, 1, 0, 0, tzinfo=PARIS)
