"""What the platform holds about one person, model by model (the "Télécharger mes données" archive).

EXPORTED maps each model linked to a person to the rows that concern them; NOT_PERSONAL lists the
linked models left out, with the reason. tests/privacy/test_coverage.py fails when a model linked to
a person (directly or through an application or a pair) is in neither list.
"""

from django.apps import apps
from django.db.models import Q
from django.db.models.fields.files import FieldFile


def _sessions(user):
    MentoringSession = apps.get_model("sessions_binome", "MentoringSession")
    return MentoringSession.objects.filter(Q(pair__mentee=user) | Q(pair__mentor=user))


# Model label → function(user) returning the rows that concern the person, and the fields left out.
EXPORTED = {
    "accounts.User": (lambda u: apps.get_model("accounts", "User").objects.filter(pk=u.pk), {"password"}),
    "account.EmailAddress": (lambda u: apps.get_model("account", "EmailAddress").objects.filter(user=u), set()),
    # Only the kind and dates: the secrets would let anyone holding the archive log in.
    "mfa.Authenticator": (lambda u: apps.get_model("mfa", "Authenticator").objects.filter(user=u), {"data"}),
    "candidatures.Application": (lambda u: apps.get_model("candidatures", "Application").objects.filter(user=u), set()),
    "candidatures.Invitation": (
        lambda u: apps.get_model("candidatures", "Invitation").objects.filter(email__iexact=u.email),
        set(),
    ),
    # The person's own "do not invite me again" (kept after an erasure: it is what stops new invitations).
    "candidatures.InvitationOptOut": (
        lambda u: apps.get_model("candidatures", "InvitationOptOut").objects.filter(email__iexact=u.email),
        set(),
    ),
    "matching.Proposal": (
        lambda u: apps.get_model("matching", "Proposal").objects.filter(Q(mentee__user=u) | Q(mentor__user=u)),
        {"criteria"},
    ),
    # The decline reason and a pair's end reason are read by the programme engineer only: the other
    # member may have written them, and the archive must not reveal them (SPEC §3, confidentiality).
    "matching.MentorRequest": (
        lambda u: apps.get_model("matching", "MentorRequest").objects.filter(Q(mentee__user=u) | Q(mentor__user=u)),
        {"decline_reason"},
    ),
    # A question to a proposed mentor and the mentor's answer: both people read both.
    "matching.ProposalQuestion": (
        lambda u: apps.get_model("matching", "ProposalQuestion").objects.filter(Q(mentee__user=u) | Q(mentor__user=u)),
        set(),
    ),
    "sessions_binome.Pair": (
        lambda u: apps.get_model("sessions_binome", "Pair").objects.filter(Q(mentee=u) | Q(mentor=u)),
        {"end_reason"},
    ),
    "sessions_binome.PairFrame": (
        lambda u: apps.get_model("sessions_binome", "PairFrame").objects.filter(Q(pair__mentee=u) | Q(pair__mentor=u)),
        set(),
    ),
    "sessions_binome.PairObjective": (
        lambda u: apps.get_model("sessions_binome", "PairObjective").objects.filter(
            Q(pair__mentee=u) | Q(pair__mentor=u)
        ),
        set(),
    ),
    "sessions_binome.CharterSignature": (
        lambda u: apps.get_model("sessions_binome", "CharterSignature").objects.filter(user=u),
        set(),
    ),
    "sessions_binome.MentoringSession": (_sessions, set()),
    "sessions_binome.SessionChange": (
        lambda u: apps.get_model("sessions_binome", "SessionChange").objects.filter(session__in=_sessions(u)),
        set(),
    ),
    # Private notes: only their author's own, never the other member's.
    "sessions_binome.SessionNote": (
        lambda u: apps.get_model("sessions_binome", "SessionNote").objects.filter(author=u),
        set(),
    ),
    # The pair's messages: those the person wrote (what the other member wrote is theirs).
    "sessions_binome.PairMessage": (
        lambda u: apps.get_model("sessions_binome", "PairMessage").objects.filter(author=u),
        set(),
    ),
    # What the person said privately of their pair and rated of its sessions: their own only.
    "sessions_binome.FitCheck": (
        lambda u: apps.get_model("sessions_binome", "FitCheck").objects.filter(user=u),
        set(),
    ),
    "sessions_binome.SessionRating": (
        lambda u: apps.get_model("sessions_binome", "SessionRating").objects.filter(author=u),
        set(),
    ),
    # What the person takes away from a pair: their own only (the other member's is private to them).
    "sessions_binome.PairTakeaway": (
        lambda u: apps.get_model("sessions_binome", "PairTakeaway").objects.filter(author=u),
        set(),
    ),
    "sessions_binome.CalendarFeed": (
        lambda u: apps.get_model("sessions_binome", "CalendarFeed").objects.filter(user=u),
        {"token"},
    ),
    "notifications.Notification": (
        lambda u: apps.get_model("notifications", "Notification").objects.filter(user=u),
        set(),
    ),
    "notifications.NotificationPreference": (
        lambda u: apps.get_model("notifications", "NotificationPreference").objects.filter(user=u),
        set(),
    ),
    "notifications.ReminderClaim": (
        lambda u: apps.get_model("notifications", "ReminderClaim").objects.filter(recipient=u),
        set(),
    ),
    "evaluation.Response": (lambda u: apps.get_model("evaluation", "Response").objects.filter(respondent=u), set()),
    "evaluation.Answer": (
        lambda u: apps.get_model("evaluation", "Answer").objects.filter(response__respondent=u),
        set(),
    ),
    "resources.TrainingAttendance": (
        lambda u: apps.get_model("resources", "TrainingAttendance").objects.filter(user=u),
        set(),
    ),
    "audit.AuditEvent": (lambda u: apps.get_model("audit", "AuditEvent").objects.filter(actor=u), set()),
    # The link to the organisation's provider and the claims it sent at the last sign-in.
    "socialaccount.SocialAccount": (
        lambda u: apps.get_model("socialaccount", "SocialAccount").objects.filter(user=u),
        set(),
    ),
    "sso.Departure": (lambda u: apps.get_model("sso", "Departure").objects.filter(user=u), set()),
}

