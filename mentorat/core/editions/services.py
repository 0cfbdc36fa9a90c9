"""Writes on editions: prepare the next edition from a previous one, open an edition in preparation.

An edition is prepared in the state "in preparation", which participants and HR referents never see: preparing
2027-2028 while 2026-2027 runs changes nothing for the people of 2026-2027.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mentorat.audit.enums import AuditAction
from mentorat.audit.services import audit_log
from mentorat.core.dates import long_date

from ..enums import PROGRAMME_TRANSITIONS, ProgrammeStatus
from ..models import Programme, Track

CHARTER_COPY, CHARTER_NEW = "copy", "new"
# The settings an edition inherits from the previous one, as they are.
SETTINGS_FIELDS = (
    "description",
    "proposals_per_mentee",
    "mentor_confirmation_required",
    "mentor_confirmation_days",
    "p1_mentee_max_manager_months",
    "p1_mentor_min_manager_years",
    "p2_mentor_min_experience_years",
)
TRACK_FIELDS = ("code", "name", "description", "mentee_profile", "mentor_profile", "requires_other_organisation")
_YEARS_SLUG = re.compile(r"^(\d{4})-(\d{4})$")


def one_year_later(value):
    """The same day (and Paris time) a year later; 29 February becomes 28 February."""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value)
    try:
        return value.replace(year=value.year + 1)
    except ValueError:
        return value.replace(year=value.year + 1, day=28)


def next_edition_initial(source):
    """What the preparation form proposes: the source's calendar a year later, "2027-2028" after "2026-2027"."""
    initial = {
        "source": source.pk,
        "call_opens_at": one_year_later(source.call_opens_at),
        "call_closes_at": one_year_later(source.call_closes_at),
        "starts_on": one_year_later(source.starts_on),
        "ends_on": one_year_later(source.ends_on),
        "evaluation_ends_on": one_year_later(source.evaluation_ends_on) if source.evaluation_ends_on else None,
        "charter": CHARTER_COPY,
    }
    match = _YEARS_SLUG.match(source.slug)
    if match:
        slug = f"{int(match[1]) + 1}-{int(match[2]) + 1}"
        initial["slug"] = slug
        initial["name"] = source.name.replace(source.slug, slug) if source.slug in source.name else ""
    return initial


def _local_date(moment):
    return timezone.localtime(moment).date()


def next_edition_errors(
    *, source, slug, name, call_opens_at, call_closes_at, starts_on, ends_on, evaluation_ends_on, charter
):
    """{field: French message} of what is wrong; a date left empty (None) is not compared."""
    errors = {}
    if not slug:
        errors["slug"] = _("Indiquez l'identifiant de l'édition, par exemple 2027-2028.")
    else:
        try:
            validate_slug(slug)
        except ValidationError:
            errors["slug"] = _("Lettres, chiffres, tirets et soulignés uniquement, sans espace ni accent.")
        else:
            if Programme.objects.filter(slug=slug).exists():
                errors["slug"] = _("L'identifiant « %s » est déjà celui d'une autre édition.") % slug
    if not (name or "").strip():
        errors["name"] = _("Indiquez le nom de l'édition.")
    if call_opens_at and call_closes_at and call_closes_at <= call_opens_at:
        errors["call_closes_at"] = _("La clôture de l'appel doit suivre son ouverture.")
    if starts_on and source and starts_on <= source.starts_on:
        errors["starts_on"] = _("La nouvelle édition doit commencer après le début de « %(source)s » (%(date)s).") % {
            "source": source.name,
            "date": long_date(source.starts_on),
        }
    elif starts_on and call_closes_at and starts_on <= _local_date(call_closes_at):
        errors["starts_on"] = _("Le programme doit commencer après la clôture de l'appel à candidatures.")
    if starts_on and ends_on and ends_on <= starts_on:
        errors["ends_on"] = _("La fin du programme doit suivre son début.")
    if ends_on and evaluation_ends_on and evaluation_ends_on < ends_on:
        errors["evaluation_ends_on"] = _("L'évaluation se termine au plus tôt à la fin du programme.")
    if charter not in (CHARTER_COPY, CHARTER_NEW):
        errors["charter"] = _("Choisissez ce que devient la charte.")
    return errors


def _copy_tracks(source, programme):
    Track.objects.bulk_create(
        Track(programme=programme, **{name: getattr(track, name) for name in TRACK_FIELDS})
        for track in source.tracks.order_by("code")
    )


def _copy_matching_settings(source, programme):
    from matching.models import MatchingSettings

    settings = MatchingSettings.objects.filter(programme=source).first()
    if settings is None:
        return  # the engine's defaults, as for the source
    settings.pk = None
    settings.programme = programme
    settings._state.adding = True
    settings.save()


def _copy_charter(source, programme, *, by, mode, now):
    """Version 1 of the new edition: the source's current charter, published as is, or a draft to rewrite."""
    from sessions_binome.models import Charter
    from sessions_binome.selectors_frame import current_charter

    charter = current_charter(source) or Charter.objects.filter(programme=source).order_by("-version").first()
    if charter is None:
        return None
    published = mode == CHARTER_COPY
    return Charter.objects.create(
        programme=programme,
        version=1,
        title=charter.title.replace(source.slug, programme.slug),
        body=charter.body,
        created_by=by,
        published_at=now if published else None,
        published_by=by if published else None,
    )


