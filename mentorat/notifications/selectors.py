"""Reads for reminders: who is in a situation that calls for a reminder (one selector per kind of the
catalogue), and what the notification pages and the engineer's page show.

Each reminder selector takes `now` and optionally `only` (object ids) and yields `Target`s. Its
filter IS the kind's stop condition: the scan runs it again for the one object inside the claim's
transaction, so a reminder whose situation ended (application submitted, session cancelled, pair
ended...) is not sent. The selectors of the kinds with one target per person (the HR digest, the
questionnaires) also take `person`, to yield that person's target only: the check at send time
then reads one person, not all of them again for each reminder.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, Max, Min, OuterRef, Q
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from candidatures.enums import ApplicationRole, ApplicationStatus
from candidatures.models import Application
from matching.enums import RequestStatus, RunStatus
from matching.models import MentorRequest
from matching.selectors import open_choices_of_mentees
from mentorat.accounts.models import User
from mentorat.core.enums import ProgrammeStatus
from mentorat.core.models import Programme
from sessions_binome.enums import OPEN_PAIR_STATUSES, PairStatus, SessionStatus
from sessions_binome.models import MentoringSession, Pair
from sessions_binome.selectors import INACTIVE_AFTER, last_activity

from . import timing
from .enums import HANDED, ClaimStatus
from .models import Notification, ReminderClaim, ReminderScan

# The engineer is alerted, and the pair shows as "à risque", after this long without a held session.
AT_RISK_AFTER = datetime.timedelta(days=60)
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


def moment_key(moment):
    return timing.local(moment).strftime("%Y-%m-%dT%H:%M")


def _only(queryset, only):
    return queryset if only is None else queryset.filter(pk__in=only)


# --- the call for applications -----------------------------------------------------------------


def drafts_before_closing(now, only=None):
    """Draft applications of a call still open (submitted or withdrawn ones are not drafts)."""
    drafts = Application.objects.filter(
        status=ApplicationStatus.DRAFT, programme__call_opens_at__lte=now, programme__call_closes_at__gt=now
    ).exclude(programme__status=ProgrammeStatus.PREPARATION)  # an unopened edition's call is not open
    drafts = drafts.select_related("user", "programme", "track")
    for application in _only(drafts, only):
        yield Target(application, anchor=application.programme.call_closes_at, since=application.created_at)


def hr_digest_news(programme, organisation_ids, since, now):
    """What is new for these organisations since `since`: per organisation, applications started,
    submitted and withdrawn, and how many wait for a decision. Counts only, never content."""
    changed = Application.objects.filter(programme=programme, organisation_id__in=organisation_ids).filter(
        Q(created_at__gt=since, created_at__lte=now)
        | Q(submitted_at__gt=since, submitted_at__lte=now)
        | Q(withdrawn_at__gt=since, withdrawn_at__lte=now)
    )
    rows = {}
    for organisation_id, name, created, submitted, withdrawn in changed.values_list(
        "organisation_id", "organisation__name", "created_at", "submitted_at", "withdrawn_at"
    ):
        row = rows.setdefault(
            organisation_id, {"name": name, "started": 0, "submitted": 0, "withdrawn": 0, "to_review": 0}
        )
        row["started"] += since < created <= now
        row["submitted"] += bool(submitted and since < submitted <= now)
        row["withdrawn"] += bool(withdrawn and since < withdrawn <= now)
    if rows:
        waiting = (
            Application.objects.filter(
                programme=programme, organisation_id__in=rows, status=ApplicationStatus.SUBMITTED
            )
            .values("organisation_id")
            .annotate(n=Count("id"))
            .order_by()
        )
        for row in waiting:
            rows[row["organisation_id"]]["to_review"] = row["n"]
    return sorted(rows.values(), key=lambda row: row["name"])


def _last_digests(kind_code, recipient=None):
    """{referent id: when their last digest went}."""
    claims = ReminderClaim.objects.filter(kind=kind_code, status__in=HANDED)
    if recipient is not None:
        claims = claims.filter(recipient=recipient)
    rows = claims.values("recipient_id").annotate(last=Max("sent_at")).order_by()
    return {row["recipient_id"]: row["last"] for row in rows}


def hr_digest_since(programme, referent):
    """The start of what a referent's next digest covers: their last digest, else the call's opening."""
    last = _last_digests("hr-digest", recipient=referent).get(referent.pk)
    return max(filter(None, [last, programme.call_opens_at]))


def hr_digests(now, only=None, person=None):
    """One digest per HR referent on Mondays from 9:00 to 20:00 while the call is open, when something
    is new for their organisations since their last digest (or since the call opened)."""
    monday = timing.monday_of(now, HR_DIGEST_HOUR)
    if not monday <= now < timing.at(timing.local(monday).date(), timing.OPEN_UNTIL):
        return
    programmes = Programme.objects.filter(call_opens_at__lte=monday, call_closes_at__gt=now).exclude(
        status=ProgrammeStatus.PREPARATION
    )
    programmes = _only(programmes, only)
    referents = User.objects.filter(is_active=True, hr_organisations__isnull=False)
    if person is not None:
        referents = referents.filter(pk=person.pk)
    referents = list(referents.distinct().prefetch_related("hr_organisations"))
    last = _last_digests("hr-digest") if referents else {}
    week = timing.local(monday).strftime("%G-W%V")
    for programme in programmes:
        changed = _last_change_per_organisation(programme, now) if referents else {}
        for referent in referents:
            since = max(filter(None, [last.get(referent.pk), programme.call_opens_at]))
            if any(changed.get(organisation.pk, since) > since for organisation in referent.hr_organisations.all()):
                yield Target(programme, anchor=monday, key=week, person=referent)


# --- the engineer's alerts ----------------------------------------------------------------------


def _alert_claims(steps):
    """The claims sent of these engineer alert steps [(kind, step)]."""
    alerts = Q(pk__in=[])
    for kind, step in steps:
        alerts |= Q(kind=kind.code) & (Q(occurrence=step.code) | Q(occurrence__startswith=f"{step.code}@"))
    return ReminderClaim.objects.filter(alerts, status__in=HANDED)


def engineer_digest_since(engineer):
    """When the engineer's last digest went (None before the first): the next one covers what came after."""
    return _last_digests("engineer-digest", recipient=engineer).get(engineer.pk)


