"""The scan: exactly once, quiet hours, stop conditions at send time, opt-outs, rollback, series."""

import pytest
from django.core import mail
from django.db import transaction

from candidatures import services as candidatures_services
from matching import services as matching_services
from matching.models import Proposal
from mentorat.notifications import services
from mentorat.notifications.enums import ClaimStatus
from mentorat.notifications.models import Notification, NotificationPreference, ReminderClaim
from mentorat.notifications.scan import reminders_scan
from sessions_binome.sessions import services as services_sessions
from tests.factories import ApplicationFactory, OrganisationFactory, UserFactory
from tests.notifications.helpers import paris, plan, publish_charter, publish_run, reminder_kind, reminders
from tests.sessions_binome.pairs import make_pair

pytestmark = pytest.mark.django_db


def kinds_to(outbox):
    return sorted((message.to[0], reminder_kind(message)) for message in reminders(outbox))


@pytest.fixture
def draft(programme, clock):
    clock.move_to(paris(2026, 7, 2, 11))
    return ApplicationFactory(programme=programme, draft=True, user__email="zoe@cpam33.fr")


@pytest.fixture
def pending_request(programme, clock):
    """Zoé chose Yves on Thursday 24 September 2026 at 11:00 (answer expected within 5 days)."""
    clock.move_to(paris(2026, 9, 24, 10))
    mentee = ApplicationFactory(programme=programme, validated=True, user__email="zoe@cpam33.fr")
    mentor = ApplicationFactory(programme=programme, mentor=True, validated=True, user__email="yves@caf59.fr")
    publish_run(programme, mentee.track, {mentee: [mentor]}, at=paris(2026, 9, 24, 10))
    clock.move_to(paris(2026, 9, 24, 11))
    return matching_services.mentor_choose(mentee=mentee, proposal=Proposal.objects.get(), now=paris(2026, 9, 24, 11))


def test_a_draft_is_reminded_7_days_and_1_day_before_closing_once_each(draft, scan):
    scan(paris(2026, 9, 3, 9))
    assert mail.outbox == []

    scan(paris(2026, 9, 4, 9))
    scan(paris(2026, 9, 4, 9))  # a second beat, a retried task
    scan(paris(2026, 9, 4, 15))
    assert kinds_to(mail.outbox) == [("zoe@cpam33.fr", "call-closing")]
    assert "samedi 12 septembre 2026 à 23:59" in mail.outbox[0].body

    for day in range(5, 13):
        scan(paris(2026, 9, day, 9))
    assert kinds_to(mail.outbox) == [("zoe@cpam33.fr", "call-closing")] * 2
    assert [c.occurrence for c in ReminderClaim.objects.order_by("pk")] == ["j-7", "j-1"]
    notification = Notification.objects.filter(user=draft.user).first()
    assert notification.title.startswith("Votre candidature est encore un brouillon")
    assert notification.body.startswith(
        "Votre candidature de mentoré·e au Programme de mentorat 2026-2027 est enregistrée comme brouillon."
    )
    assert notification.url == f"/candidatures/{draft.pk}/modifier/"


def test_a_submitted_or_withdrawn_application_is_not_reminded(draft, programme, scan):
    withdrawn = ApplicationFactory(programme=programme, draft=True, user__email="wanda@cpam33.fr")
    candidatures_services.application_withdraw(application=withdrawn)
    draft.status = "submitted"
    draft.save()

    scan(paris(2026, 9, 4, 9))

    assert mail.outbox == []
    assert not ReminderClaim.objects.exists()


