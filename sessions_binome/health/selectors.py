"""The health of a pair, for the programme engineer: on track, needs a check-in, at risk, with the
reason in words. It is computed in SQL, in one expression (`health_annotate`), so that the supervision
list filters on it, the dashboard counts it and the pages show it from the same rule. Only active
pairs have a health: a pair writing its frame has its own alert, an ended pair none.

The signals, most serious first (the first that holds is the reason shown):
- at risk: a member answered « je souhaite changer »; no held session for 60 days; two sessions or
  more of the last 90 days rated 1 or 2 out of 4;
- needs a check-in: a member answered « j'aimerais en parler »; no held session for 45 days; one
  session of the last 90 days rated 1 or 2;
- on track otherwise (first session to come, or sessions held without a signal).
What a member answered, and which member, is never shown: only the reason's sentence."""

import datetime

from django.db import models
from django.db.models import Case, Count, Exists, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..enums import PairStatus, SessionStatus
from ..models import FitAnswer, FitCheck, MentoringSession, SessionRating
from ..selectors import AT_RISK_AFTER, INACTIVE_AFTER, last_activity

RATINGS_WINDOW = datetime.timedelta(days=90)
LOW_SCORE = 2  # 1 « pas utile », 2 « peu utile »


class Health(models.TextChoices):
    ON_TRACK = "on_track", _("En bonne voie")
    CHECK_IN = "check_in", _("Point à faire")
    AT_RISK = "at_risk", _("À risque")


# reason code → (health, the reason in words), in the order the rule tries them.
REASONS = {
    "change": (Health.AT_RISK, _("un membre souhaite changer de binôme")),
    "silent_60": (Health.AT_RISK, _("aucune séance tenue depuis 60 jours")),
    "low_ratings": (Health.AT_RISK, _("plusieurs séances récentes jugées peu utiles")),
    "talk": (Health.CHECK_IN, _("un membre aimerait faire le point")),
    "silent_45": (Health.CHECK_IN, _("aucune séance tenue depuis 45 jours")),
    "low_rating": (Health.CHECK_IN, _("une séance récente jugée peu utile")),
    "first_to_come": (Health.ON_TRACK, _("première séance à venir")),
    "steady": (Health.ON_TRACK, _("séances tenues, aucun signal d'alerte")),
}
BADGES = {Health.ON_TRACK: "success", Health.CHECK_IN: "warning", Health.AT_RISK: "danger"}


def reasons_of(health):
    return [code for code, (level, _label) in REASONS.items() if level == health]


def health_annotate(pairs, now=None):
    """`pairs` (a Pair queryset) with `health_reason`: a key of REASONS, "" for a pair that is not
    active."""
    now = now or timezone.now()
    answers = FitCheck.objects.filter(pair=OuterRef("pk"))
    low = (
        SessionRating.objects.filter(
            session__pair=OuterRef("pk"),
            session__status=SessionStatus.HELD,
            session__starts_at__gte=now - RATINGS_WINDOW,
            score__lte=LOW_SCORE,
        )
        .order_by()
        .values("session__pair")
        .annotate(n=Count("pk"))
        .values("n")
    )
    held = MentoringSession.objects.filter(pair=OuterRef("pk"), status=SessionStatus.HELD)
    pairs = pairs.annotate(
        health_activity=last_activity(),
        health_low=Coalesce(Subquery(low, output_field=models.IntegerField()), 0),
    )
    return pairs.annotate(
        health_reason=Case(
            When(~Q(status=PairStatus.ACTIVE), then=Value("")),
            When(Exists(answers.filter(answer=FitAnswer.CHANGE)), then=Value("change")),
            When(health_activity__lt=now - AT_RISK_AFTER, then=Value("silent_60")),
            When(health_low__gte=2, then=Value("low_ratings")),
            When(Exists(answers.filter(answer=FitAnswer.TALK)), then=Value("talk")),
            When(health_activity__lt=now - INACTIVE_AFTER, then=Value("silent_45")),
            When(health_low__gte=1, then=Value("low_rating")),
            When(~Exists(held), then=Value("first_to_come")),
            default=Value("steady"),
            output_field=models.CharField(),
        )
    )


def health_filter(pairs, health, now=None):
    """The pairs of `pairs` in that health (a Health value); all of them for an empty value."""
    if not health:
        return pairs
    return health_annotate(pairs, now).filter(health_reason__in=reasons_of(health))


def health_count(pairs, now=None):
    """{Health value: number of pairs} of the active pairs of `pairs` (one query)."""
    rows = health_annotate(pairs, now).filter(status=PairStatus.ACTIVE).values("health_reason")
    rows = rows.annotate(n=Count("pk")).order_by()
    counts = dict.fromkeys(Health.values, 0)
    for row in rows:
        counts[REASONS[row["health_reason"]][0]] += row["n"]
    return counts


class PairHealth:
    """What a page shows of a pair's health: its level, label, badge colour and reason."""

    def __init__(self, reason):
        level, words = REASONS[reason]
        self.code = str(level)
        self.label = str(Health(level).label)
        self.badge = BADGES[level]
        self.reason = str(words)

    def __str__(self):
        return f"{self.label} : {self.reason}"


def health_of_pairs(pair_ids, now=None):
    """{pair id: PairHealth} of the active pairs among `pair_ids` (one query, for a page of a list)."""
    from ..models import Pair

    rows = health_annotate(Pair.objects.filter(pk__in=list(pair_ids)), now).values_list("pk", "health_reason")
    return {pk: PairHealth(reason) for pk, reason in rows if reason}


def with_health(pairs, now=None):
    """Set `.health` (a PairHealth, or None for a pair that is not active) on each pair of a page."""
    healths = health_of_pairs([pair.pk for pair in pairs], now)
    for pair in pairs:
        pair.health = healths.get(pair.pk)
    return pairs


# --- what a member reads of their own answers ---------------------------------------------------


def my_ratings(user, sessions):
    """{session id: the person's own rating} of these sessions — one query."""
    return {rating.session_id: rating for rating in SessionRating.objects.filter(session__in=sessions, author=user)}


def mark_ratings(sessions, user):
    """Set on each held session of the pair's page the person's own rating and the link to give or
    change it."""
    from mentorat.core.links import reverse_each

    held = [session for session in sessions if session.status == SessionStatus.HELD]
    ratings = my_ratings(user, held) if held else {}
    links = reverse_each("sessions_binome:session_rating", [session.pk for session in held])
    for session in sessions:
        session.my_rating = ratings.get(session.pk)
        session.rating_url = links.get(session.pk)
    return sessions