def engineer_alerts(engineer, since, now, steps):
    """{(kind code, step code): [{"title", "url"}]} of the alerts sent to the engineer after `since` and
    by `now`, oldest first, as their in-app notifications say them (one query)."""
    claims = _alert_claims(steps).filter(recipient=engineer, sent_at__lte=now)
    if since is not None:
        claims = claims.filter(sent_at__gt=since)
    notifications = Notification.objects.filter(claim__in=claims).order_by("created_at", "pk")
    alerts = {}
    for kind, occurrence, title, url in notifications.values_list("claim__kind", "claim__occurrence", "title", "url"):
        alerts.setdefault((kind, occurrence.split("@", 1)[0]), []).append({"title": title, "url": url})
    return alerts


def engineer_digests(now, only=None, person=None):
    """One digest per programme engineer each working day from 9:00 to 20:00 Paris, when alerts came
    since their last digest: a national edition can raise hundreds a day, one email each would bury them."""
    from .catalogue import digest_steps  # the catalogue imports this module

    day = timing.local(now).date()
    start = timing.at(day, datetime.time(ENGINEER_DIGEST_HOUR))
    if not (timing.is_working_day(day) and start <= now < timing.at(day, timing.OPEN_UNTIL)):
        return
    engineers = _only(User.objects.filter(is_active=True, is_programme_engineer=True), only)
    if person is not None:
        engineers = engineers.filter(pk=person.pk)
    engineers = list(engineers.order_by("pk"))
    if not engineers:
        return
    newest = dict(
        _alert_claims(digest_steps())
        .filter(recipient__in=engineers, sent_at__lte=now)
        .values("recipient_id")
        .annotate(last=Max("sent_at"))
        .order_by()
        .values_list("recipient_id", "last")
    )
    last = _last_digests("engineer-digest")
    for engineer in engineers:
        alert, digest = newest.get(engineer.pk), last.get(engineer.pk)
        if alert is not None and (digest is None or alert > digest):
            yield Target(engineer, anchor=start, key=day.isoformat(), person=engineer)


