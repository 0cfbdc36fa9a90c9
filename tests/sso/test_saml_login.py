"""Signing in through a SAML provider, with assertions the test signs itself."""

import pytest
from allauth.socialaccount.models import SocialAccount
from django.urls import reverse

from mentorat.accounts.models import User
from mentorat.audit.enums import AuditAction
from mentorat.audit.models import AuditEvent

from .idp import logged_in_user_id
from .saml_flow import AUDIENCE, DOMAIN, SLUG, answer, post_response, start
from .saml_idp import key_and_certificate, saml_response

pytestmark = pytest.mark.django_db


def test_a_signed_assertion_signs_in_and_creates_the_account(saml_client, saml_settings, idp_keys):
    xml, acs_url, relay = answer(saml_client, idp_keys, f"camille@{DOMAIN}")
    response = post_response(saml_client, xml, acs_url, relay)
    assert response.status_code == 302 and response["Location"] == reverse("core:dashboard")
    user = User.objects.get(email=f"camille@{DOMAIN}")
    assert logged_in_user_id(saml_client) == str(user.pk)
    assert (user.first_name, user.last_name) == ("Camille", "Durand")
    assert SocialAccount.objects.get(user=user).provider == SLUG


def test_an_assertion_signed_by_another_key_is_refused(saml_client, saml_settings, idp_keys):
    other_key, _other_cert = key_and_certificate("intrus.example")
    xml, acs_url, relay = answer(saml_client, idp_keys, f"camille@{DOMAIN}", key=other_key)
    post_response(saml_client, xml, acs_url, relay)
    assert logged_in_user_id(saml_client) is None
    assert not User.objects.filter(email=f"camille@{DOMAIN}").exists()


def test_an_assertion_changed_after_signing_is_refused(saml_client, saml_settings, idp_keys):
    xml, acs_url, relay = answer(saml_client, idp_keys, f"camille@{DOMAIN}")
    post_response(saml_client, xml.replace("Durand", "Dupuis"), acs_url, relay)
    assert logged_in_user_id(saml_client) is None


def test_an_unsigned_assertion_is_refused(saml_client, saml_settings, idp_keys):
    xml, acs_url, relay = answer(saml_client, idp_keys, f"camille@{DOMAIN}", key="")
    post_response(saml_client, xml, acs_url, relay)
    assert logged_in_user_id(saml_client) is None


def test_an_address_of_a_domain_the_provider_does_not_own_is_refused(saml_client, saml_settings, idp_keys):
    request_id, acs_url, relay = start(saml_client, f"camille@{DOMAIN}")
    key, cert = idp_keys
    xml = saml_response(
        key=key,
        cert=cert,
        in_response_to=request_id,
        acs_url=acs_url,
        audience=AUDIENCE,
        email="directeur@assurance-maladie.fr",
    )
    response = post_response(saml_client, xml, acs_url, relay)
    assert response.status_code == 403
    assert logged_in_user_id(saml_client) is None
    assert AuditEvent.objects.filter(action=AuditAction.SSO_REFUSED, details__reason="domain_not_owned").exists()


def test_a_replayed_response_is_refused(saml_client, saml_settings, idp_keys):
    xml, acs_url, relay = answer(saml_client, idp_keys, f"camille@{DOMAIN}")
    post_response(saml_client, xml, acs_url, relay)
    assert logged_in_user_id(saml_client) is not None
    saml_client.post(reverse("account_logout"))
    post_response(saml_client, xml, acs_url, relay)
    assert logged_in_user_id(saml_client) is None


def test_an_assertion_the_platform_did_not_ask_for_is_refused(saml_client, saml_settings, idp_keys):
    key, cert = idp_keys
    acs_url = f"http://localhost/comptes/saml/{SLUG}/acs/"
    xml = saml_response(
        key=key,
        cert=cert,
        in_response_to=None,
        acs_url=acs_url,
        audience=AUDIENCE,
        email=f"camille@{DOMAIN}",
    )
    post_response(saml_client, xml, acs_url)
    assert logged_in_user_id(saml_client) is None


def test_an_assertion_for_another_service_is_refused(saml_client, saml_settings, idp_keys):
    xml, acs_url, relay = answer(saml_client, idp_keys, f"camille@{DOMAIN}")
    xml_other = xml  # signed for our audience: rebuild it for another one
    request_id, acs_url, relay = start(saml_client, f"camille@{DOMAIN}")
    key, cert = idp_keys
    xml_other = saml_response(
        key=key,
        cert=cert,
        in_response_to=request_id,
        acs_url=acs_url,
        audience="https://autre-service.example/",
        email=f"camille@{DOMAIN}",
    )
    post_response(saml_client, xml_other, acs_url, relay)
    assert logged_in_user_id(saml_client) is None


def test_an_expired_assertion_is_refused(saml_client, saml_settings, idp_keys):
    import datetime

    import time_machine

    xml, acs_url, relay = answer(saml_client, idp_keys, f"camille@{DOMAIN}", lifetime=300)
    with time_machine.travel(datetime.datetime.now(datetime.UTC) + datetime.timedelta(minutes=10)):
        post_response(saml_client, xml, acs_url, relay)
    assert logged_in_user_id(saml_client) is None


def test_an_assertion_for_another_domain_cannot_take_over_an_existing_account(saml_client, saml_settings, idp_keys):
    from tests.factories import UserFactory

    victim = UserFactory(email="victime@caf.fr")
    request_id, acs_url, relay = start(saml_client, f"camille@{DOMAIN}")
    key, cert = idp_keys
    xml = saml_response(
        key=key, cert=cert, in_response_to=request_id, acs_url=acs_url, audience=AUDIENCE, email=victim.email
    )
    response = post_response(saml_client, xml, acs_url, relay)
    assert response.status_code == 403 and logged_in_user_id(saml_client) is None
    assert not SocialAccount.objects.exists()
