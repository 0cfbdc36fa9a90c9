"""The scan: walk the catalogue at `now`, claim each due reminder once, send it (email queued after
commit + in-app notification) or let it wait for working hours.

Exactly once: each reminder is claimed by inserting its unique key (kind, object, recipient,
occurrence) in the transaction that queues its email. A second scan running at the same moment, a
retried task or a second beat meets the unique constraint and sends nothing; a rolled-back
transaction leaves neither claim nor email. Inside that transaction the kind's selector runs again
for the one object, so the stop condition is honoured at send time.

Finding what is due costs a fixed number of queries however many people are concerned: one
selection per kind, then the claims and the kind's `confirm` read for a batch of BATCH_SIZE
reminders at a time. Only claiming and sending go one reminder at a time (one transaction each).
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from mentorat.core.emails import queue_email, render_email, unsubscribe_headers

from . import timing
from .catalogue import BY_CODE, CATALOGUE
from .enums import ClaimStatus
from .models import Notification, ReminderClaim, ReminderScan
from .selectors import Target, disabled_kinds
from .unsubscribe import unsubscribe_url

BODY_MAX = 1000
# Claims and the kinds' `confirm` are read this many reminders at a time: a fixed number of queries
# per batch, however many people are concerned.
BATCH_SIZE = 500


@dataclass(frozen=True)
class Due:
    kind: object
    step: object
    target: Target
    recipient: object
    due_at: datetime.datetime

    @property
    def occurrence(self):
        return f"{self.step.code}@{self.target.key}" if self.target.key else self.step.code

    @property
    def content_type(self):
        return ContentType.objects.get_for_model(self.target.obj)


@dataclass
class ScanReport:
    now: datetime.datetime
    counts: dict = field(default_factory=lambda: defaultdict(Counter))
    items: list = field(default_factory=list)  # (kind code, recipient email, occurrence, due_at) in dry runs

    def add(self, kind_code, outcome):
        self.counts[kind_code][outcome] += 1

    def as_dict(self):
        return {kind: dict(counter) for kind, counter in self.counts.items()}


def due_reminders(kind, now, *, only=None, person=None, latest_only=True):
    """The reminders of `kind` due at `now`. With `latest_only`, a later step of the same series for
    the same person supersedes the earlier ones (after a stop of the scan, only the last is sent).
    `person`: only this person's target, for a kind with one target per person."""
    dues = []
    shared = {}  # recipients that are the same for every target (the engineers): read once
    targets = kind.selector(now, only=only) if person is None else kind.selector(now, only=only, person=person)
    for target in targets:
        series = defaultdict(list)
        for step in kind.steps:
            if step.only_if is not None and not step.only_if(target.obj):
                continue
            due_at = step.when(target.end if step.from_end else target.anchor)
            if due_at > now or (target.since is not None and due_at < target.since):
                continue
            for recipient in _recipients(step, target, shared):
                if recipient.is_active:
                    series[recipient.pk].append(Due(kind, step, target, recipient, due_at))
        for reminders in series.values():
            dues.extend([max(reminders, key=lambda due: due.due_at)] if latest_only else reminders)
    return dues


def _recipients(step, target, shared):
    if not getattr(step.to, "same_for_every_target", False):
        return step.to(target)
    if step.to not in shared:
        shared[step.to] = step.to(target)
    return shared[step.to]


def confirmed(dues):
    """The dues whose object their kind's `confirm` still accepts: one call per kind for the whole
    list (dues of a kind without `confirm` are kept)."""
    kinds, objects = {}, defaultdict(dict)  # per kind code: the kind, {object id: object}
    for due in dues:
        if due.kind.confirm is not None:
            kinds[due.kind.code] = due.kind
            objects[due.kind.code][due.target.obj.pk] = due.target.obj
    accepted = {code: kinds[code].confirm(list(batch.values())) for code, batch in objects.items()}
    return [due for due in dues if due.kind.confirm is None or due.target.obj.pk in accepted[due.kind.code]]


def _claimed_keys(kind, dues):
    object_ids = {due.target.obj.pk for due in dues}
    if not object_ids:
        return set()
    return set(
        ReminderClaim.objects.filter(kind=kind.code, object_id__in=object_ids).values_list(
            "content_type_id", "object_id", "recipient_id", "occurrence"
        )
    )


def _key(due):
    return (due.content_type.pk, due.target.obj.pk, due.recipient.pk, due.occurrence)


def reminders_scan(*, now=None, dry_run=False):
    """Send what is due at `now`; returns a ScanReport. A dry run writes and sends nothing."""
    now = now or timezone.now()
    started = timezone.now()
    report = ScanReport(now=now)
    if not dry_run and timing.is_open(now):
        _release_waiting(now, report)
    for kind in CATALOGUE:
        dues = due_reminders(kind, now)
        for start in range(0, len(dues), BATCH_SIZE):
            for due in _not_claimed_yet(kind, dues[start : start + BATCH_SIZE]):
                report.add(kind.code, "due")
                if dry_run:
                    report.items.append((kind.code, due.recipient.email, due.occurrence, due.due_at))
                    continue
                report.add(kind.code, _claim(due, now))
    if not dry_run:
        ReminderScan.objects.create(started_at=started, finished_at=timezone.now(), counts=report.as_dict())
    return report


