"""The engineer's outbox page: failed and waiting e-mails by kind, with a French reason and
« Renvoyer » for a failed one; never a subject or a body."""

import pytest
from django.core import mail
from django.urls import reverse

from mentorat.audit.models import AuditEvent
from mentorat.outbox.enums import EmailState
from mentorat.outbox.models import OutboxEmail
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("outbox:engineer_outbox")


def email(state, **fields):
    values = {
        "kind": "invitation",
        "to": ["zoe@cpam33.fr"],
        "subject": "Objet confidentiel",
        "text_body": "Corps confidentiel",
        "state": state,
    }
    return OutboxEmail.objects.create(**{**values, **fields})


@pytest.fixture
def engineer_client(client):
    client.force_login(UserFactory(engineer=True))
    return client


def test_it_lists_failed_and_waiting_emails_with_reasons_and_no_content(engineer_client):
    email(EmailState.FAILED, reason="Adresse refusée par le serveur de messagerie (code 550).")
    email(EmailState.PENDING, kind="session_planned", to=["paul@caf.fr"], attempts=2, reason="Délai dépassé.")

    page = engineer_client.get(URL).content.decode()

    assert "Invitation à candidater" in page and "Séance planifiée" in page
    assert "zoe@cpam33.fr" in page and "paul@caf.fr" in page
    assert "Adresse refusée par le serveur de messagerie (code 550)." in page
    assert "Objet confidentiel" not in page and "Corps confidentiel" not in page


def test_the_engineer_sends_a_failed_email_again(engineer_client, django_capture_on_commit_callbacks):
    failed = email(EmailState.FAILED, attempts=1)

    with django_capture_on_commit_callbacks(execute=True):
        response = engineer_client.post(reverse("outbox:resend", args=[failed.pk]))

    assert response.status_code == 302
    failed.refresh_from_db()
    assert failed.state == EmailState.SENT
    assert len(mail.outbox) == 1
    assert AuditEvent.objects.filter(action="email_resent", target=f"email:{failed.pk}").exists()


def test_a_sent_email_is_not_sent_again(engineer_client):
    sent = email(EmailState.SENT)

    engineer_client.post(reverse("outbox:resend", args=[sent.pk]))

    sent.refresh_from_db()
    assert sent.state == EmailState.SENT
    assert mail.outbox == []


@pytest.mark.parametrize("role", ["hr", "mentee", "staff"])
def test_other_roles_are_refused(client, role, organisation):
    traits = {"hr": {"hr_of": [organisation]}, "mentee": {}, "staff": {"is_staff": True}}[role]
    client.force_login(UserFactory(**traits))
    failed = email(EmailState.FAILED)

    assert client.get(URL).status_code == 403
    assert client.post(reverse("outbox:resend", args=[failed.pk])).status_code == 403
    failed.refresh_from_db()
    assert failed.state == EmailState.FAILED


def test_the_page_reads_a_bounded_number_of_queries(engineer_client, django_assert_max_num_queries):
    for number in range(60):
        email(EmailState.FAILED if number % 2 else EmailState.PENDING, to=[f"p{number}@caf.fr"])

    with django_assert_max_num_queries(14):
        engineer_client.get(URL)


def test_each_table_sorts_on_its_own_and_keeps_the_other_ones_page(engineer_client):
    once = email(EmailState.FAILED, attempts=1, reason="Refus du serveur de messagerie (code 554).")
    often = email(EmailState.FAILED, attempts=9, reason="Refus du serveur de messagerie (code 554).")

    response = engineer_client.get(URL, {"tri_echecs": "-tentatives", "attente": "1"})

    assert [row.pk for row in response.context["failed_rows"]] == [often.pk, once.pk]
    body = response.content.decode()
    assert 'href="?tri_echecs=tentatives&amp;attente=1"' in body  # the other direction, same page of waiting ones
    assert [row.pk for row in engineer_client.get(URL, {"tri_echecs": "tentatives"}).context["failed_rows"]] == [
        once.pk,
        often.pk,
    ]
