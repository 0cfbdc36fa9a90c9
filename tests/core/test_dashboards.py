import pytest
from django.urls import reverse

DASHBOARDS = {
    "mentee": "core:dashboard_mentee",
    "mentor": "core:dashboard_mentor",
    "hr_referent": "core:dashboard_hr",
    "engineer": "core:dashboard_engineer",
}


@pytest.mark.parametrize("role", DASHBOARDS)
def test_each_role_reaches_its_own_dashboard(client, request, programme, role):
    user = request.getfixturevalue(role)
    client.force_login(user)
    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 302
    assert response.url == reverse(DASHBOARDS[role])
    page = client.get(response.url)
    assert page.status_code == 200
    assert "À faire maintenant" in page.content.decode()


@pytest.mark.parametrize("role", DASHBOARDS)
@pytest.mark.parametrize("other", DASHBOARDS)
def test_another_roles_dashboard_answers_403(client, request, role, other):
    if role == other:
        return
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse(DASHBOARDS[other])).status_code == 403


def test_person_without_role_gets_the_welcome_page(client, nobody, programme):
    client.force_login(nobody)
    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 200
    assert "Bienvenue" in response.content.decode()


def test_hr_dashboard_counts_only_own_organisations(client, hr_referent, mentee, mentor):
    # mentee belongs to the referent's organisation, mentor to another one.
    client.force_login(hr_referent)
    response = client.get(reverse("core:dashboard_hr"))
    table = {row["role"]: row["total"] for row in response.context["counts_table"]}
    assert table == {"Mentoré·e": 1, "Mentor": 0}


def test_a_person_with_two_roles_sees_both_in_the_menu(client, hr_referent, programme):
    from tests.factories import ApplicationFactory

    ApplicationFactory(programme=programme, user=hr_referent)
    client.force_login(hr_referent)
    body = client.get(reverse("core:dashboard_hr")).content.decode()
    assert reverse("core:dashboard_mentee") in body
    assert client.get(reverse("core:dashboard_mentee")).status_code == 200


def test_withdrawn_application_gives_no_mentee_role(client, nobody, programme):
    from tests.factories import ApplicationFactory

    ApplicationFactory(programme=programme, user=nobody, withdrawn=True)
    client.force_login(nobody)
    assert client.get(reverse("core:dashboard_mentee")).status_code == 403


def test_forbidden_and_missing_pages_are_in_french(client, mentee, programme):
    client.force_login(mentee)
    forbidden = client.get(reverse("core:dashboard_engineer"))
    assert forbidden.status_code == 403
    assert "Accès refusé" in forbidden.content.decode()
    missing = client.get("/cette-page-n-existe-pas/")
    assert missing.status_code == 404
    assert "Page introuvable" in missing.content.decode()
