"""Writes of a pair's thread: post a message, read the thread, tell the other member by e-mail.

The e-mail is a digest and carries no content ("vous avez N nouveau(x) message(s) de <prénom>" and
the link to read them): a message is told once it is DIGEST_DELAY old and still unread, so that a
burst of messages is one e-mail and a message read at once is never told; after a digest, the next
one to the same person for the same pair waits DIGEST_EVERY. The digests are sent by a task kicked
after each message and by a periodic sweep (CELERY_BEAT_SCHEDULE), so that a kick lost while the
broker is down only delays the e-mail. Each digest's outbox key names the last message it tells:
a retried task or two workers at once write it once.
"""

import datetime
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mentorat.notifications.services import event_notify, notifications_read

from ..models import Pair, PairMessage
from ..perms import is_member
from .selectors import thread_url, unread_for

logger = logging.getLogger(__name__)

DIGEST_DELAY = datetime.timedelta(minutes=5)
DIGEST_EVERY = datetime.timedelta(hours=1)
NOTIFICATION_KIND = "pair_messages"
EMAIL_TEMPLATE = "pair_messages_digest"


@transaction.atomic
def message_post(*, pair, author, body, now=None):
    """A member writes to the other one. An ended pair's thread is read-only."""
    now = now or timezone.now()
    if not is_member(author, pair):
        raise ValidationError(_("Seuls les deux membres du binôme peuvent écrire ici."))
    pair = Pair.objects.select_for_update(of=("self",)).get(pk=pair.pk)
    if not pair.is_open:
        raise ValidationError(_("Ce binôme est terminé : ses messages se lisent encore, mais on ne peut plus écrire."))
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Écrivez votre message avant de l'envoyer.")})
    message = PairMessage.objects.create(pair=pair, author=author, body=body, created_at=now)
    transaction.on_commit(lambda: kick(pair.pk))
    return message


def messages_mark_read(*, pair, reader, now=None):
    """The reader opened the thread: the other member's messages are read, and so are the in-app
    notifications that pointed to them. Returns the ids of the messages just read."""
    now = now or timezone.now()
    unread = list(unread_for(pair, reader).values_list("pk", flat=True))
    if unread:
        PairMessage.objects.filter(pk__in=unread, read_at__isnull=True).update(read_at=now)
        notifications_read(user=reader, kind=NOTIFICATION_KIND, url=thread_url(pair), now=now)
    return set(unread)


def kick(pair_id):
    """Ask a worker for this pair's digest once it may be due. The broker may be down: the periodic
    sweep sends it then; the person's message is saved whatever happens here."""
    from .tasks import send_message_digests

    try:
        send_message_digests.apply_async(kwargs={"pair_id": pair_id}, countdown=int(DIGEST_DELAY.total_seconds()) + 5)
    except Exception:  # kombu's OperationalError, redis' ConnectionError, a socket error...
        logger.warning("messages: the digest of pair %s waits for the sweep (broker unreachable)", pair_id)


def digests_send(*, now=None, pair_id=None):
    """Send the digests that are due (all pairs, or one). Returns how many were queued."""
    now = now or timezone.now()
    waiting = PairMessage.objects.filter(
        read_at__isnull=True, notified_at__isnull=True, created_at__lte=now - DIGEST_DELAY
    )
    if pair_id is not None:
        waiting = waiting.filter(pair_id=pair_id)
    groups = sorted(set(waiting.values_list("pair_id", "author_id")))
    return sum(_digest_send(pair_id=p, author_id=a, now=now) for p, a in groups)


@transaction.atomic
def _digest_send(*, pair_id, author_id, now):
    """One digest: the unread messages of `author_id` in the pair, told to the other member."""
    pair = Pair.objects.select_related("mentee", "mentor").get(pk=pair_id)
    if author_id not in (pair.mentee_id, pair.mentor_id):
        return 0
    author, recipient = (pair.mentee, pair.mentor) if author_id == pair.mentee_id else (pair.mentor, pair.mentee)
    mine = PairMessage.objects.filter(pair=pair, author_id=author_id)
    last = mine.filter(notified_at__isnull=False).aggregate(last=Max("notified_at"))["last"]
    if last is not None and now - last < DIGEST_EVERY:
        return 0
    # Locked: a second worker waits here, then finds them told (PostgreSQL reads the rows again).
    told = list(
        mine.select_for_update()
        .filter(read_at__isnull=True, notified_at__isnull=True, created_at__lte=now - DIGEST_DELAY)
        .values_list("pk", flat=True)
    )
    if not told:
        return 0
    PairMessage.objects.filter(pk__in=told).update(notified_at=now)
    if not recipient.is_active:
        return 0
    count = len(told)
    url = thread_url(pair)
    event_notify(
        recipient,
        kind=NOTIFICATION_KIND,
        title=ngettext("%(count)s nouveau message de %(name)s", "%(count)s nouveaux messages de %(name)s", count)
        % {"count": count, "name": author.first_name},
        body=_("Ouvrez la conversation de votre binôme pour lire ses messages."),
        url=url,
        email=(
            EMAIL_TEMPLATE,
            {"person": recipient, "author": author, "count": count, "url": url},
            f"pair-messages:{pair.pk}:{recipient.pk}:{max(told)}",
        ),
        now=now,
    )
    return 1
