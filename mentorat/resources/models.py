"""The resource library (pages written in Markdown, PDF files) and the training of mentors."""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import AUDIENCE_PHRASES, AgendaStage, Audience, ResourceKind


def resource_file_path(instance, filename):
    # The stored name never comes from the uploader: no path tricks, no clash, nothing guessable.
    # The original name is kept in `file_name` for the download.
    return f"resources/{uuid.uuid4().hex}.pdf"


class Resource(models.Model):
    """One entry of the library: a page written in Markdown or a PDF file, for an audience."""

    title = models.CharField(_("titre"), max_length=200)
    slug = models.SlugField(_("identifiant dans l'adresse"), max_length=200, unique=True)
    summary = models.CharField(_("résumé"), max_length=300, blank=True)
    kind = models.CharField(_("type"), max_length=10, choices=ResourceKind.choices, default=ResourceKind.PAGE)
    body = models.TextField(_("texte (Markdown)"), blank=True)
    file = models.FileField(_("fichier PDF"), upload_to=resource_file_path, blank=True, max_length=255)
    file_name = models.CharField(_("nom du fichier"), max_length=255, blank=True)
    file_size = models.PositiveIntegerField(_("taille du fichier (octets)"), null=True, blank=True)
    audience = models.CharField(_("public"), max_length=10, choices=Audience.choices, default=Audience.EVERYONE)
    published = models.BooleanField(_("publiée"), default=True)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    programme = models.ForeignKey(
        "core.Programme",
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="resources",
        help_text=_("Vide : la ressource vaut pour toutes les éditions."),
    )
    # A page with a stage is also an agenda template: the session forms offer its text as the agenda.
    agenda_stage = models.CharField(
        _("modèle d'ordre du jour pour"),
        max_length=20,
        choices=AgendaStage.choices,
        blank=True,
        help_text=_(
            "Pour une page : les binômes pourront partir de son texte comme ordre du jour de cette séance. "
            "Un seul modèle par étape et par édition."
        ),
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        ordering = ["position", "title"]
        verbose_name = _("ressource")
        verbose_name_plural = _("ressources")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(kind=ResourceKind.PAGE) & ~models.Q(body=""))
                | (models.Q(kind=ResourceKind.FILE) & ~models.Q(file="")),
                name="resource_page_has_text_file_has_file",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_file(self):
        return self.kind == ResourceKind.FILE

    @property
    def audience_phrase(self):
        return AUDIENCE_PHRASES.get(self.audience, "")


class TrainingSession(models.Model):
    """A training session for the mentors of a programme."""

    programme = models.ForeignKey(
        "core.Programme", verbose_name=_("programme"), on_delete=models.CASCADE, related_name="training_sessions"
    )
    title = models.CharField(_("intitulé"), max_length=200)
    starts_at = models.DateTimeField(_("début"))
    duration_minutes = models.PositiveSmallIntegerField(_("durée (minutes)"), default=120)
    location_or_link = models.CharField(
        _("lieu ou lien de visioconférence"),
        max_length=500,
        help_text=_("Adresse du lieu, ou lien https:// de la visioconférence."),
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("session de formation")
        verbose_name_plural = _("sessions de formation")

    def __str__(self):
        return f"{self.title} ({timezone.localtime(self.starts_at):%d/%m/%Y %H:%M})"

    @property
    def link(self):
        """The video link when `location_or_link` is one, else an empty string."""
        value = self.location_or_link.strip()
        return value if value.startswith(("https://", "http://")) else ""

    @property
    def ends_at(self):
        return self.starts_at + datetime.timedelta(minutes=self.duration_minutes)


class TrainingAttendance(models.Model):
    """Whether a mentor attended a training session, as recorded by the programme engineer."""

    session = models.ForeignKey(
        TrainingSession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="attendances"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mentor"),
        on_delete=models.CASCADE,
        related_name="training_attendances",
    )
    attended = models.BooleanField(_("présent"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("enregistré par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("enregistré le"), default=timezone.now)

    class Meta:
        verbose_name = _("présence en formation")
        verbose_name_plural = _("présences en formation")
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="training_attendance_unique_per_session"),
        ]

    def __str__(self):
        return f"{self.user} · {self.session}"
