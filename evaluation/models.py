"""Evaluation: questionnaires (per programme, phase and audience), their questions, the
participants' responses, and the report files built in the background.

Writes go through `evaluation.services`. A questionnaire's questions are locked once anybody has
started answering it; its dates stay editable (a closing date is often pushed back).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentorat.core.crypto import EncryptedTextField

from .enums import Audience, Indicator, Phase, QuestionKind, ReportJobStatus, ResponseStatus, SurveyState


class Survey(models.Model):
    programme = models.ForeignKey(
        "core.Programme", verbose_name=_("programme"), on_delete=models.CASCADE, related_name="surveys"
    )
    phase = models.CharField(_("temps du programme"), max_length=10, choices=Phase.choices)
    audience = models.CharField(_("public"), max_length=10, choices=Audience.choices)
    title = models.CharField(_("titre"), max_length=200)
    introduction = models.TextField(_("texte d'introduction"), blank=True, max_length=2000)
    opens_at = models.DateTimeField(_("ouverture"))
    closes_at = models.DateTimeField(_("clôture"))
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        ordering = ["programme", "opens_at", "audience"]
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "phase", "audience"], name="survey_one_per_phase_and_audience"
            ),
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")), name="survey_closes_after_opening"
            ),
        ]

    def __str__(self):
        return self.title

    def state(self, now=None):
        """From the dates; for one person, from their own closing when the questionnaire was read for
        them (`evaluation.selectors.personalise`: a late joiner's window of the start questionnaire)."""
        now = now or timezone.now()
        if now < self.opens_at:
            return SurveyState.SCHEDULED
        if now < self.closes_for_person:
            return SurveyState.OPEN
        return SurveyState.CLOSED

    @property
    def closes_for_person(self):
        """The closing of the person it was read for (`personalise`), else everyone's."""
        return getattr(self, "personal_closes_at", self.closes_at)

    def is_open(self, now=None):
        return self.state(now) == SurveyState.OPEN

    def get_state_display(self):
        return SurveyState(self.state()).label


class Question(models.Model):
    survey = models.ForeignKey(
        Survey, verbose_name=_("questionnaire"), on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveSmallIntegerField(_("ordre"))
    kind = models.CharField(_("type"), max_length=10, choices=QuestionKind.choices)
    text = models.CharField(_("question"), max_length=500)
    help_text = models.CharField(_("aide"), max_length=300, blank=True)
    required = models.BooleanField(_("réponse obligatoire"), default=True)
    # Single and multiple choice: the options; 1-5 scale: the five labels, from 1 to 5.
    choices = models.JSONField(_("options"), default=list, blank=True)
    indicator = models.CharField(_("indicateur mesuré"), max_length=20, choices=Indicator.choices, blank=True)

    class Meta:
        ordering = ["survey", "position"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.UniqueConstraint(fields=["survey", "position"], name="question_unique_position"),
            # One question per indicator and questionnaire: an indicator counts people, not answers.
            models.UniqueConstraint(
                fields=["survey", "indicator"], condition=~models.Q(indicator=""), name="question_one_per_indicator"
            ),
        ]

    def __str__(self):
        return f"{self.position}. {self.text[:80]}"

    @property
    def scale(self):
        """[(value, label)] of a closed numeric question."""
        if self.kind == QuestionKind.NPS:
            return [(value, str(value)) for value in range(11)]
        if self.kind == QuestionKind.LIKERT:
            labels = self.choices if len(self.choices) == 5 else [""] * 5
            return [(value, labels[value - 1]) for value in range(1, 6)]
        return []


class Response(models.Model):
    """One person's answers to one questionnaire: a draft until sent, then final.

    The track and organisation are those of the person's application when they started answering,
    so that the indicators can be broken down without reading anything about the person again.
    """

    survey = models.ForeignKey(
        Survey, verbose_name=_("questionnaire"), on_delete=models.CASCADE, related_name="responses"
    )
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("répondant"), on_delete=models.CASCADE, related_name="survey_responses"
    )
    pair = models.ForeignKey(
        "sessions_binome.Pair",
        verbose_name=_("binôme"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    track = models.ForeignKey(
        "core.Track", verbose_name=_("parcours"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisme"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(_("statut"), max_length=10, choices=ResponseStatus.choices, default=ResponseStatus.DRAFT)
    started_at = models.DateTimeField(_("commencé le"))
    updated_at = models.DateTimeField(_("modifié le"))
    submitted_at = models.DateTimeField(_("envoyé le"), null=True, blank=True)

    class Meta:
        ordering = ["survey", "started_at"]
        verbose_name = _("réponse à un questionnaire")
        verbose_name_plural = _("réponses aux questionnaires")
        constraints = [models.UniqueConstraint(fields=["survey", "respondent"], name="response_one_per_person")]
        indexes = [models.Index(fields=["survey", "status"])]

    def __str__(self):
        return f"{self.survey} · {self.pk}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    value = models.SmallIntegerField(_("valeur"), null=True, blank=True)  # 1-5 or 0-10
    selected = models.JSONField(_("options choisies"), default=list, blank=True)  # labels
    # Free-text answers are confidential: encrypted at rest (mentorat/core/crypto.py).
    text = EncryptedTextField(_("texte"), blank=True, max_length=4000)

    class Meta:
        verbose_name = _("réponse à une question")
        verbose_name_plural = _("réponses aux questions")
        constraints = [models.UniqueConstraint(fields=["response", "question"], name="answer_one_per_question")]


def _report_path(instance, filename):
    # A random folder per job: the files are never served from MEDIA_URL, only by the download view.
    return f"evaluation/reports/{instance.key}/{filename}"


class ReportJob(models.Model):
    """A full evaluation report (PDF, XLSX, CSV) built by a background task, with its progress."""

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    programme = models.ForeignKey("core.Programme", on_delete=models.CASCADE, related_name="evaluation_reports")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    include_free_text = models.BooleanField(_("avec les réponses libres"), default=False)
    status = models.CharField(
        _("statut"), max_length=10, choices=ReportJobStatus.choices, default=ReportJobStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("avancement (%)"), default=0)
    message = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    pdf = models.FileField(upload_to=_report_path, blank=True)
    xlsx = models.FileField(upload_to=_report_path, blank=True)
    csv = models.FileField(upload_to=_report_path, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("rapport d'évaluation")
        verbose_name_plural = _("rapports d'évaluation")
