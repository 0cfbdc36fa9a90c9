"""The pages: preferences, the notification list and its header count, the engineer's follow-up and
the "binôme à risque" on the engineer's dashboard."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentorat.notifications.catalogue import CATALOGUE
from mentorat.notifications.enums import ClaimStatus
from mentorat.notifications.models import Notification, NotificationPreference, ReminderClaim, ReminderScan
from tests.factories import OrganisationFactory, UserFactory
from tests.notifications.helpers import paris
from tests.sessions_binome.pairs import make_pair

pytestmark = pytest.mark.django_db


def notify(user, n=1, **fields):
    return [
        Notification.objects.create(
            user=user, kind="first-session", title=f"Rappel {i}", body="Planifiez.", url="/binomes/", **fields
        )
        for i in range(n)
    ]


# --- preferences --------------------------------------------------------------------------------


RECEIVED_BY = {
    # Someone without a role yet sees what applicants get.
    "nobody": {
        "call-closing", "proposals-waiting", "request-waiting", "charter-unsigned", "first-session", "session-tomorrow",
        "session-unlogged", "pair-inactive", "survey-open", "programme-ending", "objectives-mid",
    },
    "mentee": {
        "call-closing", "proposals-waiting", "charter-unsigned", "first-session", "session-tomorrow", "pair-inactive",
        "survey-open", "programme-ending", "objectives-mid",
    },
    "mentor": {
        "call-closing", "request-waiting", "charter-unsigned", "first-session", "session-tomorrow", "session-unlogged",
        "pair-inactive", "survey-open", "programme-ending",
    },
    "hr_referent": {"hr-digest"},
    "engineer": {"proposals-waiting", "charter-unsigned", "pair-inactive", "fit-change", "engineer-digest"},
}  # fmt: skip


@pytest.mark.parametrize("who", sorted(RECEIVED_BY))
def test_the_preferences_page_shows_the_kinds_of_the_persons_roles_with_essential_ones_locked(client, request, who):
    client.force_login(request.getfixturevalue(who))
    page = client.get(reverse("notifications:preferences")).content.decode()
    for kind in CATALOGUE:
        shown = f'id="rappel-{kind.code}"' in page  # the anchor of the emails' footer link
        assert shown == (kind.code in RECEIVED_BY[who]), kind.code
        if shown:
            [checkbox] = re.findall(rf'<input[^>]*id="choix-{kind.code}"[^>]*>', page)
            assert ("disabled" in checkbox) == kind.essential
            assert ('name="enabled"' in checkbox) != kind.essential


def test_a_person_turns_a_kind_off_and_on_again(client, nobody):
    client.force_login(nobody)
    optional = [kind.code for kind in CATALOGUE if not kind.essential and kind.code in RECEIVED_BY["nobody"]]
    keep = [code for code in optional if code != "session-tomorrow"]

    response = client.post(reverse("notifications:preferences"), {"enabled": keep})
    assert response.status_code == 302
    assert NotificationPreference.objects.get(user=nobody).disabled_kinds == ["session-tomorrow"]
    page = client.get(reverse("notifications:preferences")).content.decode()
    [checkbox] = re.findall(r'<input[^>]*id="choix-session-tomorrow"[^>]*>', page)
    assert "checked" not in checkbox
    [checkbox] = re.findall(r'<input[^>]*id="choix-first-session"[^>]*>', page)
    assert "checked" in checkbox

    client.post(reverse("notifications:preferences"), {"enabled": optional})
    assert NotificationPreference.objects.get(user=nobody).disabled_kinds == []


def test_a_kind_not_shown_keeps_its_state_when_the_person_saves(client, hr_referent):
    # Turned off while a mentor, say; the referent's page no longer lists it.
    NotificationPreference.objects.create(user=hr_referent, disabled_kinds=["session-tomorrow"])
    client.force_login(hr_referent)
    client.post(reverse("notifications:preferences"), {"enabled": []})
    assert NotificationPreference.objects.get(user=hr_referent).disabled_kinds == ["hr-digest", "session-tomorrow"]


def test_posting_an_essential_kind_off_changes_nothing(client, nobody):
    client.force_login(nobody)
    optional = [kind.code for kind in CATALOGUE if not kind.essential and kind.code in RECEIVED_BY["nobody"]]
    client.post(reverse("notifications:preferences"), {"enabled": optional})  # essential ones absent
    assert NotificationPreference.objects.get(user=nobody).disabled_kinds == []


# --- the notification list -----------------------------------------------------------------------


def test_the_header_shows_the_unread_count(client, nobody):
    notify(nobody, 3)
    notify(nobody, 2, read_at=timezone.now())
    client.force_login(nobody)
    page = client.get(reverse("resources:list")).content.decode()
    assert (
        '<span class="badge rounded-pill text-bg-danger">3<span class="visually-hidden"> non lues</span></span>' in page
    )


def test_the_list_shows_only_ones_own_notifications(client, nobody, engineer):
    notify(nobody, 2)
    notify(engineer, 1)
    client.force_login(nobody)
    response = client.get(reverse("notifications:list"))
    assert [n.user for n in response.context["page"].object_list] == [nobody, nobody]


def test_opening_a_notification_marks_it_read_and_follows_its_link(client, nobody):
    [notification] = notify(nobody)
    client.force_login(nobody)
    response = client.get(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 302 and response.url == "/binomes/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_someone_elses_notification_answers_404(client, nobody, engineer):
    [notification] = notify(engineer)
    client.force_login(nobody)
    assert client.get(reverse("notifications:open", args=[notification.pk])).status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_an_outside_link_is_never_followed(client, nobody):
    [notification] = notify(nobody)
    Notification.objects.filter(pk=notification.pk).update(url="https://ailleurs.example.com/")
    client.force_login(nobody)
    assert client.get(reverse("notifications:open", args=[notification.pk])).url == reverse("notifications:list")


def test_mark_all_read(client, nobody, engineer):
    notify(nobody, 3)
    notify(engineer, 1)
    client.force_login(nobody)
    assert client.get(reverse("notifications:mark_all_read")).status_code == 405
    client.post(reverse("notifications:mark_all_read"))
    assert not Notification.objects.filter(user=nobody, read_at__isnull=True).exists()
    assert Notification.objects.filter(user=engineer, read_at__isnull=True).count() == 1


def test_the_list_and_the_header_make_the_same_number_of_queries_for_3_or_30_notifications(client, nobody):
    client.force_login(nobody)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("notifications:list")).status_code == 200
        return len(queries)

    notify(nobody, 3)
    three = count()
    notify(nobody, 27)
    assert count() == three


# --- the engineer's page ----------------------------------------------------------------------------


@pytest.mark.parametrize("who,status", [("nobody", 403), ("hr_referent", 403), ("mentee", 403), ("engineer", 200)])
def test_only_the_engineer_sees_the_reminders_page(client, request, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("notifications:engineer_reminders")).status_code == status


def _claim(recipient, kind, day, n, status=ClaimStatus.SENT):
    from django.contrib.contenttypes.models import ContentType

    moment = paris(2026, 11, day, 9, 5)
    for i in range(n):
        ReminderClaim.objects.create(
            kind=kind,
            content_type=ContentType.objects.get_for_model(recipient),
            object_id=recipient.pk,
            recipient=recipient,
            occurrence=f"{kind}-{day}-{i}",
            status=status,
            due_at=moment,
            created_at=moment,
            sent_at=moment,
            failed_at=moment if status == ClaimStatus.FAILED else None,
            error="SMTPDataError: 554" if status == ClaimStatus.FAILED else "",
        )


def test_the_engineers_page_counts_per_kind_and_day_points_to_failures_and_shows_the_last_scan(
    client, engineer, nobody, clock
):
    clock.move_to(paris(2026, 11, 20, 10))
    _claim(nobody, "session-tomorrow", 19, 3)
    _claim(nobody, "pair-inactive", 19, 1)
    _claim(nobody, "session-tomorrow", 20, 2)
    _claim(nobody, "charter-unsigned", 20, 1, status=ClaimStatus.FAILED)
    ReminderScan.objects.create(started_at=paris(2026, 11, 20, 9, 5), finished_at=paris(2026, 11, 20, 9, 5, 2))
    client.force_login(engineer)

    response = client.get(reverse("notifications:engineer_reminders"))

    days = {
        day: {kind.code: n for kind, n in counts} | {"total": total} for day, counts, total in response.context["days"]
    }
    assert days[datetime.date(2026, 11, 19)]["session-tomorrow"] == 3
    assert days[datetime.date(2026, 11, 19)]["total"] == 4
    assert days[datetime.date(2026, 11, 20)]["charter-unsigned"] == 1
    page = response.content.decode()
    assert "Dernier passage du planificateur : vendredi 20 novembre 2026 à 09:05." in page
    assert "e-mails sont en échec" in page or "e-mail est en échec" in page  # details: the outbox page
    assert "plus de deux heures" not in page
    # Labels, not codes: « Séance le lendemain (avec l'invitation d'agenda) : 3 ».
    assert "session-tomorrow" not in page and "Séance le lendemain (avec l&#x27;invitation d&#x27;agenda) : 3" in page

    ReminderScan.objects.update(finished_at=paris(2026, 11, 20, 7, 55))
    assert "plus de deux heures" in client.get(reverse("notifications:engineer_reminders")).content.decode()


def test_the_engineers_page_makes_the_same_number_of_queries_for_few_or_many_claims(client, engineer, nobody, clock):
    clock.move_to(paris(2026, 11, 20, 10))
    client.force_login(engineer)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("notifications:engineer_reminders")).status_code == 200
        return len(queries)

    _claim(nobody, "session-tomorrow", 19, 1, status=ClaimStatus.FAILED)
    few = count()
    _claim(UserFactory(), "pair-inactive", 18, 20, status=ClaimStatus.FAILED)
    assert count() == few


# --- the engineer's dashboard -------------------------------------------------------------------------


def test_the_engineers_dashboard_shows_the_pairs_at_risk(client, engineer, programme, clock):
    clock.move_to(paris(2026, 12, 15, 10))
    at_risk = make_pair(programme, mentee_org=OrganisationFactory(code="CAF-13"), mentor_org=OrganisationFactory(code="CNAV"),
                        activated_at=paris(2026, 10, 14, 10), prefix="risque")  # fmt: skip
    make_pair(programme, mentee_org=OrganisationFactory(code="CAF-33"), mentor_org=OrganisationFactory(code="CARSAT"),
              activated_at=paris(2026, 11, 2, 10), prefix="calme")  # fmt: skip
    client.force_login(engineer)

    page = client.get(reverse("core:dashboard_engineer")).content.decode()

    assert "Binôme à risque" in page
    assert "1 binôme sans séance tenue depuis 60 jours" in page
    assert reverse("sessions_binome:engineer_pair_detail", args=[at_risk.pk]) in page
    assert "calme" not in page
