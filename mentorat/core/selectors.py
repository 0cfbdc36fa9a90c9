"""Reads about the programme and the reference data."""

import contextvars
from contextlib import contextmanager

from .enums import ProgrammeStatus
from .models import Programme

# What one request reads several times (the menu, the role checks and the view all ask for the
# current programme): read once per request, inside `request_memo` (RequestMemoMiddleware).
_request_memo = contextvars.ContextVar("mentorat_request_memo", default=None)


@contextmanager
def request_memo():
    token = _request_memo.set({})
    try:
        yield
    finally:
        _request_memo.reset(token)


def _programmes_latest_first():
    # An edition in preparation is the engineer's draft: nobody works in it until it is opened.
    return Programme.objects.exclude(status=ProgrammeStatus.PREPARATION).order_by("-starts_on")


def current_programme():
    """The edition people work in now: the latest opened one by start date (one edition at a time)."""
    memo = _request_memo.get()
    if memo is None:
        return _programmes_latest_first().first()
    if "programme" not in memo:
        memo["programme"] = _programmes_latest_first().first()
    return memo["programme"]


def current_programme_pk():
    """The current programme's key as a sub-query, for a query that reads it in the same statement."""
    from django.db.models import Subquery

    return Subquery(_programmes_latest_first().values("pk")[:1])


def current_programme_or_404():
    from django.http import Http404

    programme = current_programme()
    if programme is None:
        raise Http404
    return programme


def editions_latest_first():
    """Every edition, in preparation included, with its tracks, its number of questionnaires and whether
    its charter is published: the engineer's list of editions, in two queries whatever their number."""
    from django.db.models import Count, Exists, OuterRef

    from evaluation.models import Survey
    from sessions_binome.models import Charter

    charters = Charter.objects.filter(programme=OuterRef("pk"))
    return (
        Programme.objects.order_by("-starts_on")
        .annotate(
            survey_count=Survey.objects.filter(programme=OuterRef("pk"))
            .order_by()
            .values("programme")
            .annotate(n=Count("pk"))
            .values("n")[:1],
            has_published_charter=Exists(charters.filter(published_at__isnull=False)),
            has_charter_draft=Exists(charters.filter(published_at__isnull=True)),
        )
        .prefetch_related("tracks")
    )
