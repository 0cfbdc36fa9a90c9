"""Erasure of a person and anonymisation of a programme: the people become "Personne anonymisée",
free text is blanked, private notes, what each member took away from a pair and the pairs' messages
are deleted; the rows themselves stay, so that counts and the pseudonymised evaluation answers keep
feeding the aggregated indicators. The evaluation reports built for the programme (files of
pseudonymised answers, with free text when asked) are deleted with the anonymisation: they would
keep what it blanks."""

import datetime

from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from mentorat.audit.enums import AuditAction
from mentorat.audit.services import audit_log
from mentorat.core.enums import ProgrammeStatus

ANONYMISED_NAME = ("Personne", "anonymisée")  # shown as "Personne anonymisée"
ERASED_TEXT = "[effacé]"


def anonymised_email(user):
    return f"personne-anonymisee-{user.pk}@anonymise.invalid"


def is_anonymised(user):
    return user.email == anonymised_email(user)


def _blank_free_text(queryset, keep=()):
    """Blank every free-text field (text, and characters without a list of choices) of the rows."""
    for instance in queryset:
        changed = []
        for field in instance._meta.concrete_fields:
            if field.name in keep or field.choices or not isinstance(field, (models.TextField, models.CharField)):
                continue
            if isinstance(field, (models.EmailField, models.URLField)) or field.unique:
                continue
            value = getattr(instance, field.attname)
            new = "" if field.blank else ERASED_TEXT
            if value not in ("", new):
                setattr(instance, field.attname, new)
                changed.append(field.attname)
        if changed:
            instance.save(update_fields=changed)


def _model(label):
    return apps.get_model(label)


def _anonymise(user):
    pairs = Q(pair__mentee=user) | Q(pair__mentor=user)
    applications = _model("candidatures.Application").objects.filter(user=user)
    # Invitations name the address: they go before the address changes; so do the e-mails kept in
    # the outbox for the person (addressed to them alone).
    _model("candidatures.Invitation").objects.filter(email__iexact=user.email).delete()
    _model("outbox.OutboxEmail").objects.filter(to=[user.email]).delete()
    _blank_free_text(applications)
    _blank_free_text(_model("matching.MentorRequest").objects.filter(Q(mentee__user=user) | Q(mentor__user=user)))
    # A question to a proposed mentor goes with its answer, like a pair's thread.
    _model("matching.ProposalQuestion").objects.filter(Q(mentee__user=user) | Q(mentor__user=user)).delete()
    _blank_free_text(_model("sessions_binome.Pair").objects.filter(Q(mentee=user) | Q(mentor=user)))
    _blank_free_text(_model("sessions_binome.PairFrame").objects.filter(pairs), keep={"rhythm"})
    _blank_free_text(_model("sessions_binome.PairObjective").objects.filter(pairs))
    _blank_free_text(_model("sessions_binome.MentoringSession").objects.filter(pairs))
    _blank_free_text(
        _model("sessions_binome.CharterSignature").objects.filter(user=user), keep={"content_sha256", "signed_content"}
    )
    # Confidential notes are deleted, whoever wrote them, with the pair's sessions they belong to.
    _model("sessions_binome.SessionNote").objects.filter(
        Q(author=user) | Q(session__pair__mentee=user) | Q(session__pair__mentor=user)
    ).delete()
    # What each member took away from the pair is a private note too.
    _model("sessions_binome.PairTakeaway").objects.filter(
        Q(author=user) | Q(pair__mentee=user) | Q(pair__mentor=user)
    ).delete()
    # The pair's messages too: a thread between two people goes whole when one of them is erased.
    _model("sessions_binome.PairMessage").objects.filter(
        Q(author=user) | Q(pair__mentee=user) | Q(pair__mentor=user)
    ).delete()
    # The person's private comments on sessions go; their scores and fit checks stay, pseudonymised
    # by the anonymous account, like a questionnaire's scores.
    _model("sessions_binome.SessionRating").objects.filter(author=user).update(comment="")
    # Evaluation: scores and choices stay (pseudonymised by the anonymous account), free text goes.
    _blank_free_text(_model("evaluation.Answer").objects.filter(response__respondent=user))
    for label in (
        "sessions_binome.CalendarFeed",
        "notifications.Notification",
        "account.EmailAddress",
        "mfa.Authenticator",
        "socialaccount.SocialAccount",
    ):
        _model(label).objects.filter(user=user).delete()
    _model("audit.AuditEvent").objects.filter(actor=user).update(actor_email=anonymised_email(user))
    user.first_name, user.last_name = ANONYMISED_NAME
    user.email = anonymised_email(user)
    user.job_title = ""
    user.civility = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()
    _end_sessions(user)


