"""Demo history of reminders: what the scan would have sent from July to 20 November 2026 to the demo
people as they stand, recorded as claims and in-app notifications (no email: demo people are
fictitious). The engineer's page and the notification lists then have content.

The catalogue itself decides what was due: each kind's selector runs at a moment of the past (the
20 November for most; each Monday of the call for the HR digest; each working morning for the
engineer's digest; a few days after each pending request), and every step due by then is recorded
at the first working-hours scan after it was due (at once for the in-app engineer alerts). Held
sessions also had their "session tomorrow" reminder. Runs once: a database that already has
reminders is left as it is.
"""

import datetime
from zoneinfo import ZoneInfo

from django.db import transaction

from matching.enums import RequestStatus
from matching.models import MentorRequest
from mentorat.outbox.enums import EmailState
from mentorat.outbox.models import OutboxEmail
from sessions_binome.enums import SessionStatus
from sessions_binome.models import MentoringSession

from . import timing
from .catalogue import BY_CODE, CATALOGUE
from .enums import ClaimStatus
from .models import Notification, ReminderClaim, ReminderScan
from .scan import Due, confirmed, due_reminders, render
from .selectors import Target, moment_key

PARIS = ZoneInfo("Europe/Paris")
HISTORY_END = datetime.datetime(2026, 11, 20, 19, 5, tzinfo=PARIS)
READ_BEFORE = datetime.datetime(2026, 11, 9, tzinfo=PARIS)  # older ones were read, but each person's latest
SCAN_MINUTE = datetime.timedelta(minutes=5)
SMTP_ERROR = "SMTPRecipientsRefused: {'%s': (550, b'5.1.1 Mailbox unavailable')}"


def _mondays(programme):
    monday = timing.monday_of(programme.call_opens_at, 9)
    while monday < programme.call_closes_at:
        if monday >= programme.call_opens_at:
            yield monday + SCAN_MINUTE
        monday += datetime.timedelta(days=7)


def _working_mornings(programme):
    """Each working day at 9:05 from the call's opening to the end of the history."""
    day = timing.local(programme.call_opens_at).date()
    while (moment := timing.at(day, datetime.time(9)) + SCAN_MINUTE) < HISTORY_END:
        if timing.is_working_day(day) and moment >= programme.call_opens_at:
            yield moment
        day += datetime.timedelta(days=1)


def _moments(kind, programme):
    """When to ask the kind's selector what had been due."""
    if kind.code == "call-closing":
        return [programme.call_closes_at - datetime.timedelta(hours=4)]
    if kind.code == "hr-digest":
        return list(_mondays(programme))
    if kind.code == "engineer-digest":  # after the alerts it gathers (the catalogue's order)
        return list(_working_mornings(programme))
    if kind.code == "request-waiting":
        requests = MentorRequest.objects.filter(mentee__programme=programme, status=RequestStatus.PENDING)
        return sorted({request.created_at + datetime.timedelta(days=2, minutes=5) for request in requests})
    return [HISTORY_END]


def _held_session_dues(programme):
    kind = BY_CODE["session-tomorrow"]
    step = kind.step("veille")
    sessions = MentoringSession.objects.filter(
        pair__programme=programme, status=SessionStatus.HELD, starts_at__lte=HISTORY_END
    ).select_related("pair__mentee", "pair__mentor", "scheduled_by")
    for session in sessions.order_by("starts_at", "pk"):
        target = Target(session, anchor=session.starts_at, key=moment_key(session.starts_at))
        for person in step.to(target):
            yield Due(kind, step, target, person, step.when(session.starts_at))


@transaction.atomic
def reminders_demo_load(programme):
    """Record the history; returns how many reminders were recorded (0 when already there)."""
    if ReminderClaim.objects.exists():
        return 0
    recorded = 0
    for kind in CATALOGUE:
        for moment in _moments(kind, programme):
            recorded += _record_all(due_reminders(kind, moment, latest_only=False))
    recorded += _record_all(list(_held_session_dues(programme)))
    _fail_a_few()
    _keep_the_latest_unread()
    ReminderScan.objects.create(
        started_at=HISTORY_END, finished_at=HISTORY_END + datetime.timedelta(seconds=2), counts={}
    )
    return recorded


def _record_all(dues):
    recorded = 0
    for due in sorted(confirmed(dues), key=lambda due: (due.due_at, due.recipient.pk)):
        sent_at = timing.next_open(due.due_at) + SCAN_MINUTE if due.step.email else due.due_at
        if sent_at > HISTORY_END:
            continue
        claim, created = ReminderClaim.objects.get_or_create(
            kind=due.kind.code,
            content_type=due.content_type,
            object_id=due.target.obj.pk,
            recipient=due.recipient,
            occurrence=due.occurrence,
            defaults={"due_at": due.due_at, "created_at": sent_at},
        )
        if not created:
            continue
        # Rendered while the claim is still queued, as the scan does (the HR digest counts from the last one sent).
        message = render(due, sent_at)
        claim.status, claim.sent_at = ClaimStatus.SENT, sent_at
        claim.save(update_fields=["status", "sent_at"])
        Notification.objects.create(
            user=due.recipient,
            kind=due.kind.code,
            title=message["title"],
            body=message["body"],
            url=message["url"],
            claim=claim,
            created_at=sent_at,
            read_at=sent_at + datetime.timedelta(hours=3) if sent_at < READ_BEFORE else None,
        )
        recorded += 1
    return recorded


def _keep_the_latest_unread():
    """Everyone's latest notification is still unread: the header shows a count."""
    latest = {}
    for pk, user_id in Notification.objects.order_by("created_at", "pk").values_list("pk", "user_id"):
        latest[user_id] = pk
    Notification.objects.filter(pk__in=latest.values()).update(read_at=None)


def _fail_a_few():
    """Two emails the SMTP server refused, as the engineer would find them after the retries."""
    refused = (
        ReminderClaim.objects.filter(kind="charter-unsigned", recipient__is_programme_engineer=False)
        .select_related("recipient")
        .order_by("-sent_at", "pk")[:2]
    )
    for claim in refused:
        claim.status = ClaimStatus.FAILED
        claim.failed_at = claim.sent_at + datetime.timedelta(hours=2, minutes=7)
        claim.error = SMTP_ERROR % claim.recipient.email
        claim.save(update_fields=["status", "failed_at", "error"])
        # The e-mail itself, as the outbox keeps it: the engineer's "Envois d'e-mails" page shows it
        # with its reason and « Renvoyer ».
        OutboxEmail.objects.get_or_create(
            key=f"reminder:{claim.pk}",
            defaults={
                "kind": "reminder_charter_unsigned",
                "to": [claim.recipient.email],
                "subject": "[Mentorat] Votre charte n'est pas encore signée",
                "text_body": "(démonstration)",
                "claim_id": claim.pk,
                "state": EmailState.FAILED,
                "attempts": 1,
                "created_at": claim.sent_at,
                "next_attempt_at": claim.sent_at,
                "failed_at": claim.failed_at,
                "last_error": claim.error,
                "reason": "Adresse refusée par le serveur de messagerie (code 550).",
            },
        )
