import re

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.urls import reverse

from tests.accounts.helpers import last_email_to

pytestmark = pytest.mark.django_db

PASSWORD = "Binome-Gironde-2026"


def _sign_up(client, email="camille.durand@assurance-maladie.fr"):
    client.post(
        reverse("account_signup"),
        {
            "first_name": "Camille",
            "last_name": "Durand",
            "email": email,
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    return re.search(rf"{re.escape(settings.SITE_URL)}(/comptes/confirm-email/\S+/)", last_email_to(email).body).group(
        1
    )


def test_the_link_opens_a_french_confirmation_page_without_confirming(client):
    path = _sign_up(client)

    response = client.get(path)

    assert response.status_code == 200
    body = response.content.decode()
    assert "Confirmer l'adresse e-mail" in body
    assert "camille.durand@assurance-maladie.fr" in body
    # A mail scanner that follows the link must not confirm the address: only the button does.
    assert not EmailAddress.objects.filter(verified=True).exists()


def test_confirming_the_key_verifies_the_address_and_logs_in(client):
    path = _sign_up(client)

    response = client.post(path)

    assert response.status_code == 302
    assert response.url == "/tableau-de-bord/"
    assert EmailAddress.objects.get(email="camille.durand@assurance-maladie.fr").verified
    assert "_auth_user_id" in client.session


def test_after_confirmation_the_password_logs_in(client):
    path = _sign_up(client)
    client.post(path)
    client.post(reverse("account_logout"))

    response = client.post(
        reverse("account_login"), {"login": "camille.durand@assurance-maladie.fr", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response.url == "/tableau-de-bord/"


def test_an_unknown_key_shows_a_french_message(client):
    response = client.get(reverse("account_confirm_email", args=["cle-inconnue"]))
    assert response.status_code == 200
    assert "Ce lien de confirmation a expiré ou n'est pas valide." in response.content.decode()
