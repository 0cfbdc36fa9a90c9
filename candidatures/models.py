"""Applications (candidatures) of employees to be mentor or mentee in a programme."""

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import ApplicationRole, ApplicationStatus, ImportJobStatus

TEXT_MAX_LENGTH = 2000


class Application(models.Model):
    programme = models.ForeignKey(
        "core.Programme", verbose_name=_("programme"), on_delete=models.PROTECT, related_name="applications"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("personne"), on_delete=models.CASCADE, related_name="applications"
    )
    role = models.CharField(_("rôle"), max_length=10, choices=ApplicationRole.choices)
    track = models.ForeignKey(
        "core.Track", verbose_name=_("parcours"), on_delete=models.PROTECT, related_name="applications"
    )
    status = models.CharField(
        _("statut"), max_length=12, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT
    )

    organisation = models.ForeignKey(
        "core.Organisation", verbose_name=_("organisme"), on_delete=models.PROTECT, related_name="applications"
    )
    job_title = models.CharField(_("emploi occupé"), max_length=200, blank=True)
    is_manager = models.BooleanField(_("j'exerce des fonctions managériales"), default=False)
    manager_since = models.DateField(_("manager depuis"), null=True, blank=True)
    years_experience = models.PositiveSmallIntegerField(
        _("années d'expérience professionnelle"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(50)],
    )
    themes = models.ManyToManyField("core.Theme", verbose_name=_("thèmes"), related_name="applications", blank=True)
    objectives = models.TextField(
        _("objectifs ou apports"),
        blank=True,
        validators=[MaxLengthValidator(TEXT_MAX_LENGTH)],
        help_text=_("Mentoré : vos objectifs. Mentor : ce que vous pouvez apporter."),
    )
    presentation = models.TextField(
        _("présentation"),
        blank=True,
        validators=[MaxLengthValidator(TEXT_MAX_LENGTH)],
        help_text=_("Mentor : quelques lignes montrées aux mentorés qui vous sont proposés."),
    )
    availability = models.JSONField(_("disponibilités"), default=list, blank=True)
    capacity = models.PositiveSmallIntegerField(
        _("nombre de mentorés accompagnés"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(2)],
    )
    line_manager_email = models.EmailField(_("adresse électronique du responsable hiérarchique"), blank=True)
    prefers_other_branch = models.BooleanField(_("je souhaite un mentor d'une autre branche"), default=False)

    ack_duration = models.BooleanField(_("je m'engage pour 7 mois"), default=False)
    ack_rhythm = models.BooleanField(_("environ une heure par mois, 6 à 8 séances"), default=False)
    ack_working_time = models.BooleanField(_("sur mon temps de travail"), default=False)
    ack_volunteering = models.BooleanField(_("sur la base du volontariat, sans rémunération"), default=False)
    ack_confidentiality = models.BooleanField(_("dans le respect de la confidentialité des échanges"), default=False)
    ack_change_mentor = models.BooleanField(_("le mentoré reste libre de changer de mentor"), default=False)
    data_consent_at = models.DateTimeField(_("consentement au traitement des données"), null=True, blank=True)

    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)
    submitted_at = models.DateTimeField(_("déposée le"), null=True, blank=True)
    decided_at = models.DateTimeField(_("décision le"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("décision par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decision_reason = models.TextField(
        _("motif de la décision"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)]
    )
    withdrawn_at = models.DateTimeField(_("retirée le"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("candidature")
        verbose_name_plural = _("candidatures")
        constraints = [
            # At most one mentee and one mentor application per person and programme...
            models.UniqueConstraint(fields=["programme", "user", "role"], name="application_one_per_role"),
            # ...and never both roles in the same track.
            models.UniqueConstraint(fields=["programme", "user", "track"], name="application_one_per_track"),
            models.CheckConstraint(
                condition=models.Q(capacity__isnull=True) | models.Q(capacity__gte=1, capacity__lte=2),
                name="application_capacity_1_or_2",
            ),
        ]
        indexes = [
            models.Index(fields=["programme", "status", "role"]),
            models.Index(fields=["organisation", "status"]),
            # "Pairs with a member from these organisations" (HR follow-up, indicators): the ids of
            # the organisations' applications read from the index alone (benchmarks/README.md).
            models.Index(fields=["organisation", "id"], name="application_org_id_idx"),
        ]

    def __str__(self):
        return f"{self.user} · {self.get_role_display()} · {self.track.code}"


class RelayLink(models.Model):
    """The personal application link an HR referent hands out for one organisation.

    The URL carries a signed token built from `key`; revoking sets `revoked_at`, regenerating
    revokes the link and creates a new one, so old URLs stop working at once.
    """

    programme = models.ForeignKey(
        "core.Programme", verbose_name=_("programme"), on_delete=models.CASCADE, related_name="relay_links"
    )
    organisation = models.ForeignKey(
        "core.Organisation", verbose_name=_("organisme"), on_delete=models.CASCADE, related_name="relay_links"
    )
    key = models.CharField(_("clé"), max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("créé par"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("révoqué le"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("lien de candidature")
        verbose_name_plural = _("liens de candidature")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "organisation"],
                condition=models.Q(revoked_at__isnull=True),
                name="relay_link_one_active_per_organisation",
            )
        ]

    def __str__(self):
        return f"{self.organisation.code} · {self.key[:8]}"


class Invitation(models.Model):
    """An address an HR referent invited to apply; re-inviting is throttled (7 days)."""

    programme = models.ForeignKey(
        "core.Programme", verbose_name=_("programme"), on_delete=models.CASCADE, related_name="invitations"
    )
    organisation = models.ForeignKey(
        "core.Organisation", verbose_name=_("organisme"), on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("adresse électronique"))
    # The mailbox the address reaches (`local+tag@domain` is `local@domain`): the 7-day rule counts it
    # (candidatures.relay.mailbox_of).
    mailbox = models.EmailField(_("boîte aux lettres"), db_index=True, default="")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("invité par"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    first_sent_at = models.DateTimeField(_("première invitation le"))
    last_sent_at = models.DateTimeField(_("dernière invitation le"))
    send_count = models.PositiveSmallIntegerField(_("nombre d'envois"), default=1)

    class Meta:
        ordering = ["-last_sent_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(fields=["programme", "organisation", "email"], name="invitation_unique_address")
        ]

    def __str__(self):
        return self.email


class ImportJob(models.Model):
    """An applications file imported by a background task (a 5 MB file takes minutes), with its
    progress and its result: the same all-or-nothing rule and line-numbered errors as before.
    The file's bytes are kept in the row, so that any worker can read it; deleted with the job."""

    programme = models.ForeignKey("core.Programme", on_delete=models.CASCADE, related_name="import_jobs")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    filename = models.CharField(_("fichier"), max_length=255)
    content = models.BinaryField()
    dry_run = models.BooleanField(_("simulation"), default=True)
    validate = models.BooleanField(default=False)
    send_activation = models.BooleanField(default=False)
    status = models.CharField(
        _("statut"), max_length=10, choices=ImportJobStatus.choices, default=ImportJobStatus.QUEUED
    )
    result = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import de candidatures")
        verbose_name_plural = _("imports de candidatures")

    def __str__(self):
        return f"{self.filename} · {self.status}"

    @property
    def finished(self):
        return self.status in (ImportJobStatus.DONE, ImportJobStatus.FAILED)


class InvitationOptOut(models.Model):
    """An address that asked, from an invitation to apply, not to be invited again: invitations to
    any programme skip it. The organisation and the referent whose invitation it answered let that
    referent see it on their tracking page."""

    email = models.EmailField(_("adresse électronique"), unique=True)  # lowercase, as invitations store it
    # Its mailbox (candidatures.relay.mailbox_of): `local+tag@domain` opted out for `local@domain` too.
    mailbox = models.EmailField(_("boîte aux lettres"), db_index=True, default="")
    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisme"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="invitation_opt_outs",
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("invité par"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("demandé le"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("adresse à ne plus inviter")
        verbose_name_plural = _("adresses à ne plus inviter")

    def __str__(self):
        return self.email
