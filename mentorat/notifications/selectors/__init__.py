"""Reads for reminders: who is in a situation that calls for a reminder (one selector per kind of the
catalogue, by theme in this package's modules), and what the notification pages and the engineer's
page show (`pages`).

Each reminder selector takes `now` and optionally `only` (object ids) and yields `Target`s. Its
filter IS the kind's stop condition: the scan runs it again for the one object inside the claim's
transaction, so a reminder whose situation ended (application submitted, session cancelled, pair
ended...) is not sent. The selectors of the kinds with one target per person (the HR digest, the
questionnaires, the engineer's digest) also take `person`, to yield that person's target only: the
check at send time then reads one person, not all of them again for each reminder.

Every edition runs side by side: a selector reads the objects of every opened edition, each by its
own dates (its call, its questionnaires, its pairs), never those of an edition in preparation or
archived (`base.opened_edition`).
"""

from .base import (
    AT_RISK_AFTER,
    ENGINEER_DIGEST_HOUR,
    HR_DIGEST_HOUR,
    LIVE,
    Target,
    last_digests,
    moment_key,
    only_these,
    opened_edition,
)
from .call import drafts_before_closing, hr_digest_editions, hr_digest_news, hr_digest_sections, hr_digests
from .engineer import engineer_alerts, engineer_digest_since, engineer_digests
from .pages import (
    disabled_kinds,
    last_scan,
    notifications_of,
    sent_per_day,
    totals_per_kind,
    unread_count,
    unread_notifications,
    waiting_claims,
)
from .pairs import (
    active_pairs_without_session,
    inactive_pairs,
    mentors_wanting_change,
    pairs_at_mid_term,
    pairs_at_risk,
    pairs_near_their_end,
    pairs_with_charter_unsigned,
    sessions_coming,
    sessions_not_logged,
)
from .proposals import mentees_waiting_for_choice, mentees_with_open_choice, requests_waiting
from .surveys import surveys_not_answered

__all__ = [
    "AT_RISK_AFTER",
    "ENGINEER_DIGEST_HOUR",
    "HR_DIGEST_HOUR",
    "LIVE",
    "Target",
    "active_pairs_without_session",
    "disabled_kinds",
    "drafts_before_closing",
    "engineer_alerts",
    "engineer_digest_since",
    "engineer_digests",
    "hr_digest_editions",
    "hr_digest_news",
    "hr_digest_sections",
    "hr_digests",
    "inactive_pairs",
    "last_digests",
    "last_scan",
    "mentees_waiting_for_choice",
    "mentees_with_open_choice",
    "moment_key",
    "notifications_of",
    "only_these",
    "opened_edition",
    "pairs_at_mid_term",
    "mentors_wanting_change",
    "pairs_at_risk",
    "pairs_near_their_end",
    "pairs_with_charter_unsigned",
    "requests_waiting",
    "sent_per_day",
    "sessions_coming",
    "sessions_not_logged",
    "surveys_not_answered",
    "totals_per_kind",
    "unread_count",
    "unread_notifications",
    "waiting_claims",
]
