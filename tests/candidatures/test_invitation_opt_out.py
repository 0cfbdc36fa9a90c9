"""« Ne plus être invité·e »: the invitation to apply carries one-click List-Unsubscribe headers and a
visible link; posting it (no login, as a mail provider does) puts the address on the list that later
invitations skip, and the HR referent whose invitation it answered sees it."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from candidatures.models import Invitation, InvitationOptOut
from candidatures.relay import invitation_opt_out_url
from mentorat.audit.enums import AuditAction
from mentorat.audit.models import AuditEvent
from tests.conftest import StrictClient

pytestmark = pytest.mark.usefixtures("during_call")

ALICE = "a.martin@assurance-maladie.fr"
BRUNO = "b.durand@assurance-maladie.fr"
HEADER = re.compile(r"^<(https?://[^>]+)>$")


@pytest.fixture
def mail_client():
    """A mail provider's one-click POST: no session, no CSRF cookie, CSRF checks on."""
    return StrictClient(enforce_csrf_checks=True)


def kit_url(organisation):
    return reverse("candidatures:relay_kit", args=[organisation.pk])


def invite(client, referent, organisation, addresses):
    client.force_login(referent)
    client.reauthenticate(referent)
    return client.post(kit_url(organisation), {"addresses": addresses})


def one_click_url(message):
    headers = message.message()
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    found = HEADER.match(headers["List-Unsubscribe"])
    assert found, headers["List-Unsubscribe"]
    return found.group(1)


def test_each_invitation_carries_its_own_one_click_link_in_headers_and_body(
    client, hr_referent, organisation, programme, settings
):
    invite(client, hr_referent, organisation, f"{ALICE}\n{BRUNO}")

    for message in mail.outbox:
        url = one_click_url(message)
        invitation = Invitation.objects.get(email=message.to[0])
        assert url == invitation_opt_out_url(invitation)
        assert url.startswith(settings.SITE_URL + "/invitations/ne-plus-inviter/")
        assert url in message.body
        assert f'<a href="{url}"' in message.alternatives[0][0]
    assert one_click_url(mail.outbox[0]) != one_click_url(mail.outbox[1])


def test_the_text_the_referent_copies_has_no_opt_out_link(client, hr_referent, organisation, programme):
    client.force_login(hr_referent)
    client.reauthenticate(hr_referent)
    response = client.get(kit_url(organisation))
    assert "ne-plus-inviter" not in response.context["email_body"]


def test_the_one_click_post_records_the_address_and_later_invitations_skip_it(
    client, hr_referent, organisation, programme, mail_client
):
    invite(client, hr_referent, organisation, ALICE)
    url = one_click_url(mail.outbox[0])

    response = mail_client.post(url, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert "Vous ne serez plus invité·e" in response.content.decode()
    entry = InvitationOptOut.objects.get()
    assert (entry.email, entry.organisation, entry.invited_by) == (ALICE, organisation, hr_referent)
    assert AuditEvent.objects.filter(action=AuditAction.INVITATION_OPT_OUT).count() == 1
    assert mail_client.post(url).status_code == 200  # providers may post twice
    assert InvitationOptOut.objects.count() == 1

    mail.outbox.clear()
    response = invite(client, hr_referent, organisation, f"{ALICE.upper()}\n{BRUNO}")

    assert [m.to for m in mail.outbox] == [[BRUNO]]
    batch = response.context["batch"]
    assert (batch.sent, batch.opted_out) == ([BRUNO], [ALICE])
    body = response.content.decode()
    assert "1 adresse ignorée, qui a demandé à ne plus être invitée :" in body
    assert ALICE in body


def test_an_address_that_opted_out_while_its_invitation_was_queued_gets_nothing(
    client, hr_referent, organisation, programme, django_capture_on_commit_callbacks
):
    from candidatures.relay import invitation_opt_out, invitations_send

    with django_capture_on_commit_callbacks() as callbacks:
        invitations_send(programme=programme, organisation=organisation, by=hr_referent, addresses=f"{ALICE} {BRUNO}")
    invitation_opt_out(invitation=Invitation.objects.get(email=ALICE))
    for callback in callbacks:
        with django_capture_on_commit_callbacks(execute=True):
            callback()

    assert [m.to for m in mail.outbox] == [[BRUNO]]


def test_a_get_only_asks_and_records_nothing(client, hr_referent, organisation, programme, mail_client):
    invite(client, hr_referent, organisation, ALICE)

    response = mail_client.get(one_click_url(mail.outbox[0]))

    assert response.status_code == 200
    body = response.content.decode()
    assert organisation.name in body
    assert "Ne plus être invité·e</button>" in body
    assert not InvitationOptOut.objects.exists()


@pytest.mark.parametrize("suffix", ["x", "AAAA"])
def test_a_tampered_link_answers_a_french_404_and_records_nothing(
    client, hr_referent, organisation, programme, mail_client, suffix
):
    invite(client, hr_referent, organisation, ALICE)
    url = one_click_url(mail.outbox[0])
    other = Invitation.objects.get().pk + 1
    forged = [url[:-1] + suffix + "/", re.sub(r"/(\d+):", f"/{other}:", url)]

    for bad in forged:
        response = mail_client.post(bad)
        assert response.status_code == 404
        assert "Ce lien n'est pas valide" in response.content.decode()
    assert not InvitationOptOut.objects.exists()


def test_the_referent_sees_the_addresses_of_their_organisation_s_invitations_only(
    client, hr_referent, other_hr_referent, organisation, other_organisation, programme, mail_client
):
    invite(client, hr_referent, organisation, ALICE)
    invite(client, other_hr_referent, other_organisation, BRUNO)
    for message in mail.outbox:
        mail_client.post(one_click_url(message))

    client.force_login(hr_referent)
    client.reauthenticate(hr_referent)
    tracking = client.get(reverse("candidatures:tracking", args=[organisation.pk])).content.decode()
    kit = client.get(kit_url(organisation)).content.decode()

    assert "Adresse à ne plus inviter : 1" in tracking
    assert ALICE in tracking and BRUNO not in tracking
    assert "ne plus inviter</span>" in tracking  # the invitation's state
    assert "1 adresse de vos invitations a demandé à ne plus être invitée." in kit