def _last_change_per_organisation(programme, now):
    """{organisation id: the last application started, submitted or withdrawn by `now`}, one query for
    all referents: a referent has news (`hr_digest_news` is not empty) when, for one of their
    organisations, it is after their last digest."""
    rows = (
        Application.objects.filter(programme=programme)
        .values("organisation_id")
        .annotate(
            created=Max("created_at", filter=Q(created_at__lte=now)),
            submitted=Max("submitted_at", filter=Q(submitted_at__lte=now)),
            withdrawn=Max("withdrawn_at", filter=Q(withdrawn_at__lte=now)),
        )
        .order_by()
    )
    changed = {}
    for row in rows:
        moments = [moment for moment in (row["created"], row["submitted"], row["withdrawn"]) if moment is not None]
        if moments:
            changed[row["organisation_id"]] = max(moments)
    return changed


# --- matching: proposals and requests ------------------------------------------------------------


def mentees_waiting_for_choice(now, only=None):
    """Validated mentees in front of published proposals, with no open pair nor pending request. The
    anchor is when they got there: the publication, or their last request answered, or the end of
    their pair, whichever is last."""
    mentees = (
        Application.objects.filter(
            role=ApplicationRole.MENTEE,
            status=ApplicationStatus.VALIDATED,
            programme__ends_on__gte=timing.local(now).date(),
        )
        .exclude(pairs_as_mentee__status__in=OPEN_PAIR_STATUSES)
        .exclude(requests_sent__status=RequestStatus.PENDING)
        .annotate(
            published=Max(
                "proposals_received__run__published_at", filter=Q(proposals_received__run__status=RunStatus.PUBLISHED)
            ),
            last_answer=Max("requests_sent__answered_at"),
            last_end=Max("pairs_as_mentee__ended_at"),
        )
        .filter(published__isnull=False)
        .select_related("user", "programme")
    )
    for mentee in _only(mentees, only):
        since = max(filter(None, [mentee.published, mentee.last_answer, mentee.last_end]))
        yield Target(mentee, anchor=since, key=moment_key(since), since=since)


def mentees_with_open_choice(mentees):
    """The ids of the mentees with at least one proposed mentor they can still choose: a place left,
    still validated, who did not refuse and was never their mentor. Nobody is asked to choose among
    nothing. Four queries for the whole batch."""
    mentee_ids = {mentee.pk for mentee in mentees}
    former = set(
        Pair.objects.filter(mentee_application_id__in=mentee_ids).values_list(
            "mentee_application_id", "mentor_application_id"
        )
    )
    return {
        mentee_id
        for mentee_id, mentor_ids in open_choices_of_mentees(mentee_ids).items()
        if any((mentee_id, mentor_id) not in former for mentor_id in mentor_ids)
    }


def requests_waiting(now, only=None):
    """Pending requests before their deadline (at the deadline matching expires them and tells the
    mentee), between two live applications."""
    requests = (
        MentorRequest.objects.filter(status=RequestStatus.PENDING)
        .filter(Q(deadline__isnull=True) | Q(deadline__gt=now))
        .filter(mentee__status=ApplicationStatus.VALIDATED, mentor__status=ApplicationStatus.VALIDATED)
        .select_related("mentor__user", "mentee__user", "mentee__programme")
    )
    for request in _only(requests, only):
        yield Target(request, anchor=request.created_at, since=request.created_at)


