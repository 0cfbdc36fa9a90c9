"""The site admin manages reference data only (SPEC §3): no secrets, no tokens, no sessions, no role
grants. Each test replays what an attacker holding a staff account tried on the platform."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import NoReverseMatch, reverse

from mentorat.accounts.models import User
from tests.factories import TOTP_SECRET, UserFactory

REFERENCE_DATA = [
    "accounts.User",
    "core.Branch",
    "core.Organisation",
    "core.Programme",
    "core.Theme",
    "resources.Resource",
    "resources.TrainingSession",
    "sessions_binome.Charter",
]


@pytest.fixture
def admin_client(client, staff):
    client.force_login(staff)
    return client


def test_the_admin_holds_reference_data_and_people_only(admin_client):
    assert admin_client.get(reverse("admin:index")).status_code == 200
    assert sorted(model._meta.label for model in admin.site._registry) == REFERENCE_DATA


def test_the_admin_index_lists_no_secret_holding_model(admin_client):
    body = admin_client.get(reverse("admin:index")).content.decode()
    for path in ("/admin/mfa/", "/admin/account/", "/admin/auth/group/", "/admin/sessions/", "/admin/socialaccount/"):
        assert path not in body


@pytest.mark.parametrize(
    "path",
    [
        "/admin/mfa/authenticator/",
        "/admin/mfa/authenticator/{authenticator}/change/",
        "/admin/account/emailaddress/",
        "/admin/account/emailaddress/{email_address}/change/",
        "/admin/auth/group/",
        "/admin/auth/group/add/",
        "/admin/sessions/session/",
        "/admin/socialaccount/socialtoken/",
        "/admin/socialaccount/socialapp/",
        "/admin/sites/site/",
        "/admin/axes/accessattempt/",
        "/admin/axes/accesslog/",
    ],
)
def test_pages_of_secrets_and_tokens_do_not_exist(admin_client, staff, path):
    # The attack: /admin/mfa/authenticator/<id>/change/ showed everyone's TOTP secret in clear.
    url = path.format(
        authenticator=Authenticator.objects.filter(user=staff).first().pk,
        email_address=EmailAddress.objects.filter(user=staff).first().pk,
    )
    response = admin_client.get(url, follow=True)
    assert response.status_code in (403, 404), url
    assert TOTP_SECRET not in response.content.decode()


def test_the_user_page_is_read_only_without_password_or_role_widgets(admin_client, staff, engineer):
    response = admin_client.get(reverse("admin:accounts_user_change", args=[engineer.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert engineer.email in body
    # Shown, not editable: no form field for any role flag, no password summary, no reset link.
    for name in ("is_programme_engineer", "is_staff", "is_superuser", "hr_organisations", "groups", "user_permissions"):
        assert f'name="{name}"' not in body, name
    assert "password/" not in body and "pbkdf2" not in body and "argon2" not in body
    assert 'name="_save"' not in body


def test_the_admins_set_password_form_does_not_exist(admin_client, engineer):
    with pytest.raises(NoReverseMatch):
        reverse("admin:auth_user_password_change", args=[engineer.pk])
    # The admin's catch-all answers the old address with a redirect ("no such person").
    response = admin_client.get(f"/admin/accounts/user/{engineer.pk}/password/", follow=True)
    assert response.redirect_chain
    assert 'name="password1"' not in response.content.decode()
    assert admin_client.post(f"/admin/accounts/user/{engineer.pk}/password/", {"password1": "x"}).status_code != 200


def test_ticking_engineer_on_oneself_in_the_admin_changes_nothing(admin_client, staff):
    # The attack: ticking is_programme_engineer on one's own account gave the engineer's reach.
    response = admin_client.post(
        reverse("admin:accounts_user_change", args=[staff.pk]),
        {
            "email": staff.email,
            "first_name": staff.first_name,
            "last_name": staff.last_name,
            "is_active": "on",
            "is_staff": "on",
            "is_superuser": "on",
            "is_programme_engineer": "on",
            "date_joined_0": "01/01/2026",
            "date_joined_1": "09:00:00",
            "_save": "Enregistrer",
        },
    )
    assert response.status_code == 403
    staff.refresh_from_db()
    assert not staff.is_programme_engineer
    assert admin_client.get(reverse("core:dashboard_engineer")).status_code == 403


def test_people_cannot_be_added_or_deleted_in_the_admin(admin_client, engineer):
    assert admin_client.get(reverse("admin:accounts_user_add")).status_code == 403
    assert (
        admin_client.post(reverse("admin:accounts_user_delete", args=[engineer.pk]), {"post": "yes"}).status_code == 403
    )
    assert User.objects.filter(pk=engineer.pk).exists()


def test_groups_cannot_carry_admin_rights_to_anyone(admin_client, staff):
    response = admin_client.post("/admin/auth/group/add/", {"name": "tous-droits"})
    assert response.status_code in (403, 404)
    assert not Group.objects.exists()


def test_the_people_list_shows_roles_read_only(admin_client, engineer):
    UserFactory(email="marie.curie@assurance-maladie.fr")
    body = admin_client.get(reverse("admin:accounts_user_changelist")).content.decode()
    assert "marie.curie@assurance-maladie.fr" in body and engineer.email in body
    assert 'name="_selected_action"' not in body  # no bulk action (delete) on people
    assert "/add/" not in body.split('id="content-main"', 1)[1]
