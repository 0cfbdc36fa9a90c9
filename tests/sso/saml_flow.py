"""Signing in through a SAML provider: the platform's side of the flow, with the test's own provider
(saml_idp.py) signing the assertions."""

import pytest
from django.urls import reverse

from mentorat.sso.providers import providers_settings

from .saml_idp import IDP_ENTITY_ID, SLO_URL, SSO_URL, encoded, key_and_certificate, read_authn_request, saml_response

DOMAIN = "caf-test.fr"
SLUG = "caf-test"


@pytest.fixture(scope="module")
def idp_keys():
    return key_and_certificate()


@pytest.fixture
def saml_client(client):
    # Browsers always send Host; allauth's SAML reads it (the test client only sets SERVER_NAME).
    # python3-saml wants a dotted host or localhost.
    client.defaults["HTTP_HOST"] = "localhost"
    return client


def saml_entry(cert, *, slo=False, advanced=None, **overrides):
    """The SSO_PROVIDERS entry of the test's provider (with its single logout service if `slo`)."""
    idp = {"entity_id": IDP_ENTITY_ID, "sso_url": SSO_URL, "x509cert": cert}
    if slo:
        idp["slo_url"] = SLO_URL
    return {
        "id": SLUG,
        "name": "CAF de test",
        "protocol": "saml",
        "domains": [DOMAIN],
        "email_verified": True,
        "idp": idp,
        "advanced": {"want_assertion_signed": True, "reject_idp_initiated_sso": True, **(advanced or {})},
        **overrides,
    }


@pytest.fixture
def saml_settings(settings, idp_keys):
    settings.SOCIALACCOUNT_PROVIDERS = providers_settings([saml_entry(idp_keys[1])])
    return settings


def start(client, email):
    response = client.post(reverse("sso:organisation_login"), {"email": email})
    assert response.status_code == 302 and response["Location"].startswith(SSO_URL)
    return read_authn_request(response["Location"])


def post_response(client, xml, acs_url, relay_state=""):
    response = client.post(
        acs_url.removeprefix("http://localhost"), {"SAMLResponse": encoded(xml), "RelayState": relay_state}
    )
    assert response.status_code == 302  # allauth keeps the answer and finishes on its own URL
    return client.get(response["Location"])


AUDIENCE = f"http://localhost/comptes/saml/{SLUG}/metadata/"


def answer(client, idp_keys, email, *, key=None, **changes):
    request_id, acs_url, relay_state = start(client, email)
    key_pem, cert = idp_keys
    xml = saml_response(
        key=key_pem if key is None else key,
        cert=cert,
        in_response_to=request_id,
        acs_url=acs_url,
        audience=AUDIENCE,
        email=email,
        **changes,
    )
    return xml, acs_url, relay_state
