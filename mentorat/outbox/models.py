import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import EmailState


def new_key():
    return f"unique:{uuid.uuid4()}"


class OutboxEmail(models.Model):
    """One e-mail to send, written in the transaction of the action that causes it (a transactional
    outbox): a rolled-back action leaves no row, a committed one always has its row, whatever
    happens to Redis, the workers or SMTP afterwards. `key` is the idempotency key: the same key
    written twice is one e-mail (an invitation redelivered by the broker, a reminder claimed again).

    The rendered message is kept as it was at the time of the action (subject, bodies, headers,
    calendar part, attachments): the outbox page shows only the kind, the recipients and the state,
    never a body."""

    key = models.CharField(_("clé d'unicité"), max_length=200, unique=True, default=new_key)
    kind = models.CharField(_("type"), max_length=60, db_index=True)
    to = models.JSONField(_("destinataires"))
    from_email = models.CharField(_("expéditeur"), max_length=300, blank=True)
    reply_to = models.JSONField(_("répondre à"), default=list, blank=True)
    subject = models.CharField(_("objet"), max_length=500)
    text_body = models.TextField(_("texte"))
    html_body = models.TextField(_("HTML"), blank=True)
    headers = models.JSONField(_("en-têtes"), default=dict, blank=True)
    # [method, ics text]: a calendar part inside multipart/alternative (session invitations).
    calendar = models.JSONField(_("invitation de calendrier"), null=True, blank=True)
    # [[filename, text content, mimetype], ...]
    attachments = models.JSONField(_("pièces jointes"), default=list, blank=True)
    # The reminder this e-mail delivers (notifications.ReminderClaim), told when it is sent or failed.
    claim_id = models.PositiveBigIntegerField(null=True, blank=True)

    state = models.CharField(_("état"), max_length=10, choices=EmailState.choices, default=EmailState.PENDING)
    attempts = models.PositiveSmallIntegerField(_("tentatives"), default=0)
    next_attempt_at = models.DateTimeField(_("prochaine tentative"), default=timezone.now)
    # While SENDING: the moment after which a worker that died with the e-mail in hand is presumed dead.
    lease_until = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(_("dernière erreur"), blank=True)
    # The same failure in a short French sentence, for the engineer's page.
    reason = models.CharField(_("motif"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("créé le"), default=timezone.now)
    sent_at = models.DateTimeField(_("envoyé le"), null=True, blank=True)
    failed_at = models.DateTimeField(_("échec le"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails")
        indexes = [
            models.Index(fields=["state", "next_attempt_at"]),
            models.Index(fields=["state", "lease_until"]),
            models.Index(fields=["kind", "state"]),
        ]

    def __str__(self):
        return f"{self.kind} · {self.state} · {self.pk}"
