"""Single logout with a SAML provider: the platform's LogoutRequest, the provider's signed
LogoutResponse, and a LogoutRequest the provider starts (made and signed by the test itself)."""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from mentorat.sso.providers import providers_settings

from .idp import logged_in_user_id
from .saml_flow import DOMAIN, SLUG, answer, post_response, saml_entry
from .saml_idp import SLO_URL, key_and_certificate, logout_request, logout_response, read_logout_request

pytestmark = pytest.mark.django_db

SLS_PATH = f"/comptes/saml/{SLUG}/sls/"
SLS_URL = f"http://localhost{SLS_PATH}"
NS = {"samlp": "urn:oasis:names:tc:SAML:2.0:protocol", "saml": "urn:oasis:names:tc:SAML:2.0:assertion"}


@pytest.fixture
def slo_settings(settings, idp_keys):
    # The provider's messages must be signed (login Response included): the recommended configuration.
    settings.SOCIALACCOUNT_PROVIDERS = providers_settings(
        [saml_entry(idp_keys[1], slo=True, advanced={"want_message_signed": True})]
    )
    return settings


def sign_in(client, idp_keys, email=f"camille@{DOMAIN}"):
    xml, acs_url, relay = answer(client, idp_keys, email, sign_response=True)
    post_response(client, xml, acs_url, relay)
    assert logged_in_user_id(client) is not None
    return email


def test_logging_out_sends_a_logout_request_naming_the_session(saml_client, slo_settings, idp_keys):
    email = sign_in(saml_client, idp_keys)
    response = saml_client.post(reverse("account_logout"))
    assert logged_in_user_id(saml_client) is None
    assert response.status_code == 302 and response["Location"].startswith(SLO_URL + "?")
    request, relay_state = read_logout_request(response["Location"])
    assert request.find("saml:NameID", NS).text == email
    assert request.find("samlp:SessionIndex", NS).text.startswith("_")  # the assertion's
    assert request.get("Destination") == SLO_URL
    assert relay_state.endswith(reverse("account_login"))


def test_the_providers_signed_logout_response_brings_the_person_back(saml_client, slo_settings, idp_keys):
    sign_in(saml_client, idp_keys)
    request, relay_state = read_logout_request(saml_client.post(reverse("account_logout"))["Location"])
    query = logout_response(
        key=idp_keys[0], in_response_to=request.get("ID"), destination=SLS_URL, relay_state=relay_state
    )
    response = saml_client.get(SLS_PATH, query)
    assert response.status_code == 302 and urlsplit(response["Location"]).netloc in ("", "localhost")
    assert logged_in_user_id(saml_client) is None


@pytest.mark.parametrize("forged", ["another key", "unsigned", "failure status"])
def test_a_logout_response_not_signed_by_the_provider_or_failed_is_refused(saml_client, slo_settings, idp_keys, forged):
    sign_in(saml_client, idp_keys)
    request, relay_state = read_logout_request(saml_client.post(reverse("account_logout"))["Location"])
    key = {"another key": key_and_certificate("intrus.example")[0], "unsigned": ""}.get(forged, idp_keys[0])
    status = "Responder" if forged == "failure status" else "Success"
    query = logout_response(
        key=key, in_response_to=request.get("ID"), destination=SLS_URL, relay_state=relay_state, status=status
    )
    assert saml_client.get(SLS_PATH, query).status_code == 400


def test_a_logout_request_of_the_provider_ends_the_session_here(saml_client, slo_settings, idp_keys):
    email = sign_in(saml_client, idp_keys)
    session_index = saml_client.session["sso_logout_saml"][1]["session_index"]
    query = logout_request(key=idp_keys[0], destination=SLS_URL, email=email, session_index=session_index)
    response = saml_client.get(SLS_PATH, query)
    assert logged_in_user_id(saml_client) is None
    # The platform answers the provider with its LogoutResponse.
    assert response.status_code == 302 and response["Location"].startswith(SLO_URL + "?SAMLResponse=")


def test_a_forged_logout_request_does_not_end_the_session(saml_client, slo_settings, idp_keys):
    email = sign_in(saml_client, idp_keys)
    other_key, _cert = key_and_certificate("intrus.example")
    query = logout_request(key=other_key, destination=SLS_URL, email=email, session_index="_x")
    assert saml_client.get(SLS_PATH, query).status_code == 400
    assert logged_in_user_id(saml_client) is not None


def test_a_provider_without_single_logout_logs_out_locally(saml_client, saml_settings, idp_keys):
    sign_in_unsigned_message = answer(saml_client, idp_keys, f"camille@{DOMAIN}")
    post_response(saml_client, *sign_in_unsigned_message)
    assert logged_in_user_id(saml_client) is not None
    response = saml_client.post(reverse("account_logout"))
    assert logged_in_user_id(saml_client) is None
    assert response["Location"] == "/"


def test_after_the_totp_code_logging_out_still_sends_the_logout_request(saml_client, slo_settings, idp_keys):
    from tests.factories import TOTP_SECRET, UserFactory, current_totp_code

    engineer = UserFactory(email=f"ingenieure@{DOMAIN}", engineer=True)
    xml, acs_url, relay = answer(saml_client, idp_keys, engineer.email, sign_response=True)
    assert post_response(saml_client, xml, acs_url, relay)["Location"] == reverse("mfa_authenticate")
    saml_client.post(reverse("mfa_authenticate"), {"code": current_totp_code(TOTP_SECRET)})
    assert logged_in_user_id(saml_client) == str(engineer.pk)
    response = saml_client.post(reverse("account_logout"))
    assert response["Location"].startswith(SLO_URL + "?")
