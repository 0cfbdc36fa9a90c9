"""Reads about applications."""

from mentorat.core.enums import ProgrammeStatus, Role

from .enums import ApplicationRole, ApplicationStatus
from .models import Application

ROLE_OF_APPLICATION = {ApplicationRole.MENTEE: Role.MENTEE, ApplicationRole.MENTOR: Role.MENTOR}


def live_applications(*, user, programme):
    """The applications that give the person a role in the programme: all but the withdrawn ones.
    `user` and `programme` may be expressions (accounts/backends.py reads them as sub-queries)."""
    return Application.objects.filter(programme=programme, user=user).exclude(status=ApplicationStatus.WITHDRAWN)


def role_giving_applications(*, user):
    """The applications that make the person a mentor or a mentee: not withdrawn, to an edition that
    is opened or archived (a participant of a closed edition keeps their pair page and certificate; an
    edition in preparation gives no role). Roles are per edition: a 2026-2027 mentee may be a
    2027-2028 mentor; pages about an object ask about that object's edition."""
    return (
        Application.objects.filter(user=user)
        .exclude(status=ApplicationStatus.WITHDRAWN)
        .exclude(programme__status=ProgrammeStatus.PREPARATION)
    )


def application_roles_for_user(user):
    """Mentor / mentee roles given by the person's applications (`role_giving_applications`)."""
    roles = role_giving_applications(user=user).values_list("role", flat=True).distinct()
    return {ROLE_OF_APPLICATION[role] for role in roles}


def applications_for_user(user, programme):
    return (
        Application.objects.filter(user=user, programme=programme)
        .select_related("track", "organisation")
        .order_by("role")
    )


def applications_for_organisations(programme, organisation_ids):
    return (
        Application.objects.filter(programme=programme, organisation_id__in=organisation_ids)
        .select_related("user", "track", "organisation")
        .order_by("-submitted_at", "-created_at")
    )


def applications_filtered(programme, filters):
    """The engineer's list: `filters` is the cleaned ApplicationFilterForm data."""
    from django.db.models import Q

    queryset = Application.objects.filter(programme=programme).select_related("user", "track", "organisation__branch")
    if filters.get("track"):
        queryset = queryset.filter(track__code=filters["track"])
    if filters.get("role"):
        queryset = queryset.filter(role=filters["role"])
    if filters.get("status"):
        queryset = queryset.filter(status=filters["status"])
    if filters.get("organisation"):
        queryset = queryset.filter(organisation=filters["organisation"])
    if filters.get("branch"):
        queryset = queryset.filter(organisation__branch__code=filters["branch"])
    if filters.get("q"):
        q = filters["q"].strip()
        queryset = queryset.filter(
            Q(user__email__icontains=q) | Q(user__last_name__icontains=q) | Q(user__first_name__icontains=q)
        )
    return queryset.order_by("user__last_name", "user__first_name", "role")


def counts_by_role_and_track(queryset):
    """[(role label, {track code: n}, total)] in one query."""
    from django.db.models import Count

    rows = queryset.values("role", "track__code").annotate(n=Count("id")).order_by()
    table = {}
    for row in rows:
        table.setdefault(row["role"], {})[row["track__code"]] = row["n"]
    return table


def counts_by_status(queryset):
    from django.db.models import Count

    rows = queryset.values("status").annotate(n=Count("id")).order_by()
    return {row["status"]: row["n"] for row in rows}


def invitations_with_status(programme, organisation):
    """The organisation's invitations, each marked `applied` when the address has submitted an
    application to the programme and `opted_out` when it asked not to be invited again (three
    queries whatever the number of rows)."""
    from .models import Invitation, InvitationOptOut

    invitations = list(
        Invitation.objects.filter(programme=programme, organisation=organisation).order_by("-last_sent_at")
    )
    emails = [invitation.email for invitation in invitations]
    applied = set(
        Application.objects.filter(programme=programme, user__email__in=emails, submitted_at__isnull=False).values_list(
            "user__email", flat=True
        )
    )
    opted_out = set(InvitationOptOut.objects.filter(email__in=emails).values_list("email", flat=True))
    for invitation in invitations:
        invitation.applied = invitation.email in applied
        invitation.opted_out = invitation.email in opted_out
    return invitations


def opt_outs_of_organisation(organisation):
    """The addresses that asked, from one of the organisation's invitations, not to be invited again."""
    from .models import InvitationOptOut

    return (
        InvitationOptOut.objects.filter(organisation=organisation)
        .select_related("invited_by")
        .order_by("-created_at", "email")
    )


def previous_application(user, programme, role):
    """The person's most recent application to an earlier edition than `programme`, for `role` if
    there is one, else for the other role; None for a first-time applicant. Earlier means an earlier
    start date, so that an edition being prepared never reads from one that starts after it."""
    earlier = (
        Application.objects.filter(user=user, programme__starts_on__lt=programme.starts_on)
        .select_related("programme", "track")
        .prefetch_related("themes")
        .order_by("-programme__starts_on", "-created_at")
    )
    same_role = earlier.filter(role=role).first()
    return same_role if same_role is not None else earlier.first()
