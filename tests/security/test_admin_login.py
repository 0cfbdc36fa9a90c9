"""The Django admin has no login of its own: it goes through allauth's, with its rate limits and MFA."""

from django.urls import reverse

from tests.factories import DEFAULT_PASSWORD


def test_the_admin_login_sends_to_the_allauth_login(client, db):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_posting_a_password_to_the_admin_login_does_not_log_in(client, staff):
    response = client.post(reverse("admin:login"), {"username": staff.email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session


def _login(client, email, password):
    response = client.post(reverse("account_login"), {"login": email, "password": password})
    return response.status_code, "Trop de tentatives de connexion" in response.content.decode()


def test_repeated_failures_are_refused(client, staff, settings):
    # django-axes' lock-out of the account from this address: the right password then waits too.
    answers = [_login(client, staff.email, f"mauvais-{attempt}") for attempt in range(settings.AXES_FAILURE_LIMIT)]
    assert answers[0] == (200, False)
    assert answers[-1] == (429, True), answers
    assert _login(client, staff.email, DEFAULT_PASSWORD) == (429, True)
    assert "_auth_user_id" not in client.session


def test_a_logged_in_person_without_staff_rights_is_refused(client, nobody):
    client.force_login(nobody)
    assert client.get(reverse("admin:login")).status_code == 403