def _not_claimed_yet(kind, batch):
    """The reminders of a batch that no claim holds yet and that the kind still confirms."""
    claimed = _claimed_keys(kind, batch)
    return confirmed([due for due in batch if _key(due) not in claimed])


def _claim(due, now):
    """Claim one reminder under its unique key; send it now or let it wait for working hours."""
    waits = due.step.email and not timing.is_open(now)
    with transaction.atomic():
        claim, created = ReminderClaim.objects.get_or_create(
            kind=due.kind.code,
            content_type=due.content_type,
            object_id=due.target.obj.pk,
            recipient=due.recipient,
            occurrence=due.occurrence,
            defaults={"due_at": due.due_at, "created_at": now, "not_before": timing.next_open(now) if waits else None},
        )
        if not created:  # another scan got there first
            return "already"
        if waits:
            return "waiting"
        return _deliver(claim, due.kind, now)


def _release_waiting(now, report):
    """Send the claims that waited for working hours, each in its own transaction; a claim another
    scan is sending is locked and skipped here."""
    waiting = ReminderClaim.objects.filter(status=ClaimStatus.QUEUED, not_before__lte=now).order_by("not_before", "pk")
    for pk in waiting.values_list("pk", flat=True):
        with transaction.atomic():
            claim = (
                ReminderClaim.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, status=ClaimStatus.QUEUED)
                .select_related("recipient")
                .first()
            )
            if claim is None:
                continue
            kind = BY_CODE.get(claim.kind)
            if kind is None:
                _skip(claim, "type de rappel retiré du catalogue")
                outcome = "skipped"
            else:
                outcome = _deliver(claim, kind, now)
            report.add(claim.kind, f"released-{outcome}")


def _still_due(claim, kind, now):
    """The Due of this claim if its situation still calls for it now, else None (stop condition)."""
    if ContentType.objects.get_for_id(claim.content_type_id).model_class() is None:
        return None
    step_code = claim.occurrence.split("@", 1)[0]
    person = claim.recipient if kind.per_person else None
    for due in due_reminders(kind, now, only=[claim.object_id], person=person, latest_only=False):
        if due.step.code == step_code and due.recipient.pk == claim.recipient_id and due.occurrence == claim.occurrence:
            return due if confirmed([due]) else None
    return None


def _skip(claim, reason):
    claim.status = ClaimStatus.SKIPPED
    claim.error = reason
    claim.save(update_fields=["status", "error"])
    return "skipped"


def _deliver(claim, kind, now):
    """Inside the claim's transaction: check again, then queue the email (leaves on commit) and
    create the in-app notification."""
    recipient = claim.recipient
    if not recipient.is_active:
        return _skip(claim, "compte désactivé")
    if not kind.essential and kind.code in disabled_kinds(recipient):
        return _skip(claim, "désactivé par la personne")
    due = _still_due(claim, kind, now)
    if due is None:
        return _skip(claim, "la situation a changé (condition d'arrêt)")
    message = render(due, now)
    emailed = due.step.email
    if emailed:
        queue_email(
            to=recipient.email,
            subject=message["subject"],
            text_body=message["text"],
            html_body=message["html"],
            calendar=message["calendar"],
            claim_id=claim.pk,
            kind=step_template(due),
            key=f"reminder:{claim.pk}",
            headers=unsubscribe_headers(message["unsubscribe_url"]) if message["unsubscribe_url"] else None,
        )
    Notification.objects.create(
        user=recipient,
        kind=kind.code,
        title=message["title"],
        body=message["body"],
        url=message["url"],
        claim=claim,
        created_at=now,
    )
    # With an e-mail, the claim is SENT once the SMTP server accepted it (claim_email_sent).
    claim.status = ClaimStatus.SENDING if emailed else ClaimStatus.SENT
    claim.sent_at = now
    claim.save(update_fields=["status", "sent_at"])
    return "sent"


def step_template(due):
    return due.step.template or due.kind.template


def render(due, now):
    """The email and the notification of one reminder, in French."""
    kind, step = due.kind, due.step
    # Optional kinds carry their one-click unsubscribe link, in the footer and in the headers.
    unsubscribe = "" if kind.essential else unsubscribe_url(due.recipient, kind.code)
    context = {
        **kind.context(due.target, due.recipient, now),
        "person": due.recipient,
        "now": now,
        "reminder_kind": kind.code,
        "reminder_label": kind.label,
        "reminder_essential": kind.essential,
        "unsubscribe_url": unsubscribe,
    }
    subject, text, html = render_email(step_template(due), context)
    url = (step.url or kind.url)(due.target.obj, due.recipient)
    return {
        "subject": subject,
        "text": text,
        "html": html,
        "title": subject.removeprefix(settings.ACCOUNT_EMAIL_SUBJECT_PREFIX)[:200],
        "body": summary(text),
        "url": url,
        "calendar": kind.calendar(due.target.obj) if (kind.calendar and step.email) else None,
        "unsubscribe_url": unsubscribe,
    }


def summary(text):
    """The notification's body: the email text's first paragraph after the greeting."""
    paragraphs = [part.strip() for part in text.split("\n\n") if part.strip()]
    body = paragraphs[1] if len(paragraphs) > 1 else (paragraphs[0] if paragraphs else "")
    return " ".join(body.split())[:BODY_MAX]
