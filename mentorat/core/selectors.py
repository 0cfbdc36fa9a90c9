"""Reads about the programme and the reference data."""

from .models import Programme


def current_programme():
    """The edition people work in now: the latest one by start date (one edition at a time)."""
    return Programme.objects.order_by("-starts_on").first()


def current_programme_or_404():
    from django.http import Http404

    programme = current_programme()
    if programme is None:
        raise Http404
    return programme
