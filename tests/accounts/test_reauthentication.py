"""Exports need the password typed again (re-authentication), then lead straight to the file."""

import pytest
from django.urls import reverse

PASSWORD = "Mentorat-demo-2026!"


@pytest.mark.parametrize(
    "who,url",
    [
        ("engineer", lambda o: reverse("candidatures:engineer_list") + "?export=csv"),
        ("hr_referent", lambda o: reverse("candidatures:tracking", args=[o.pk]) + "?export=csv"),
        ("hr_referent", lambda o: reverse("sessions_binome:hr_pairs") + "?export=csv"),
        ("engineer", lambda o: reverse("sessions_binome:engineer_pairs") + "?export=csv"),
    ],
)
def test_an_export_asks_for_the_password_then_delivers(client, request, programme, organisation, who, url):
    person = request.getfixturevalue(who)
    client.force_login(person)
    target = url(organisation)
    response = client.get(target)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_reauthenticate"))
    back = client.post(response.url, {"password": PASSWORD})
    assert back.status_code == 302 and back.url == target
    export = client.get(back.url)
    assert export.status_code == 200
    assert export["Content-Type"].startswith("text/csv")


def test_a_wrong_password_gives_no_export(client, engineer, programme):
    client.force_login(engineer)
    response = client.get(reverse("candidatures:engineer_list") + "?export=csv")
    wrong = client.post(response.url, {"password": "pas-le-bon-mot-de-passe"})
    assert wrong.status_code == 200
    assert client.get(reverse("candidatures:engineer_list") + "?export=csv").status_code == 302


def test_the_list_itself_needs_no_reauthentication(client, engineer, programme):
    client.force_login(engineer)
    assert client.get(reverse("candidatures:engineer_list")).status_code == 200
