"""Reads about the programme and the reference data."""

from .models import Programme


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
