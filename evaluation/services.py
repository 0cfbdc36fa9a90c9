"""Writes of the evaluation: questionnaires and questions (the engineer), responses (participants),
report jobs (background). Each service validates before writing, in one transaction."""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from mentorat.notifications.services import event_notify

from .enums import (
    CHOICE_KINDS,
    RESPONSE_TRANSITIONS,
    QuestionKind,
    ReportJobStatus,
    ResponseStatus,
    indicator_fits_kind,
)
from .models import Answer, Question, ReportJob, Response, Survey
from .selectors import eligible_pair_for

MAX_OPTIONS = 12
REPORT_NOTIFICATION_KIND = "report-ready"
logger = logging.getLogger(__name__)


# --- questionnaires (programme engineer) -------------------------------------------------------


def _locked_survey(survey):
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if Response.objects.filter(survey=survey).exists():
        raise ValidationError(
            _("Ce questionnaire a déjà reçu des réponses : ses questions ne peuvent plus être modifiées.")
        )
    return survey


@transaction.atomic
def survey_update(*, survey, title, introduction, opens_at, closes_at):
    """Title, introduction and dates. Dates stay editable after the first answer; the text too."""
    if closes_at <= opens_at:
        raise ValidationError({"closes_at": _("La clôture doit suivre l'ouverture.")})
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    survey.title, survey.introduction, survey.opens_at, survey.closes_at = (
        title.strip(),
        introduction.strip(),
        opens_at,
        closes_at,
    )
    survey.save(update_fields=["title", "introduction", "opens_at", "closes_at", "updated_at"])
    return survey


def _clean_options(kind, choices):
    options = [option.strip() for option in choices or [] if option and option.strip()]
    if kind in CHOICE_KINDS:
        if len(options) < 2:
            raise ValidationError({"choices": _("Indiquez au moins deux options, une par ligne.")})
        if len(options) > MAX_OPTIONS:
            raise ValidationError({"choices": _("%(max)d options au plus.") % {"max": MAX_OPTIONS}})
        if len(set(options)) != len(options):
            raise ValidationError({"choices": _("Deux options portent le même libellé.")})
        return options
    if kind == QuestionKind.LIKERT:
        if len(options) != 5:
            raise ValidationError({"choices": _("Une échelle de 1 à 5 a exactement cinq libellés, un par ligne.")})
        return options
    return []


def _check_question(survey, *, kind, text, indicator, exclude_pk=None):
    errors = {}
    if not text.strip():
        errors["text"] = _("Écrivez la question.")
    if not indicator_fits_kind(indicator, kind):
        errors["indicator"] = _(
            "Cet indicateur se mesure avec une question de recommandation de 0 à 10 (NPS) ou une échelle de 1 à 5."
        )
    elif indicator:
        taken = Question.objects.filter(survey=survey, indicator=indicator).exclude(pk=exclude_pk).first()
        if taken is not None:
            errors["indicator"] = _("La question %(position)d mesure déjà cet indicateur.") % {
                "position": taken.position
            }
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def question_add(*, survey, kind, text, help_text="", required=True, choices=(), indicator=""):
    survey = _locked_survey(survey)
    _check_question(survey, kind=kind, text=text, indicator=indicator)
    options = _clean_options(kind, choices)
    position = (Question.objects.filter(survey=survey).aggregate(m=Max("position"))["m"] or 0) + 1
    return Question.objects.create(
        survey=survey,
        position=position,
        kind=kind,
        text=text.strip(),
        help_text=help_text.strip(),
        required=required,
        choices=options,
        indicator=indicator,
    )


@transaction.atomic
def question_update(*, question, kind, text, help_text="", required=True, choices=(), indicator=""):
    _locked_survey(question.survey)
    _check_question(question.survey, kind=kind, text=text, indicator=indicator, exclude_pk=question.pk)
    question.kind, question.text, question.help_text = kind, text.strip(), help_text.strip()
    question.required, question.choices, question.indicator = required, _clean_options(kind, choices), indicator
    question.save()
    return question


@transaction.atomic
def question_delete(*, question):
    survey = _locked_survey(question.survey)
    question.delete()
    _renumber(survey)


