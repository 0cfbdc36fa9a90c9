"""The objectives during the programme (issue 23 item 4): the mentee's mid-term check-in, open from
the middle of the pair's dates to its end, and each objective shown once, start → mid → end, on the
pair's page and in the final look-back. Nobody else writes it; HR and the engineer never see it."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from sessions_binome.models import PairFrame, PairObjective
from sessions_binome.objectives import services
from sessions_binome.objectives.selectors import mid_assessment_open, mid_term_on
from tests.factories import PARIS

pytestmark = pytest.mark.django_db

# The frame runs from 15 October 2026 to 15 May 2027: its middle is 29 January 2027.
BEFORE_MID = datetime.datetime(2027, 1, 28, 12, 0, tzinfo=PARIS)
AT_MID = datetime.datetime(2027, 1, 29, 9, 30, tzinfo=PARIS)


@pytest.fixture
def at_mid():
    with time_machine.travel(AT_MID, tick=False):
        yield


def _url(pair):
    return reverse("sessions_binome:mid_assessment", args=[pair.pk])


def _post(pair, values=("3", "2")):
    objectives = PairObjective.objects.filter(pair=pair).order_by("position")
    return {f"objective_{objective.pk}": value for objective, value in zip(objectives, values, strict=False)}


def test_the_middle_is_read_from_the_pairs_own_frame(signed_pair):
    assert mid_term_on(signed_pair) == datetime.date(2027, 1, 29)
    PairFrame.objects.filter(pair=signed_pair).update(starts_on=datetime.date(2026, 12, 1))
    signed_pair.refresh_from_db()
    assert mid_term_on(signed_pair) == datetime.date(2027, 2, 21)
    assert not mid_assessment_open(signed_pair, today=datetime.date(2027, 2, 20))
    assert mid_assessment_open(signed_pair, today=datetime.date(2027, 2, 21))
    assert not mid_assessment_open(signed_pair, today=datetime.date(2027, 5, 15))  # then the final assessment


def test_before_the_middle_the_page_answers_404_and_the_pair_page_does_not_ask(client, signed_pair):
    with time_machine.travel(BEFORE_MID, tick=False):
        client.force_login(signed_pair.mentee)
        assert client.get(_url(signed_pair)).status_code == 404
        page = client.get(reverse("sessions_binome:pair_detail", args=[signed_pair.pk])).content.decode()
    assert _url(signed_pair) not in page


def test_at_mid_term_the_mentee_is_asked_answers_and_is_no_longer_asked(client, signed_pair, at_mid):
    client.force_login(signed_pair.mentee)
    pair_url = reverse("sessions_binome:pair_detail", args=[signed_pair.pk])
    page = client.get(pair_url).content.decode()
    assert "Faire le point à mi-parcours sur mes objectifs" in page

    form = client.get(_url(signed_pair)).content.decode()
    assert "Au départ : 2 sur 5." in form and "Le chemin parcouru" in form
    response = client.post(_url(signed_pair), _post(signed_pair, ("4", "2")))
    assert response.status_code == 302 and response.url == pair_url
    saved = list(PairObjective.objects.filter(pair=signed_pair).order_by("position"))
    assert [o.mid_assessment for o in saved] == [4, 2]
    assert all(o.mid_assessed_at == AT_MID for o in saved)

    page = client.get(pair_url).content.decode()
    assert "Faire le point à mi-parcours sur mes objectifs" not in page
    assert "Revoir mon point à mi-parcours" in page
    assert "+2 points" in page and "+1 point<" in page


def test_a_missing_answer_is_said_next_to_its_objective_and_nothing_is_saved(client, signed_pair, at_mid):
    client.force_login(signed_pair.mentee)
    first = PairObjective.objects.filter(pair=signed_pair).order_by("position").first()
    response = client.post(_url(signed_pair), {f"objective_{first.pk}": "4"})
    assert response.status_code == 200
    assert "Choisissez une note de 1 à 5." in response.content.decode()
    assert not PairObjective.objects.filter(pair=signed_pair, mid_assessment__isnull=False).exists()


def test_the_mentor_and_anyone_else_get_404_and_the_service_refuses_them(
    client, signed_pair, outsider, engineer, hr_referent, at_mid
):
    for person in (signed_pair.mentor, outsider, engineer, hr_referent):
        client.force_login(person)
        assert client.get(_url(signed_pair)).status_code == 404
        assert client.post(_url(signed_pair), _post(signed_pair)).status_code == 404
    assert not PairObjective.objects.filter(mid_assessment__isnull=False).exists()
    objectives = {o.pk: 3 for o in PairObjective.objects.filter(pair=signed_pair)}
    with pytest.raises(Exception, match="Seule la personne mentorée"):
        services.objectives_mid_assess(pair=signed_pair, by=signed_pair.mentor, assessments=objectives)


def test_each_objective_is_shown_once_on_the_pair_page(client, signed_pair, at_mid):
    """Issue 24 item 5: the pair page repeated the objectives' table (progress card and frame card)."""
    services.objectives_mid_assess(
        pair=signed_pair, by=signed_pair.mentee, assessments={o.pk: 3 for o in signed_pair.objectives.all()}
    )
    for person in (signed_pair.mentee, signed_pair.mentor):
        client.force_login(person)
        page = client.get(reverse("sessions_binome:pair_detail", args=[signed_pair.pk])).content.decode()
        assert page.count("Trouver ma posture de manager.") == 1
        assert page.count("Conduire mes premiers entretiens annuels.") == 1
        assert "À mi-parcours" in page


def test_hr_and_the_engineer_see_no_self_assessment(client, signed_pair, engineer, hr_referent, at_mid):
    services.objectives_mid_assess(
        pair=signed_pair, by=signed_pair.mentee, assessments={o.pk: 5 for o in signed_pair.objectives.all()}
    )
    client.force_login(engineer)
    page = client.get(reverse("sessions_binome:engineer_pair_detail", args=[signed_pair.pk])).content.decode()
    assert "À mi-parcours" not in page and "sur 5" not in page
    client.force_login(hr_referent)
    page = client.get(reverse("sessions_binome:hr_pairs")).content.decode()
    assert "À mi-parcours" not in page and "sur 5" not in page


def test_the_final_look_back_shows_start_mid_and_asks_the_end(client, signed_pair):
    with time_machine.travel(AT_MID, tick=False):
        services.objectives_mid_assess(
            pair=signed_pair, by=signed_pair.mentee, assessments={o.pk: 3 for o in signed_pair.objectives.all()}
        )
    with time_machine.travel(datetime.datetime(2027, 5, 16, 10, 0, tzinfo=PARIS), tick=False):
        client.force_login(signed_pair.mentee)
        # The final assessment is part of the closing step (sessions_binome/closing).
        response = client.get(reverse("sessions_binome:final_assessment", args=[signed_pair.pk]), follow=True)
        assert response.redirect_chain[-1][0] == reverse("sessions_binome:pair_closing", args=[signed_pair.pk])
        page = response.content.decode()
        assert "Un dernier regard sur les objectifs" in page
        assert "Au départ : 2 sur 5 ; à mi-parcours : 3 sur 5." in page
        # the mid-term check-in is over once the end is reached
        assert client.get(_url(signed_pair)).status_code == 404
