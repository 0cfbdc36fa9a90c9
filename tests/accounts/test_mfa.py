"""Two-factor authentication is required for programme engineers, HR referents and staff."""

import pytest
from django.urls import reverse

from tests.factories import TOTP_SECRET, UserFactory, current_totp_code

PASSWORD = "Mentorat-demo-2026!"


@pytest.mark.parametrize(
    "make",
    [
        lambda org: UserFactory(email="ing@ucanss.fr", engineer=True, totp=False),
        lambda org: UserFactory(email="rh@cpam.fr", hr_of=[org], totp=False),
        lambda org: UserFactory(email="adm@ucanss.fr", staff=True, totp=False),
    ],
    ids=["engineer", "hr_referent", "staff"],
)
def test_roles_that_see_others_data_must_set_up_totp_first(client, organisation, programme, make):
    person = make(organisation)
    client.force_login(person)
    for url in (reverse("core:dashboard"), "/admin/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("mfa_activate_totp"))


def test_participants_are_not_forced(client, mentee, programme):
    client.force_login(mentee)
    assert client.get(reverse("core:dashboard_mentee")).status_code == 200


def test_login_asks_for_the_code_and_refuses_a_wrong_one(client, engineer, programme):
    response = client.post(reverse("account_login"), {"login": engineer.email, "password": PASSWORD})
    assert response.url == reverse("mfa_authenticate")
    wrong = client.post(
        reverse("mfa_authenticate"), {"code": "123456" if current_totp_code(TOTP_SECRET) != "123456" else "654321"}
    )
    assert wrong.status_code == 200
    assert client.get(reverse("core:dashboard_engineer")).status_code == 302  # still not logged in
    right = client.post(reverse("mfa_authenticate"), {"code": current_totp_code(TOTP_SECRET)})
    assert right.status_code == 302
    assert client.get(reverse("core:dashboard_engineer")).status_code == 200


def test_the_set_up_page_is_in_french(client, organisation):
    person = UserFactory(email="rh2@cpam.fr", hr_of=[organisation], totp=False)
    client.force_login(person)
    response = client.get(reverse("mfa_activate_totp"), follow=True)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'lang="fr"' in body
