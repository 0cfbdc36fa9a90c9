"""Background work on pairs and requests with editions side by side: in autumn 2027, 2026-2027's last
pairs run their frame to its own end while 2027-2028's pairs form; an archived edition keeps stale
objects. Request expiry, completion and pair reminders go by each object's own dates, in every opened
edition, never in an archived one; a second run does nothing."""

import datetime

import pytest
from django.core import mail

from matching.enums import RequestStatus
from matching.models import MentorRequest
from mentorat.notifications.models import Notification, ReminderClaim
from sessions_binome.enums import PairStatus, SessionStatus
from sessions_binome.models import PairFrame
from sessions_binome.services_frame import pairs_complete_due
from tests.factories import ApplicationFactory, OrganisationFactory
from tests.notifications.helpers import paris, publish_run, reminder_kind, reminders
from tests.notifications.test_background_editions import archived_edition
from tests.sessions_binome.pairs import add_session, make_pair

pytestmark = pytest.mark.django_db


def pair_in(programme, prefix, *, status=PairStatus.ACTIVE, frame_ends_on=None, activated_at=None):
    pair = make_pair(
        programme,
        mentee_org=OrganisationFactory(code=f"{prefix}-A"),
        mentor_org=OrganisationFactory(code=f"{prefix}-B"),
        prefix=prefix,
        status=status,
        activated_at=activated_at,
    )
    if frame_ends_on:
        PairFrame.objects.create(pair=pair, starts_on=programme.starts_on, ends_on=frame_ends_on)
    return pair


def pending_request(programme, prefix, *, deadline):
    mentee = ApplicationFactory(programme=programme, validated=True, user__email=f"{prefix}.mentore@cpam.fr")
    mentor = ApplicationFactory(programme=programme, mentor=True, validated=True, user__email=f"{prefix}.mentor@caf.fr")
    run = publish_run(programme, mentee.track, {mentee: [mentor]}, at=deadline - datetime.timedelta(days=10))
    return MentorRequest.objects.create(
        proposal=run.proposals.get(), mentee=mentee, mentor=mentor, status=RequestStatus.PENDING, deadline=deadline
    )


def test_requests_expire_at_their_own_deadline_in_every_opened_edition(programme, next_programme, clock):
    clock.move_to(paris(2027, 10, 20, 10))
    late = pending_request(programme, "tardif", deadline=paris(2027, 10, 22, 12))
    current = pending_request(next_programme, "courant", deadline=paris(2027, 10, 27, 12))
    stale = pending_request(archived_edition(), "archive", deadline=paris(2026, 1, 10, 12))
    from matching.services import requests_expire

    assert requests_expire(now=paris(2027, 10, 23, 9)) == 1
    assert requests_expire(now=paris(2027, 10, 23, 9)) == 0
    assert requests_expire(now=paris(2027, 10, 28, 9)) == 1
    statuses = {request.pk: request.status for request in MentorRequest.objects.all()}
    assert statuses == {
        late.pk: RequestStatus.EXPIRED,
        current.pk: RequestStatus.EXPIRED,
        stale.pk: RequestStatus.PENDING,
    }


def test_pairs_complete_at_the_end_of_their_own_frame_in_every_opened_edition(
    programme, next_programme, clock, django_capture_on_commit_callbacks
):
    clock.move_to(paris(2027, 10, 20, 10))
    extended = pair_in(programme, "prolonge", frame_ends_on=datetime.date(2027, 10, 31))
    new = pair_in(next_programme, "nouveau", frame_ends_on=datetime.date(2028, 5, 15))
    stale = pair_in(archived_edition(), "archive", frame_ends_on=datetime.date(2026, 5, 15))

    with django_capture_on_commit_callbacks(execute=True):
        assert pairs_complete_due(now=paris(2027, 11, 2, 7, 30)) == 1
        assert pairs_complete_due(now=paris(2027, 11, 2, 7, 30)) == 0
    for pair, status in ((extended, PairStatus.COMPLETED), (new, PairStatus.ACTIVE), (stale, PairStatus.ACTIVE)):
        pair.refresh_from_db()
        assert pair.status == status
    assert sorted(message.to[0] for message in mail.outbox) == sorted([extended.mentee.email, extended.mentor.email])


def test_pair_reminders_go_by_each_pairs_dates_in_every_opened_edition_and_never_an_archived_one(
    programme, next_programme, engineer, clock, scan
):
    clock.move_to(paris(2027, 10, 18, 10))
    # 2026-2027: a pair whose frame was extended to the end of November, its last session on 1 September.
    old = pair_in(programme, "ancien", frame_ends_on=datetime.date(2027, 11, 30), activated_at=paris(2027, 8, 20, 10))
    add_session(old, when=paris(2027, 9, 1, 10), status=SessionStatus.HELD)
    # 2027-2028: a pair formed on Monday 18 October, its charter not signed yet.
    new = pair_in(next_programme, "nouveau", status=PairStatus.FRAME)
    # Archived: the same situations, left as they were.
    archived = archived_edition()
    stale_inactive = pair_in(archived, "archive", activated_at=paris(2026, 3, 2, 10))
    stale_frame = pair_in(archived, "cadre", status=PairStatus.FRAME)

    day = datetime.date(2027, 10, 18)
    while day <= datetime.date(2027, 11, 1):
        scan(paris(day.year, day.month, day.day, 9, 5))
        scan(paris(day.year, day.month, day.day, 9, 5))  # a second beat sends nothing more
        day += datetime.timedelta(days=1)

    got = sorted((message.to[0], reminder_kind(message)) for message in reminders(mail.outbox))
    assert got == sorted([
        (old.mentee.email, "pair-inactive"), (old.mentor.email, "pair-inactive"),  # 45 days: 16 October
        (old.mentee.email, "programme-ending"), (old.mentor.email, "programme-ending"),  # 30 days before its frame's end
        (new.mentee.email, "charter-unsigned"), (new.mentor.email, "charter-unsigned"),  # day 3: 21 October
        (new.mentee.email, "charter-unsigned"), (new.mentor.email, "charter-unsigned"),  # day 7: 25 October
        (engineer.email, "engineer-digest"),  # Monday 1 November: the alerts of the opened editions
    ])  # fmt: skip
    for pair in (stale_inactive, stale_frame):
        assert not Notification.objects.filter(user__in=[pair.mentee, pair.mentor]).exists()
    alerts = ReminderClaim.objects.filter(recipient=engineer).exclude(kind="engineer-digest")
    assert alerts.exists()
    assert set(alerts.values_list("object_id", flat=True)) <= {old.pk, new.pk, old.mentee_application_id}
    assert not alerts.filter(
        object_id__in=[stale_inactive.pk, stale_frame.pk], kind__in=["pair-inactive", "charter-unsigned"]
    ).exists()


def test_a_proposals_reminder_opens_the_mentees_proposals_in_their_edition(programme, next_programme, clock, scan):
    """A person may be a mentee in two editions: the reminder leads to the proposals of the right one."""
    clock.move_to(paris(2027, 10, 18, 10))
    mentee = ApplicationFactory(programme=next_programme, validated=True)
    mentor = ApplicationFactory(programme=next_programme, mentor=True, validated=True)
    publish_run(next_programme, mentee.track, {mentee: [mentor]}, at=paris(2027, 10, 18, 10))

    scan(paris(2027, 10, 21, 10, 5))

    [message] = reminders(mail.outbox)
    assert reminder_kind(message) == "proposals-waiting"
    assert "?edition=2027-2028" in message.body
    [notification] = Notification.objects.filter(user=mentee.user)
    assert notification.url.endswith("?edition=2027-2028")
