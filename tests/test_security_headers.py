"""Headers, cookies and session lifetime."""

import datetime
import subprocess
import sys
from pathlib import Path

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse


def test_pages_carry_a_strict_content_security_policy(client, mentee, programme):
    client.force_login(mentee)
    response = client.get(reverse("core:dashboard_mentee"))
    policy = response["Content-Security-Policy"]
    for directive in (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'",
    ):
        assert directive in policy
    assert "unsafe-inline" not in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_authenticated_pages_are_never_stored(client, mentee, programme):
    client.force_login(mentee)
    assert "no-store" in client.get(reverse("core:dashboard_mentee"))["Cache-Control"]


def test_public_pages_may_be_cached(client, db):
    assert "no-store" not in client.get(reverse("core:accessibility")).get("Cache-Control", "")


def test_a_session_ends_after_2_hours_of_inactivity(client, mentee, programme):
    with time_machine.travel(datetime.datetime(2026, 11, 20, 9, 0, tzinfo=datetime.UTC), tick=False) as clock:
        client.force_login(mentee)
        assert client.get(reverse("core:dashboard_mentee")).status_code == 200
        clock.shift(datetime.timedelta(minutes=110))
        assert client.get(reverse("core:dashboard_mentee")).status_code == 200  # activity renews it
        clock.shift(datetime.timedelta(minutes=121))
        assert client.get(reverse("core:dashboard_mentee")).status_code == 302


def test_a_session_lasts_12_hours_at_most_however_active(client, mentee, programme):
    with time_machine.travel(datetime.datetime(2026, 11, 20, 7, 0, tzinfo=datetime.UTC), tick=False) as clock:
        client.force_login(mentee)
        for _hour in range(12):
            assert client.get(reverse("core:dashboard_mentee")).status_code == 200
            clock.shift(datetime.timedelta(minutes=59))
        clock.shift(datetime.timedelta(minutes=20))
        response = client.get(reverse("core:dashboard_mentee"))
        assert response.status_code == 302 and reverse("account_login") in response.url


def test_login_gives_a_new_session_key(client, mentee):
    client.get(reverse("account_login"))
    before = client.session.session_key
    client.post(reverse("account_login"), {"login": mentee.email, "password": "Mentorat-demo-2026!"})
    assert client.session.session_key != before


def test_a_deactivated_persons_sessions_end_at_once(client, mentee, programme):
    client.force_login(mentee)
    assert client.get(reverse("core:dashboard_mentee")).status_code == 200
    mentee.is_active = False
    mentee.save()
    assert client.get(reverse("core:dashboard_mentee")).status_code == 302


def test_production_cookies_are_secure_httponly_and_host_prefixed():
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        " s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE, s.SECURE_HSTS_SECONDS > 0)"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "mentorat.settings",
        "DEBUG": "false",
        "SECRET_KEY": "x" * 60 + "abcdefghij",
        "FIELD_ENCRYPTION_KEYS": "Xr2QkOq0xk3ZC0rX4pd3mJ3F0m5k2l3h0n5b6v7c8x0=",
        "EMAIL_URL": "smtp://h:25",
        "ALLOWED_HOSTS": "mentorat.example.fr",
    }
    root = Path(__file__).resolve().parents[1]
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=root, capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["__Host-sessionid", "__Host-csrftoken", "True", "True", "True", "Lax", "True"]


@pytest.mark.parametrize("path", ["/", "/accessibilite/"])
def test_public_pages_have_no_inline_code(client, db, path):
    # The strict test client fails on inline <script>, on...= handlers and inline styles.
    assert client.get(path).status_code == 200


def test_every_response_refuses_camera_microphone_location_payment_and_devices(client, mentee, programme):
    from mentorat.core.middleware import PERMISSIONS_POLICY

    client.force_login(mentee)
    responses = [
        client.get(reverse("core:dashboard_mentee")),  # a page
        client.get("/page-qui-n-existe-pas/"),  # an error page
        client.get(reverse("healthz")),  # JSON
        client.get(reverse("favicon")),  # a redirect
        client.post(reverse("account_logout")),
    ]
    with override_settings(SECURE_SSL_REDIRECT=True):  # read when a client loads the middleware
        from tests.conftest import StrictClient

        responses.append(StrictClient().get(reverse("core:accessibility")))  # the redirect to HTTPS
    assert responses[-1].status_code == 301
    for response in responses:
        policy = response["Permissions-Policy"]
        assert policy == PERMISSIONS_POLICY
        directives = dict(item.split("=", 1) for item in policy.split(", "))
        for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
            assert directives[feature] == "()", feature


def test_a_form_sent_without_its_token_gets_a_french_page_in_the_sites_layout(db, mentee):
    from tests.conftest import StrictClient

    client = StrictClient(enforce_csrf_checks=True)
    client.force_login(mentee)
    response = client.post(reverse("notifications:mark_all_read"))
    assert response.status_code == 403
    body = response.content.decode()
    assert "Le formulaire n'a pas pu être envoyé" in body
    assert "Rien n'a été enregistré" in body
    assert '<html lang="fr"' in body and reverse("core:dashboard") in body  # the platform's layout
    for english in ("CSRF verification failed", "Forbidden", "Request aborted"):
        assert english not in body
    assert response["Content-Security-Policy"] and response["Permissions-Policy"]


def test_the_csrf_page_says_when_the_browser_sent_no_cookie(db):
    from tests.conftest import StrictClient

    response = StrictClient(enforce_csrf_checks=True).post(reverse("account_login"), {"login": "a@b.fr"})
    assert response.status_code == 403
    assert "Votre navigateur n'a pas envoyé de cookie" in response.content.decode()
