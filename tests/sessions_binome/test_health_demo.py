"""The demo holds a fit check of each answer and rated sessions, and the engineer sees each health."""

import pytest
from django.urls import reverse

from mentorat.accounts.models import User
from sessions_binome.health.demo import health_demo_load
from sessions_binome.health.selectors import Health, health_count
from sessions_binome.models import FitAnswer, FitCheck, Pair, SessionRating

pytestmark = pytest.mark.django_db


def test_the_demo_holds_each_answer_and_rated_sessions(seeded_demo, client):
    assert set(FitCheck.objects.values_list("answer", flat=True)) == set(FitAnswer.values)
    assert SessionRating.objects.exclude(comment="").exists()
    programme = FitCheck.objects.first().pair.programme
    counts = health_count(Pair.objects.filter(programme=programme))
    assert all(counts[health] for health in Health.values), counts
    client.force_login(User.objects.filter(is_programme_engineer=True).first())
    url = reverse("sessions_binome:engineer_pairs")
    at_risk = client.get(url, {"edition": programme.slug, "health": "at_risk"}).content.decode()
    check_in = client.get(url, {"edition": programme.slug, "health": "check_in"}).content.decode()
    assert "un membre souhaite changer de binôme" in at_risk and "un membre aimerait faire le point" in check_in
    for comment in SessionRating.objects.exclude(comment="").values_list("comment", flat=True):
        assert comment not in at_risk + check_in


def test_a_second_load_writes_nothing(seeded_demo):
    programme = FitCheck.objects.first().pair.programme
    assert health_demo_load(programme) == 0
