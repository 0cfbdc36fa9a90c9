"""Reads about pairs and sessions: the pair's progress, and the follow-up lists of HR referents and
of the programme engineer (progress only, never content)."""

import datetime

from django.db.models import Count, DateTimeField, Max, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from mentorat.core.models import Organisation

from .enums import OPEN_PAIR_STATUSES, NoteKind, PairStatus, SessionStatus
from .models import MentoringSession, Pair
from .selectors_frame import charter_signed_on, frame_progress

SESSIONS_TARGET_MIN = 6
SESSIONS_TARGET_MAX = 8
INACTIVE_AFTER = datetime.timedelta(days=45)
# The engineer is alerted, and the pair shows as "à risque", after this long without a held session.
AT_RISK_AFTER = datetime.timedelta(days=60)


def pair_progress(pair, sessions, *, now=None):
    """Counts for the pair's page, computed from the already loaded `sessions`."""
    now = now or timezone.now()
    held = [s for s in sessions if s.status == SessionStatus.HELD]
    upcoming = [s for s in sessions if s.status == SessionStatus.PLANNED and s.starts_at > now]
    to_log = [s for s in sessions if s.status == SessionStatus.PLANNED and s.starts_at <= now]
    frame = getattr(pair, "frame", None)
    end = frame.ends_on if frame is not None else pair.programme.ends_on
    today = timezone.localdate(now)
    months_left = max(0, (end.year - today.year) * 12 + end.month - today.month - (1 if end.day < today.day else 0))
    if pair.status not in OPEN_PAIR_STATUSES:
        months_left = 0
    return {
        "held": len(held),
        "minutes": sum(s.actual_duration_minutes or 0 for s in held),
        "target_min": SESSIONS_TARGET_MIN,
        "target_max": SESSIONS_TARGET_MAX,
        "percent": min(100, round(100 * len(held) / SESSIONS_TARGET_MIN)),
        "next": upcoming[0] if upcoming else None,
        "to_log": to_log,
        "months_left": months_left,
        "last_held": held[-1].starts_at if held else None,
    }


def pairs_of_application(application):
    """The pairs formed from one application (as mentee or as mentor), latest first."""
    return (
        Pair.objects.filter(Q(mentee_application=application) | Q(mentor_application=application))
        .select_related("mentee", "mentor")
        .order_by("-created_at")
    )


def pairs_of_member(user):
    return (
        Pair.objects.filter(Q(mentee=user) | Q(mentor=user))
        .select_related("mentee", "mentor", "track")
        .order_by("-created_at")
    )


# --- follow-up (HR referents and programme engineer) -------------------------------------------


# What the follow-up lists and their CSV show of a pair: loading nothing else keeps 50 rows cheap.
FOLLOW_UP_FIELDS = (
    "programme_id",
    "status",
    "activated_at",
    "created_at",
    "track__code",
    "mentee__first_name",
    "mentee__last_name",
    "mentor__first_name",
    "mentor__last_name",
    "mentee_organisation__code",
    "mentor_organisation__code",
)


def last_activity():
    """The pair's last held session, else its activation, as an expression on Pair: what the rules of
    inactivity count from (the follow-up's alert, the reminders, the pairs at risk)."""
    held = MentoringSession.objects.filter(pair=OuterRef("pk"), status=SessionStatus.HELD).order_by("-starts_at")
    return Coalesce(Subquery(held.values("starts_at")[:1]), "activated_at", output_field=DateTimeField())


def held_sessions_count():
    """The number of the pair's held sessions, as an expression on Pair (a list sorted on it)."""
    held = (
        MentoringSession.objects.filter(pair=OuterRef("pk"), status=SessionStatus.HELD)
        .order_by()
        .values("pair")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(held), 0)


def last_held_session():
    """The start of the pair's last held session (None without one), as an expression on Pair."""
    held = MentoringSession.objects.filter(pair=OuterRef("pk"), status=SessionStatus.HELD).order_by("-starts_at")
    return Subquery(held.values("starts_at")[:1], output_field=DateTimeField())


def _session_counts(pair_ids, now):
    """{pair id: {held, planned, minutes, last_held}} of these pairs."""
    held = Q(status=SessionStatus.HELD)
    rows = (
        MentoringSession.objects.filter(pair__in=pair_ids)
        .values("pair")
        .annotate(
            held=Count("pk", filter=held),
            planned=Count("pk", filter=Q(status=SessionStatus.PLANNED, starts_at__gt=now)),
            minutes=Sum("actual_duration_minutes", filter=held),
            last_held=Max("starts_at", filter=held),
        )
        .order_by()
    )
    return {row["pair"]: row for row in rows}


def _frame_status(pair_ids):
    """({pair id: (signature count, last signed at)}, {pair ids whose frame both members confirmed}),
    in one query: the pairs joined to their frame and signatures."""
    rows = (
        Pair.objects.filter(pk__in=pair_ids)
        .values_list("pk", "frame__mentee_confirmed_at", "frame__mentor_confirmed_at")
        .annotate(n=Count("charter_signatures"), last=Max("charter_signatures__signed_at"))
        .order_by()
    )
    signatures, confirmed = {}, set()
    for pk, mentee_confirmed_at, mentor_confirmed_at, n, last in rows:
        signatures[pk] = (n, last)
        if mentee_confirmed_at and mentor_confirmed_at:
            confirmed.add(pk)
    return signatures, confirmed


