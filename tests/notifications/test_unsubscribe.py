"""One-click unsubscribe from an optional reminder (RFC 8058): the headers on the sent email, the
visible link in its footer, and the link itself, posted without login or CSRF token as a mail
provider does, while a GET (a link scanner) changes nothing."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from mentorat.audit.enums import AuditAction
from mentorat.audit.models import AuditEvent
from mentorat.notifications.catalogue import BY_CODE
from mentorat.notifications.models import NotificationPreference
from mentorat.notifications.selectors import disabled_kinds
from mentorat.notifications.unsubscribe import unsubscribe_token, unsubscribe_url
from tests.conftest import StrictClient
from tests.factories import ApplicationFactory, UserFactory
from tests.notifications.helpers import paris, reminder_kind, reminders

pytestmark = pytest.mark.django_db

HEADER = re.compile(r"^<(https?://[^>]+)>$")


@pytest.fixture
def mail_client():
    """A mail provider's one-click POST: no session, no CSRF cookie, CSRF checks on."""
    return StrictClient(enforce_csrf_checks=True)


def the_reminder(kind, to):
    [message] = [m for m in reminders(mail.outbox) if reminder_kind(m) == kind and m.to == [to]]
    return message


def header_url(message):
    headers = message.message()  # the MIME message as it leaves, headers included
    found = HEADER.match(headers["List-Unsubscribe"])
    assert found, headers["List-Unsubscribe"]
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    return found.group(1)


def test_an_optional_reminder_carries_the_one_click_headers_and_a_visible_link(active_pair, scan, settings):
    scan(paris(2026, 10, 27, 10, 5))  # 14 days after activation, no session planned: "first-session"

    message = the_reminder("first-session", active_pair.mentor.email)
    url = header_url(message)
    assert url == unsubscribe_url(active_pair.mentor, "first-session")
    assert url.startswith(settings.SITE_URL + "/rappels/desabonnement/")
    assert f"Ne plus recevoir ce rappel : {url}" in message.body
    [(html, _mimetype)] = message.alternatives
    assert f'<a href="{url}"' in html
    assert "Ne plus recevoir ce rappel" in html
    # Each person gets their own link: the mentee's names the mentee.
    assert header_url(the_reminder("first-session", active_pair.mentee.email)) == unsubscribe_url(
        active_pair.mentee, "first-session"
    )


def test_an_essential_reminder_has_no_unsubscribe(programme, scan, clock):
    clock.move_to(paris(2026, 7, 2, 11))
    draft = ApplicationFactory(programme=programme, draft=True, user__email="zoe@cpam33.fr")

    scan(paris(2026, 9, 4, 9))  # 7 days before the call closes: "call-closing", essential

    message = the_reminder("call-closing", draft.user.email)
    headers = message.message()
    assert headers["List-Unsubscribe"] is None
    assert headers["List-Unsubscribe-Post"] is None
    assert "Ne plus recevoir ce rappel" not in message.body
    assert "/rappels/desabonnement/" not in message.alternatives[0][0]


