"""Reads of the library and of the mentors' training."""

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from candidatures.enums import ApplicationRole, ApplicationStatus
from candidatures.models import Application
from mentorat.accounts.models import User

from .enums import AgendaStage
from .models import Resource, TrainingAttendance, TrainingSession
from .perms import audiences_for, edition_audiences


def resources_for_user(user, editions):
    """The published resources the person may read among those of every edition and those of
    `editions` (`perms.edition_audiences`), in library order."""
    readable = Q(programme__isnull=True, audience__in=audiences_for(user))
    for edition_id, audiences in edition_audiences(user, editions).items():
        readable |= Q(programme_id=edition_id, audience__in=audiences)
    return (
        Resource.objects.filter(readable, published=True)
        .select_related("programme")
        .order_by("position", "title", "pk")
    )


def agenda_templates(programme):
    """{stage: resource} of the published agenda templates that apply to `programme`, in stage
    order: the edition's own template of a stage wins over the one for every edition."""
    rows = Resource.objects.filter(published=True).exclude(agenda_stage="")
    rows = rows.filter(Q(programme=programme) | Q(programme__isnull=True)).order_by("position", "pk")
    found = {}
    for resource in rows:
        current = found.get(resource.agenda_stage)
        if current is None or (current.programme_id is None and resource.programme_id is not None):
            found[resource.agenda_stage] = resource
    return {stage: found[stage] for stage in AgendaStage.values if stage in found}


def resources_for_management(programme):
    """The resources of `programme` and those of every edition, drafts included."""
    return (
        Resource.objects.filter(Q(programme__isnull=True) | Q(programme=programme))
        .select_related("programme")
        .order_by("position", "title", "pk")
    )


def training_sessions(programme=None):
    """The programme's sessions (every edition's without one), each with `attended_count`."""
    sessions = (
        TrainingSession.objects.all() if programme is None else TrainingSession.objects.filter(programme=programme)
    )
    return sessions.annotate(attended_count=Count("attendances", filter=Q(attendances__attended=True))).order_by(
        "starts_at", "pk"
    )


def upcoming_training_sessions(programme, *, now=None, limit=3):
    return list(
        TrainingSession.objects.filter(programme=programme, starts_at__gte=now or timezone.now()).order_by("starts_at")[
            :limit
        ]
    )


def _attended(programme):
    return TrainingAttendance.objects.filter(session__programme=programme, attended=True)


def training_attended(user, programme):
    """The first session of `programme` the person attended, or None."""
    attendance = _attended(programme).filter(user=user).select_related("session").order_by("session__starts_at").first()
    return attendance.session if attendance else None


def mentor_is_trained(user, programme):
    """A mentor is trained once recorded present at one training session of the programme."""
    return _attended(programme).filter(user=user).exists()


def untrained_mentors(programme, mentor_ids):
    """The people among `mentor_ids` (user ids: a list or a values() queryset) who attended no
    training session of `programme`, by name."""
    return (
        User.objects.filter(pk__in=mentor_ids)
        .exclude(pk__in=_attended(programme).values("user_id"))
        .select_related("organisation")
        .order_by("last_name", "first_name", "pk")
    )


def validated_mentors(programme):
    """The programme's validated mentor applications, each with `is_trained` (one query)."""
    return (
        Application.objects.filter(programme=programme, role=ApplicationRole.MENTOR, status=ApplicationStatus.VALIDATED)
        .select_related("user", "organisation", "track")
        .annotate(is_trained=Exists(_attended(programme).filter(user_id=OuterRef("user_id"))))
        .order_by("user__last_name", "user__first_name", "pk")
    )


def attendance_by_key(sessions, user_ids):
    """{(session id, user id): TrainingAttendance} for these sessions and people (one query)."""
    rows = TrainingAttendance.objects.filter(session__in=sessions, user_id__in=user_ids)
    return {(row.session_id, row.user_id): row for row in rows}


def mentor_training_summary(user, programme, *, now=None):
    """What a mentor's dashboard shows: the session attended, or else the next ones."""
    attended = training_attended(user, programme)
    return {
        "attended": attended,
        "upcoming": [] if attended else upcoming_training_sessions(programme, now=now),
    }


def untrained_mentors_warning(programme, mentor_ids, *, shown=30):
    """The untrained people among `mentor_ids` for a warning: the first `shown` by name and the count."""
    queryset = untrained_mentors(programme, mentor_ids)
    return {"mentors": list(queryset[:shown]), "count": queryset.count()}
