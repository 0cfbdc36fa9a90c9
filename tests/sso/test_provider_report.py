"""A provider reports an account it disabled (POST with its bearer token): the person is deactivated
as a leaver at once; anything else is refused and audited."""

import json

import pytest
from django.core import mail
from django.urls import reverse

from mentorat.audit.enums import AuditAction
from mentorat.audit.models import AuditEvent
from mentorat.sso.leavers import report
from mentorat.sso.models import Departure, DepartureSource
from mentorat.sso.providers import providers_settings
from sessions_binome.enums import PairStatus
from tests.factories import UserFactory
from tests.sessions_binome.pairs import make_pair

pytestmark = pytest.mark.django_db

TOKEN = "t" * 40
OTHER_TOKEN = "u" * 40


@pytest.fixture
def reporting(settings):
    # Two providers: caf-nord owns caf.fr (where make_pair's mentors work), cpam owns assurance-maladie.fr.
    settings.SOCIALACCOUNT_PROVIDERS = providers_settings(
        [
            {"id": "caf-nord", "server_url": "https://idp.caf.invalid", "client_id": "m", "domains": ["caf.fr"]},
            {
                "id": "cpam",
                "server_url": "https://idp.cpam.invalid",
                "client_id": "m",
                "domains": ["assurance-maladie.fr"],
            },
            {"id": "silent", "server_url": "https://idp.x.invalid", "client_id": "m", "domains": ["x.fr"]},
        ]
    )
    settings.SSO_REPORT_TOKENS = {"caf-nord": TOKEN, "cpam": OTHER_TOKEN}
    return settings


@pytest.fixture
def pair(programme, organisation, other_organisation):
    return make_pair(programme, mentee_org=organisation, mentor_org=other_organisation, prefix="parti")


def send(client, email, *, provider="caf-nord", token=TOKEN, body=None):
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    return client.post(
        reverse("sso:provider_account_disabled", args=[provider]),
        body if body is not None else json.dumps({"email": email}),
        content_type="application/json",
        headers=headers,
    )


def test_a_reported_account_is_deactivated_as_a_leaver(client, reporting, pair, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, pair.mentor.email.upper())
    assert response.status_code == 200 and response.json() == {"result": "deactivated"}
    pair.refresh_from_db()
    pair.mentor.refresh_from_db()
    assert not pair.mentor.is_active
    assert pair.status == PairStatus.ENDED and "fournisseur d'identité" in pair.end_reason
    assert [m.to for m in mail.outbox] == [[pair.mentee.email]]
    assert Departure.objects.get(user=pair.mentor).source == DepartureSource.PROVIDER
    event = AuditEvent.objects.get(action=AuditAction.LEAVER_REPORTED)
    assert event.target == f"user:{pair.mentor.pk}" and event.details == {
        "provider": "caf-nord",
        "result": "deactivated",
    }


def test_a_second_report_changes_nothing(client, reporting, pair):
    send(client, pair.mentor.email)
    response = send(client, pair.mentor.email)
    assert response.json() == {"result": "no_active_account"}
    assert Departure.objects.count() == 1


def test_an_unknown_address_changes_nothing(client, reporting):
    assert send(client, "personne@caf.fr").json() == {"result": "no_active_account"}
    assert not Departure.objects.exists()


@pytest.mark.parametrize("token", [None, "", "t" * 39, "t" * 41, OTHER_TOKEN, "Basic " + TOKEN])
def test_without_the_providers_own_token_nothing_happens(client, reporting, pair, token):
    response = send(client, pair.mentor.email, token=token)
    assert response.status_code == 401 and response["WWW-Authenticate"].startswith("Bearer")
    pair.mentor.refresh_from_db()
    assert pair.mentor.is_active
    assert AuditEvent.objects.filter(action=AuditAction.LEAVER_REPORT_REFUSED, details__reason="invalid_token").exists()


def test_the_token_is_compared_in_constant_time(client, reporting, pair, monkeypatch):
    compared = []
    real = report.hmac.compare_digest
    monkeypatch.setattr(report.hmac, "compare_digest", lambda a, b: compared.append((a, b)) or real(a, b))
    send(client, pair.mentor.email, token="faux")
    assert compared == [(b"faux", TOKEN.encode())]


def test_a_provider_cannot_report_an_address_of_a_domain_it_does_not_own(client, reporting, pair):
    # cpam's token is right, but the mentor's address is of caf.fr.
    response = send(client, pair.mentor.email, provider="cpam", token=OTHER_TOKEN)
    assert response.status_code == 403
    pair.mentor.refresh_from_db()
    assert pair.mentor.is_active
    assert AuditEvent.objects.filter(
        action=AuditAction.LEAVER_REPORT_REFUSED, details__reason="domain_not_owned"
    ).exists()


@pytest.mark.parametrize("provider", ["silent", "inconnu"])
def test_a_provider_without_a_token_cannot_report(client, reporting, pair, provider):
    assert send(client, pair.mentor.email, provider=provider).status_code == 404


@pytest.mark.parametrize("body", ["pas du json", json.dumps({"email": "pas une adresse"}), json.dumps(["x"]), "{}"])
def test_a_body_without_an_address_is_refused(client, reporting, body):
    assert send(client, "", body=body).status_code == 400


def test_an_administrator_is_kept(client, reporting):
    admin = UserFactory(email="admin@caf.fr", staff=True)
    assert send(client, admin.email).json() == {"result": "kept"}
    admin.refresh_from_db()
    assert admin.is_active


def test_only_post_is_answered(client, reporting):
    assert client.get(reverse("sso:provider_account_disabled", args=["caf-nord"])).status_code == 405