def test_the_one_click_post_from_the_header_turns_the_kind_off_without_login(active_pair, scan, mail_client):
    scan(paris(2026, 10, 27, 10, 5))
    url = header_url(the_reminder("first-session", active_pair.mentor.email))

    response = mail_client.post(url, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert "Vous ne recevrez plus ce rappel" in response.content.decode()
    assert disabled_kinds(active_pair.mentor) == {"first-session"}
    assert disabled_kinds(active_pair.mentee) == set()  # the other member still gets it
    event = AuditEvent.objects.get(action=AuditAction.REMINDER_UNSUBSCRIBED)
    assert (event.actor, event.target, event.details) == (
        active_pair.mentor,
        f"user:{active_pair.mentor.pk}",
        {"kind": "first-session"},
    )
    # Providers may post again: still 200, nothing more recorded.
    assert mail_client.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert AuditEvent.objects.filter(action=AuditAction.REMINDER_UNSUBSCRIBED).count() == 1


def test_once_unsubscribed_the_person_no_longer_gets_that_kind(active_pair, scan, mail_client):
    mail_client.post(unsubscribe_url(active_pair.mentor, "pair-inactive"))
    mail.outbox.clear()

    scan(paris(2026, 10, 27, 10, 5))  # "first-session" is still on for the mentor
    scan(paris(2026, 11, 27, 10, 5))  # 45 days without a session: "pair-inactive"

    mentor_kinds = [reminder_kind(m) for m in reminders(mail.outbox) if m.to == [active_pair.mentor.email]]
    mentee_kinds = [reminder_kind(m) for m in reminders(mail.outbox) if m.to == [active_pair.mentee.email]]
    assert mentor_kinds == ["first-session"]
    assert mentee_kinds == ["first-session", "pair-inactive"]


def test_a_get_only_asks_and_changes_nothing(active_pair, mail_client):
    url = unsubscribe_url(active_pair.mentor, "session-tomorrow")

    response = mail_client.get(url)

    assert response.status_code == 200
    body = response.content.decode()
    assert "Séance le lendemain" in body  # the kind's French label
    assert re.search(r'<form method="post">', body)
    assert "Ne plus recevoir ce rappel</button>" in body
    assert disabled_kinds(active_pair.mentor) == set()
    assert not AuditEvent.objects.filter(action=AuditAction.REMINDER_UNSUBSCRIBED).exists()


def test_the_page_s_button_turns_it_off_for_a_logged_in_person_too(active_pair, client):
    client.force_login(active_pair.mentee)
    response = client.post(
        reverse("notifications:unsubscribe", args=[unsubscribe_token(active_pair.mentor, "survey-open")])
    )
    assert response.status_code == 200
    # The token decides whose preference changes, not the session.
    assert disabled_kinds(active_pair.mentor) == {"survey-open"}
    assert disabled_kinds(active_pair.mentee) == set()


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),  # signature changed
        lambda token: token.replace(".first-session:", ".session-tomorrow:"),  # another kind, same signature
        lambda token: "1" + token,  # another person, same signature
        lambda token: "n-importe-quoi",
    ],
)
def test_a_tampered_token_answers_a_french_404_and_changes_nothing(active_pair, mail_client, tamper):
    token = tamper(unsubscribe_token(active_pair.mentor, "first-session"))

    for response in (
        mail_client.get(reverse("notifications:unsubscribe", args=[token])),
        mail_client.post(reverse("notifications:unsubscribe", args=[token])),
    ):
        assert response.status_code == 404
        assert "Ce lien n'est pas valide" in response.content.decode()
    assert not NotificationPreference.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditAction.REMINDER_UNSUBSCRIBED).exists()


def test_an_essential_kind_cannot_be_turned_off_even_with_a_validly_signed_token(active_pair, mail_client):
    assert BY_CODE["charter-unsigned"].essential
    url = unsubscribe_url(active_pair.mentor, "charter-unsigned")

    assert mail_client.post(url).status_code == 404
    assert disabled_kinds(active_pair.mentor) == set()


def test_a_deactivated_account_s_link_answers_404(active_pair, mail_client):
    url = unsubscribe_url(active_pair.mentor, "first-session")
    active_pair.mentor.is_active = False
    active_pair.mentor.save(update_fields=["is_active"])

    assert mail_client.post(url).status_code == 404


def test_a_referent_logged_in_without_a_second_factor_yet_still_reaches_the_link(client, organisation, mail_client):
    """The link acts for the token's person: the second-factor set-up that the session's referent owes
    does not stand in its way."""
    referent = UserFactory(hr_of=[organisation], totp=False)
    client.force_login(referent)
    url = unsubscribe_url(referent, "hr-digest")

    assert client.get(reverse("core:dashboard")).status_code == 302  # everything else waits for the set-up
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 200
    assert disabled_kinds(referent) == {"hr-digest"}
