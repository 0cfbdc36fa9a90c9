"""Demo data of a second edition: 2027-2028, prepared by the engineer from 2026-2027 and still in
preparation (so 2026-2027 stays the edition everyone works in), and the demo mentor's draft
application to it, started from their 2026-2027 application.

Found by slug and by (programme, person, role): a second run writes nothing.
"""

import datetime
from zoneinfo import ZoneInfo

from mentorat.core.models import Programme
from mentorat.core.services import CREATED, upsert

from .services import CHARTER_COPY, programme_prepare_next

PARIS = ZoneInfo("Europe/Paris")
NEXT_SLUG = "2027-2028"
NEXT_EDITION = {
    "slug": NEXT_SLUG,
    "name": "Programme de mentorat 2027-2028",
    "call_opens_at": datetime.datetime(2027, 7, 1, 0, 0, tzinfo=PARIS),
    "call_closes_at": datetime.datetime(2027, 9, 12, 23, 59, 59, tzinfo=PARIS),
    "starts_on": datetime.date(2027, 10, 15),
    "ends_on": datetime.date(2028, 5, 15),
    "evaluation_ends_on": datetime.date(2028, 6, 30),
}
PREPARED_AT = datetime.datetime(2026, 11, 30, 10, 0, tzinfo=PARIS)
DRAFT_STARTED_AT = datetime.datetime(2026, 12, 1, 18, 30, tzinfo=PARIS)


def _returning_mentor_draft(source, programme, mentor_email):
    from candidatures.enums import ApplicationRole, ApplicationStatus
    from candidatures.forms import initial_from_previous
    from candidatures.models import Application
    from candidatures.services import ACK_FIELDS

    previous = (
        Application.objects.filter(programme=source, user__email=mentor_email, role=ApplicationRole.MENTOR)
        .select_related("track")
        .first()
    )
    if previous is None:
        return None
    # The form's own pre-fill; the commitments are not carried over: the mentor ticked them again
    # when starting the draft.
    initial = initial_from_previous(previous, role=ApplicationRole.MENTOR, programme=programme)
    wanted = set(initial.pop("themes"))
    initial["organisation"] = previous.organisation
    initial["track"] = programme.tracks.get(pk=initial["track"])
    draft, state = upsert(
        Application,
        lookup={"programme": programme, "user_id": previous.user_id, "role": ApplicationRole.MENTOR},
        values={
            **initial,
            **dict.fromkeys(ACK_FIELDS, True),
            "status": ApplicationStatus.DRAFT,
            "data_consent_at": DRAFT_STARTED_AT,
        },
    )
    if state == CREATED:
        Application.objects.filter(pk=draft.pk).update(created_at=DRAFT_STARTED_AT, updated_at=DRAFT_STARTED_AT)
    if set(draft.themes.values_list("pk", flat=True)) != wanted:
        draft.themes.set(wanted)
    return draft


def editions_demo_load(source, *, engineer, returning_mentor_email):
    """The 2027-2028 edition in preparation (prepared once, through the engineer's service) and the
    returning mentor's draft; returns the edition."""
    programme = Programme.objects.filter(slug=NEXT_SLUG).first()
    if programme is None:
        programme = programme_prepare_next(
            source=source, by=engineer, charter=CHARTER_COPY, now=PREPARED_AT, **NEXT_EDITION
        )
    _returning_mentor_draft(source, programme, returning_mentor_email)
    return programme
