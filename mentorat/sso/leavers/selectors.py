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


def open_pairs_of(user):
    return list(
        Pair.objects.filter(Q(mentee=user) | Q(mentor=user), status__in=OPEN_PAIR_STATUSES)
        .select_related("mentee", "mentor", "programme")
        .order_by("created_at")
    )


def departure_consequences(user):
    consequences = Consequences(user=user)
    for pair in open_pairs_of(user):
        consequences.pairs.append((pair, pair.mentor if pair.mentee_id == user.pk else pair.mentee))
    consequences.applications = list(
        Application.objects.filter(user=user, status__in=OPEN_APPLICATION_STATUSES).select_related("programme")
    )
    pending = MentorRequest.objects.filter(status=RequestStatus.PENDING).select_related("mentee__user", "mentor__user")
    consequences.requests_sent = list(pending.filter(mentee__user=user))
    consequences.requests_received = list(pending.filter(mentor__user=user))
    return consequences