# --- pairs and sessions ------------------------------------------------------------------------------


def _pairs(statuses):
    """Pairs in `statuses` whose two applications are live (withdrawn people get nothing more)."""
    return (
        Pair.objects.filter(status__in=statuses)
        .filter(
            mentee_application__status=ApplicationStatus.VALIDATED,
            mentor_application__status=ApplicationStatus.VALIDATED,
        )
        .select_related("programme", "mentee", "mentor")
    )


def pairs_with_charter_unsigned(now, only=None):
    pairs = _pairs([PairStatus.FRAME]).prefetch_related("charter_signatures")
    for pair in _only(pairs, only):
        yield Target(pair, anchor=pair.created_at, since=pair.created_at)


def active_pairs_without_session(now, only=None):
    """Active pairs with no session planned or held yet (a cancelled one does not count)."""
    sessions = MentoringSession.objects.filter(pair=OuterRef("pk")).exclude(status=SessionStatus.CANCELLED)
    pairs = _pairs([PairStatus.ACTIVE]).filter(activated_at__isnull=False).exclude(Exists(sessions))
    for pair in _only(pairs, only):
        yield Target(pair, anchor=pair.activated_at, since=pair.activated_at)


def sessions_coming(now, only=None):
    """Planned sessions of open pairs starting within four days (the reminder goes the working day
    before). The key is the start time: a session moved to another day gets its own reminder."""
    sessions = (
        MentoringSession.objects.filter(
            status=SessionStatus.PLANNED, starts_at__gt=now, starts_at__lte=now + datetime.timedelta(days=4)
        )
        .filter(
            pair__status__in=OPEN_PAIR_STATUSES,
            pair__mentee_application__status=ApplicationStatus.VALIDATED,
            pair__mentor_application__status=ApplicationStatus.VALIDATED,
        )
        .select_related("pair__mentee", "pair__mentor", "pair__programme", "scheduled_by")
    )
    for session in _only(sessions, only):
        yield Target(session, anchor=session.starts_at, key=moment_key(session.starts_at), since=session.created_at)


def sessions_not_logged(now, only=None):
    """Sessions of open pairs that are over and still only "planned": the mentor has not logged them."""
    sessions = (
        MentoringSession.objects.filter(status=SessionStatus.PLANNED, starts_at__lt=now)
        .filter(
            pair__status__in=OPEN_PAIR_STATUSES,
            pair__mentee_application__status=ApplicationStatus.VALIDATED,
            pair__mentor_application__status=ApplicationStatus.VALIDATED,
        )
        .select_related("pair__mentee", "pair__mentor", "pair__programme")
    )
    for session in _only(sessions, only):
        end = session.starts_at + datetime.timedelta(minutes=session.duration_minutes)
        yield Target(session, anchor=end, key=moment_key(session.starts_at), since=end)


def _inactive(queryset, now, older_than):
    return queryset.annotate(last_activity=last_activity()).filter(last_activity__lt=now - older_than)


def inactive_pairs(now, only=None):
    """Active pairs with no held session for 45 days (the same rule as the follow-up's alert). The
    anchor is the last held session (or the activation): a session held starts a new series."""
    for pair in _only(_inactive(_pairs([PairStatus.ACTIVE]), now, INACTIVE_AFTER), only):
        yield Target(pair, anchor=pair.last_activity, key=moment_key(pair.last_activity), since=pair.last_activity)


def pairs_at_risk(programme, now=None):
    """The "binôme à risque" of the engineer's dashboard: active, no held session for 60 days."""
    now = now or timezone.now()
    pairs = _inactive(Pair.objects.filter(programme=programme, status=PairStatus.ACTIVE), now, AT_RISK_AFTER)
    return pairs.select_related("mentee", "mentor").order_by("last_activity")


