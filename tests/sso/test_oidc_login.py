"""Signing in through a real OpenID Connect provider (tests/sso/oidc_idp.mjs)."""

from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.core import mail
from django.urls import reverse

from mentorat.accounts.models import User
from mentorat.audit.enums import AuditAction
from mentorat.audit.models import AuditEvent
from tests.factories import UserFactory

from .idp import OWN_DOMAIN, follow_idp, logged_in_user_id, sign_in_through_idp, start_sign_in

pytestmark = pytest.mark.django_db


def test_the_login_page_offers_the_organisation_form_beside_the_password(client, sso_settings):
    body = client.get(reverse("account_login")).content.decode()
    assert "Se connecter avec mon organisation" in body
    assert 'name="password"' in body


def test_the_login_page_has_no_organisation_form_without_a_provider(client, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": []}, "saml": {"APPS": []}}
    assert "Se connecter avec mon organisation" not in client.get(reverse("account_login")).content.decode()


def test_an_address_without_provider_is_told_to_use_the_password(client, sso_settings):
    response = client.post(reverse("sso:organisation_login"), {"email": "eve@ailleurs.fr"})
    assert response.status_code == 400
    assert "ne propose pas encore la connexion" in response.content.decode()


def test_a_provider_that_does_not_answer_is_told_next_to_the_field(client, oidc_idp, settings):
    from mentorat.sso.providers import providers_settings

    # A closed port on this machine: the discovery document never comes.
    settings.SOCIALACCOUNT_PROVIDERS = providers_settings(oidc_idp.entries(server_url="http://127.0.0.1:9"))
    response = client.post(reverse("sso:organisation_login"), {"email": f"alice@{OWN_DOMAIN}"})
    assert response.status_code == 503
    assert "ne répond pas" in response.content.decode()


def test_the_authorisation_request_carries_state_nonce_and_pkce(client, sso_settings, oidc_idp):
    query = parse_qs(urlsplit(start_sign_in(client, f"alice@{OWN_DOMAIN}")).query)
    assert query["client_id"] == ["mentorat"]
    assert query["code_challenge_method"] == ["S256"] and query["code_challenge"][0]
    # ProConnect wants 32 characters at least for both.
    assert len(query["state"][0]) >= 32 and len(query["nonce"][0]) >= 32
    assert query["login_hint"] == [f"alice@{OWN_DOMAIN}"]
    assert query["acr_values"] == ["eidas1"]


def test_first_login_creates_the_account_with_the_verified_address_names_and_organisation(
    client, sso_settings, oidc_idp
):
    email = oidc_idp.add_account(f"alice@{OWN_DOMAIN}", given_name="Alice", family_name="Martin")
    response = sign_in_through_idp(client, email)
    assert response.status_code == 302 and response["Location"] == reverse("core:dashboard")
    user = User.objects.get(email=email)
    assert logged_in_user_id(client) == str(user.pk)
    assert (user.first_name, user.last_name, user.organisation.code) == ("Alice", "Martin", "CPAM-TEST")
    assert EmailAddress.objects.get(user=user).verified
    assert SocialAccount.objects.get(user=user).provider == "idp"
    assert mail.outbox == []  # no second verification
    assert AuditEvent.objects.filter(action=AuditAction.SSO_LOGIN, actor=user).exists()
    assert client.get(response["Location"]).status_code == 200


def test_proconnect_usual_name_is_the_family_name(client, sso_settings, oidc_idp):
    email = oidc_idp.add_account(f"jean@{OWN_DOMAIN}", given_name="Jean", usual_name="Dupont")
    sign_in_through_idp(client, email)
    assert User.objects.get(email=email).last_name == "Dupont"


def test_an_existing_account_with_the_same_verified_address_is_linked(client, sso_settings, oidc_idp):
    user = UserFactory(email=f"bernard@{OWN_DOMAIN}")
    oidc_idp.add_account(user.email)
    sign_in_through_idp(client, user.email)
    assert logged_in_user_id(client) == str(user.pk)
    assert SocialAccount.objects.get(provider="idp").user == user
    user.refresh_from_db()
    assert user.has_usable_password()  # the address was verified: nothing to fear
    assert AuditEvent.objects.filter(action=AuditAction.SSO_LINKED, target=f"user:{user.pk}").exists()


def test_an_account_whose_address_was_never_verified_loses_its_password_when_linked(client, sso_settings, oidc_idp):
    # Someone may have signed up with this address before its owner: they must not keep a way in.
    squatter = UserFactory(email=f"claire@{OWN_DOMAIN}", verified=False)
    oidc_idp.add_account(squatter.email)
    sign_in_through_idp(client, squatter.email)
    squatter.refresh_from_db()
    assert logged_in_user_id(client) == str(squatter.pk)
    assert not squatter.has_usable_password()


def test_an_unverified_address_is_refused(client, sso_settings, oidc_idp):
    email = oidc_idp.add_account(f"denis@{OWN_DOMAIN}", email_verified=False)
    response = sign_in_through_idp(client, email)
    assert response.status_code == 403
    assert "n'a pas confirmé votre adresse" in response.content.decode()
    assert logged_in_user_id(client) is None
    assert not User.objects.filter(email=email).exists()
    assert AuditEvent.objects.filter(action=AuditAction.SSO_REFUSED, details__reason="email_unverified").exists()


def test_a_provider_cannot_take_over_an_account_of_a_domain_it_does_not_own(client, sso_settings, oidc_idp):
    victim = UserFactory(email="victime@caf.fr")
    # The provider's own user, who asserts (verified!) the address of someone of another organisation.
    oidc_idp.add_account(f"mallory@{OWN_DOMAIN}", email=victim.email)
    response = sign_in_through_idp(client, f"mallory@{OWN_DOMAIN}")
    assert response.status_code == 403
    assert logged_in_user_id(client) is None
    assert not SocialAccount.objects.exists()
    assert AuditEvent.objects.filter(action=AuditAction.SSO_REFUSED, details__reason="domain_not_owned").exists()


@pytest.mark.parametrize("tamper", ["wrong-aud", "expired", "bad-signature", "wrong-nonce", "wrong-iss"])
def test_a_tampered_id_token_is_refused(client, sso_settings, oidc_idp, tamper):
    # The provider re-signs the ID token after one change (oidc_idp.mjs): another audience, an expiry
    # in the past, a key it never published, the nonce of another login, another issuer.
    email = oidc_idp.add_account(f"eve@{tamper}.test")
    response = sign_in_through_idp(client, email)
    assert logged_in_user_id(client) is None
    assert not User.objects.filter(email=email).exists()
    # allauth's "login failure" page (401) for the token's checks, the platform's (403) for the nonce.
    assert response.status_code == (403 if tamper == "wrong-nonce" else 401)
    assert AuditEvent.objects.filter(action=AuditAction.SSO_REFUSED, target=f"provider:idp-{tamper}").exists()


def test_the_same_provider_without_tampering_signs_in(client, sso_settings, oidc_idp):
    # The control of the test above: the only difference is the client's misbehaviour.
    email = oidc_idp.add_account(f"eve@{OWN_DOMAIN}")
    sign_in_through_idp(client, email)
    assert logged_in_user_id(client) is not None


def test_a_replayed_callback_is_refused(client, sso_settings, oidc_idp, django_user_model):
    email = oidc_idp.add_account(f"fanny@{OWN_DOMAIN}")
    callback = follow_idp(start_sign_in(client, email), email)
    path = callback.removeprefix("http://testserver")
    client.get(path)
    assert logged_in_user_id(client) is not None
    client.post(reverse("account_logout"))
    # The same code and state again, in the session that used them, then in another browser.
    client.get(path)
    assert logged_in_user_id(client) is None
    from tests.conftest import StrictClient

    other = StrictClient()
    other.get(path)
    assert logged_in_user_id(other) is None


def test_a_login_not_started_by_the_platform_form_is_refused(client, sso_settings, oidc_idp):
    # allauth's own login URL (no nonce in the state): the ID token cannot match.
    email = oidc_idp.add_account(f"gilles@{OWN_DOMAIN}")
    response = client.post(reverse("openid_connect_login", kwargs={"provider_id": "idp"}))
    assert response.status_code == 302
    callback = follow_idp(response["Location"], email)
    response = client.get(callback.removeprefix("http://testserver"))
    assert response.status_code == 403
    assert logged_in_user_id(client) is None


def test_a_deactivated_person_cannot_sign_in(client, sso_settings, oidc_idp):
    user = UserFactory(email=f"henri@{OWN_DOMAIN}", is_active=False)
    oidc_idp.add_account(user.email)
    sign_in_through_idp(client, user.email)
    assert logged_in_user_id(client) is None


def test_logging_out_ends_the_session_at_the_provider_too(client, sso_settings, oidc_idp, settings):
    import requests

    email = oidc_idp.add_account(f"ines@{OWN_DOMAIN}")
    sign_in_through_idp(client, email)
    response = client.post(reverse("account_logout"))
    assert logged_in_user_id(client) is None
    location = response["Location"]
    assert location.startswith(f"{oidc_idp.issuer}/session/end?")
    query = parse_qs(urlsplit(location).query)
    assert query["post_logout_redirect_uri"] == [settings.SITE_URL + "/comptes/login/"] and query["id_token_hint"]
    # The provider accepts the hint (its own signed ID token) and the return address: its confirmation page.
    assert requests.get(location, timeout=10).status_code == 200


def test_a_password_login_logs_out_locally(client, db):
    user = UserFactory(email="local@caf.fr")
    client.force_login(user)
    response = client.post(reverse("account_logout"))
    assert response["Location"] == "/"


def test_a_userinfo_answered_as_a_signed_jwt_is_read(client, sso_settings, oidc_idp):
    # ProConnect answers the userinfo as application/jwt, signed by its keys.
    email = oidc_idp.add_account("julie@jwt-userinfo.test", given_name="Julie", usual_name="Petit")
    sign_in_through_idp(client, email)
    user = User.objects.get(email=email)
    assert logged_in_user_id(client) == str(user.pk)
    assert (user.first_name, user.last_name) == ("Julie", "Petit")


def test_without_pkce_nor_login_hint_for_a_provider_that_refuses_unknown_parameters(client, oidc_idp, settings):
    from mentorat.sso.providers import providers_settings

    settings.SOCIALACCOUNT_PROVIDERS = providers_settings(oidc_idp.entries(pkce=False, login_hint=False))
    query = parse_qs(urlsplit(start_sign_in(client, f"alice@{OWN_DOMAIN}")).query)
    assert "code_challenge" not in query and "login_hint" not in query and query["nonce"]


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/", "http://testserver.evil.example/"])
def test_the_page_after_sign_in_is_never_another_site(client, sso_settings, oidc_idp, next_url):
    email = oidc_idp.add_account(f"karim@{OWN_DOMAIN}")
    response = sign_in_through_idp(client, email, next=next_url)
    assert logged_in_user_id(client) is not None
    assert response["Location"] == reverse("core:dashboard")


def test_the_page_after_sign_in_may_be_one_of_the_platform(client, sso_settings, oidc_idp):
    email = oidc_idp.add_account(f"lea@{OWN_DOMAIN}")
    response = sign_in_through_idp(client, email, next=reverse("accounts:profile"))
    assert response["Location"] == reverse("accounts:profile")


def test_an_address_outside_the_platforms_domains_is_refused(client, sso_settings, oidc_idp, settings):
    settings.SIGNUP_EMAIL_DOMAINS = ["assurance-maladie.fr"]
    email = oidc_idp.add_account(f"marc@{OWN_DOMAIN}")
    response = sign_in_through_idp(client, email)
    assert response.status_code == 403 and logged_in_user_id(client) is None
    assert AuditEvent.objects.filter(action=AuditAction.SSO_REFUSED, details__reason="domain_not_allowed").exists()


@pytest.mark.parametrize("email", [f"nina@evil-{OWN_DOMAIN}", f"nina@{OWN_DOMAIN}.evil.example"])
def test_a_look_alike_domain_is_not_the_providers(client, sso_settings, oidc_idp, email):
    # The provider asserts (verified) an address of a domain that merely resembles its own.
    oidc_idp.add_account(f"nina@{OWN_DOMAIN}", email=email)
    response = sign_in_through_idp(client, f"nina@{OWN_DOMAIN}")
    assert response.status_code == 403 and logged_in_user_id(client) is None
    assert AuditEvent.objects.filter(action=AuditAction.SSO_REFUSED, details__reason="domain_not_owned").exists()
