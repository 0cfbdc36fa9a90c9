"""The accounts and objects of a generated programme that the page benchmarks open, one per role."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def django_setup():
    # Keep benchmarks/ off the path: benchmarks/matching.py would shadow the `matching` app.
    here = Path(__file__).resolve().parent
    sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != here]
    sys.path.insert(0, str(ROOT))
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentorat.settings")
    import django

    django.setup()


def key_pages(slug):
    """[(name, user, path)] for the key pages of programme `slug`, the busiest objects chosen."""
    from django.db.models import Count
    from django.urls import reverse

    from matching.enums import RunStatus
    from matching.models import MatchingRun
    from matching.selectors import waiting_mentees
    from mentorat.accounts.models import User
    from mentorat.core.models import Programme
    from sessions_binome.enums import PairStatus
    from sessions_binome.models import Pair

    programme = Programme.objects.get(slug=slug)
    track = programme.tracks.order_by("code").first()
    mentee = (
        waiting_mentees(track)
        .filter(programme=programme, proposals_received__run__status=RunStatus.PUBLISHED)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    pair = (
        Pair.objects.filter(programme=programme, status=PairStatus.ACTIVE)
        .annotate(n=Count("sessions"))
        .order_by("-n", "pk")
        .select_related("mentee")
        .first()
    )
    # The HR referent who follows the most applications, the engineer of the programme.
    hr = (
        User.objects.filter(hr_organisations__applications__programme=programme)
        .annotate(n=Count("hr_organisations__applications"))
        .order_by("-n")
        .first()
    )
    engineer = User.objects.filter(is_programme_engineer=True, email__endswith=f"@{slug}.test").get()
    run = MatchingRun.objects.filter(programme=programme, status=RunStatus.PUBLISHED).order_by("pk").first()
    assert mentee and pair and hr and run, "generate the dataset first (manage.py generate_dataset)"
    return [
        ("mentee_proposals", mentee.user, reverse("matching:my_proposals")),
        ("pair_page", pair.mentee, reverse("sessions_binome:pair_detail", args=[pair.pk])),
        ("hr_follow_up", hr, reverse("sessions_binome:hr_pairs")),
        ("engineer_supervision", engineer, reverse("sessions_binome:engineer_pairs")),
        ("indicators", engineer, reverse("evaluation:engineer_indicators")),
        ("engineer_applications", engineer, reverse("candidatures:engineer_list")),
        ("matching_run_detail", engineer, reverse("matching:run_detail", args=[run.pk])),
    ]
