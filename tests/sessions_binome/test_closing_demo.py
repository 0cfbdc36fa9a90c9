"""The demo holds a closed pair with its archive: shared notes, messages, the final assessment of
its objectives and what each member takes away, each read by its author alone."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from sessions_binome.closing.demo import TAKEAWAYS, closing_demo_load
from sessions_binome.enums import PairStatus
from sessions_binome.models import Pair, PairTakeaway

pytestmark = pytest.mark.django_db


def test_the_demo_holds_a_closed_pair_with_its_archive(seeded_demo, client):
    takeaway = PairTakeaway.objects.select_related("pair").first()
    pair = takeaway.pair
    assert pair.status == PairStatus.COMPLETED
    assert pair.objectives.exists() and not pair.objectives.filter(final_assessment=None).exists()
    archive = reverse("sessions_binome:pair_archive", args=[pair.pk])
    for member, mine, theirs in ((pair.mentee, "mentee", "mentor"), (pair.mentor, "mentor", "mentee")):
        client.force_login(member)
        page = client.get(archive).content.decode()
        assert escape(TAKEAWAYS[mine].split(".")[0]) in page
        assert escape(TAKEAWAYS[theirs].split(".")[0]) not in page
        assert "Notes partagées" in page and "Merci" in page
        dashboard = client.get(reverse("core:dashboard"), follow=True).content.decode()
        assert archive in dashboard


def test_a_second_load_writes_nothing(seeded_demo):
    before = PairTakeaway.objects.count()
    assert closing_demo_load(Pair.objects.first().programme) == 0
    assert PairTakeaway.objects.count() == before
