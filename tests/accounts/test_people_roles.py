"""Roles are granted on the platform by a programme engineer, after a fresh password, audited, and the
person is told by e-mail; nobody grants a role to themselves; password resets are links, never
passwords."""

import pytest
from django.core import mail
from django.urls import reverse

from mentorat.accounts import perms
from mentorat.audit.enums import AuditAction
from mentorat.audit.models import AuditEvent
from mentorat.outbox.models import OutboxEmail
from tests.accounts.helpers import first_link, last_email_to
from tests.factories import OrganisationFactory, UserFactory


@pytest.fixture
def marie(organisation):
    return UserFactory(email="marie.curie@assurance-maladie.fr", first_name="Marie", organisation=organisation)


def _as(client, person, *, fresh=True):
    client.force_login(person)
    if fresh:
        client.reauthenticate(person)
    return client


def _roles_url(person):
    return reverse("accounts:person_roles", args=[person.pk])


def test_an_engineer_makes_someone_hr_referent_audited_and_told(client, engineer, marie, organisation):
    other = OrganisationFactory(code="CAF-13", name="CAF des Bouches-du-Rhône")
    _as(client, engineer)
    response = client.post(_roles_url(marie), {"hr_organisations": [organisation.pk, other.pk]})
    assert response.status_code == 302

    marie.refresh_from_db()
    assert perms.is_hr_referent(marie) and not marie.is_programme_engineer
    assert set(marie.hr_organisations.all()) == {organisation, other}
    event = AuditEvent.objects.get(action=AuditAction.ROLE_CHANGED, target=f"user:{marie.pk}")
    assert event.actor == engineer
    assert event.details["hr_organisations_added"] == sorted([organisation.pk, other.pk])
    assert OutboxEmail.objects.filter(kind="roles_changed", to=[marie.email]).count() == 1
    message = last_email_to(marie.email)
    assert message.subject == "[Mentorat] Vos rôles sur la plateforme du programme de mentorat ont changé"
    assert "vous êtes désormais référent RH de : CAF des Bouches-du-Rhône" in message.body
    assert "double authentification" in message.body


def test_an_engineer_names_another_engineer_then_removes_the_role(client, engineer, marie):
    _as(client, engineer)
    client.post(_roles_url(marie), {"is_engineer": "on"})
    marie.refresh_from_db()
    assert marie.is_programme_engineer
    assert "vous êtes désormais ingénieur·e en mentorat" in last_email_to(marie.email).body

    client.post(_roles_url(marie), {})
    marie.refresh_from_db()
    assert not marie.is_programme_engineer
    assert "vous n'êtes plus ingénieur·e en mentorat" in last_email_to(marie.email).body
    changes = AuditEvent.objects.filter(action=AuditAction.ROLE_CHANGED, target=f"user:{marie.pk}").order_by("pk")
    assert [event.details["changes"]["is_programme_engineer"] for event in changes] == [[False, True], [True, False]]


def test_nothing_changed_is_neither_audited_nor_mailed(client, engineer, marie):
    _as(client, engineer)
    client.post(_roles_url(marie), {})
    assert not AuditEvent.objects.filter(action=AuditAction.ROLE_CHANGED).exists()
    assert not mail.outbox


def test_an_engineer_cannot_change_their_own_roles(client, engineer, organisation):
    _as(client, engineer)
    page = client.get(_roles_url(engineer)).content.decode()
    assert "Vous ne pouvez pas modifier vos propres rôles" in page
    response = client.post(_roles_url(engineer), {"hr_organisations": [organisation.pk]})
    assert response.status_code == 403
    assert "Vous ne pouvez pas modifier vos propres rôles" in response.content.decode()
    assert not engineer.hr_organisations.exists()
    # Nor drop their own role (nor the last engineer's).
    client.post(_roles_url(engineer), {})
    engineer.refresh_from_db()
    assert engineer.is_programme_engineer
    assert not AuditEvent.objects.filter(action=AuditAction.ROLE_CHANGED).exists()


def test_two_engineers_removing_each_other_leave_one(engineer, marie):
    from django.core.exceptions import ValidationError

    from mentorat.accounts.services import person_roles_set

    marie.is_programme_engineer = True
    marie.save()
    stale_marie = type(marie).objects.get(pk=marie.pk)  # her page was open when she lost the role
    person_roles_set(person=marie, by=engineer, is_engineer=False, hr_organisations=[])
    with pytest.raises(ValidationError):
        person_roles_set(person=engineer, by=stale_marie, is_engineer=False, hr_organisations=[])
    engineer.refresh_from_db()
    assert engineer.is_programme_engineer


