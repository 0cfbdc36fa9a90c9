"""Who is a leaver, and what their departure would end (read only: the preview shows it)."""

from dataclasses import dataclass, field

from django.db.models import Q

from candidatures.enums import ApplicationStatus
from candidatures.models import Application
from matching.enums import RequestStatus
from matching.models import MentorRequest
from mentorat.accounts.models import User
from sessions_binome.enums import OPEN_PAIR_STATUSES
from sessions_binome.models import Pair

OPEN_APPLICATION_STATUSES = (ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED, ApplicationStatus.VALIDATED)


def leaver_candidates(*, organisation, active_emails, uploader):
    """(to deactivate, kept) among the organisation's active members absent from the list.

    Kept, and shown as such: the person uploading (no one locks themselves out), the platform's
    administrators (their access is managed in the admin) and programme engineers (an HR referent must
    not be able to lock the programme's pilots out)."""
    absent = (
        User.objects.filter(organisation=organisation, is_active=True)
        .exclude(email__in=[e.lower() for e in active_emails])
        .order_by("last_name", "first_name", "email")
    )
    leavers, kept = [], []
    for user in absent:
        protected = user.is_staff or user.is_superuser or user.is_programme_engineer or user.pk == uploader.pk
        (kept if protected else leavers).append(user)
    return leavers, kept


@dataclass
class Consequences:
    """What a person's departure ends, in every edition."""

    user: User
    pairs: list = field(default_factory=list)  # (pair, partner)
    applications: list = field(default_factory=list)
    requests_sent: list = field(default_factory=list)  # as mentee, waiting for a mentor
    requests_received: list = field(default_factory=list)  # as mentor, waiting for their answer

    @property
    def requests_count(self):
        return len(self.requests_sent) + len(self.requests_received)


def departures_consequences(users):
    """What the departure of each of `users` would end, in the users' order: four queries whatever
    their number (the preview lists a whole organisation's leavers)."""
    by_id = {user.pk: Consequences(user=user) for user in users}
    if not by_id:
        return []
    ids = list(by_id)
    pairs = (
        Pair.objects.filter(Q(mentee__in=ids) | Q(mentor__in=ids), status__in=OPEN_PAIR_STATUSES)
        .select_related("mentee", "mentor", "programme")
        .order_by("created_at", "pk")
    )
    for pair in pairs:
        # Both members may be leavers: the pair is on each one's row.
        for member, partner in ((pair.mentee, pair.mentor), (pair.mentor, pair.mentee)):
            if member.pk in by_id:
                by_id[member.pk].pairs.append((pair, partner))
    applications = Application.objects.filter(user__in=ids, status__in=OPEN_APPLICATION_STATUSES).select_related(
        "programme"
    )
    for application in applications.order_by("pk"):
        by_id[application.user_id].applications.append(application)
    pending = MentorRequest.objects.filter(status=RequestStatus.PENDING).select_related("mentee__user", "mentor__user")
    for mentor_request in pending.filter(mentee__user__in=ids).order_by("pk"):
        by_id[mentor_request.mentee.user_id].requests_sent.append(mentor_request)
    for mentor_request in pending.filter(mentor__user__in=ids).order_by("pk"):
        by_id[mentor_request.mentor.user_id].requests_received.append(mentor_request)
    return [by_id[user.pk] for user in users]


def departure_consequences(user):
    return departures_consequences([user])[0]