# Linked to a person only as the author of a programme-wide object: the object is not about them.
NOT_PERSONAL = {
    "admin.LogEntry": "the staff's own actions in the admin on reference data",
    "candidatures.RelayLink": "an organisation's application link; created_by only records the HR referent",
    "matching.MatchingRun": "a matching run of the programme; created_by/published_by record the engineer",
    "matching.Exclusion": "an engineer's working note on two applications, not a decision about the person",
    "matching.FormerMentorAllowance": "an engineer's working switch on a mentee application (a former mentor may be proposed again)",
    "sessions_binome.Charter": "a version of the programme's charter; created_by/published_by record the engineer",
    "evaluation.ReportJob": "an aggregated report; requested_by records the engineer",
    "candidatures.ImportJob": "an engineer's import of a file, deleted from the job once read; requested_by records the engineer",
    "sso.StaffListReview": "an organisation's list of active staff (its addresses are not kept); created_by/confirmed_by record the engineer or HR referent",
    "core.FormSubmission": "a technical token against double submits (path and result URL), purged after a day",
}


def _value(instance, field, hidden):
    if field.name in hidden:
        return "(non exporté)"
    if field.many_to_many:
        return [str(obj) for obj in getattr(instance, field.name).all()]
    if field.is_relation:
        related = getattr(instance, field.name)
        return str(related) if related is not None else None
    value = getattr(instance, field.attname)
    if isinstance(value, FieldFile):
        return value.name or None
    return value


def _row(instance, hidden):
    fields = [*instance._meta.concrete_fields, *instance._meta.many_to_many]
    return {f.name: _value(instance, f, hidden) for f in fields}


def person_archive(user):
    """Every row that concerns `user`, by model, ready for json.dumps(cls=DjangoJSONEncoder)."""
    archive = {}
    for label, (rows, hidden) in EXPORTED.items():
        archive[label] = [_row(instance, hidden) for instance in rows(user)]
    archive["_readme"] = (
        "Données personnelles vous concernant sur la plateforme de mentorat, au format JSON. "
        "Les notes personnelles de l'autre membre du binôme ne sont pas incluses."
    )
    return archive


__all__ = ["EXPORTED", "NOT_PERSONAL", "person_archive"]