def test_due_at_night_the_reminder_waits_for_8_00_on_the_next_working_day(pending_request, scan):
    # Due on Saturday 26 September at 11:00: claimed by the Saturday evening scan, not sent.
    report = scan(paris(2026, 9, 26, 21))
    claim = ReminderClaim.objects.get()
    assert (claim.kind, claim.status, claim.not_before) == (
        "request-waiting",
        ClaimStatus.QUEUED,
        paris(2026, 9, 28, 8),
    )
    assert report.counts["request-waiting"]["waiting"] == 1
    assert reminders(mail.outbox) == []
    assert not Notification.objects.exists()

    scan(paris(2026, 9, 27, 10))  # Sunday
    scan(paris(2026, 9, 28, 7, 55))  # Monday, before 8:00
    assert reminders(mail.outbox) == []

    scan(paris(2026, 9, 28, 8, 5))
    assert kinds_to(mail.outbox) == [("yves@caf59.fr", "request-waiting")]
    claim.refresh_from_db()
    assert (claim.status, claim.sent_at) == (ClaimStatus.SENT, paris(2026, 9, 28, 8, 5))
    assert Notification.objects.get().created_at == paris(2026, 9, 28, 8, 5)


def test_the_stop_condition_is_checked_again_when_a_waiting_reminder_leaves(pending_request, scan, clock):
    scan(paris(2026, 9, 26, 21))
    clock.move_to(paris(2026, 9, 27, 18))
    matching_services.request_accept(
        request=pending_request, mentor_user=pending_request.mentor.user, now=paris(2026, 9, 27, 18)
    )

    scan(paris(2026, 9, 28, 8, 5))

    claim = ReminderClaim.objects.get()
    assert claim.status == ClaimStatus.SKIPPED
    assert "condition d'arrêt" in claim.error
    assert reminders(mail.outbox) == []
    assert not Notification.objects.exists()


def test_no_reminder_after_the_deadline_the_expiry_is_matchings(programme, pending_request, scan):
    # Deadline Tuesday 29 September 11:00: the scan of Wednesday finds nothing to remind.
    scan(paris(2026, 9, 30, 9))
    assert not ReminderClaim.objects.exists()


def test_a_rolled_back_scan_sends_and_claims_nothing(draft, clock, django_capture_on_commit_callbacks):
    clock.move_to(paris(2026, 9, 4, 9))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            reminders_scan(now=paris(2026, 9, 4, 9))
            assert ReminderClaim.objects.count() == 1
            raise RuntimeError("the transaction rolls back")
    assert callbacks == []
    assert mail.outbox == []
    assert not ReminderClaim.objects.exists()
    assert not Notification.objects.exists()

    # The next scan sends it, once.
    with django_capture_on_commit_callbacks(execute=True):
        reminders_scan(now=paris(2026, 9, 4, 10))
    assert len(reminders(mail.outbox)) == 1


def test_a_person_who_turned_a_kind_off_gets_neither_email_nor_notification(active_pair, scan):
    services.preferences_save(user=active_pair.mentor, disabled=["first-session"])

    scan(paris(2026, 10, 27, 10, 5))  # 14 days after activation, no session planned

    assert kinds_to(mail.outbox) == [(active_pair.mentee.email, "first-session")]
    assert not Notification.objects.filter(user=active_pair.mentor).exists()
    assert ReminderClaim.objects.get(recipient=active_pair.mentor).status == ClaimStatus.SKIPPED


def test_essential_kinds_cannot_be_turned_off(db):
    person = UserFactory()
    services.preferences_save(user=person, disabled=["charter-unsigned", "first-session", "call-closing", "nope"])
    assert NotificationPreference.objects.get(user=person).disabled_kinds == ["first-session"]


def test_session_tomorrow_goes_the_working_day_before_with_link_and_invitation(active_pair, scan, clock):
    clock.move_to(paris(2026, 10, 14, 11))
    monday = plan(
        active_pair, paris(2026, 10, 19, 10), at=paris(2026, 10, 14, 11), link="https://visio.exemple.fr/salle-12"
    )
    mail.outbox.clear()

    scan(paris(2026, 10, 16, 8, 30))  # Friday, before 9:00
    assert reminders(mail.outbox) == []
    scan(paris(2026, 10, 16, 9, 5))

    assert kinds_to(mail.outbox) == sorted(
        [(active_pair.mentee.email, "session-tomorrow"), (active_pair.mentor.email, "session-tomorrow")]
    )
    message = mail.outbox[0]
    assert message.subject == "[Mentorat] Rappel : séance de mentorat lundi 19 octobre à 10:00"
    assert "https://visio.exemple.fr/salle-12" in message.body
    [(content, mimetype)] = [(c, m) for c, m in message.alternatives if m.startswith("text/calendar")]
    assert mimetype == "text/calendar; method=REQUEST; charset=utf-8"
    assert f"UID:{monday.uid}@mentorat" in content
    assert [attachment.filename for attachment in message.attachments] == ["invitation.ics"]


