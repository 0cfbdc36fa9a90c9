"""The relay kit cannot be turned into a mass mailer: one mailbox gets one invitation a week however
its address is spelled (`local+tag@domain`), only Social Security addresses are invited, and each HR
referent has an hourly and a daily cap; what is held back is reported in French and audited."""

import datetime
import html
import re

import pytest
from django.urls import reverse

from candidatures.models import Invitation
from candidatures.relay import invitation_opt_out
from mentorat.audit.enums import AuditAction
from mentorat.audit.models import AuditEvent
from mentorat.outbox.models import OutboxEmail
from tests.factories import UserFactory

pytestmark = pytest.mark.usefixtures("during_call")


def kit_url(organisation):
    return reverse("candidatures:relay_kit", args=[organisation.pk])


def invite(client, referent, organisation, addresses):
    client.force_login(referent)
    client.reauthenticate(referent)
    return client.post(kit_url(organisation), {"addresses": "\n".join(addresses)})


def invitations_to(mailbox):
    local, domain = mailbox.split("@")
    return [
        row.to[0]
        for row in OutboxEmail.objects.filter(kind="invitation").order_by("pk")
        if row.to[0].split("+")[0] == local and row.to[0].endswith("@" + domain)
    ]


def page_text(response):
    """The page as read: tags dropped, white space collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def test_three_pastes_of_500_tagged_addresses_send_one_invitation_to_the_mailbox(
    client, hr_referent, organisation, programme
):
    for paste in range(3):
        addresses = [f"victime+{paste * 500 + n}@assurance-maladie.fr" for n in range(500)]
        response = invite(client, hr_referent, organisation, addresses)

    assert invitations_to("victime@assurance-maladie.fr") == ["victime+0@assurance-maladie.fr"]
    batch = response.context["batch"]
    assert batch.sent == [] and len(batch.recently_invited) == 1 and len(batch.duplicates) == 499


def test_two_tags_of_one_mailbox_are_one_mailbox_for_the_7_day_rule(
    client, hr_referent, organisation, other_organisation, programme, during_call
):
    invite(client, hr_referent, organisation, ["victime+1@assurance-maladie.fr"])
    other_referent = UserFactory(email="rh@caf.fr", organisation=other_organisation, hr_of=[other_organisation])

    response = invite(client, other_referent, other_organisation, ["Victime+2@Assurance-Maladie.fr"])

    assert [email for email, _when in response.context["batch"].recently_invited] == ["victime+2@assurance-maladie.fr"]
    assert "Déjà invitées ces 7 derniers jours : victime+2@assurance-maladie.fr" in page_text(response)
    during_call.shift(datetime.timedelta(days=7, minutes=1))
    later = invite(client, other_referent, other_organisation, ["victime+2@assurance-maladie.fr"])
    assert later.status_code == 302
    # Sent to the address as typed: where a server has no sub-addressing it may be another person.
    assert invitations_to("victime@assurance-maladie.fr") == [
        "victime+1@assurance-maladie.fr",
        "victime+2@assurance-maladie.fr",
    ]


def test_a_mailbox_that_opted_out_is_not_invited_under_another_tag(client, hr_referent, organisation, programme):
    invite(client, hr_referent, organisation, ["victime+1@assurance-maladie.fr"])
    invitation_opt_out(invitation=Invitation.objects.get())

    response = invite(client, hr_referent, organisation, ["victime+autre@assurance-maladie.fr"])

    assert response.context["batch"].opted_out == ["victime+autre@assurance-maladie.fr"]


def test_addresses_outside_the_social_security_domains_are_reported_not_sent(
    client, hr_referent, organisation, programme, settings
):
    settings.SIGNUP_EMAIL_DOMAINS = ["assurance-maladie.fr", "caf.fr"]

    response = invite(
        client,
        hr_referent,
        organisation,
        ["a.martin@assurance-maladie.fr", "victime@gmail.com", "b.durand@cpam-gironde.assurance-maladie.fr"],
    )

    batch = response.context["batch"]
    assert batch.sent == ["a.martin@assurance-maladie.fr", "b.durand@cpam-gironde.assurance-maladie.fr"]
    assert batch.outside_domains == ["victime@gmail.com"]
    assert "Adresses hors Sécurité sociale, non envoyées : victime@gmail.com" in page_text(response)
    assert not [row for row in OutboxEmail.objects.all() if row.to == ["victime@gmail.com"]]


def test_the_hourly_cap_sends_up_to_the_cap_and_gives_the_rest_back_for_later(
    client, hr_referent, organisation, programme, settings, during_call
):
    settings.INVITATIONS_PER_HOUR, settings.INVITATIONS_PER_DAY = 5, 8
    addresses = [f"agent{n}@assurance-maladie.fr" for n in range(7)]

    response = invite(client, hr_referent, organisation, addresses)

    batch = response.context["batch"]
    assert (batch.sent, batch.capped) == (addresses[:5], addresses[5:])
    assert OutboxEmail.objects.filter(kind="invitation").count() == 5
    text = page_text(response)
    assert "5 invitations envoyées." in text
    assert (
        "Plafond d'envoi atteint (5 invitations par heure) : 2 adresses restent à inviter plus tard, "
        "à partir du jeudi 20 août 2026 à 11:00. Elles sont remises dans le champ ci-dessous."
    ) in text
    assert response.context["form"].initial["addresses"] == "\n".join(addresses[5:])
    assert "5 au plus à la fois" not in text and "500 au plus à la fois, 5 par heure et 8 par jour." in text
    sent, capped = (
        AuditEvent.objects.get(action=AuditAction.INVITATIONS_SENT),
        AuditEvent.objects.get(action=AuditAction.INVITATIONS_CAPPED),
    )
    assert sent.actor == hr_referent and sent.target == f"organisation:{organisation.pk}"
    assert (sent.details["sent"], sent.details["capped"]) == (5, 2)
    assert capped.details["cap"] == "5 invitations par heure" and capped.details["capped"] == 2
    assert "agent" not in str(sent.details) + str(capped.details)

    # Still within the hour: nothing more leaves.
    during_call.shift(datetime.timedelta(minutes=59))
    assert invite(client, hr_referent, organisation, addresses[5:]).context["batch"].capped == addresses[5:]
    during_call.shift(datetime.timedelta(minutes=2))
    assert invite(client, hr_referent, organisation, addresses[5:]).status_code == 302
    assert OutboxEmail.objects.filter(kind="invitation").count() == 7


def test_the_daily_cap_holds_across_hours_and_frees_a_day_after(
    client, hr_referent, organisation, programme, settings, during_call
):
    settings.INVITATIONS_PER_HOUR, settings.INVITATIONS_PER_DAY = 5, 8
    invite(client, hr_referent, organisation, [f"agent{n}@assurance-maladie.fr" for n in range(5)])
    during_call.shift(datetime.timedelta(hours=2))

    response = invite(client, hr_referent, organisation, [f"autre{n}@assurance-maladie.fr" for n in range(5)])

    assert len(response.context["batch"].sent) == 3
    assert (
        "Plafond d'envoi atteint (8 invitations par jour) : 2 adresses restent à inviter plus tard, "
        "à partir du vendredi 21 août 2026 à 10:00."
    ) in page_text(response)
    # Another referent has their own caps.
    colleague = UserFactory(email="rh2@assurance-maladie.fr", organisation=organisation, hr_of=[organisation])
    assert invite(client, colleague, organisation, ["autre3@assurance-maladie.fr"]).status_code == 302
    during_call.shift(datetime.timedelta(hours=22, minutes=1))
    assert invite(client, hr_referent, organisation, ["autre4@assurance-maladie.fr"]).status_code == 302
