"""Logins behind the reverse proxy (docker-compose.yml's Caddy, TRUSTED_PROXY_COUNT=1): every request
reaches gunicorn from the proxy's address, the client's is the entry the proxy appended to
X-Forwarded-For. Failed passwords lock an account from one address only (django-axes), so that nobody
locks a named person out from elsewhere, and the person is warned by e-mail."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from mentorat.audit.enums import AuditAction
from mentorat.audit.models import AuditEvent
from tests.factories import DEFAULT_PASSWORD, TOTP_SECRET, UserFactory, current_totp_code
from tests.html_checker import check_documents

pytestmark = pytest.mark.django_db

LOGIN_URL = reverse("account_login")
PROXY = "172.20.0.2"
ATTACKER = "198.51.100.66"
ENGINEER_HOME = "203.0.113.10"


@pytest.fixture(autouse=True)
def _behind_one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1


def through_proxy(client, email, password, client_address, forged=None):
    """A login post as the proxy hands it to gunicorn: from the proxy, with the client's address
    appended to whatever X-Forwarded-For the client sent."""
    forwarded = f"{forged}, {client_address}" if forged else client_address
    return client.post(
        LOGIN_URL, {"login": email, "password": password}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded
    )


def test_the_audit_trail_records_the_client_and_not_the_proxy_or_a_forged_entry(client, mentee):
    through_proxy(client, mentee.email, "mauvais-mot-de-passe", "203.0.113.9", forged="10.9.9.9")
    through_proxy(client, mentee.email, DEFAULT_PASSWORD, "203.0.113.9", forged="10.9.9.9")

    addresses = set(AuditEvent.objects.values_list("action", "ip_address"))
    assert addresses == {(AuditAction.LOGIN_FAILED, "203.0.113.9"), (AuditAction.LOGIN, "203.0.113.9")}


def test_ten_failures_of_one_client_do_not_lock_out_another_client(client, settings):
    alice = UserFactory(email="alice@assurance-maladie.fr")
    bob = UserFactory(email="bob@caf.fr")
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        through_proxy(client, alice.email, f"mauvais-{attempt}", "198.51.100.1")

    response = through_proxy(client, bob.email, DEFAULT_PASSWORD, "198.51.100.2")

    assert response.status_code == 302 and response.url == "/tableau-de-bord/"
    assert client.session["_auth_user_id"] == str(bob.pk)


def test_the_locked_client_gets_a_french_page_and_even_the_right_password_waits(client, settings):
    alice = UserFactory(email="alice@assurance-maladie.fr")
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        through_proxy(client, alice.email, f"mauvais-{attempt}", "198.51.100.1")

    response = through_proxy(client, alice.email, DEFAULT_PASSWORD, "198.51.100.1")

    assert response.status_code == 429
    body = response.content.decode()
    assert "Trop de tentatives de connexion" in body
    assert "réessayez dans 15 minutes" in body
    assert check_documents({"lockout": body}) == []
    assert "_auth_user_id" not in client.session
    # The cool-off is short: a quarter of an hour later the right password opens.
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=16)):
        later = through_proxy(client, alice.email, DEFAULT_PASSWORD, "198.51.100.1")
    assert later.status_code == 302 and client.session["_auth_user_id"] == str(alice.pk)


def test_an_attacker_cannot_keep_the_engineer_out_from_another_address(client, engineer, programme):
    for attempt in range(20):
        through_proxy(client, engineer.email, f"devine-{attempt}", ATTACKER, forged=ENGINEER_HOME)
    # Locked from the attacker's address, whatever it writes on the left of the header.
    assert through_proxy(client, engineer.email, DEFAULT_PASSWORD, ATTACKER, forged=ENGINEER_HOME).status_code == 429

    response = through_proxy(client, engineer.email, DEFAULT_PASSWORD, ENGINEER_HOME)

    assert response.status_code == 302 and response.url == reverse("mfa_authenticate")
    code = client.post(
        reverse("mfa_authenticate"),
        {"code": current_totp_code(TOTP_SECRET)},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=ENGINEER_HOME,
    )
    assert code.status_code == 302
    assert client.session["_auth_user_id"] == str(engineer.pk)


def test_the_person_is_warned_by_email_at_the_fifth_failure_within_the_hour_and_once(client, engineer, settings):
    for attempt in range(settings.LOGIN_FAILURES_WARNING - 1):
        through_proxy(client, engineer.email, f"devine-{attempt}", f"198.51.100.{attempt + 1}")
    assert not [m for m in mail.outbox if engineer.email in m.to]

    through_proxy(client, engineer.email, "devine-encore", "198.51.100.99")
    for attempt in range(10):
        through_proxy(client, engineer.email, f"et-encore-{attempt}", ATTACKER)

    warnings = [m for m in mail.outbox if engineer.email in m.to]
    assert len(warnings) == 1
    assert warnings[0].subject == "[Mentorat] Des tentatives de connexion à votre compte ont échoué"
    assert "5 tentatives de connexion à votre compte Mentorat ont échoué" in warnings[0].body
    assert "Votre compte n'est pas bloqué" in warnings[0].body
    assert "/comptes/password/reset/" in warnings[0].body
    event = AuditEvent.objects.get(action=AuditAction.LOGIN_FAILURES_WARNED)
    assert event.target == f"user:{engineer.pk}" and event.details == {"failures": 5}

    # An hour later, new failures warn again.
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=61)):
        for attempt in range(settings.LOGIN_FAILURES_WARNING):
            through_proxy(client, engineer.email, f"le-lendemain-{attempt}", f"192.0.2.{attempt + 1}")
    assert len([m for m in mail.outbox if engineer.email in m.to]) == 2


def test_failures_on_an_address_without_an_account_send_nothing(client, settings):
    for attempt in range(settings.LOGIN_FAILURES_WARNING + 1):
        through_proxy(client, "personne@assurance-maladie.fr", f"devine-{attempt}", ATTACKER)
    assert not mail.outbox
    assert not AuditEvent.objects.filter(action=AuditAction.LOGIN_FAILURES_WARNED).exists()


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored_entirely(client, settings, mentee):
    settings.TRUSTED_PROXY_COUNT = 0
    alice = UserFactory(email="alice@assurance-maladie.fr")
    # Forged addresses change nothing: the lock-out counts the connecting address.
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        through_proxy(client, alice.email, f"mauvais-{attempt}", f"198.51.100.{attempt + 1}")

    assert through_proxy(client, alice.email, DEFAULT_PASSWORD, "203.0.113.200").status_code == 429
    assert set(AuditEvent.objects.values_list("ip_address", flat=True)) == {PROXY}
