"""Pairs and their sessions: each pair by its own dates (activation, last held session, its frame's
end, else its edition's), in every opened edition."""

import datetime

from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from candidatures.enums import ApplicationStatus
from sessions_binome.enums import OPEN_PAIR_STATUSES, PairStatus, SessionStatus
from sessions_binome.models import FitAnswer, FitCheck, MentoringSession, Pair
from sessions_binome.selectors import INACTIVE_AFTER, last_activity

from .. import timing
from .base import AT_RISK_AFTER, Target, moment_key, only_these, opened_edition


def _pairs(statuses):
    """Pairs of an opened edition in `statuses` whose two applications are live (withdrawn people get
    nothing more)."""
    return (
        Pair.objects.filter(opened_edition(), status__in=statuses)
        .filter(
            mentee_application__status=ApplicationStatus.VALIDATED,
            mentor_application__status=ApplicationStatus.VALIDATED,
        )
        .select_related("programme", "mentee", "mentor")
    )


def _sessions(**filters):
    """Sessions of open pairs of an opened edition whose two applications are live."""
    return (
        MentoringSession.objects.filter(opened_edition("pair__programme"), **filters)
        .filter(
            pair__status__in=OPEN_PAIR_STATUSES,
            pair__mentee_application__status=ApplicationStatus.VALIDATED,
            pair__mentor_application__status=ApplicationStatus.VALIDATED,
        )
        .select_related("pair__mentee", "pair__mentor", "pair__programme")
    )


def pairs_with_charter_unsigned(now, only=None):
    pairs = _pairs([PairStatus.FRAME]).prefetch_related("charter_signatures")
    for pair in only_these(pairs, only):
        yield Target(pair, anchor=pair.created_at, since=pair.created_at)


def active_pairs_without_session(now, only=None):
    """Active pairs with no session planned or held yet (a cancelled one does not count)."""
    sessions = MentoringSession.objects.filter(pair=OuterRef("pk")).exclude(status=SessionStatus.CANCELLED)
    pairs = _pairs([PairStatus.ACTIVE]).filter(activated_at__isnull=False).exclude(Exists(sessions))
    for pair in only_these(pairs, only):
        yield Target(pair, anchor=pair.activated_at, since=pair.activated_at)


def sessions_coming(now, only=None):
    """Planned sessions of open pairs starting within four days (the reminder goes the working day
    before). The key is the start time: a session moved to another day gets its own reminder."""
    sessions = _sessions(
        status=SessionStatus.PLANNED, starts_at__gt=now, starts_at__lte=now + datetime.timedelta(days=4)
    ).select_related("scheduled_by")
    for session in only_these(sessions, only):
        yield Target(session, anchor=session.starts_at, key=moment_key(session.starts_at), since=session.created_at)


def sessions_not_logged(now, only=None):
    """Sessions of open pairs that are over and still only "planned": the mentor has not logged them."""
    for session in only_these(_sessions(status=SessionStatus.PLANNED, starts_at__lt=now), only):
        end = session.starts_at + datetime.timedelta(minutes=session.duration_minutes)
        yield Target(session, anchor=end, key=moment_key(session.starts_at), since=end)


def _inactive(queryset, now, older_than):
    return queryset.annotate(last_activity=last_activity()).filter(last_activity__lt=now - older_than)


def inactive_pairs(now, only=None):
    """Active pairs with no held session for 45 days (the same rule as the follow-up's alert). The
    anchor is the last held session (or the activation): a session held starts a new series."""
    for pair in only_these(_inactive(_pairs([PairStatus.ACTIVE]), now, INACTIVE_AFTER), only):
        yield Target(pair, anchor=pair.last_activity, key=moment_key(pair.last_activity), since=pair.last_activity)


def mentors_wanting_change(now, only=None):
    """Open pairs whose mentor answered the fit check « je souhaite changer » (sessions_binome/health):
    the engineers are told, never the answer of the mentee (whose own answer leads to the change of
    mentor). The key is the moment of the answer: answering again later is a new alert."""
    answered = FitCheck.objects.filter(pair=OuterRef("pk"), user=OuterRef("mentor"), answer=FitAnswer.CHANGE)
    pairs = (
        _pairs(OPEN_PAIR_STATUSES)
        .annotate(change_at=Subquery(answered.values("answered_at")[:1]))
        .filter(change_at__isnull=False)
    )
    for pair in only_these(pairs, only):
        yield Target(pair, anchor=pair.change_at, key=moment_key(pair.change_at), since=pair.change_at)


def pairs_at_risk(programme, now=None):
    """The "binôme à risque" of the engineer's dashboard: active, no held session for 60 days."""
    now = now or timezone.now()
    pairs = _inactive(Pair.objects.filter(programme=programme, status=PairStatus.ACTIVE), now, AT_RISK_AFTER)
    return pairs.select_related("mentee", "mentor").order_by("last_activity")


def pairs_at_mid_term(now, only=None):
    """Active pairs past the middle of their own dates (sessions_binome.objectives) whose mentee has
    not assessed every objective at mid-term yet. The middle is read in Python from the frame's dates
    (else the edition's): one query for the pairs, however many. The anchor is the middle (9:00,
    Paris), or the activation for a pair formed after it."""
    from sessions_binome.models import PairObjective
    from sessions_binome.objectives.selectors import mid_assessment_open, mid_term_on

    today = timing.local(now).date()
    waiting = PairObjective.objects.filter(pair=OuterRef("pk"), mid_assessment__isnull=True)
    pairs = _pairs([PairStatus.ACTIVE]).filter(Exists(waiting)).select_related("frame")
    for pair in only_these(pairs, only):
        if mid_assessment_open(pair, today=today):
            anchor = max(timing.at(mid_term_on(pair), datetime.time(9, 0)), pair.activated_at or pair.created_at)
            yield Target(pair, anchor=anchor, since=anchor)


def pairs_near_their_end(now, only=None):
    """Active pairs whose end (their frame's, else their edition's) is within 31 days, and pairs
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
    for pair in only_these(pairs, only):
        if pair.status == PairStatus.COMPLETED:
            yield Target(pair, anchor=pair.ended_at, since=pair.ended_at)
        else:
            yield Target(pair, anchor=timing.at(pair.end_on, datetime.time(0, 0)), since=pair.created_at)
