"""Reminders claimed under a unique key, the in-app notifications people read, their preferences and
the trace of each scan.

`ReminderClaim` is what makes a reminder go out exactly once: the scan inserts the claim of
(kind, object, recipient, occurrence) in the transaction that queues the email, and the unique
constraint turns a second scan, a retried task or a second beat into a no-op.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import ClaimStatus


class ReminderClaim(models.Model):
    kind = models.CharField(_("type de rappel"), max_length=40)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("destinataire"),
        on_delete=models.CASCADE,
        related_name="reminder_claims",
    )
    # Which reminder of the series: "j3", "j-7", "hebdo@2026-W28", "veille@2026-10-20T10:00"...
    occurrence = models.CharField(_("échéance"), max_length=64)
    status = models.CharField(_("statut"), max_length=10, choices=ClaimStatus.choices, default=ClaimStatus.QUEUED)
    due_at = models.DateTimeField(_("dû le"))
    # Quiet hours: a claim made at night or on a weekend waits until then.
    not_before = models.DateTimeField(_("pas avant"), null=True, blank=True)
    # Not auto_now_add: the demo history writes past dates.
    created_at = models.DateTimeField(_("créé le"), default=timezone.now)
    sent_at = models.DateTimeField(_("envoyé le"), null=True, blank=True)
    failed_at = models.DateTimeField(_("échec le"), null=True, blank=True)
    error = models.TextField(_("erreur ou motif"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("rappel")
        verbose_name_plural = _("rappels")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "content_type", "object_id", "recipient", "occurrence"], name="reminder_claim_once"
            )
        ]
        indexes = [
            models.Index(fields=["status", "not_before"]),
            models.Index(fields=["kind", "sent_at"]),
        ]

    def __str__(self):
        return f"{self.kind} · {self.occurrence} · {self.recipient_id}"


class Notification(models.Model):
    """What a person sees in the platform's notification list (one per reminder sent)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("type"), max_length=40)
    title = models.CharField(_("titre"), max_length=200)
    body = models.TextField(_("texte"), max_length=1000, blank=True)
    url = models.CharField(_("lien"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("créée le"), default=timezone.now)
    read_at = models.DateTimeField(_("lue le"), null=True, blank=True)
    claim = models.OneToOneField(
        ReminderClaim, on_delete=models.SET_NULL, null=True, blank=True, related_name="notification"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self):
        return self.title


class NotificationPreference(models.Model):
    """The kinds a person turned off. Essential kinds cannot be turned off (see catalogue.py)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    disabled_kinds = models.JSONField(_("rappels désactivés"), default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("préférence de rappels")
        verbose_name_plural = _("préférences de rappels")


class ReminderScan(models.Model):
    """One pass of the scan: the engineer's page shows the last one, so a stopped beat is seen."""

    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()
    # {kind: {"due": n, "sent": n, "waiting": n, "skipped": n}} and "released" for waiting claims sent.
    counts = models.JSONField(default=dict)

    class Meta:
        ordering = ["-started_at"]
        get_latest_by = "started_at"
