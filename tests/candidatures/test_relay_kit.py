import datetime
import uuid

import pytest
from django.core import mail
from django.urls import reverse

from candidatures.models import Invitation, RelayLink
from candidatures.relay import relay_link_get_or_create, relay_link_token
from mentorat.outbox.models import OutboxEmail
from tests.factories import ApplicationFactory, UserFactory

pytestmark = pytest.mark.usefixtures("during_call")


def kit_url(organisation):
    return reverse("candidatures:relay_kit", args=[organisation.pk])


def test_the_kit_shows_the_link_and_a_ready_to_send_french_email(client, hr_referent, organisation, programme):
    client.force_login(hr_referent)
    client.reauthenticate(hr_referent)
    response = client.get(kit_url(organisation))
    body = response.content.decode()
    link = RelayLink.objects.get(organisation=organisation, revoked_at__isnull=True)
    assert relay_link_token(link) in body
    assert "7 mois" in response.context["email_body"]
    assert "6 à 8 séances" in response.context["email_body"]
    assert "confidentiels" in response.context["email_body"]
    assert "Copier le texte" in body


def test_the_kit_of_another_organisation_answers_404(client, hr_referent, other_organisation, programme):
    client.force_login(hr_referent)
    client.reauthenticate(hr_referent)
    assert client.get(kit_url(other_organisation)).status_code == 404
    assert client.get(reverse("candidatures:tracking", args=[other_organisation.pk])).status_code == 404
    assert client.post(reverse("candidatures:relay_link_regenerate", args=[other_organisation.pk])).status_code == 404


@pytest.mark.parametrize("role", ["mentee", "mentor", "engineer"])
def test_other_roles_get_403_on_the_kit(client, request, role, organisation, programme):
    client.force_login(request.getfixturevalue(role))
    client.reauthenticate(request.getfixturevalue(role))
    assert client.get(kit_url(organisation)).status_code == 403


def test_inviting_a_list_sends_each_valid_address_once_and_reports_the_rest(
    client, hr_referent, organisation, programme
):
    client.force_login(hr_referent)
    client.reauthenticate(hr_referent)
    text = "a.martin@assurance-maladie.fr\nb.durand@assurance-maladie.fr; pas-une-adresse, a.martin@assurance-maladie.fr\nc.petit@assurance-maladie.fr"
    response = client.post(kit_url(organisation), {"addresses": text})
    batch = response.context["batch"]
    assert batch.sent == [
        "a.martin@assurance-maladie.fr",
        "b.durand@assurance-maladie.fr",
        "c.petit@assurance-maladie.fr",
    ]
    assert batch.invalid == ["pas-une-adresse"]
    assert batch.duplicates == ["a.martin@assurance-maladie.fr"]
    assert sorted(m.to[0] for m in mail.outbox) == sorted(batch.sent)
    message = mail.outbox[0]
    assert message.reply_to == [hr_referent.email]
    link = RelayLink.objects.get(organisation=organisation, revoked_at__isnull=True)
    assert relay_link_token(link) in message.body
    assert "Devenez mentor ou mentoré" in message.subject


def test_the_same_address_is_not_reinvited_within_7_days(client, hr_referent, organisation, programme, during_call):
    client.force_login(hr_referent)
    client.reauthenticate(hr_referent)
    client.post(kit_url(organisation), {"addresses": "a.martin@assurance-maladie.fr"})
    during_call.shift(datetime.timedelta(days=6, hours=23))
    client.force_login(hr_referent)
    client.reauthenticate(hr_referent)  # a week later the 2-hour session has long expired
    response = client.post(kit_url(organisation), {"addresses": "a.martin@assurance-maladie.fr"})
    assert [email for email, _when in response.context["batch"].recently_invited] == ["a.martin@assurance-maladie.fr"]
    assert len(mail.outbox) == 1
    during_call.shift(datetime.timedelta(hours=2))
    client.force_login(hr_referent)
    client.reauthenticate(hr_referent)
    client.post(kit_url(organisation), {"addresses": "a.martin@assurance-maladie.fr"})
    assert len(mail.outbox) == 2
    assert Invitation.objects.get().send_count == 2


def test_more_than_500_addresses_are_refused_and_nothing_is_sent(client, hr_referent, organisation, programme):
    client.force_login(hr_referent)
    client.reauthenticate(hr_referent)
    text = "\n".join(f"agent{i}@assurance-maladie.fr" for i in range(501))
    response = client.post(kit_url(organisation), {"addresses": text})
    assert "500" in " ".join(response.context["form"].errors["addresses"])
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_regenerating_the_link_revokes_the_old_one(client, hr_referent, organisation, programme):
    old = relay_link_get_or_create(programme=programme, organisation=organisation, by=hr_referent)
    client.force_login(hr_referent)
    client.reauthenticate(hr_referent)
    client.post(reverse("candidatures:relay_link_regenerate", args=[organisation.pk]))
    client.logout()
    assert client.get(reverse("candidatures:apply_from_link", args=[relay_link_token(old)])).status_code == 404
    new = RelayLink.objects.get(organisation=organisation, revoked_at__isnull=True)
    assert client.get(reverse("candidatures:apply_from_link", args=[relay_link_token(new)])).status_code == 200


