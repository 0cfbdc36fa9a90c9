"""What every reminder selector shares: the `Target` it yields, the filter on the object's edition,
and when each person's last digest went."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Max, Q

from candidatures.enums import ApplicationStatus
from mentorat.core.enums import ProgrammeStatus
from sessions_binome.selectors import AT_RISK_AFTER  # noqa: F401 (re-exported: the reminders count from it)

from .. import timing
from ..enums import HANDED
from ..models import ReminderClaim

HR_DIGEST_HOUR = 9
ENGINEER_DIGEST_HOUR = 9
# Live applications: a withdrawn applicant gets nothing more.
LIVE = ~Q(status=ApplicationStatus.WITHDRAWN)


@dataclass(frozen=True)
class Target:
    """An object in a situation that calls for reminders. `anchor` is what the steps count from;
    `key` tells apart two series on the same object (the anchor moved: another week, another
    session time, waiting again); steps due before `since` are not for this object (it was not in
    that situation yet); `person` is the one recipient when the target is per person; `end` is what
    steps with `from_end` count back from."""

    obj: Any
    anchor: datetime.datetime
    key: str = ""
    since: datetime.datetime | None = None
    person: Any = None
    end: datetime.datetime | None = None  # a second anchor, for steps counted back from a closing


def opened_edition(path="programme"):
    """The object's edition (reached through `path`) is opened: reminders run for every opened
    edition, each by its own dates, and never for one in preparation (nobody works in it yet) or
    archived (it is over)."""
    return Q(**{f"{path}__status": ProgrammeStatus.LIVE})


def moment_key(moment):
    return timing.local(moment).strftime("%Y-%m-%dT%H:%M")


def only_these(queryset, only):
    return queryset if only is None else queryset.filter(pk__in=only)


def last_digests(kind_code, recipient=None):
    """{recipient id: when their last digest of this kind went}."""
    claims = ReminderClaim.objects.filter(kind=kind_code, status__in=HANDED)
    if recipient is not None:
        claims = claims.filter(recipient=recipient)
    rows = claims.values("recipient_id").annotate(last=Max("sent_at")).order_by()
    return {row["recipient_id"]: row["last"] for row in rows}
