"""Writes about applications: drafts, submission, withdrawal, eligibility decisions.

Every service runs in one transaction, validates before writing and queues its emails on commit.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mentorat.audit.enums import AuditAction
from mentorat.audit.services import audit_log
from mentorat.core.emails import send_templated_email

from .enums import APPLICATION_TRANSITIONS, ApplicationRole, ApplicationStatus
from .models import Application

ACK_FIELDS = [
    "ack_duration",
    "ack_rhythm",
    "ack_working_time",
    "ack_volunteering",
    "ack_confidentiality",
    "ack_change_mentor",
]
# Fields an applicant may write; status and decision fields are the services' own.
EDITABLE_FIELDS = [
    "track",
    "organisation",
    "job_title",
    "is_manager",
    "manager_since",
    "years_experience",
    "objectives",
    "presentation",
    "availability",
    "capacity",
    "line_manager_email",
    "prefers_other_branch",
    *ACK_FIELDS,
]


def carry_organisation_to_pairs(application):
    """The pairs of `application` follow its organisation: they keep a copy of it, which the HR
    follow-up filters on (Pair.mentee_organisation / mentor_organisation)."""
    application.pairs_as_mentee.update(mentee_organisation_id=application.organisation_id)
    application.pairs_as_mentor.update(mentor_organisation_id=application.organisation_id)


def application_missing_fields(data, *, role):
    """What a submission still lacks, as {field: French message}. `data` holds the form's values."""
    required = _("Ce champ est obligatoire pour déposer la candidature.")
    errors = {}
    for field in ["track", "organisation", "job_title"]:
        if not data.get(field):
            errors[field] = required
    if data.get("years_experience") is None:
        errors["years_experience"] = required
    if data.get("is_manager") and not data.get("manager_since"):
        errors["manager_since"] = _("Indiquez depuis quand vous exercez des fonctions managériales.")
    if not data.get("themes"):
        errors["themes"] = _("Choisissez au moins un thème.")
    if not data.get("availability"):
        errors["availability"] = _("Indiquez au moins un créneau de disponibilité.")
    if not (data.get("objectives") or "").strip():
        errors["objectives"] = required
    if role == ApplicationRole.MENTOR:
        if not data.get("capacity"):
            errors["capacity"] = _("Indiquez si vous pouvez accompagner 1 ou 2 mentorés.")
        if not (data.get("presentation") or "").strip():
            errors["presentation"] = _("Présentez-vous en quelques lignes aux futurs mentorés.")
    for field in ACK_FIELDS:
        if not data.get(field):
            errors[field] = _("Cet engagement est nécessaire pour participer.")
    if not data.get("data_consent"):
        errors["data_consent"] = _("Votre accord est nécessaire pour traiter votre candidature.")
    return errors


def _ensure_call_open(programme, now):
    if not programme.is_call_open(now):
        if now < programme.call_opens_at:
            raise ValidationError(_("L'appel à candidatures n'est pas encore ouvert."))
        raise ValidationError(
            _("L'appel à candidatures est clos : la candidature ne peut plus être modifiée ni déposée.")
        )


def _ensure_transition(application, target):
    if target not in APPLICATION_TRANSITIONS.get(application.status, set()):
        raise ValidationError(
            _("Une candidature « %(current)s » ne peut pas passer à « %(target)s ».")
            % {"current": application.get_status_display(), "target": ApplicationStatus(target).label}
        )


def _ensure_role_and_track_free(*, user, programme, role, track, exclude_pk=None):
    others = Application.objects.filter(user=user, programme=programme).exclude(pk=exclude_pk)
    if others.filter(role=role).exists():
        raise ValidationError({"role": _("Vous avez déjà une candidature de ce rôle pour ce programme.")})
    if track is not None and others.filter(track=track).exists():
        raise ValidationError(
            {"track": _("Vous ne pouvez pas être à la fois mentor et mentoré dans le même parcours.")}
        )


