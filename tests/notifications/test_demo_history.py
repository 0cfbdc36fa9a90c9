"""The demo's history of reminders: content for the engineer's page and the notification lists."""

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentorat.accounts.models import User
from mentorat.core.models import Programme
from mentorat.notifications import timing
from mentorat.notifications.demo import HISTORY_END, reminders_demo_load
from mentorat.notifications.enums import ClaimStatus
from mentorat.notifications.models import Notification, ReminderClaim

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(seeded_demo):
    return seeded_demo


def test_the_demo_has_a_history_of_reminders_in_working_hours_that_the_engineer_sees(demo, client):
    kinds = set(ReminderClaim.objects.values_list("kind", flat=True))
    assert {
        "call-closing",
        "hr-digest",
        "proposals-waiting",
        "charter-unsigned",
        "session-tomorrow",
        "pair-inactive",
        "engineer-digest",
    } <= kinds
    assert ReminderClaim.objects.filter(status=ClaimStatus.FAILED).count() == 2
    assert not ReminderClaim.objects.filter(sent_at__gt=HISTORY_END).exists()
    # What went by email went in working hours; the in-app ones (the engineer's alerts, the
    # certificate's notification) when they were due.
    in_app_only = Q(occurrence="fin") | Q(occurrence__startswith="ingenieur-")
    for claim in ReminderClaim.objects.exclude(in_app_only):
        assert timing.is_open(claim.sent_at), claim
    # One in-app notification per reminder; the others tell of an event (a question to a mentor, its answer).
    assert Notification.objects.filter(claim__isnull=False).count() == ReminderClaim.objects.count()
    referent = User.objects.get(email="rh@demo.mentorat.fr")
    assert Notification.objects.filter(user=referent, kind="hr-digest").exists()
    # The engineer's alerts went into digests, at most one a working day.
    engineer_digests = ReminderClaim.objects.filter(
        kind="engineer-digest", recipient__email="ingenieure@demo.mentorat.fr"
    )
    days = [timing.local(sent_at).date() for sent_at in engineer_digests.values_list("sent_at", flat=True)]
    assert days and len(days) == len(set(days))

    client.force_login(User.objects.get(email="ingenieure@demo.mentorat.fr"))
    page = client.get(reverse("notifications:engineer_reminders")).content.decode()
    assert "2 e-mails sont en échec" in page
    outbox_page = client.get(reverse("outbox:engineer_outbox")).content.decode()
    assert "Adresse refusée par le serveur de messagerie (code 550)." in outbox_page
    assert "Dernier passage du planificateur : vendredi 20 novembre 2026 à 19:05." in page


def test_a_second_load_writes_nothing(demo):
    with CaptureQueriesContext(connection) as queries:
        assert reminders_demo_load(Programme.objects.get(slug="2026-2027")) == 0
    assert not [q for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