def _end_sessions(user):
    from django.contrib.sessions.models import Session

    for session in Session.objects.filter(expire_date__gt=timezone.now()):
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()


@transaction.atomic
def person_erase(*, user, by):
    """Anonymise one person at their request (handled by the programme engineer)."""
    if is_anonymised(user):
        return False
    user_id = user.pk
    _anonymise(user)
    audit_log(AuditAction.ERASURE, actor=by, target=f"user:{user_id}")
    return True


def programme_retention_end(programme):
    months = getattr(settings, "PROGRAMME_RETENTION_MONTHS", 24)
    end = programme.evaluation_ends_on or programme.ends_on
    year, month = divmod(end.month - 1 + months, 12)
    return datetime.date(end.year + year, month + 1, min(end.day, 28))


def programme_people(programme):
    """The participants of a programme (applicants of any status) not anonymised yet, and not
    taking part in a later programme."""
    User = _model("accounts.User")
    Application = _model("candidatures.Application")
    later = Application.objects.exclude(programme=programme).filter(programme__starts_on__gt=programme.starts_on)
    return (
        User.objects.filter(applications__programme=programme)
        .exclude(applications__in=later)
        .exclude(email__endswith="@anonymise.invalid")
        .distinct()
        .order_by("pk")
    )


def retention_over(programme, today=None):
    """True when the edition is archived and its own retention period has passed: only then are its
    people anonymised. An edition still open (or in preparation) is never touched, whatever its dates."""
    today = today or timezone.localdate()
    return programme.status == ProgrammeStatus.ARCHIVED and today >= programme_retention_end(programme)


def editions_past_retention(today=None):
    """The archived editions whose retention period has passed, each by its own end date, oldest first."""
    archived = _model("core.Programme").objects.filter(status=ProgrammeStatus.ARCHIVED).order_by("starts_on", "pk")
    return [programme for programme in archived if retention_over(programme, today)]


def programme_anonymise(*, programme, wet_run, today=None):
    """Anonymise an archived edition's participants once its retention period has passed (None
    otherwise). Returns the people concerned; writes only when `wet_run`. Idempotent: anonymised
    people are not counted again."""
    if not retention_over(programme, today):
        return None
    people = list(programme_people(programme))
    if wet_run:
        for user in people:
            with transaction.atomic():
                user_id = user.pk
                _anonymise(user)
                audit_log(AuditAction.ERASURE, actor=None, target=f"user:{user_id}", programme=programme.slug)
        for job in programme_reports(programme):
            _delete_report(job)
            audit_log(AuditAction.ERASURE, actor=None, target=f"evaluation-report:{job.key}", programme=programme.slug)
    return people


def editions_anonymise_due(*, wet_run, today=None):
    """The retention run: every archived edition past its retention, anonymised as `programme_anonymise`
    does. Returns [(edition, people, reports)] of the editions concerned (their reports counted before
    deletion); editions with nobody and no report left are not listed."""
    done = []
    for programme in editions_past_retention(today):
        reports = programme_reports(programme).count()
        people = programme_anonymise(programme=programme, wet_run=wet_run, today=today)
        if people or reports:
            done.append((programme, len(people), reports))
    return done


def programme_reports(programme):
    """The evaluation reports built for a programme in the application (`ReportJob`), with their files."""
    return _model("evaluation.ReportJob").objects.filter(programme=programme).order_by("pk")


def _delete_report(job):
    for file in (job.pdf, job.xlsx, job.csv):
        if file:
            file.delete(save=False)
    job.delete()
