"""The charter (versioned text written by the programme engineer), the frame each pair agrees on
(objectives, rhythm, dates, video tool) and the members' signatures.

A published charter is never edited again: a change is a new version (a new row), so that what a
pair signed stays what they read. Writes go through `sessions_binome.services_frame`.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class FrameRhythm(models.TextChoices):
    MONTHLY = "monthly", _("Une séance par mois")
    EVERY_3_WEEKS = "3weeks", _("Une séance toutes les trois semaines")
    EVERY_2_WEEKS = "2weeks", _("Une séance toutes les deux semaines")
    OTHER = "other", _("Autre rythme")


class SignatureRole(models.TextChoices):
    MENTEE = "mentee", _("Personne mentorée")
    MENTOR = "mentor", _("Mentor")


class Charter(models.Model):
    programme = models.ForeignKey(
        "core.Programme", verbose_name=_("programme"), on_delete=models.PROTECT, related_name="charters"
    )
    version = models.PositiveSmallIntegerField(_("version"))
    title = models.CharField(_("titre"), max_length=200)
    body = models.TextField(_("texte (Markdown)"), max_length=60000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rédigée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("publiée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["programme", "-version"]
        verbose_name = _("charte")
        verbose_name_plural = _("chartes")
        constraints = [
            models.UniqueConstraint(fields=["programme", "version"], name="charter_unique_version_per_programme")
        ]

    def __str__(self):
        return f"{self.title} (v{self.version})"

    @property
    def is_published(self):
        return self.published_at is not None


class PairFrame(models.Model):
    """What the pair agrees on before signing. Both confirmations are cleared by any change."""

    pair = models.OneToOneField(
        "sessions_binome.Pair", verbose_name=_("binôme"), on_delete=models.CASCADE, related_name="frame"
    )
    rhythm = models.CharField(
        _("rythme des séances"), max_length=10, choices=FrameRhythm.choices, default=FrameRhythm.MONTHLY
    )
    rhythm_other = models.CharField(_("précisez le rythme"), max_length=200, blank=True)
    starts_on = models.DateField(_("date de début"))
    ends_on = models.DateField(_("date de fin"))
    video = models.CharField(_("outil ou lien de visioconférence"), max_length=500, blank=True)
    mentor_comment = models.TextField(_("commentaire du mentor"), max_length=2000, blank=True)
    mentee_confirmed_at = models.DateTimeField(_("confirmé par le ou la mentoré·e le"), null=True, blank=True)
    mentor_confirmed_at = models.DateTimeField(_("confirmé par le mentor le"), null=True, blank=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("cadre du binôme")
        verbose_name_plural = _("cadres des binômes")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gt=models.F("starts_on")), name="pair_frame_ends_after_start"
            )
        ]

    def __str__(self):
        return str(self.pair)

    @property
    def is_confirmed(self):
        return self.mentee_confirmed_at is not None and self.mentor_confirmed_at is not None

    @property
    def rhythm_label(self):
        if self.rhythm == FrameRhythm.OTHER and self.rhythm_other:
            return self.rhythm_other
        return self.get_rhythm_display()

    @property
    def video_is_link(self):
        return self.video.startswith("https://")


class PairObjective(models.Model):
    """One of the mentee's 1 to 3 objectives, self-assessed from 1 to 5 at the start, at mid-term and
    at the end (`sessions_binome.objectives`)."""

    pair = models.ForeignKey(
        "sessions_binome.Pair", verbose_name=_("binôme"), on_delete=models.CASCADE, related_name="objectives"
    )
    position = models.PositiveSmallIntegerField(_("ordre"), validators=[MinValueValidator(1), MaxValueValidator(3)])
    text = models.TextField(_("objectif"), max_length=1000)
    start_assessment = models.PositiveSmallIntegerField(
        _("auto-évaluation de départ"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    mid_assessment = models.PositiveSmallIntegerField(
        _("auto-évaluation à mi-parcours"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    mid_assessed_at = models.DateTimeField(_("auto-évaluation à mi-parcours le"), null=True, blank=True)
    final_assessment = models.PositiveSmallIntegerField(
        _("auto-évaluation finale"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        ordering = ["pair", "position"]
        verbose_name = _("objectif du binôme")
        verbose_name_plural = _("objectifs du binôme")
        constraints = [
            models.UniqueConstraint(fields=["pair", "position"], name="pair_objective_unique_position"),
            models.CheckConstraint(
                condition=models.Q(start_assessment__gte=1, start_assessment__lte=5), name="pair_objective_start_1_5"
            ),
            models.CheckConstraint(
                condition=models.Q(mid_assessment__isnull=True)
                | models.Q(mid_assessment__gte=1, mid_assessment__lte=5),
                name="pair_objective_mid_1_5",
            ),
            models.CheckConstraint(
                condition=models.Q(final_assessment__isnull=True)
                | models.Q(final_assessment__gte=1, final_assessment__lte=5),
                name="pair_objective_final_1_5",
            ),
        ]

    def __str__(self):
        return f"{self.position}. {self.text[:60]}"


class CharterSignature(models.Model):
    """One member's signature: what they signed (text and its SHA-256), when, and from where."""

    pair = models.ForeignKey(
        "sessions_binome.Pair", verbose_name=_("binôme"), on_delete=models.CASCADE, related_name="charter_signatures"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signataire"),
        on_delete=models.PROTECT,
        related_name="charter_signatures",
    )
    role = models.CharField(_("rôle"), max_length=10, choices=SignatureRole.choices)
    charter = models.ForeignKey(
        Charter, verbose_name=_("version de la charte"), on_delete=models.PROTECT, related_name="signatures"
    )
    signed_at = models.DateTimeField(_("signée le"))
    ip_address = models.GenericIPAddressField(_("adresse IP"), null=True, blank=True)
    user_agent = models.CharField(_("navigateur"), max_length=500, blank=True)
    content_sha256 = models.CharField(_("empreinte SHA-256"), max_length=64)
    # The exact text whose SHA-256 is above: the charter version, the pair's names and the frame.
    signed_content = models.TextField(_("texte signé"))

    class Meta:
        ordering = ["signed_at"]
        verbose_name = _("signature de la charte")
        verbose_name_plural = _("signatures de la charte")
        constraints = [
            models.UniqueConstraint(fields=["pair", "user"], name="charter_signature_once_per_member"),
            models.UniqueConstraint(fields=["pair", "role"], name="charter_signature_once_per_role"),
        ]

    def __str__(self):
        return f"{self.user} · {self.signed_at:%Y-%m-%d %H:%M}"