def test_a_forged_token_answers_404(client, hr_referent, organisation, programme):
    link = relay_link_get_or_create(programme=programme, organisation=organisation, by=hr_referent)
    assert client.get(reverse("candidatures:apply_from_link", args=[link.key])).status_code == 404
    assert client.get(reverse("candidatures:apply_from_link", args=[relay_link_token(link) + "x"])).status_code == 404


def test_the_link_leads_a_newcomer_to_sign_up_with_the_organisation_preset(
    client, hr_referent, organisation, programme
):
    link = relay_link_get_or_create(programme=programme, organisation=organisation, by=hr_referent)
    response = client.get(reverse("candidatures:apply_from_link", args=[relay_link_token(link)]))
    assert response.status_code == 200
    body = response.content.decode()
    assert organisation.name in body
    assert reverse("account_signup") in body
    signup = client.get(reverse("account_signup"))
    assert signup.context["form"].initial.get("organisation") == organisation.pk


def test_tracking_lists_invitations_applications_and_counts_but_never_free_text(
    client, hr_referent, organisation, programme
):
    applicant = UserFactory(email="a.martin@assurance-maladie.fr", organisation=organisation)
    ApplicationFactory(programme=programme, user=applicant, track_code="P1", objectives="SECRET-OBJECTIF-42")
    ApplicationFactory(
        programme=programme,
        user=UserFactory(organisation=organisation),
        mentor=True,
        presentation="SECRET-PRESENTATION-42",
    )
    client.force_login(hr_referent)
    client.reauthenticate(hr_referent)
    client.post(kit_url(organisation), {"addresses": "a.martin@assurance-maladie.fr\nb.durand@assurance-maladie.fr"})
    response = client.get(reverse("candidatures:tracking", args=[organisation.pk]))
    body = response.content.decode()
    assert "SECRET-" not in body
    assert {i.email: i.applied for i in response.context["invitations"]} == {
        "a.martin@assurance-maladie.fr": True,
        "b.durand@assurance-maladie.fr": False,
    }
    counts = {row["role"]: row["cells"] for row in response.context["counts"]}
    assert counts == {"Mentoré·e": [1, 0], "Mentor": [0, 1]}
    export = client.get(reverse("candidatures:tracking", args=[organisation.pk]) + "?export=csv")
    content = export.content.decode("utf-8-sig")
    assert "SECRET-" not in content
    assert content.splitlines()[0] == "nom;prenom;email;organisme;role;parcours;statut;creee_le;deposee_le;decision_le"
    assert len(content.splitlines()) == 3
    invitations = client.get(reverse("candidatures:tracking", args=[organisation.pk]) + "?export=invitations")
    assert "a candidaté" in invitations.content.decode("utf-8-sig")


def test_tracking_query_count_does_not_grow_with_rows(
    client, hr_referent, organisation, programme, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(hr_referent)

    client.reauthenticate(hr_referent)
    url = reverse("candidatures:tracking", args=[organisation.pk])

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    ApplicationFactory.create_batch(3, programme=programme, user__organisation=organisation)
    few = count()
    ApplicationFactory.create_batch(30, programme=programme, user__organisation=organisation)
    assert count() == few


def test_a_double_submit_of_invitations_sends_each_once(client, hr_referent, organisation, programme):
    client.force_login(hr_referent)
    client.reauthenticate(hr_referent)
    data = {
        "addresses": "a.martin@assurance-maladie.fr\nb.durand@assurance-maladie.fr",
        "form_token": str(uuid.uuid4()),
    }
    url = reverse("candidatures:relay_kit", args=[organisation.pk])

    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302

    assert OutboxEmail.objects.filter(kind="invitation").count() == 2


def test_tracking_sorts_by_name_keeps_the_status_filter_and_selects_all(client, hr_referent, organisation, programme):
    for last_name in ("Martin", "Bernard", "Zola"):
        ApplicationFactory(programme=programme, user=UserFactory(last_name=last_name, organisation=organisation))
    client.force_login(hr_referent)
    client.reauthenticate(hr_referent)
    url = reverse("candidatures:tracking", args=[organisation.pk])

    response = client.get(url, {"tri": "nom", "statut": "submitted"})

    assert [application.user.last_name for application in response.context["page"]] == ["Bernard", "Martin", "Zola"]
    body = response.content.decode()
    assert f'href="?tri=-nom&amp;statut=submitted&amp;edition={programme.slug}"' in body
    assert 'data-select-all="application"' in body
