"""Reference data and the programme: branches, organisations, themes, editions and their tracks."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import EditionPhase, ProgrammeStatus, TrackCode


class Branch(models.Model):
    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("nom"), max_length=100)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("branche")
        verbose_name_plural = _("branches")

    def __str__(self):
        return self.name


class Organisation(models.Model):
    code = models.CharField(
        _("code"),
        max_length=30,
        unique=True,
        help_text=_("Identifiant stable, par exemple CPAM-33, CAF-59, URSSAF-IDF."),
    )
    name = models.CharField(_("nom"), max_length=200)
    branch = models.ForeignKey(
        Branch, verbose_name=_("branche"), on_delete=models.PROTECT, related_name="organisations"
    )
    region = models.CharField(_("région"), max_length=100)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisme")
        verbose_name_plural = _("organismes")

    def __str__(self):
        return self.name


class Theme(models.Model):
    """One entry of the theme taxonomy; imports and matching refer to the code."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    label = models.CharField(_("libellé"), max_length=150)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        ordering = ["position", "label"]
        verbose_name = _("thème")
        verbose_name_plural = _("thèmes")

    def __str__(self):
        return self.label


class Programme(models.Model):
    """One edition of the mentoring programme, with its calendar and settings."""

    slug = models.SlugField(_("identifiant"), max_length=50, unique=True)
    name = models.CharField(_("nom"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    # Every edition that existed before states were introduced was live (migration 0004).
    status = models.CharField(_("état"), max_length=12, choices=ProgrammeStatus.choices, default=ProgrammeStatus.LIVE)
    call_opens_at = models.DateTimeField(_("ouverture de l'appel à candidatures"))
    call_closes_at = models.DateTimeField(_("clôture de l'appel à candidatures"))
    starts_on = models.DateField(_("début du programme"))
    ends_on = models.DateField(_("fin du programme"))
    evaluation_ends_on = models.DateField(_("fin de l'évaluation"), null=True, blank=True)
    proposals_per_mentee = models.PositiveSmallIntegerField(
        _("nombre de propositions par mentoré"),
        default=4,
        validators=[MinValueValidator(3), MaxValueValidator(5)],
    )
    mentor_confirmation_required = models.BooleanField(_("le mentor confirme le choix du mentoré"), default=True)
    mentor_confirmation_days = models.PositiveSmallIntegerField(
        _("délai de confirmation du mentor (jours)"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
    )
    # Eligibility hints shown to whoever decides on an application (never enforced automatically).
    p1_mentee_max_manager_months = models.PositiveSmallIntegerField(
        _("P1 mentoré : premier poste de manager depuis moins de (mois)"),
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )
    p1_mentor_min_manager_years = models.PositiveSmallIntegerField(
        _("P1 mentor : manager depuis au moins (années)"),
        default=5,
        validators=[MinValueValidator(0), MaxValueValidator(40)],
    )
    p2_mentor_min_experience_years = models.PositiveSmallIntegerField(
        _("P2 mentor : expérience professionnelle d'au moins (années)"),
        default=8,
        validators=[MinValueValidator(0), MaxValueValidator(50)],
    )

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(call_closes_at__gt=models.F("call_opens_at")),
                name="programme_call_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__gt=models.F("starts_on")),
                name="programme_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(proposals_per_mentee__gte=3, proposals_per_mentee__lte=5),
                name="programme_proposals_between_3_and_5",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if self.call_opens_at and self.call_closes_at and self.call_closes_at <= self.call_opens_at:
            errors["call_closes_at"] = _("La clôture de l'appel doit suivre son ouverture.")
        if self.starts_on and self.ends_on and self.ends_on <= self.starts_on:
            errors["ends_on"] = _("La fin du programme doit suivre son début.")
        if errors:
            raise ValidationError(errors)

    def is_call_open(self, at=None):
        """An edition still in preparation is unpublished: its call is not open, whatever its dates."""
        if self.status == ProgrammeStatus.PREPARATION:
            return False
        at = at or timezone.now()
        return self.call_opens_at <= at < self.call_closes_at

    @property
    def is_in_preparation(self):
        return self.status == ProgrammeStatus.PREPARATION

    def phase(self, at=None):
        """The edition's phase (EditionPhase) at `at` (now by default): set by the engineer for an
        edition in preparation or archived, read from the dates otherwise."""
        if self.status == ProgrammeStatus.PREPARATION:
            return EditionPhase.PREPARATION
        if self.status == ProgrammeStatus.ARCHIVED:
            return EditionPhase.ARCHIVED
        at = at or timezone.now()
        if at < self.call_opens_at:
            return EditionPhase.UPCOMING
        if at < self.call_closes_at:
            return EditionPhase.CALL_OPEN
        today = timezone.localdate(at)
        if today < self.starts_on:
            return EditionPhase.MATCHING
        if today <= self.ends_on:
            return EditionPhase.RUNNING
        if today <= (self.evaluation_ends_on or self.ends_on):
            return EditionPhase.EVALUATION
        return EditionPhase.CLOSED

    @property
    def phase_label(self):
        return EditionPhase(self.phase()).label


class Track(models.Model):
    """A track (parcours) of a programme: P1 primo-managers, P2 transmission of experience."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="tracks"
    )
    code = models.CharField(_("code"), max_length=2, choices=TrackCode.choices)
    name = models.CharField(_("nom"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    mentee_profile = models.TextField(_("profil du mentoré"), blank=True)
    mentor_profile = models.TextField(_("profil du mentor"), blank=True)
    requires_other_organisation = models.BooleanField(_("mentor d'un autre organisme obligatoire"), default=False)

    class Meta:
        ordering = ["programme", "code"]
        verbose_name = _("parcours")
        verbose_name_plural = _("parcours")
        constraints = [models.UniqueConstraint(fields=["programme", "code"], name="track_unique_code_per_programme")]

    def __str__(self):
        return f"{self.code} · {self.name}"


class FormSubmission(models.Model):
    """One sending of a form that creates something (a session, invitations, a choice, a signature,
    an answer), keyed by the token the form carried: a double click or a retry after a timeout sends
    the same token again and lands on the first sending's result instead of doing it twice
    (mentorat/core/idempotency.py). Kept for a day."""

    token = models.UUIDField(unique=True)
    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+")
    path = models.CharField(max_length=300)
    # Where the first sending led (its redirect); empty while it runs.
    location = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self):
        return f"{self.path} · {self.token}"