def test_a_cancelled_session_is_not_reminded_and_a_moved_one_is_reminded_at_its_new_date(active_pair, scan, clock):
    clock.move_to(paris(2026, 10, 14, 11))
    cancelled = plan(active_pair, paris(2026, 10, 20, 10), at=paris(2026, 10, 14, 11))
    moved = plan(active_pair, paris(2026, 10, 21, 14), at=paris(2026, 10, 14, 11))
    services_sessions.session_cancel(session=cancelled, by=active_pair.mentor, now=paris(2026, 10, 14, 12))
    scan(paris(2026, 10, 20, 9, 5))  # the moved session's reminder, for Wednesday at 14:00
    services_sessions.session_reschedule(
        session=moved,
        by=active_pair.mentee,
        starts_at=paris(2026, 10, 22, 16),
        duration_minutes=60,
        now=paris(2026, 10, 20, 12),
    )
    mail.outbox.clear()

    scan(paris(2026, 10, 21, 9, 5))

    assert len(reminders(mail.outbox)) == 2
    assert all("jeudi 22 octobre 2026 à 16:00" in m.body for m in reminders(mail.outbox))
    assert not ReminderClaim.objects.filter(object_id=cancelled.pk, kind="session-tomorrow").exists()


def test_after_the_scan_stopped_for_a_while_only_the_latest_step_of_a_series_leaves(programme, clock, scan):
    publish_charter(programme)
    clock.move_to(paris(2026, 10, 1, 11))
    pair = make_pair(
        programme,
        mentee_org=OrganisationFactory(code="CPAM-33"),
        mentor_org=OrganisationFactory(code="CAF-59"),
        status="frame",
    )

    scan(paris(2026, 10, 9, 9))  # day 8: the 3-day and the 7-day reminders are both due

    assert sorted(ReminderClaim.objects.values_list("recipient__email", "occurrence")) == [
        (pair.mentor.email, "j7"), (pair.mentee.email, "j7"),
    ]  # fmt: skip
    assert len(reminders(mail.outbox)) == 2


def test_nobody_is_asked_to_choose_when_no_proposed_mentor_is_left(programme, clock, scan):
    clock.move_to(paris(2026, 9, 24, 10))
    mentee = ApplicationFactory(programme=programme, validated=True)
    mentor = ApplicationFactory(programme=programme, mentor=True, validated=True)
    publish_run(programme, mentee.track, {mentee: [mentor]}, at=paris(2026, 9, 24, 10))
    candidatures_services.application_withdraw(application=mentor)

    scan(paris(2026, 9, 28, 9))
    scan(paris(2026, 10, 5, 9))

    assert not ReminderClaim.objects.exists()
    assert mail.outbox == []


def test_an_ended_pair_gets_nothing_more(active_pair, scan, clock):
    clock.move_to(paris(2026, 11, 2, 10))
    plan(active_pair, paris(2026, 11, 10, 10), at=paris(2026, 11, 2, 10))
    matching_services.pair_end(pair=active_pair, by=active_pair.mentee, reason="Mutation.", now=paris(2026, 11, 3, 10))
    mail.outbox.clear()

    for moment in (
        paris(2026, 11, 9, 9, 5),
        paris(2026, 11, 13, 9, 5),
        paris(2027, 1, 4, 9, 5),
        paris(2027, 4, 15, 9, 5),
    ):
        scan(moment)

    assert reminders(mail.outbox) == []
    assert not ReminderClaim.objects.exclude(kind="proposals-waiting").exists()
