"""Matching: runs of the engine, the proposals they make, the engineer's exclusions and the
mentee's requests to a mentor."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from mentorat.core.crypto import EncryptedTextField

from .enums import RequestStatus, RunKind, RunStatus


def _weight(label):
    return models.FloatField(label, default=1.0, validators=[MinValueValidator(0), MaxValueValidator(10)])


class MatchingSettings(models.Model):
    """Weights of the score's criteria and the exposure factor, per programme (the engineer edits them)."""

    programme = models.OneToOneField("core.Programme", on_delete=models.CASCADE, related_name="matching_settings")
    weight_themes = _weight(_("poids : thèmes en commun"))
    weight_objectives = _weight(_("poids : objectifs et expérience du mentor"))
    weight_branch = _weight(_("poids : diversité des branches"))
    weight_experience = _weight(_("poids : écart d'expérience"))
    weight_availability = _weight(_("poids : disponibilités communes"))
    weight_preferences = _weight(_("poids : préférences du mentoré"))
    exposure_factor = models.FloatField(
        _("facteur d'exposition des mentors"),
        default=1.5,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_(
            "Un mentor apparaît dans un nombre de listes proportionnel à ses places libres, multiplié par ce facteur."
        ),
    )
    questions_enabled = models.BooleanField(
        _("les mentorés peuvent poser une question à un mentor proposé avant de choisir"),
        default=False,
        help_text=_(
            "Une question courte par proposition, à laquelle le mentor répond une fois. L'échange est "
            "confidentiel : ni l'équipe du programme ni les référents RH ne le lisent."
        ),
    )

    class Meta:
        verbose_name = _("réglages de la mise en relation")

    def weights(self):
        return {
            "themes": self.weight_themes,
            "objectives": self.weight_objectives,
            "branch": self.weight_branch,
            "experience": self.weight_experience,
            "availability": self.weight_availability,
            "preferences": self.weight_preferences,
        }


class MatchingRun(models.Model):
    programme = models.ForeignKey("core.Programme", on_delete=models.CASCADE, related_name="matching_runs")
    track = models.ForeignKey("core.Track", on_delete=models.CASCADE, related_name="matching_runs")
    kind = models.CharField(max_length=12, choices=RunKind.choices, default=RunKind.TRACK)
    status = models.CharField(_("statut"), max_length=12, choices=RunStatus.choices, default=RunStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("avancement (%)"), default=0)
    progress_message = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    metrics = models.JSONField(default=dict, blank=True)
    # {mentee application id: French reason} when a mentee got fewer proposals than asked.
    shortfalls = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("mise en relation")
        verbose_name_plural = _("mises en relation")
        indexes = [models.Index(fields=["track", "status"])]

    def __str__(self):
        return f"{self.track} · {self.get_status_display()} · {self.created_at:%Y-%m-%d %H:%M}"


class Proposal(models.Model):
    run = models.ForeignKey(MatchingRun, on_delete=models.CASCADE, related_name="proposals")
    mentee = models.ForeignKey("candidatures.Application", on_delete=models.CASCADE, related_name="proposals_received")
    mentor = models.ForeignKey("candidatures.Application", on_delete=models.CASCADE, related_name="proposals_made")
    rank = models.PositiveSmallIntegerField(_("rang"))
    score = models.FloatField(_("score"))
    # {criterion: [value in 0..1, French sentence]}
    criteria = models.JSONField(default=dict)
    assigned = models.BooleanField(default=False, help_text="part of the capacity-respecting assignment")
    added_by_hand = models.BooleanField(default=False)

    class Meta:
        ordering = ["run", "mentee", "rank"]
        verbose_name = _("proposition")
        verbose_name_plural = _("propositions")
        constraints = [models.UniqueConstraint(fields=["run", "mentee", "mentor"], name="proposal_unique_per_run")]
        indexes = [models.Index(fields=["mentee", "run"])]


class Exclusion(models.Model):
    """A pair the engineer rules out (e.g. a hierarchical link not declared)."""

    programme = models.ForeignKey("core.Programme", on_delete=models.CASCADE, related_name="matching_exclusions")
    mentee = models.ForeignKey("candidatures.Application", on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey("candidatures.Application", on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("motif"), max_length=500)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("exclusion")
        verbose_name_plural = _("exclusions")
        constraints = [models.UniqueConstraint(fields=["mentee", "mentor"], name="exclusion_unique_pair")]


class FormerMentorAllowance(models.Model):
    """The engineer allows a mentee to be proposed again a mentor they had in an earlier edition
    (matching.selectors.forbidden_pairs otherwise never proposes one)."""

    mentee = models.OneToOneField(
        "candidatures.Application", on_delete=models.CASCADE, related_name="former_mentor_allowance"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("autorisation d'un ancien mentor")
        verbose_name_plural = _("autorisations d'anciens mentors")

    def __str__(self):
        return str(self.mentee)


class MentorRequest(models.Model):
    """The mentee's choice of a proposed mentor; it holds one place of the mentor's capacity while
    pending."""

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="requests")
    mentee = models.ForeignKey("candidatures.Application", on_delete=models.CASCADE, related_name="requests_sent")
    mentor = models.ForeignKey("candidatures.Application", on_delete=models.CASCADE, related_name="requests_received")
    message = EncryptedTextField(_("message au mentor"), blank=True, max_length=2000)
    status = models.CharField(_("statut"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    deadline = models.DateTimeField(_("réponse attendue avant"), null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    # Seen by the programme engineer only.
    decline_reason = EncryptedTextField(_("motif du refus"), blank=True, max_length=2000)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("demande à un mentor")
        verbose_name_plural = _("demandes aux mentors")
        constraints = [
            models.UniqueConstraint(
                fields=["mentee"], condition=models.Q(status="pending"), name="request_one_pending_per_mentee"
            )
        ]
        indexes = [models.Index(fields=["mentor", "status"]), models.Index(fields=["status", "deadline"])]


QUESTION_MAX_LENGTH = 500
ANSWER_MAX_LENGTH = 1000


class ProposalQuestion(models.Model):
    """The one question a mentee may send a proposed mentor before choosing, and the mentor's one
    answer (matching/questions). Confidential like the pair's messages: the two people only — never
    HR referents, the programme engineer nor the site admin (not registered in the admin)."""

    proposal = models.OneToOneField(Proposal, on_delete=models.CASCADE, related_name="question")
    # Denormalised from the proposal: the mentor's page lists his questions without the runs.
    mentee = models.ForeignKey("candidatures.Application", on_delete=models.CASCADE, related_name="questions_asked")
    mentor = models.ForeignKey("candidatures.Application", on_delete=models.CASCADE, related_name="questions_received")
    body = EncryptedTextField(_("question"), max_length=QUESTION_MAX_LENGTH)
    answer = EncryptedTextField(_("réponse"), blank=True, max_length=ANSWER_MAX_LENGTH)
    # Not auto_now_add: the demo writes past dates.
    asked_at = models.DateTimeField(_("posée le"))
    answered_at = models.DateTimeField(_("répondue le"), null=True, blank=True)

    class Meta:
        ordering = ["-asked_at", "-pk"]
        verbose_name = _("question à un mentor proposé")
        verbose_name_plural = _("questions aux mentors proposés")
        indexes = [models.Index(fields=["mentor", "answered_at"])]

    def __str__(self):
        return f"{self.proposal_id} · {self.asked_at:%Y-%m-%d %H:%M}"

    @property
    def is_answered(self):
        return self.answered_at is not None
