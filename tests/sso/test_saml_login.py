"""Signing in through a SAML provider, with assertions the test signs itself."""

import pytest
from allauth.socialaccount.models import SocialAccount
from django.urls import reverse

from mentorat.accounts.models import User
from mentorat.audit.enums import AuditAction
from mentorat.audit.models import AuditEvent
from mentorat.sso.providers import providers_settings

from .idp import logged_in_user_id
from .saml_idp import IDP_ENTITY_ID, SSO_URL, encoded, key_and_certificate, read_authn_request, saml_response

pytestmark = pytest.mark.django_db

DOMAIN = "caf-test.fr"
SLUG = "caf-test"


@pytest.fixture(scope="module")
def idp_keys():
    return key_and_certificate()


@pytest.fixture
def client(client):
    # Browsers always send Host; allauth's SAML reads it (the test client only sets SERVER_NAME).
    # python3-saml wants a dotted host or localhost.
    client.defaults["HTTP_HOST"] = "localhost"
    return client


@pytest.fixture
def saml_settings(settings, idp_keys):
    _key, cert = idp_keys
    settings.SOCIALACCOUNT_PROVIDERS = providers_settings(
        [
            {
                "id": SLUG,
                "name": "CAF de test",
                "protocol": "saml",
                "domains": [DOMAIN],
                "email_verified": True,
                "idp": {"entity_id": IDP_ENTITY_ID, "sso_url": SSO_URL, "x509cert": cert},
                "advanced": {"want_assertion_signed": True, "reject_idp_initiated_sso": True},
            }
        ]
    )
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


def answer(client, idp_keys, email, *, key=None, **changes):
    request_id, acs_url, relay_state = start(client, email)
    key_pem, cert = idp_keys
    xml = saml_response(
        key=key_pem if key is None else key,
        cert=cert,
        in_response_to=request_id,
        acs_url=acs_url,
        audience=f"http://localhost/comptes/saml/{SLUG}/metadata/",
        email=email,
        **changes,
    )
    return xml, acs_url, relay_state


def test_a_signed_assertion_signs_in_and_creates_the_account(client, saml_settings, idp_keys):
    xml, acs_url, relay = answer(client, idp_keys, f"camille@{DOMAIN}")
    response = post_response(client, xml, acs_url, relay)
    assert response.status_code == 302 and response["Location"] == reverse("core:dashboard")
    user = User.objects.get(email=f"camille@{DOMAIN}")
    assert logged_in_user_id(client) == str(user.pk)
    assert (user.first_name, user.last_name) == ("Camille", "Durand")
    assert SocialAccount.objects.get(user=user).provider == SLUG


def test_an_assertion_signed_by_another_key_is_refused(client, saml_settings, idp_keys):
    other_key, _other_cert = key_and_certificate("intrus.example")
    xml, acs_url, relay = answer(client, idp_keys, f"camille@{DOMAIN}", key=other_key)
    post_response(client, xml, acs_url, relay)
    assert logged_in_user_id(client) is None
    assert not User.objects.filter(email=f"camille@{DOMAIN}").exists()


def test_an_assertion_changed_after_signing_is_refused(client, saml_settings, idp_keys):
    xml, acs_url, relay = answer(client, idp_keys, f"camille@{DOMAIN}")
    post_response(client, xml.replace("Durand", "Dupuis"), acs_url, relay)
    assert logged_in_user_id(client) is None


def test_an_unsigned_assertion_is_refused(client, saml_settings, idp_keys):
    xml, acs_url, relay = answer(client, idp_keys, f"camille@{DOMAIN}", key="")
    post_response(client, xml, acs_url, relay)
    assert logged_in_user_id(client) is None


def test_an_address_of_a_domain_the_provider_does_not_own_is_refused(client, saml_settings, idp_keys):
    request_id, acs_url, relay = start(client, f"camille@{DOMAIN}")
    key, cert = idp_keys
    xml = saml_response(
        key=key,
        cert=cert,
        in_response_to=request_id,
        acs_url=acs_url,
        audience=f"http://localhost/comptes/saml/{SLUG}/metadata/",
        email="directeur@assurance-maladie.fr",
    )
    response = post_response(client, xml, acs_url, relay)
    assert response.status_code == 403
    assert logged_in_user_id(client) is None
    assert AuditEvent.objects.filter(action=AuditAction.SSO_REFUSED, details__reason="domain_not_owned").exists()


def test_a_replayed_response_is_refused(client, saml_settings, idp_keys):
    xml, acs_url, relay = answer(client, idp_keys, f"camille@{DOMAIN}")
    post_response(client, xml, acs_url, relay)
    assert logged_in_user_id(client) is not None
    client.post(reverse("account_logout"))
    post_response(client, xml, acs_url, relay)
    assert logged_in_user_id(client) is None


def test_an_assertion_the_platform_did_not_ask_for_is_refused(client, saml_settings, idp_keys):
    key, cert = idp_keys
    acs_url = f"http://localhost/comptes/saml/{SLUG}/acs/"
    xml = saml_response(
        key=key,
        cert=cert,
        in_response_to=None,
        acs_url=acs_url,
        audience=f"http://localhost/comptes/saml/{SLUG}/metadata/",
        email=f"camille@{DOMAIN}",
    )
    post_response(client, xml, acs_url)
    assert logged_in_user_id(client) is None


def test_an_assertion_for_another_service_is_refused(client, saml_settings, idp_keys):
    xml, acs_url, relay = answer(client, idp_keys, f"camille@{DOMAIN}")
    xml_other = xml  # signed for our audience: rebuild it for another one
    request_id, acs_url, relay = start(client, f"camille@{DOMAIN}")
    key, cert = idp_keys
    xml_other = saml_response(
        key=key,
        cert=cert,
        in_response_to=request_id,
        acs_url=acs_url,
        audience="https://autre-service.example/",
        email=f"camille@{DOMAIN}",
    )
    post_response(client, xml_other, acs_url, relay)
    assert logged_in_user_id(client) is None
