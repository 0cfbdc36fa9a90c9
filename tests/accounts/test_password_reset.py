import pytest
from django.core import mail
from django.urls import reverse

from mentorat.accounts.models import User
from tests.accounts.helpers import first_link, html_part, last_email_to
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

RESET_URL = reverse("account_reset_password")
NEW_PASSWORD = "Nouveau-binome-2027"


@pytest.fixture
def marie(db):
    return UserFactory(email="marie.curie@assurance-maladie.fr", first_name="Marie")


def test_reset_page_is_in_french(client):
    response = client.get(RESET_URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Mot de passe oublié" in body
    assert "Recevoir le lien" in body


def test_a_known_address_receives_a_french_reset_email(client, marie):
    response = client.post(RESET_URL, {"email": "marie.curie@assurance-maladie.fr"})

    assert response.status_code == 302
    assert response.url == reverse("account_reset_password_done")
    assert len(mail.outbox) == 1
    message = last_email_to(marie.email)
    assert message.subject == "[Mentorat] Choisissez un nouveau mot de passe"
    assert message.body.startswith("Bonjour Marie,")
    link = first_link(message.body, "/comptes/password/reset/key/")
    html = html_part(message)
    assert f'href="{link}"' in html
    assert "Choisir un nouveau mot de passe" in html


def test_an_unknown_address_gets_the_same_page_and_no_reset_link(client, marie):
    known = client.post(RESET_URL, {"email": "marie.curie@assurance-maladie.fr"}, follow=True)
    unknown = client.post(RESET_URL, {"email": "personne@assurance-maladie.fr"}, follow=True)

    # No enumeration: the page does not tell whether the address has an account.
    assert unknown.redirect_chain == known.redirect_chain
    assert unknown.content == known.content
    assert "Si cette adresse correspond à un compte" in unknown.content.decode()
    message = last_email_to("personne@assurance-maladie.fr")
    assert message.subject == "[Mentorat] Aucun compte n'utilise cette adresse"
    assert "/comptes/password/reset/key/" not in message.body
    assert "/comptes/password/reset/key/" not in html_part(message)


def test_the_reset_link_sets_a_new_password(client, marie):
    client.post(RESET_URL, {"email": marie.email})
    link = first_link(last_email_to(marie.email).body, "/comptes/password/reset/key/")

    # allauth moves the key from the URL into the session before showing the form.
    redirect = client.get(link)
    assert redirect.status_code == 302
    form_page = client.get(redirect.url)
    assert form_page.status_code == 200
    assert "Choisir un nouveau mot de passe" in form_page.content.decode()
    response = client.post(redirect.url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("account_reset_password_from_key_done")
    assert "Mot de passe modifié" in client.get(response.url).content.decode()
    marie.refresh_from_db()
    assert marie.check_password(NEW_PASSWORD)


def test_the_new_password_must_follow_the_policy(client, marie):
    client.post(RESET_URL, {"email": marie.email})
    link = first_link(last_email_to(marie.email).body, "/comptes/password/reset/key/")
    form_url = client.get(link).url

    response = client.post(form_url, {"password1": "Gironde-26", "password2": "Gironde-26"})

    assert response.status_code == 200
    assert "Ce mot de passe est trop court." in response.content.decode()
    assert User.objects.get(pk=marie.pk).check_password("Mentorat-demo-2026!")


def test_a_used_reset_link_is_refused(client, marie):
    client.post(RESET_URL, {"email": marie.email})
    link = first_link(last_email_to(marie.email).body, "/comptes/password/reset/key/")
    form_url = client.get(link).url
    client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    response = client.get(link, follow=True)

    assert "Lien non valable" in response.content.decode()


def test_a_reset_works_for_an_address_outside_the_signup_domains(client, settings):
    # The domain list restricts who may register, not who may recover an existing account.
    settings.SIGNUP_EMAIL_DOMAINS = ["assurance-maladie.fr"]
    admin = UserFactory(email="pilote@ucanss.fr")
    response = client.post(RESET_URL, {"email": admin.email})
    assert response.status_code == 302
    assert "/comptes/password/reset/key/" in last_email_to(admin.email).body
