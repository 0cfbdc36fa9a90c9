"""Reads about the programme and the reference data."""

from .models import Programme


def current_programme():
    """The edition people work in now: the latest one by start date (one edition at a time)."""
    return Programme.objects.order_by("-starts_on").first()
