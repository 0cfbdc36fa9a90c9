"""The engineer's daily digest: each alert (proposals waiting 10 days, charter unsigned at 14 days,
pair at risk at 60 days) reaches the engineer in the platform at once, and by email only gathered in
one digest per working morning — a national edition raises hundreds of alerts a day."""

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from mentorat.notifications.catalogue import DIGEST_ITEMS
from mentorat.notifications.models import Notification, ReminderClaim
from sessions_binome.enums import PairStatus
from tests.factories import ApplicationFactory, OrganisationFactory, UserFactory
from tests.notifications.helpers import paris, publish_run, reminder_kind, reminders
from tests.notifications.test_scan_at_scale import dry_run
from tests.sessions_binome.pairs import make_pair

pytestmark = pytest.mark.django_db

PUBLISHED = paris(2026, 9, 24, 10)  # a Thursday: the 10-day alerts fall on Sunday 4 October at 10:00
SUNDAY = paris(2026, 10, 4, 10)
MONDAY_MORNING = paris(2026, 10, 5, 9)


def waiting_mentees(programme, count, *, at=PUBLISHED):
    """`count` validated mentees offered a free mentor each by a run published `at`."""
    mentees = [
        ApplicationFactory(programme=programme, validated=True, user__last_name=f"Attente{index:02d}")
        for index in range(count)
    ]
    mentors = ApplicationFactory.create_batch(count, programme=programme, mentor=True, validated=True)
    publish_run(
        programme, mentees[0].track, {mentee: [mentor] for mentee, mentor in zip(mentees, mentors, strict=False)}, at=at
    )
    return mentees


def emails_to(person, outbox):
    return [message for message in reminders(outbox) if message.to == [person.email]]


def test_alerts_reach_the_engineer_in_the_platform_at_once_and_by_email_in_the_next_mornings_digest(
    programme, engineer, scan
):
    mentees = waiting_mentees(programme, 3)

    scan(SUNDAY)
    assert emails_to(engineer, mail.outbox) == []
    alerts = Notification.objects.filter(user=engineer, kind="proposals-waiting")
    assert alerts.count() == 3
    assert {alert.url for alert in alerts} == {reverse("matching:console") + "?edition=2026-2027"}

    scan(MONDAY_MORNING)
    [digest] = emails_to(engineer, mail.outbox)
    assert reminder_kind(digest) == "engineer-digest"
    assert digest.subject.endswith("Point quotidien : 3 alertes sur les binômes et les mentorés")
    for mentee in mentees:
        assert f"{mentee.user.get_full_name()} n'a pas encore choisi de mentor" in digest.body
    assert "Mentoré·es sans choix de mentor 10 jours après les propositions (3)" in digest.body
    # Each of these alerts opens the matching console: one link for them all, not one per line.
    assert digest.body.count(reverse("matching:console")) == 1
    assert f"Voir la liste complète : {settings.SITE_URL}{reverse('matching:console')}" in digest.body
    html = digest.alternatives[0][0]
    assert html.count(f'href="{settings.SITE_URL}{reverse("matching:console")}"') == 1
    [notification] = Notification.objects.filter(user=engineer, kind="engineer-digest")
    assert notification.url == reverse("core:dashboard_engineer")


def test_alerts_about_a_pair_link_each_to_the_pair(programme, engineer, scan, clock):
    clock.move_to(paris(2026, 10, 13, 10))
    # Formed on Tuesday 13 October, the charter not signed.
    pair = make_pair(
        programme, mentee_org=OrganisationFactory(), mentor_org=OrganisationFactory(), status=PairStatus.FRAME
    )
    scan(paris(2026, 10, 27, 10))  # day 14
    scan(paris(2026, 10, 28, 9))
    [digest] = emails_to(engineer, mail.outbox)
    assert "Chartes toujours pas signées 14 jours après la formation du binôme (1)" in digest.body
    pair_url = reverse("sessions_binome:engineer_pair_detail", args=[pair.pk])
    assert (
        f"Charte non signée : binôme {pair.mentor.get_full_name()} / {pair.mentee.get_full_name()} : {settings.SITE_URL}{pair_url}"
        in digest.body
    )
    assert f'href="{settings.SITE_URL}{pair_url}"' in digest.alternatives[0][0]


