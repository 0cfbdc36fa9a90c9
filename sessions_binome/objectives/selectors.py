"""Reads about the objectives' progress: when the mid-term check-in opens, and what it shows."""

import datetime

from django.utils import timezone

from ..enums import PairStatus


def pair_dates(pair):
    """(start, end) of the pair: its frame's dates, else its edition's. Each pair by its own dates, as
    the reminders count them (a pair formed late runs later than its edition)."""
    frame = getattr(pair, "frame", None)
    if frame is not None:
        return frame.starts_on, frame.ends_on
    return pair.programme.starts_on, pair.programme.ends_on


def mid_term_on(pair):
    """The middle of the pair's dates: the day the mid-term check-in opens."""
    start, end = pair_dates(pair)
    return start + datetime.timedelta(days=(end - start).days // 2)


def mid_assessment_open(pair, *, today=None):
    """The mentee takes stock of her objectives at mid-term: an active pair, from the middle of its
    dates until its end (then comes the final assessment)."""
    if pair.status != PairStatus.ACTIVE:
        return False
    today = today or timezone.localdate()
    return mid_term_on(pair) <= today < pair_dates(pair)[1]


def mid_assessment_due(pair, objectives, *, today=None):
    """Open, and some objective has no mid-term assessment yet: the pair page's « À faire maintenant »."""
    return (
        bool(objectives)
        and mid_assessment_open(pair, today=today)
        and any(objective.mid_assessment is None for objective in objectives)
    )


def progress_rows(objectives):
    """Each objective once, with its three assessments (None where not made yet) and the change from
    the start to the latest assessment, for `templates/sessions_binome/_objective_progress.html`."""
    rows = []
    for objective in objectives:
        latest = objective.final_assessment or objective.mid_assessment
        change = None if latest is None else latest - objective.start_assessment
        rows.append(
            {
                "objective": objective,
                "steps": [objective.start_assessment, objective.mid_assessment, objective.final_assessment],
                "change": change,
                "change_size": abs(change or 0),
            }
        )
    return rows