def follow_up_rows(pairs, now=None):
    """The pairs of `pairs` (a queryset), in its order, with what the follow-up lists and their CSV
    show: the members, the organisations' codes, the counts of sessions and the charter's progress
    (then `with_alerts`). Three queries whatever the number of pairs: the pairs with their members,
    track and organisations, then the sessions, and the frames and signatures, of all of them grouped
    by pair. Nine correlated sub-queries in one statement took three times as long for a page of 50
    (benchmarks/README.md)."""
    now = now or timezone.now()
    rows = list(
        pairs.select_related("track", "mentee", "mentor", "mentee_organisation", "mentor_organisation").only(
            *FOLLOW_UP_FIELDS
        )
    )
    if not rows:
        return rows
    pair_ids = [row.pk for row in rows]
    counts = _session_counts(pair_ids, now)
    signatures, confirmed = _frame_status(pair_ids)
    for pair in rows:
        count = counts.get(pair.pk, {})
        pair.sessions_held = count.get("held", 0)
        pair.sessions_planned = count.get("planned", 0)
        pair.minutes_held = count.get("minutes") or 0
        pair.last_held = count.get("last_held")
        pair.last_activity = pair.last_held or pair.activated_at  # the rule of last_activity()
        pair.signature_count, pair.last_signed_at = signatures.get(pair.pk, (0, None))
        pair.frame_confirmed = pair.pk in confirmed
        pair.mentee_organisation_code = pair.mentee_organisation.code
        pair.mentor_organisation_code = pair.mentor_organisation.code
    return rows


def with_alerts(pairs, now=None):
    """Mark each pair of `follow_up_rows` with `.alerts` (list of French labels) and `.status_label`,
    in Python: no query."""
    from django.utils.translation import gettext as _

    now = now or timezone.now()
    # The statuses' labels, translated once: get_status_display() builds its dictionary at each call.
    status_labels = {value: str(label) for value, label in PairStatus.choices}
    for pair in pairs:
        pair.status_label = status_labels[pair.status]
        alerts = []
        if pair.status == PairStatus.FRAME:
            alerts.append(_("charte non signée"))
        if pair.status == PairStatus.ACTIVE and pair.last_activity and pair.last_activity < now - INACTIVE_AFTER:
            alerts.append(_("aucune séance tenue depuis 45 jours"))
        pair.alerts = alerts
        # From the signatures and frames read by follow_up_rows: no query per row.
        pair.charter_status = frame_progress(pair)
        pair.charter_signed_on = charter_signed_on(pair)
    return pairs


ALERT_CHOICES = [("inactive", "inactive"), ("unsigned", "unsigned"), ("any", "any")]


def _member_from(organisations):
    """Pairs with a member from `organisations` (ids, or a queryset of organisations): an IN on each
    of the pair's two copied organisation columns, each indexed (an OR over the two applications
    joined could use no index)."""
    return Q(mentee_organisation__in=organisations) | Q(mentor_organisation__in=organisations)


def follow_up_queryset(*, programme, filters=None, organisation_ids=None, now=None):
    """Pairs of the programme that the filters keep, in the lists' order: narrow, with only what the
    filters and the sort need, for the page's keys and the count. `follow_up_rows` adds what the lists
    show; `organisation_ids` restricts to pairs with a member from those organisations (HR referents)."""
    now = now or timezone.now()
    filters = filters or {}
    queryset = Pair.objects.filter(programme=programme)
    if organisation_ids is not None:
        queryset = queryset.filter(_member_from(list(organisation_ids)))
    if filters.get("track"):
        queryset = queryset.filter(track__code=filters["track"])
    if filters.get("status"):
        queryset = queryset.filter(status=filters["status"])
    if filters.get("organisation"):
        queryset = queryset.filter(_member_from([filters["organisation"].pk]))
    if filters.get("branch"):
        queryset = queryset.filter(
            _member_from(Organisation.objects.filter(branch__code=filters["branch"]).values("pk"))
        )
    if filters.get("q"):
        text = filters["q"]
        queryset = queryset.filter(
            Q(mentee__last_name__icontains=text)
            | Q(mentor__last_name__icontains=text)
            | Q(mentee__email__icontains=text)
            | Q(mentor__email__icontains=text)
        )
    alert = filters.get("alert")
    if alert in ("inactive", "any"):
        queryset = queryset.annotate(last_activity=last_activity())
    inactive = Q(status=PairStatus.ACTIVE, last_activity__lt=now - INACTIVE_AFTER)
    unsigned = Q(status=PairStatus.FRAME)
    if alert == "inactive":
        queryset = queryset.filter(inactive)
    elif alert == "unsigned":
        queryset = queryset.filter(unsigned)
    elif alert == "any":
        queryset = queryset.filter(inactive | unsigned)
    return queryset.order_by("mentee__last_name", "mentee__first_name", "pk")


def open_pairs_count(programme):
    return Pair.objects.filter(programme=programme, status__in=OPEN_PAIR_STATUSES).count()


def session_categories(pair):
    """What the engineer may see of a pair's sessions: dates, statuses, durations and themes as
    categories — never agenda nor notes."""
    return (
        MentoringSession.objects.filter(pair=pair)
        .only("pk", "pair_id", "starts_at", "status", "duration_minutes", "actual_duration_minutes")
        .prefetch_related("themes")
        .order_by("starts_at")
    )


def private_note_kinds_for(user, pair):
    if user.pk == pair.mentor_id:
        return [NoteKind.MENTOR_PRIVATE]
    if user.pk == pair.mentee_id:
        return [NoteKind.MENTEE_PREPARATION, NoteKind.MENTEE_REFLECTION]
    return []
