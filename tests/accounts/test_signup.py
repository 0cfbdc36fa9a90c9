import re

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import mail
from django.urls import reverse

from mentorat.accounts.models import User
from tests.accounts.helpers import form_markup, html_part, last_email_to, visible_inputs
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

SIGNUP_URL = reverse("account_signup")
PASSWORD = "Binome-Gironde-2026"


def _signup_data(**overrides):
    data = {
        "first_name": "Camille",
        "last_name": "Durand",
        "email": "camille.durand@assurance-maladie.fr",
        "organisation": "",
        "job_title": "Responsable d'unité",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    return {**data, **overrides}


def test_signup_page_is_in_french(client):
    response = client.get(SIGNUP_URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert re.search(r"<title>\s*Créer un compte\s*·", body)
    assert re.search(r"<h1[^>]*>\s*Créer un compte\s*</h1>", body)
    assert "Sign Up" not in body


def test_signup_form_has_a_label_and_autocomplete_for_each_input(client):
    body = client.get(SIGNUP_URL).content.decode()
    markup = form_markup(body)
    inputs = visible_inputs(body)
    assert [i["name"] for i in inputs] == [
        "first_name",
        "last_name",
        "email",
        "organisation",
        "job_title",
        "password1",
        "password2",
    ]
    for field in inputs:
        assert field["id"] in markup.label_for, f"{field['name']} has no <label for>"
    autocomplete = {i["name"]: i.get("autocomplete") for i in inputs}
    assert autocomplete["email"] == "email"
    assert autocomplete["first_name"] == "given-name"
    assert autocomplete["last_name"] == "family-name"
    assert autocomplete["password1"] == autocomplete["password2"] == "new-password"


def test_signup_creates_an_unverified_account_and_sends_a_french_verification_email(client):
    organisation = OrganisationFactory(code="CPAM-33", name="CPAM de la Gironde")

    response = client.post(SIGNUP_URL, _signup_data(organisation=organisation.pk))

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    user = User.objects.get(email="camille.durand@assurance-maladie.fr")
    assert (user.first_name, user.last_name, user.organisation, user.job_title) == (
        "Camille",
        "Durand",
        organisation,
        "Responsable d'unité",
    )
    assert EmailAddress.objects.filter(user=user, verified=False, primary=True).count() == 1
    assert "_auth_user_id" not in client.session

    assert len(mail.outbox) == 1
    message = last_email_to(user.email)
    assert message.subject == "[Mentorat] Confirmez votre adresse e-mail pour activer votre compte"
    link = re.search(rf"{re.escape(settings.SITE_URL)}/comptes/confirm-email/\S+/", message.body).group(0)
    assert message.body.startswith("Bonjour Camille,")
    assert "confirmez votre adresse e-mail en ouvrant ce lien" in message.body
    html = html_part(message)
    assert '<html lang="fr">' in html
    assert f'href="{link}"' in html
    assert "Confirmer mon adresse" in html
    for part in (message.subject, message.body, html):
        assert "{{" not in part and "{%" not in part


def test_verification_sent_page_is_in_french(client):
    response = client.get(reverse("account_email_verification_sent"))
    assert response.status_code == 200
    assert "Vérifiez votre adresse e-mail" in response.content.decode()


def test_signup_with_a_taken_address_reveals_nothing_and_warns_the_owner(client):
    UserFactory(email="camille.durand@assurance-maladie.fr", first_name="Camille")

    response = client.post(SIGNUP_URL, _signup_data())

    # The same answer as a successful sign-up: nobody learns who has an account.
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert User.objects.filter(email="camille.durand@assurance-maladie.fr").count() == 1
    message = last_email_to("camille.durand@assurance-maladie.fr")
    assert message.subject == "[Mentorat] Vous avez déjà un compte"
    assert f"{settings.SITE_URL}/comptes/password/reset/" in message.body
    assert f"{settings.SITE_URL}/comptes/password/reset/" in html_part(message)


def test_a_ten_character_password_is_refused(client):
    response = client.post(SIGNUP_URL, _signup_data(password1="Gironde-26", password2="Gironde-26"))

    assert response.status_code == 200
    errors = response.context["form"].errors["password1"]
    assert errors == ["Ce mot de passe est trop court. Il doit contenir au minimum 12 caractères."]
    assert not User.objects.exists()
    assert mail.outbox == []


def test_different_passwords_are_refused_in_french(client):
    response = client.post(SIGNUP_URL, _signup_data(password2="Binome-Gironde-2027"))
    assert response.status_code == 200
    assert "Vous devez saisir deux fois le même mot de passe." in response.content.decode()
    assert not User.objects.exists()


class TestDomainRestriction:
    @pytest.fixture(autouse=True)
    def _domains(self, settings):
        settings.SIGNUP_EMAIL_DOMAINS = ["assurance-maladie.fr", "caf.fr"]

    def test_an_address_outside_the_list_is_refused_next_to_the_email_field(self, client):
        response = client.post(SIGNUP_URL, _signup_data(email="camille.durand@gmail.com"))

        assert response.status_code == 200
        assert response.context["form"].errors["email"] == [
            "Seules les adresses professionnelles de la Sécurité sociale sont acceptées "
            "(@assurance-maladie.fr, @caf.fr)."
        ]
        body = response.content.decode()
        markup = form_markup(body)
        email_input = next(i for i in markup.inputs if i.get("name") == "email")
        assert email_input["aria-invalid"] == "true"
        assert "id_email_error" in email_input["aria-describedby"].split()
        error_block = re.search(r'<div id="id_email_error"[^>]*>(.*?)</div>', body, re.S).group(1)
        assert "Seules les adresses professionnelles" in error_block
        assert not User.objects.exists()
        assert not EmailAddress.objects.exists()
        assert mail.outbox == []

    def test_the_accepted_domains_are_shown_before_typing(self, client):
        body = client.get(SIGNUP_URL).content.decode()
        assert "Adresses acceptées : @assurance-maladie.fr, @caf.fr." in body

    def test_a_sub_domain_of_an_accepted_domain_is_accepted(self, client):
        response = client.post(SIGNUP_URL, _signup_data(email="camille.durand@cpam-33.assurance-maladie.fr"))
        assert response.status_code == 302
        assert User.objects.filter(email="camille.durand@cpam-33.assurance-maladie.fr").exists()

    def test_a_look_alike_domain_is_refused(self, client):
        response = client.post(SIGNUP_URL, _signup_data(email="camille.durand@faux-assurance-maladie.fr"))
        assert response.status_code == 200
        assert not User.objects.exists()


def test_an_empty_domain_list_accepts_any_address(client, settings):
    settings.SIGNUP_EMAIL_DOMAINS = []
    response = client.post(SIGNUP_URL, _signup_data(email="camille.durand@gmail.com"))
    assert response.status_code == 302
    assert User.objects.filter(email="camille.durand@gmail.com").exists()