def test_one_digest_a_day_and_none_when_nothing_new(programme, engineer, scan):
    waiting_mentees(programme, 2)
    scan(SUNDAY)
    for moment in (MONDAY_MORNING, paris(2026, 10, 5, 14), paris(2026, 10, 6, 9), paris(2026, 10, 7, 9)):
        scan(moment)
    assert [reminder_kind(message) for message in emails_to(engineer, mail.outbox)] == ["engineer-digest"]


def test_the_next_digest_lists_only_what_came_since_the_previous_one(programme, engineer, scan):
    waiting_mentees(programme, 2)
    late = waiting_mentees(programme, 1, at=paris(2026, 9, 25, 16))  # its 10th day: Monday 5 October at 16:00
    scan(SUNDAY)
    scan(MONDAY_MORNING)
    scan(paris(2026, 10, 5, 16))
    assert len(emails_to(engineer, mail.outbox)) == 1  # the afternoon's alert waits for the next morning

    scan(paris(2026, 10, 6, 9))
    first, second = emails_to(engineer, mail.outbox)
    assert (
        "Depuis votre point du lundi 5 octobre 2026 à 09:00, 1 nouvelle alerte demande votre attention." in second.body
    )
    assert late[0].user.get_full_name() in second.body
    assert late[0].user.get_full_name() not in first.body


def test_past_twenty_alerts_of_a_kind_the_digest_links_to_the_page_that_lists_them_all(programme, engineer, scan):
    waiting_mentees(programme, DIGEST_ITEMS + 5)
    scan(SUNDAY)
    scan(MONDAY_MORNING)
    [digest] = emails_to(engineer, mail.outbox)
    assert digest.body.count("n'a pas encore choisi de mentor") == DIGEST_ITEMS
    assert f"… et 5 autres : {settings.SITE_URL}{reverse('matching:console')}" in digest.body


def test_each_active_engineer_gets_a_digest_of_their_own_alerts(programme, engineer, scan):
    other = UserFactory(email="ingenieur2@ucanss.fr", engineer=True)
    UserFactory(email="ancien@ucanss.fr", engineer=True, is_active=False)
    waiting_mentees(programme, 2)
    scan(SUNDAY)
    scan(MONDAY_MORNING)
    assert sorted(
        message.to[0] for message in reminders(mail.outbox) if reminder_kind(message) == "engineer-digest"
    ) == sorted([engineer.email, other.email])


def test_no_digest_at_night_nor_on_a_weekend(programme, engineer, scan):
    waiting_mentees(programme, 1)
    for moment in (SUNDAY, paris(2026, 10, 4, 18), paris(2026, 10, 5, 7, 30), paris(2026, 10, 5, 8, 30)):
        scan(moment)
    assert emails_to(engineer, mail.outbox) == []
    assert not ReminderClaim.objects.filter(kind="engineer-digest").exists()


def test_the_digests_take_as_many_queries_for_six_engineers_as_for_two(programme, engineer, scan):
    UserFactory(engineer=True)
    waiting_mentees(programme, 2)
    scan(SUNDAY)
    few, report = dry_run(MONDAY_MORNING)
    assert report.counts["engineer-digest"]["due"] == 2

    ReminderClaim.objects.all().delete()
    UserFactory.create_batch(4, engineer=True)
    scan(SUNDAY)
    many, report = dry_run(MONDAY_MORNING)

    assert report.counts["engineer-digest"]["due"] == 6
    assert many == few


def test_the_engineers_notification_list_says_how_alerts_arrive(client, engineer, mentee):
    sentence = "arrivent ici aussitôt, et par courriel dans un seul point quotidien"
    client.force_login(engineer)
    assert sentence in client.get(reverse("notifications:list")).content.decode()
    client.force_login(mentee)
    assert sentence not in client.get(reverse("notifications:list")).content.decode()