@pytest.mark.parametrize("role", ["mentee", "mentor", "hr_referent", "staff", "nobody"])
def test_other_roles_cannot_grant_roles(client, request, role, marie):
    person = request.getfixturevalue(role)
    _as(client, person)
    assert client.get(reverse("accounts:people")).status_code == 403
    assert client.post(_roles_url(marie), {"is_engineer": "on"}).status_code == 403
    assert client.post(_roles_url(person), {"is_engineer": "on"}).status_code == 403
    assert client.post(reverse("accounts:person_password_reset", args=[marie.pk])).status_code == 403
    marie.refresh_from_db()
    person.refresh_from_db()
    assert not marie.is_programme_engineer and not person.is_programme_engineer
    assert not mail.outbox


def test_the_role_page_asks_for_a_fresh_password_first(client, engineer, marie):
    _as(client, engineer, fresh=False)
    response = client.post(_roles_url(marie), {"is_engineer": "on"})
    assert response.status_code == 302 and response.url.startswith(reverse("account_reauthenticate"))
    marie.refresh_from_db()
    assert not marie.is_programme_engineer
    response = client.get(_roles_url(marie))
    assert response.status_code == 302 and response.url.startswith(reverse("account_reauthenticate"))
    response = client.post(reverse("accounts:person_password_reset", args=[marie.pk]))
    assert response.status_code == 302 and response.url.startswith(reverse("account_reauthenticate"))
    assert not mail.outbox


def test_the_password_reset_sends_allauths_link_and_is_audited(client, engineer, marie):
    _as(client, engineer)
    response = client.post(reverse("accounts:person_password_reset", args=[marie.pk]), follow=True)
    assert "Un lien pour choisir un nouveau mot de passe a été envoyé à marie.curie@assurance-maladie.fr" in (
        response.content.decode()
    )
    message = last_email_to(marie.email)
    assert message.subject == "[Mentorat] Choisissez un nouveau mot de passe"
    link = first_link(message.body, "/comptes/password/reset/key/")
    assert len(mail.outbox) == 1  # nothing to the engineer, no password anywhere
    event = AuditEvent.objects.get(action=AuditAction.PASSWORD_RESET_SENT)
    assert event.actor == engineer and event.target == f"user:{marie.pk}"

    # The link works for Marie, and her password was never set by anyone else.
    client.logout()
    marie.refresh_from_db()
    assert marie.check_password("Mentorat-demo-2026!")
    form_url = client.get(link).url
    client.post(form_url, {"password1": "Nouveau-binome-2027", "password2": "Nouveau-binome-2027"})
    marie.refresh_from_db()
    assert marie.check_password("Nouveau-binome-2027")


def test_a_deactivated_account_gets_no_link(client, engineer, marie):
    marie.is_active = False
    marie.save()
    _as(client, engineer)
    response = client.post(reverse("accounts:person_password_reset", args=[marie.pk]), follow=True)
    assert "Ce compte est désactivé" in response.content.decode()
    assert not mail.outbox


def test_the_people_list_searches_and_shows_roles(client, engineer, hr_referent, marie):
    _as(client, engineer)
    body = client.get(reverse("accounts:people"), {"q": "curie"}).content.decode()
    assert marie.email in body and hr_referent.email not in body
    body = client.get(reverse("accounts:people"), {"role": "hr"}).content.decode()
    assert hr_referent.email in body and marie.email not in body
    assert "Référent RH (1 organisme)" in body


def test_an_unknown_person_answers_404(client, engineer):
    _as(client, engineer)
    assert client.get(reverse("accounts:person_roles", args=[999999])).status_code == 404


def test_the_people_list_sorts_by_address_and_keeps_the_search(client, engineer, hr_referent, marie):
    _as(client, engineer)
    UserFactory(email="alice.martin@caf.fr", last_name="Curie-Martin")
    response = client.get(reverse("accounts:people"), {"q": "curie", "tri": "-adresse"})
    assert [person.email for person in response.context["page"]] == [marie.email, "alice.martin@caf.fr"]
    assert 'href="?q=curie&amp;tri=adresse"' in response.content.decode()