def pairs_near_their_end(now, only=None):
    """Active pairs whose end (their frame's, else the programme's) is within 31 days, and pairs
    completed in the last 30 days (their certificate is ready)."""
    today = timing.local(now).date()
    end = Coalesce("frame__ends_on", "programme__ends_on")
    pairs = (
        _pairs([PairStatus.ACTIVE, PairStatus.COMPLETED])
        .annotate(end_on=end)
        .filter(
            Q(status=PairStatus.ACTIVE, end_on__gte=today, end_on__lte=today + datetime.timedelta(days=31))
            | Q(status=PairStatus.COMPLETED, ended_at__gte=now - datetime.timedelta(days=30))
        )
    )
    for pair in _only(pairs, only):
        if pair.status == PairStatus.COMPLETED:
            yield Target(pair, anchor=pair.ended_at, since=pair.ended_at)
        else:
            yield Target(pair, anchor=timing.at(pair.end_on, datetime.time(0, 0)), since=pair.created_at)


# --- evaluation ---------------------------------------------------------------------------------------


def surveys_not_answered(now, only=None, person=None):
    """Open questionnaires (with questions) and each person they are for who has not sent them yet;
    who is asked is evaluation's rule, less the people who withdrew their application."""
    from evaluation.models import Survey
    from evaluation.selectors import survey_pending_participants, surveys_with_questions

    surveys = surveys_with_questions(Survey.objects.filter(opens_at__lte=now, closes_at__gt=now)).select_related(
        "programme"
    )
    for survey in _only(surveys, only):
        withdrawn = Application.objects.filter(
            programme_id=survey.programme_id, role=survey.audience, status=ApplicationStatus.WITHDRAWN
        )
        participants = survey_pending_participants(survey).filter(is_active=True)
        if person is not None:
            withdrawn, participants = withdrawn.filter(user=person), participants.filter(pk=person.pk)
        withdrawn = set(withdrawn.values_list("user_id", flat=True))
        for participant in participants:
            if participant.pk not in withdrawn:
                yield Target(
                    survey, anchor=survey.opens_at, since=survey.opens_at, person=participant, end=survey.closes_at
                )


# --- the notification list and the engineer's page -----------------------------------------------


def unread_notifications(user):
    """`user` may be an expression (accounts/backends.py counts them in the person's statement)."""
    return Notification.objects.filter(user=user, read_at__isnull=True)


def unread_count(user):
    return unread_notifications(user).count()


def notifications_of(user):
    return Notification.objects.filter(user=user).order_by("-created_at", "-pk")


def disabled_kinds(user):
    from .models import NotificationPreference

    preference = NotificationPreference.objects.filter(user=user).first()
    return set(preference.disabled_kinds) if preference else set()


def sent_per_day(*, days, now=None):
    """[(day, {kind: n}, total)] of reminders sent over the last `days` days, newest first (one query)."""
    now = now or timezone.now()
    start = now - datetime.timedelta(days=days)
    rows = (
        ReminderClaim.objects.filter(sent_at__gte=start, status__in=HANDED)
        .annotate(day=TruncDate("sent_at", tzinfo=timezone.get_default_timezone()))
        .values("day", "kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    table = {}
    for row in rows:
        table.setdefault(row["day"], {})[row["kind"]] = row["n"]
    return [(day, counts, sum(counts.values())) for day, counts in sorted(table.items(), reverse=True)]


def totals_per_kind():
    """{kind: {status: n}} over all claims (one query)."""
    rows = ReminderClaim.objects.values("kind", "status").annotate(n=Count("id")).order_by()
    totals = {}
    for row in rows:
        totals.setdefault(row["kind"], {})[row["status"]] = row["n"]
    return totals


def waiting_claims():
    """(count, earliest not_before) of the claims waiting for working hours."""
    row = ReminderClaim.objects.filter(status=ClaimStatus.QUEUED).aggregate(n=Count("id"), first=Min("not_before"))
    return row["n"], row["first"]


def last_scan():
    return ReminderScan.objects.order_by("-started_at").first()
