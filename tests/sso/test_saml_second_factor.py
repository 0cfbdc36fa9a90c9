"""Staff who sign in through a SAML provider whose signed assertion says a second factor was used
(AuthnContextClassRef) are not asked for the platform's TOTP; otherwise the existing rule holds."""

import pytest
from django.urls import reverse

from mentorat.sso.mfa import SESSION_KEY
from mentorat.sso.providers import providers_settings
from tests.factories import OrganisationFactory, UserFactory

from .idp import logged_in_user_id
from .saml_flow import DOMAIN, SLUG, answer, post_response, saml_entry

pytestmark = pytest.mark.django_db

MULTIPLE_AUTHN = "http://schemas.microsoft.com/claims/multipleauthn"
SMARTCARD = "urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI"


@pytest.fixture
def hr_person(saml_settings):
    organisation = OrganisationFactory(code="CAF-TEST")
    return UserFactory(email=f"rh@{DOMAIN}", organisation=organisation, hr_of=[organisation], totp=False)


@pytest.fixture
def engineer_with_totp(saml_settings):
    return UserFactory(email=f"ingenieure@{DOMAIN}", engineer=True)  # TOTP set up


def sign_in(client, idp_keys, email, authn_context):
    xml, acs_url, relay = answer(client, idp_keys, email, authn_context=authn_context)
    return post_response(client, xml, acs_url, relay)


def test_a_second_factor_in_the_assertion_spares_the_totp_set_up(saml_client, idp_keys, hr_person):
    response = sign_in(saml_client, idp_keys, hr_person.email, MULTIPLE_AUTHN)
    assert response["Location"] == reverse("core:dashboard")
    assert saml_client.session[SESSION_KEY] == SLUG
    response = saml_client.get(reverse("core:dashboard"), follow=True)
    assert response.status_code == 200
    assert not [url for url, _status in response.redirect_chain if url.startswith(reverse("mfa_activate_totp"))]


def test_a_password_only_assertion_leaves_the_totp_set_up_first(saml_client, idp_keys, hr_person):
    sign_in(saml_client, idp_keys, hr_person.email, "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport")
    assert logged_in_user_id(saml_client) == str(hr_person.pk)
    assert SESSION_KEY not in saml_client.session
    response = saml_client.get(reverse("core:dashboard"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("mfa_activate_totp"))


def test_a_second_factor_in_the_assertion_spares_the_totp_code(saml_client, idp_keys, engineer_with_totp):
    response = sign_in(saml_client, idp_keys, engineer_with_totp.email, MULTIPLE_AUTHN)
    assert response["Location"] == reverse("core:dashboard")
    assert logged_in_user_id(saml_client) == str(engineer_with_totp.pk)


def test_without_it_the_totp_code_is_asked(saml_client, idp_keys, engineer_with_totp):
    response = sign_in(saml_client, idp_keys, engineer_with_totp.email, SMARTCARD)
    assert response["Location"] == reverse("mfa_authenticate")
    assert logged_in_user_id(saml_client) is None


def test_the_values_configured_for_the_provider_count(saml_client, idp_keys, engineer_with_totp, settings):
    # This organisation's smart cards are its second factor; Microsoft's value is not trusted from it.
    settings.SOCIALACCOUNT_PROVIDERS = providers_settings([saml_entry(idp_keys[1], mfa_authn_contexts=[SMARTCARD])])
    response = sign_in(saml_client, idp_keys, engineer_with_totp.email, SMARTCARD)
    assert response["Location"] == reverse("core:dashboard")
    saml_client.post(reverse("account_logout"))
    response = sign_in(saml_client, idp_keys, engineer_with_totp.email, MULTIPLE_AUTHN)
    assert response["Location"] == reverse("mfa_authenticate")


def test_an_attribute_cannot_pose_as_the_authentication_context(saml_client, idp_keys, engineer_with_totp):
    # The context the platform keeps beside the attributes comes from python3-saml, never from an attribute
    # of the same name.
    from .saml_flow import AUDIENCE, start
    from .saml_idp import saml_response

    request_id, acs_url, relay = start(saml_client, engineer_with_totp.email)
    key, cert = idp_keys
    xml = saml_response(
        key=key,
        cert=cert,
        in_response_to=request_id,
        acs_url=acs_url,
        audience=AUDIENCE,
        email=engineer_with_totp.email,
        extra_attributes={"mentorat_saml": MULTIPLE_AUTHN, "authn_contexts": MULTIPLE_AUTHN},
    )
    response = post_response(saml_client, xml, acs_url, relay)
    assert response["Location"] == reverse("mfa_authenticate")
