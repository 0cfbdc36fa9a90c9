import re

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from tests.accounts.helpers import form_markup, last_email_to, visible_inputs
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN_URL = reverse("account_login")


def _logged_in(client):
    return "_auth_user_id" in client.session


def test_login_page_is_in_french(client):
    response = client.get(LOGIN_URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="fr">' in body
    assert re.search(r"<title>\s*Se connecter\s*·", body)
    assert re.search(r"<h1[^>]*>\s*Se connecter\s*</h1>", body)
    assert "Mot de passe oublié ?" in body
    assert "Sign In" not in body and "Password" not in body


def test_login_form_has_a_label_and_autocomplete_for_each_input(client):
    body = client.get(LOGIN_URL).content.decode()
    markup = form_markup(body)
    inputs = visible_inputs(body)
    assert {i["name"] for i in inputs} == {"login", "password"}
    for field in inputs:
        assert field["id"] in markup.label_for, f"{field['name']} has no <label for>"
    autocomplete = {i["name"]: i.get("autocomplete") for i in inputs}
    assert autocomplete == {"login": "email", "password": "current-password"}


def test_verified_person_logs_in_with_the_demo_password_and_lands_on_the_dashboard(client):
    UserFactory(email="marie.curie@assurance-maladie.fr")
    response = client.post(LOGIN_URL, {"login": "marie.curie@assurance-maladie.fr", "password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    assert response.url == "/tableau-de-bord/"
    assert _logged_in(client)


def test_login_ignores_the_case_of_the_address(client):
    UserFactory(email="marie.curie@assurance-maladie.fr")
    response = client.post(LOGIN_URL, {"login": "Marie.Curie@Assurance-Maladie.fr", "password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    assert _logged_in(client)


def test_wrong_password_shows_a_french_error_and_does_not_log_in(client):
    UserFactory(email="marie.curie@assurance-maladie.fr")
    response = client.post(LOGIN_URL, {"login": "marie.curie@assurance-maladie.fr", "password": "pas-le-bon-mot"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "L’adresse e-mail ou le mot de passe sont incorrects." in body
    assert 'role="alert"' in body
    assert not _logged_in(client)


def test_unverified_person_is_not_logged_in_and_is_sent_a_new_verification_email(client):
    user = UserFactory(email="louis.pasteur@caf.fr", verified=False)
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=False)

    response = client.post(LOGIN_URL, {"login": user.email, "password": DEFAULT_PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert not _logged_in(client)
    message = last_email_to(user.email)
    assert message.subject == "[Mentorat] Confirmez votre adresse e-mail"
    page = client.get(response.url)
    assert "Vérifiez votre adresse e-mail" in page.content.decode()
    # Mandatory verification: the dashboard stays closed.
    assert client.get(reverse("core:dashboard")).status_code == 302


def test_repeated_failed_logins_lock_the_account_from_that_address_only(client, settings):
    UserFactory(email="marie.curie@assurance-maladie.fr")
    UserFactory(email="pierre.curie@assurance-maladie.fr")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN_URL, {"login": "marie.curie@assurance-maladie.fr", "password": "pas-le-bon-mot"})

    response = client.post(LOGIN_URL, {"login": "Marie.Curie@assurance-maladie.fr", "password": DEFAULT_PASSWORD})

    assert response.status_code == 429
    assert "Trop de tentatives de connexion" in response.content.decode()
    assert not _logged_in(client)
    # Someone else on the same network can still log in.
    other = client.post(LOGIN_URL, {"login": "pierre.curie@assurance-maladie.fr", "password": DEFAULT_PASSWORD})
    assert other.status_code == 302
    assert _logged_in(client)
    client.post(reverse("account_logout"))
    # And so can Marie from another address.
    mine = client.post(
        LOGIN_URL,
        {"login": "marie.curie@assurance-maladie.fr", "password": DEFAULT_PASSWORD},
        REMOTE_ADDR="203.0.113.5",
    )
    assert mine.status_code == 302
