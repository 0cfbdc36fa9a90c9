"""The allauth pages are drawn in the site's look, in French, with accessible forms."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from tests.accounts.helpers import form_markup, visible_inputs
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

ANONYMOUS_PAGES = [
    ("account_login", "Se connecter"),
    ("account_signup", "Créer un compte"),
    ("account_reset_password", "Mot de passe oublié"),
    ("account_reset_password_done", "Consultez votre messagerie"),
    ("account_email_verification_sent", "Vérifiez votre adresse e-mail"),
]
LOGGED_IN_PAGES = [
    ("account_logout", "Se déconnecter"),
    ("account_change_password", "Modifier le mot de passe"),
    ("account_email", "Adresses e-mail"),
]
# allauth's English words that would show a template we forgot to translate or override.
ENGLISH = re.compile(r"\b(Sign In|Sign Up|Sign Out|Password|Email Addresses|Forgot|Remember Me|Verified|Submit)\b")


def _check_page(body, heading):
    assert '<html lang="fr">' in body
    assert 'href="#contenu"' in body, "the site's skip link is missing: the page is not in our layout"
    assert "form-narrow" in body
    assert re.search(rf"<h1[^>]*>\s*{re.escape(heading)}\s*</h1>", body), f"no <h1> {heading!r}"
    text = re.sub(r"<[^>]+>", " ", body)
    assert not ENGLISH.search(text), ENGLISH.search(text)
    markup = form_markup(body)
    for field in visible_inputs(body):
        assert field.get("id") in markup.label_for, f"input {field.get('name')} has no <label for>"


@pytest.mark.parametrize(("url_name", "heading"), ANONYMOUS_PAGES)
def test_anonymous_pages_are_french_and_in_the_site_layout(client, url_name, heading):
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    _check_page(response.content.decode(), heading)


@pytest.mark.parametrize(("url_name", "heading"), LOGGED_IN_PAGES)
def test_account_pages_are_french_and_in_the_site_layout(client, url_name, heading):
    client.force_login(UserFactory())
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    _check_page(response.content.decode(), heading)


def test_password_set_page_is_french_for_someone_without_a_password(client):
    user = UserFactory()
    user.set_unusable_password()
    user.save()
    client.force_login(user)
    response = client.get(reverse("account_set_password"))
    assert response.status_code == 200
    _check_page(response.content.decode(), "Définir un mot de passe")


def test_changing_the_password_needs_the_current_one(client):
    user = UserFactory()
    client.force_login(user)
    data = {"oldpassword": "pas-le-bon-mot", "password1": "Nouveau-binome-2027", "password2": "Nouveau-binome-2027"}

    response = client.post(reverse("account_change_password"), data)

    assert response.status_code == 200
    assert response.context["form"].errors["oldpassword"] == ["Merci d'indiquer votre mot de passe actuel."]
    body = response.content.decode()
    old_input = next(i for i in form_markup(body).inputs if i.get("name") == "oldpassword")
    assert old_input["aria-invalid"] == "true"
    assert "id_oldpassword_error" in old_input["aria-describedby"].split()
    assert '<div id="id_oldpassword_error" class="invalid-feedback">' in body

    data["oldpassword"] = DEFAULT_PASSWORD
    assert client.post(reverse("account_change_password"), data).status_code == 302
    user.refresh_from_db()
    assert user.check_password("Nouveau-binome-2027")


def test_email_page_lists_the_addresses_with_their_state(client):
    user = UserFactory(email="marie.curie@assurance-maladie.fr")
    EmailAddress.objects.create(user=user, email="m.curie@caf.fr", verified=False)
    client.force_login(user)
    body = client.get(reverse("account_email")).content.decode()
    assert "Confirmée" in body and "Non confirmée" in body and "Principale" in body
    markup = form_markup(body)
    radios = [i for i in markup.inputs if i.get("type") == "radio"]
    assert len(radios) == 2
    assert all(r["id"] in markup.label_for for r in radios)
