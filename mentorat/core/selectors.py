"""Reads about the programme and the reference data."""

import contextvars
from contextlib import contextmanager

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
    return Programme.objects.order_by("-starts_on")


def current_programme():
    """The edition people work in now: the latest one by start date (one edition at a time)."""
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