def _copy_agenda_templates(source, programme):
    """The agenda templates written for `source` only (those for every edition need no copy), under
    a slug of the new edition."""
    from mentorat.resources.models import Resource

    templates = list(Resource.objects.filter(programme=source).exclude(agenda_stage="").order_by("pk"))
    for template in templates:
        template.pk = None
        template._state.adding = True
        template.programme = programme
        template.slug = f"{template.slug.removesuffix('-' + source.slug)[:150]}-{programme.slug}"[:200]
        template.save()
    return len(templates)


def _shifted(moment, delta):
    # Added to the Paris wall clock: a questionnaire opening at 9:00 still opens at 9:00 across a clock change.
    return timezone.localtime(moment) + delta


def _copy_surveys(source, programme, delta):
    """The questionnaire plan: every questionnaire and its questions, its dates moved by `delta`."""
    from evaluation.models import Question, Survey

    surveys = list(Survey.objects.filter(programme=source).prefetch_related("questions").order_by("opens_at", "pk"))
    copies = Survey.objects.bulk_create(
        Survey(
            programme=programme,
            phase=survey.phase,
            audience=survey.audience,
            title=survey.title,
            introduction=survey.introduction,
            opens_at=_shifted(survey.opens_at, delta),
            closes_at=_shifted(survey.closes_at, delta),
        )
        for survey in surveys
    )
    questions = [
        Question(
            survey=copy,
            position=question.position,
            kind=question.kind,
            text=question.text,
            help_text=question.help_text,
            required=question.required,
            choices=question.choices,
            indicator=question.indicator,
        )
        for survey, copy in zip(surveys, copies, strict=True)
        for question in survey.questions.all()
    ]
    Question.objects.bulk_create(questions)
    return len(copies), len(questions)


@transaction.atomic
def programme_prepare_next(
    *,
    source,
    by,
    slug,
    name,
    call_opens_at,
    call_closes_at,
    starts_on,
    ends_on,
    evaluation_ends_on=None,
    charter=CHARTER_COPY,
    now=None,
):
    """Create the next edition, in preparation, from `source`: its settings, tracks, matching weights,
    charter (published copy, or a draft for a new version), questionnaire plan (dates moved by the
    gap between the two start dates) and its own agenda templates. People, applications, pairs and answers stay with `source`."""
    slug, name = (slug or "").strip(), (name or "").strip()
    errors = next_edition_errors(
        source=source,
        slug=slug,
        name=name,
        call_opens_at=call_opens_at,
        call_closes_at=call_closes_at,
        starts_on=starts_on,
        ends_on=ends_on,
        evaluation_ends_on=evaluation_ends_on,
        charter=charter,
    )
    if errors:
        raise ValidationError(errors)
    now = now or timezone.now()
    programme = Programme.objects.create(
        slug=slug,
        name=name,
        status=ProgrammeStatus.PREPARATION,
        call_opens_at=call_opens_at,
        call_closes_at=call_closes_at,
        starts_on=starts_on,
        ends_on=ends_on,
        evaluation_ends_on=evaluation_ends_on,
        **{field: getattr(source, field) for field in SETTINGS_FIELDS},
    )
    _copy_tracks(source, programme)
    _copy_matching_settings(source, programme)
    charter_copy = _copy_charter(source, programme, by=by, mode=charter, now=now)
    surveys, questions = _copy_surveys(source, programme, starts_on - source.starts_on)
    agenda_templates = _copy_agenda_templates(source, programme)
    audit_log(
        AuditAction.EDITION_PREPARED,
        actor=by,
        target=f"programme:{programme.pk}",
        slug=programme.slug,
        source=source.slug,
        charter=charter if charter_copy else "none",
        surveys=surveys,
        questions=questions,
        agenda_templates=agenda_templates,
    )
    return programme


@transaction.atomic
def programme_open(*, programme, by):
    """Open an edition in preparation: it becomes live beside the others (its call opens at its date;
    the participants of the other editions keep theirs)."""
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    if ProgrammeStatus.LIVE not in PROGRAMME_TRANSITIONS[ProgrammeStatus(programme.status)]:
        raise ValidationError(_("Seule une édition en préparation peut être ouverte."))
    programme.status = ProgrammeStatus.LIVE
    programme.save(update_fields=["status"])
    audit_log(AuditAction.EDITION_OPENED, actor=by, target=f"programme:{programme.pk}", slug=programme.slug)
    return programme


@transaction.atomic
def programme_archive(*, programme, by, now=None):
    """Archive an edition whose evaluation is over: it leaves the background work (reminders,
    digests, alerts; only the retention rule still applies to it) and the default choice of the staff
    pages; its participants keep their pair pages and certificates, read-only."""
    from ..enums import EditionPhase

    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    if ProgrammeStatus.ARCHIVED not in PROGRAMME_TRANSITIONS[ProgrammeStatus(programme.status)]:
        raise ValidationError(_("Seule une édition ouverte peut être archivée."))
    if programme.phase(now) != EditionPhase.CLOSED:
        raise ValidationError(_("Une édition s'archive une fois son évaluation terminée."))
    programme.status = ProgrammeStatus.ARCHIVED
    programme.save(update_fields=["status"])
    audit_log(AuditAction.EDITION_ARCHIVED, actor=by, target=f"programme:{programme.pk}", slug=programme.slug)
    return programme