@transaction.atomic
def question_move(*, question, offset):
    """Move a question up (-1) or down (+1)."""
    survey = _locked_survey(question.survey)
    questions = list(Question.objects.filter(survey=survey).order_by("position"))
    index = next(i for i, q in enumerate(questions) if q.pk == question.pk)
    target = index + offset
    if 0 <= target < len(questions):
        questions[index], questions[target] = questions[target], questions[index]
        _renumber(survey, questions)


def _renumber(survey, questions=None):
    questions = (
        questions if questions is not None else list(Question.objects.filter(survey=survey).order_by("position"))
    )
    # Two passes: the unique (survey, position) constraint holds at every step.
    offset = len(questions) + 100
    for number, question in enumerate(questions, start=1):
        question.position = number + offset
    Question.objects.bulk_update(questions, ["position"])
    for number, question in enumerate(questions, start=1):
        question.position = number
    Question.objects.bulk_update(questions, ["position"])


# --- responses (participants) ------------------------------------------------------------------


def _answer_values(question, raw):
    """(value, selected, text) of one answer; raises ValidationError on an impossible value."""
    if raw in (None, "", []):
        return None
    if question.kind in (QuestionKind.LIKERT, QuestionKind.NPS):
        low, high = (1, 5) if question.kind == QuestionKind.LIKERT else (0, 10)
        try:
            value = int(raw)
        except (TypeError, ValueError):
            value = None
        if value is None or not low <= value <= high:
            raise ValidationError(
                {f"q{question.pk}": _("Choisissez une valeur de %(low)d à %(high)d.") % {"low": low, "high": high}}
            )
        return value, [], ""
    if question.kind in CHOICE_KINDS:
        selected = [raw] if isinstance(raw, str) else list(raw)
        if question.kind == QuestionKind.SINGLE and len(selected) > 1:
            raise ValidationError({f"q{question.pk}": _("Une seule réponse est possible.")})
        if not set(selected) <= set(question.choices):
            raise ValidationError({f"q{question.pk}": _("Choisissez parmi les options proposées.")})
        return None, [option for option in question.choices if option in selected], ""
    text = str(raw).strip()[:4000]
    return (None, [], text) if text else None


@transaction.atomic
def response_save(*, survey, user, answers, submit, now=None):
    """Save the person's answers as a draft, or send them (`submit`). `answers`: {question id: value,
    list of options or text}. Refuses a questionnaire that is not open, a person it is not for, a
    response already sent, and, when sending, a required question left blank."""
    now = now or timezone.now()
    survey = Survey.objects.select_related("programme").get(pk=survey.pk)
    # Read for the person first: a late joiner's start questionnaire is open in their own window.
    pair = eligible_pair_for(survey, user)
    if pair is None:
        raise ValidationError(_("Ce questionnaire ne vous est pas destiné."))
    if not survey.is_open(now):
        raise ValidationError(_("Ce questionnaire n'est pas ouvert : les réponses ne sont plus acceptées."))
    response = Response.objects.select_for_update().filter(survey=survey, respondent=user).first()
    if response is not None and ResponseStatus.SUBMITTED not in RESPONSE_TRANSITIONS[response.status]:
        raise ValidationError(_("Vous avez déjà répondu à ce questionnaire : une seule réponse est possible."))

    questions = list(Question.objects.filter(survey=survey).order_by("position"))
    errors, values = {}, {}
    for question in questions:
        try:
            values[question.pk] = _answer_values(question, answers.get(question.pk))
        except ValidationError as error:
            errors.update(error.message_dict)
            continue
        if submit and question.required and values[question.pk] is None:
            errors[f"q{question.pk}"] = [_("Cette question demande une réponse.")]
    if errors:
        raise ValidationError(errors)

    if response is None:
        application = pair.mentee_application if pair.mentee_id == user.pk else pair.mentor_application
        try:
            with transaction.atomic():
                response = Response.objects.create(
                    survey=survey,
                    respondent=user,
                    pair=pair,
                    track_id=pair.track_id,
                    organisation_id=application.organisation_id,
                    started_at=now,
                    updated_at=now,
                )
        except IntegrityError:
            # The same person sent the form twice at the same moment: the first one wins.
            raise ValidationError(
                _("Vous avez déjà répondu à ce questionnaire : une seule réponse est possible.")
            ) from None
    Answer.objects.filter(response=response).delete()
    Answer.objects.bulk_create(
        Answer(response=response, question_id=pk, value=value[0], selected=value[1], text=value[2])
        for pk, value in values.items()
        if value is not None
    )
    response.updated_at = now
    if submit:
        response.status, response.submitted_at = ResponseStatus.SUBMITTED, now
    response.save(update_fields=["status", "submitted_at", "updated_at"])
    return response