@transaction.atomic
def application_save(*, user, programme, role, data, themes, application=None, submit=False, now=None):
    """Create or update the person's application (draft), and submit it when `submit` is true.

    Editing and submitting are refused once the call has closed. A submitted application stays
    submitted when edited before the closing date.
    """
    now = now or timezone.now()
    _ensure_call_open(programme, now)
    if application is not None:
        application = Application.objects.select_for_update().get(pk=application.pk, user=user)
        if application.status not in (ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED):
            raise ValidationError(_("Cette candidature ne peut plus être modifiée."))
        role = application.role
    _ensure_role_and_track_free(
        user=user, programme=programme, role=role, track=data.get("track"), exclude_pk=getattr(application, "pk", None)
    )
    if submit:
        missing = application_missing_fields({**data, "themes": themes}, role=role)
        if missing:
            raise ValidationError(missing)
    if application is None:
        application = Application(user=user, programme=programme, role=role, status=ApplicationStatus.DRAFT)
    previous_organisation_id = application.organisation_id
    for field in EDITABLE_FIELDS:
        if field in data:
            setattr(application, field, data[field])
    if role == ApplicationRole.MENTEE:
        application.capacity = None
        application.presentation = ""
    if data.get("data_consent") and not application.data_consent_at:
        application.data_consent_at = now
    was_submitted = application.status == ApplicationStatus.SUBMITTED
    if submit and not was_submitted:
        _ensure_transition(application, ApplicationStatus.SUBMITTED)
        application.status = ApplicationStatus.SUBMITTED
        application.submitted_at = now
    application.full_clean(exclude=["themes"])
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:
        # Two tabs racing: the unique constraints are the last line of defence.
        raise ValidationError(_("Vous avez déjà une candidature de ce rôle ou dans ce parcours.")) from None
    application.themes.set(themes)
    if application.organisation_id != previous_organisation_id:
        carry_organisation_to_pairs(application)
    if submit and not was_submitted:
        _notify_applicant(application, "application_submitted")
    return application


@transaction.atomic
def application_withdraw(*, application, now=None):
    """Withdrawing stays possible after the call has closed."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    _ensure_transition(application, ApplicationStatus.WITHDRAWN)
    application.status = ApplicationStatus.WITHDRAWN
    application.withdrawn_at = now or timezone.now()
    application.save(update_fields=["status", "withdrawn_at", "updated_at"])
    return application


@transaction.atomic
def application_reopen(*, application, now=None):
    """A withdrawn application goes back to draft while the call is open."""
    now = now or timezone.now()
    _ensure_call_open(application.programme, now)
    application = Application.objects.select_for_update().get(pk=application.pk)
    _ensure_transition(application, ApplicationStatus.DRAFT)
    application.status = ApplicationStatus.DRAFT
    application.withdrawn_at = None
    application.submitted_at = None
    application.save(update_fields=["status", "withdrawn_at", "submitted_at", "updated_at"])
    return application


@transaction.atomic
def application_decide(*, application, by, validate, reason="", now=None):
    """Validate or decline an application; a decline needs a reason. The applicant is emailed."""
    reason = (reason or "").strip()
    if not validate and not reason:
        raise ValidationError({"reason": _("Indiquez le motif : il sera communiqué à la personne.")})
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("user", "track", "programme")
        .get(pk=application.pk)
    )
    target = ApplicationStatus.VALIDATED if validate else ApplicationStatus.DECLINED
    _ensure_transition(application, target)
    application.status = target
    application.decided_at = now or timezone.now()
    application.decided_by = by
    application.decision_reason = reason
    application.save(update_fields=["status", "decided_at", "decided_by", "decision_reason", "updated_at"])
    _notify_applicant(application, "application_validated" if validate else "application_declined")
    audit_log(
        AuditAction.ELIGIBILITY_DECISION,
        actor=by,
        target=f"application:{application.pk}",
        decision="validated" if validate else "declined",
    )
    return application


def applications_bulk_validate(*, applications, by, now=None):
    """Validate every submitted application among `applications`; returns how many were validated.
    Each one is its own decision (own email); the others are left as they are."""
    validated = 0
    for application in applications:
        if application.status != ApplicationStatus.SUBMITTED:
            continue
        application_decide(application=application, by=by, validate=True, now=now)
        validated += 1
    return validated


def _notify_applicant(application, template):
    send_templated_email(
        template,
        to=application.user.email,
        context={
            "application": application,
            "person": application.user,
            "programme": application.programme,
            "track": application.track,
            "role_label": application.get_role_display(),
        },
    )
