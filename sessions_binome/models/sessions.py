"""Sessions (séances) of a pair. Agenda, shared notes and private notes are confidential: they never
reach HR referents nor the programme engineer."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from mentorat.core.crypto import EncryptedTextField

from ..enums import NoteKind, SessionStatus


class MentoringSession(models.Model):
    pair = models.ForeignKey(
        "sessions_binome.Pair", verbose_name=_("binôme"), on_delete=models.CASCADE, related_name="sessions"
    )
    starts_at = models.DateTimeField(_("date et heure"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("durée prévue (minutes)"), default=60, validators=[MinValueValidator(15), MaxValueValidator(240)]
    )
    video_link = models.URLField(_("lien de visioconférence"), max_length=500, blank=True)
    agenda = EncryptedTextField(_("ordre du jour"), blank=True, max_length=4000)
    status = models.CharField(_("statut"), max_length=10, choices=SessionStatus.choices, default=SessionStatus.PLANNED)
    actual_duration_minutes = models.PositiveSmallIntegerField(
        _("durée réelle (minutes)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(480)]
    )
    themes = models.ManyToManyField("core.Theme", verbose_name=_("thèmes abordés"), blank=True, related_name="+")
    shared_notes = EncryptedTextField(_("notes partagées"), blank=True, max_length=10000)
    # Either member writes the shared notes of a held session (the mentor with the log): who last did.
    shared_notes_updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    shared_notes_updated_at = models.DateTimeField(null=True, blank=True)
    # Calendar invitation: a stable UID and a sequence raised at each change (RFC 5545).
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0)
    scheduled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    logged_at = models.DateTimeField(null=True, blank=True)
    # Noted after the fact: held without being planned here first (no invitation was ever sent).
    noted_after = models.BooleanField(_("notée après coup"), default=False)
    agenda_updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    agenda_updated_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The optional word to the partner sent with the cancellation: confidential like the notes.
    cancel_message = EncryptedTextField(_("message d'annulation"), blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("séance")
        verbose_name_plural = _("séances")
        indexes = [models.Index(fields=["pair", "status", "starts_at"]), models.Index(fields=["status", "starts_at"])]

    def __str__(self):
        return f"{self.pair} · {self.starts_at:%Y-%m-%d %H:%M}"


class SessionNote(models.Model):
    session = models.ForeignKey(MentoringSession, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=NoteKind.choices)
    text = EncryptedTextField(blank=True, max_length=10000)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("note personnelle")
        verbose_name_plural = _("notes personnelles")
        constraints = [models.UniqueConstraint(fields=["session", "author", "kind"], name="session_note_unique")]


class SessionChange(models.Model):
    """A session moved to another date: the pair's page shows the history of its dates."""

    session = models.ForeignKey(MentoringSession, on_delete=models.CASCADE, related_name="changes")
    old_starts_at = models.DateTimeField(_("ancienne date"))
    new_starts_at = models.DateTimeField(_("nouvelle date"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(_("modifiée le"))

    class Meta:
        ordering = ["changed_at", "pk"]
        verbose_name = _("déplacement de séance")
        verbose_name_plural = _("déplacements de séance")

    def __str__(self):
        return f"{self.session_id}: {self.old_starts_at:%Y-%m-%d %H:%M} -> {self.new_starts_at:%Y-%m-%d %H:%M}"