# --- report jobs ---------------------------------------------------------------------------------


@transaction.atomic
def report_job_request(*, programme, by, include_free_text):
    """Record a report to build and queue its task once the transaction commits."""
    from .tasks import build_report

    job = ReportJob.objects.create(programme=programme, requested_by=by, include_free_text=include_free_text)
    transaction.on_commit(lambda: build_report.delay(job_id=job.pk))
    return job


def report_job_progress(job_id, progress, message):
    ReportJob.objects.filter(pk=job_id).update(progress=progress, message=message[:200])


def report_job_run(*, job_id):
    """Build the PDF, XLSX and CSV of a job. Claimed once: a retried or duplicated task finds the job
    already taken and does nothing."""
    from django.core.files.base import ContentFile

    from . import exports, report

    claimed = ReportJob.objects.filter(pk=job_id, status=ReportJobStatus.QUEUED).update(
        status=ReportJobStatus.RUNNING, progress=1, message=_("Démarrage")
    )
    if not claimed:
        return None
    job = ReportJob.objects.select_related("programme", "requested_by").get(pk=job_id)
    try:
        pdf = report.report_pdf(job.programme, progress=lambda p, m: report_job_progress(job.pk, min(p, 80), m))
        report_job_progress(job.pk, 85, _("Données pseudonymisées (XLSX)"))
        xlsx = exports.dataset_xlsx(job.programme, include_free_text=job.include_free_text)
        report_job_progress(job.pk, 95, _("Données pseudonymisées (CSV)"))
        csv_bytes = exports.dataset_csv(job.programme)
        slug = job.programme.slug
        job.pdf.save(f"rapport-evaluation-{slug}.pdf", ContentFile(pdf), save=False)
        job.xlsx.save(f"donnees-evaluation-{slug}.xlsx", ContentFile(xlsx), save=False)
        job.csv.save(f"donnees-evaluation-{slug}.csv", ContentFile(csv_bytes), save=False)
        job.status, job.progress, job.message, job.finished_at = ReportJobStatus.DONE, 100, _("Prêt"), timezone.now()
        with transaction.atomic():
            job.save(update_fields=["pdf", "xlsx", "csv", "status", "progress", "message", "finished_at"])
            report_job_notify(job=job)
    except Exception as error:  # noqa: BLE001 - the engineer sees the failure on the page
        logger.exception("evaluation report %s failed", job.pk)
        with transaction.atomic():
            ReportJob.objects.filter(pk=job.pk).update(
                status=ReportJobStatus.FAILED, error=repr(error)[:2000], message=_("Échec"), finished_at=timezone.now()
            )
            job.status = ReportJobStatus.FAILED
            report_job_notify(job=job)
        return None
    return job


def report_job_url(job):
    """Where the engineer finds a job: the report tab of the indicators, in the job's edition."""
    url = reverse("evaluation:engineer_indicators_theme", args=["rapport"])
    return f"{url}?{urlencode({'edition': job.programme.slug})}#rapports"


def report_job_notify(*, job):
    """Tell the person who asked that the report is ready (an e-mail through the outbox and a
    notification in the platform) or that it failed (a notification: the page says why). Called once
    per job: `report_job_run` claims a job once; the e-mail is keyed by the job all the same."""
    person = job.requested_by
    if person is None or not person.is_active:
        return
    url = report_job_url(job)
    email = None
    if job.status == ReportJobStatus.DONE:
        email = (
            "report_ready",
            {"person": person, "job": job, "url": settings.SITE_URL + url},
            f"report-ready:{job.pk}",
        )
        title = _("Le rapport d'évaluation est prêt")
        body = _("%(programme)s : le PDF et les données se téléchargent sur la page du rapport.")
    else:
        title = _("Le rapport d'évaluation n'a pas pu être préparé")
        body = _("%(programme)s : la page du rapport permet d'en demander un autre.")
    event_notify(
        person,
        kind=REPORT_NOTIFICATION_KIND,
        title=title,
        body=body % {"programme": job.programme.name},
        url=url,
        email=email,
    )
