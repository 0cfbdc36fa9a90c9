"""The audit trail: who, when, from where, what — and purged after 12 months."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from mentorat.audit.enums import AuditAction
from mentorat.audit.models import AuditEvent
from tests.factories import ApplicationFactory, UserFactory


def actions():
    return list(AuditEvent.objects.order_by("at", "pk").values_list("action", flat=True))


def test_login_success_failure_and_logout_are_recorded(client, mentee):
    client.post(
        reverse("account_login"), {"login": mentee.email, "password": "faux-mot-de-passe"}, REMOTE_ADDR="10.1.2.3"
    )
    client.post(reverse("account_login"), {"login": mentee.email, "password": "Mentorat-demo-2026!"})
    client.post(reverse("account_logout"))
    assert actions() == [AuditAction.LOGIN_FAILED, AuditAction.LOGIN, AuditAction.LOGOUT]
    failed = AuditEvent.objects.get(action=AuditAction.LOGIN_FAILED)
    assert failed.target == mentee.email and failed.ip_address == "10.1.2.3"
    assert "faux-mot-de-passe" not in str(failed.details)


def test_role_changes_are_recorded_with_who_did_it(client, staff, organisation, nobody):
    nobody.is_programme_engineer = True
    nobody.save()
    nobody.hr_organisations.add(organisation)
    events = AuditEvent.objects.filter(action=AuditAction.ROLE_CHANGED, target=f"user:{nobody.pk}")
    assert events.count() == 2
    assert events.filter(details__changes__is_programme_engineer=[False, True]).exists()


def test_decisions_publication_exports_and_application_views_are_recorded(client, hr_referent, engineer, programme):
    application = ApplicationFactory(programme=programme, user=UserFactory(organisation=hr_referent.organisation))
    client.force_login(hr_referent)
    client.reauthenticate(hr_referent)
    client.get(reverse("candidatures:review", args=[application.pk]))
    client.post(reverse("candidatures:review", args=[application.pk]), {"decision": "validate"})
    client.force_login(engineer)
    client.reauthenticate(engineer)
    client.get(reverse("candidatures:engineer_list") + "?export=csv")
    recorded = set(AuditEvent.objects.values_list("action", "target"))
    assert (AuditAction.APPLICATION_VIEWED, f"application:{application.pk}") in recorded
    assert (AuditAction.ELIGIBILITY_DECISION, f"application:{application.pk}") in recorded
    assert any(action == AuditAction.EXPORT and target.endswith(".csv") for action, target in recorded)


def test_the_engineer_reads_the_trail_and_others_get_403(client, engineer, hr_referent, mentee):
    client.force_login(engineer)
    client.reauthenticate(engineer)
    assert client.get(reverse("audit:list")).status_code == 200
    for person in (hr_referent, mentee):
        client.force_login(person)
        client.reauthenticate(person)
        assert client.get(reverse("audit:list")).status_code == 403


def test_purge_is_a_dry_run_unless_wet_run(db):
    old = AuditEvent.objects.create(action=AuditAction.LOGIN, actor_email="a@b.fr")
    AuditEvent.objects.filter(pk=old.pk).update(at=timezone.now() - datetime.timedelta(days=400))
    AuditEvent.objects.create(action=AuditAction.LOGIN, actor_email="c@d.fr")
    call_command("purge_audit", verbosity=0)
    assert AuditEvent.objects.count() == 2
    call_command("purge_audit", "--wet-run", verbosity=0)
    assert list(AuditEvent.objects.values_list("actor_email", flat=True)) == ["c@d.fr"]


@pytest.mark.parametrize(
    "proxies,forwarded,expected",
    [
        (0, "", "127.0.0.1"),
        (0, "203.0.113.9, 10.0.0.2", "127.0.0.1"),
        (1, "203.0.113.9, 10.0.0.2", "10.0.0.2"),
        (2, "203.0.113.9, 10.0.0.2", "203.0.113.9"),
    ],
)
def test_the_address_is_the_one_the_trusted_proxies_vouch_for(client, mentee, settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    client.post(reverse("account_login"), {"login": mentee.email, "password": "Mentorat-demo-2026!"}, **extra)
    assert AuditEvent.objects.get(action=AuditAction.LOGIN).ip_address == expected
