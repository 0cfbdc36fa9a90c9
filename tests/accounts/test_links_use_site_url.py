"""Account emails link to SITE_URL whatever Host the request came with: a request sent with a forged
Host header (allowed here, as a misconfigured proxy would let it through) must not mail a password
reset or a confirmation link pointing to another site."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from tests.accounts.helpers import html_part, last_email_to
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

EVIL = "evil.example"
PASSWORD = "Binome-Gironde-2026"
LINK = re.compile(r"""https?://[^\s"'<>]+""")


def links(message):
    return LINK.findall(message.body) + LINK.findall(html_part(message))


def assert_every_link_on_the_site(message):
    found = links(message)
    assert found, message.body
    assert [
        link for link in found if link != settings.SITE_URL and not link.startswith(settings.SITE_URL + "/")
    ] == [], found
    assert EVIL not in message.body and EVIL not in html_part(message)


@pytest.fixture(autouse=True)
def _evil_host_allowed():
    with override_settings(ALLOWED_HOSTS=[EVIL, "testserver"], SITE_URL="https://mentorat.example.fr"):
        yield


def test_the_password_reset_link_starts_with_site_url(client):
    marie = UserFactory(email="marie.curie@assurance-maladie.fr", first_name="Marie")

    client.post(reverse("account_reset_password"), {"email": marie.email}, HTTP_HOST=EVIL)

    message = last_email_to(marie.email)
    assert_every_link_on_the_site(message)
    assert "https://mentorat.example.fr/comptes/password/reset/key/" in message.body


def test_the_sign_up_confirmation_link_starts_with_site_url(client):
    client.post(
        reverse("account_signup"),
        {
            "first_name": "Camille",
            "last_name": "Durand",
            "email": "camille.durand@assurance-maladie.fr",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
        HTTP_HOST=EVIL,
    )

    message = last_email_to("camille.durand@assurance-maladie.fr")
    assert_every_link_on_the_site(message)
    assert "https://mentorat.example.fr/comptes/confirm-email/" in message.body


def test_a_new_address_confirmation_link_starts_with_site_url(client):
    camille = UserFactory(email="camille.durand@assurance-maladie.fr")
    client.force_login(camille)
    client.reauthenticate(camille)

    client.post(
        reverse("account_email"),
        {"action_add": "", "email": "camille.durand@caf.fr"},
        HTTP_HOST=EVIL,
    )

    message = last_email_to("camille.durand@caf.fr")
    assert_every_link_on_the_site(message)
    assert "https://mentorat.example.fr/comptes/confirm-email/" in message.body


def test_the_links_of_the_unknown_account_and_already_exists_emails_start_with_site_url(client):
    UserFactory(email="camille.durand@assurance-maladie.fr")

    client.post(reverse("account_reset_password"), {"email": "personne@assurance-maladie.fr"}, HTTP_HOST=EVIL)
    client.post(
        reverse("account_signup"),
        {
            "first_name": "Camille",
            "last_name": "Durand",
            "email": "camille.durand@assurance-maladie.fr",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
        HTTP_HOST=EVIL,
    )

    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert_every_link_on_the_site(message)
