"""The pair's frame: the mentee's objectives, the mentor's comment, rhythm, dates, video tool and
the two confirmations."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sessions_binome import services_frame
from sessions_binome.models import PairFrame, PairObjective
from tests.sessions_binome.frame_helpers import frame_post, frame_values

pytestmark = pytest.mark.django_db


def frame_url(pair):
    return reverse("sessions_binome:frame", args=[pair.pk])


def test_the_mentee_writes_objectives_and_the_frame_with_programme_defaults(client, frame_pair, programme):
    client.force_login(frame_pair.mentee)
    page = client.get(frame_url(frame_pair))
    assert page.context["form"]["starts_on"].value() == programme.starts_on
    assert page.context["form"]["rhythm"].value() == "monthly"
    response = client.post(
        frame_url(frame_pair),
        frame_post(
            programme, objectives=[("Trouver ma posture de manager.", "2"), ("Déléguer davantage.", "1")], video="Teams"
        ),
    )
    assert response.status_code == 302
    frame = PairFrame.objects.get(pair=frame_pair)
    assert (frame.rhythm, frame.starts_on, frame.ends_on, frame.video) == (
        "monthly",
        programme.starts_on,
        programme.ends_on,
        "Teams",
    )
    assert list(PairObjective.objects.values_list("position", "text", "start_assessment")) == [
        (1, "Trouver ma posture de manager.", 2), (2, "Déléguer davantage.", 1),
    ]  # fmt: skip


def test_the_mentor_comments_and_edits_the_rhythm_but_not_the_objectives(client, confirmed_pair, programme):
    client.force_login(confirmed_pair.mentor)
    page = client.get(frame_url(confirmed_pair))
    assert page.context["formset"] is None and "mentor_comment" in page.context["form"].fields
    client.post(
        frame_url(confirmed_pair),
        frame_post(
            programme,
            objectives=[("Objectif glissé par le mentor", "5")],
            rhythm="3weeks",
            mentor_comment="Commençons par l'objectif 2.",
        ),
    )
    frame = PairFrame.objects.get(pair=confirmed_pair)
    assert (frame.rhythm, frame.mentor_comment) == ("3weeks", "Commençons par l'objectif 2.")
    assert "Objectif glissé par le mentor" not in PairObjective.objects.values_list("text", flat=True)
    with pytest.raises(ValidationError):
        services_frame.frame_save(
            pair=confirmed_pair, by=confirmed_pair.mentor, **frame_values(programme), objectives=[("x", 3)]
        )


def test_any_change_clears_both_confirmations_and_no_change_keeps_them(confirmed_pair, programme):
    frame = PairFrame.objects.get(pair=confirmed_pair)
    assert frame.is_confirmed
    objectives = [(o.text, o.start_assessment) for o in confirmed_pair.objectives.all()]
    assert (
        services_frame.frame_save(
            pair=confirmed_pair, by=confirmed_pair.mentee, **frame_values(programme), objectives=objectives
        )
        is False
    )
    frame.refresh_from_db()
    assert frame.is_confirmed

    services_frame.frame_save(
        pair=confirmed_pair, by=confirmed_pair.mentee, **frame_values(programme), objectives=objectives[:1]
    )
    frame.refresh_from_db()
    assert frame.mentee_confirmed_at is None and frame.mentor_confirmed_at is None


def test_each_member_confirms_and_the_state_is_shown(client, frame_pair, programme):
    services_frame.frame_save(
        pair=frame_pair, by=frame_pair.mentee, **frame_values(programme), objectives=[("Déléguer.", 2)]
    )
    client.force_login(frame_pair.mentee)
    response = client.post(reverse("sessions_binome:frame_confirm", args=[frame_pair.pk]))
    assert response.url == frame_url(frame_pair)
    body = client.get(frame_url(frame_pair)).content.decode()
    assert f"{frame_pair.mentee.get_full_name()} a confirmé le cadre le" in body
    assert f"{frame_pair.mentor.get_full_name()} n'a pas encore confirmé le cadre." in body

    client.force_login(frame_pair.mentor)
    response = client.post(reverse("sessions_binome:frame_confirm", args=[frame_pair.pk]))
    assert response.url == reverse("sessions_binome:charter", args=[frame_pair.pk])
    assert PairFrame.objects.get(pair=frame_pair).is_confirmed


def test_the_frame_cannot_be_confirmed_before_an_objective_exists(frame_pair, programme):
    services_frame.frame_save(pair=frame_pair, by=frame_pair.mentor, **frame_values(programme), mentor_comment="")
    with pytest.raises(ValidationError, match="objectif"):
        services_frame.frame_confirm(pair=frame_pair, by=frame_pair.mentor)


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        (
            {"starts_on": "2026-09-30"},
            "starts_on",
            "La date de début doit être comprise dans le programme, entre le 15 octobre 2026 et le 15 mai 2027.",
        ),
        ({"ends_on": "2027-06-30"}, "ends_on", "La date de fin doit être comprise dans le programme"),
        (
            {"starts_on": "2027-01-10", "ends_on": "2026-12-01"},
            "ends_on",
            "La date de fin doit suivre la date de début.",
        ),
        ({"video": "http://visio.exemple.fr/salle"}, "video", "https://"),
        ({"video": "javascript:alert(1)"}, "video", "https://"),
        ({"rhythm": "other"}, "rhythm_other", "Précisez le rythme"),
    ],
)
def test_bad_frame_values_get_a_french_error_next_to_the_field(
    client, frame_pair, programme, overrides, field, message
):
    client.force_login(frame_pair.mentee)
    response = client.post(frame_url(frame_pair), frame_post(programme, **overrides))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    body = response.content.decode()
    assert f'id="id_{field}"' in body and "is-invalid" in body
    assert "Le cadre n'est pas enregistré" in body
    assert not PairFrame.objects.exists() and not PairObjective.objects.exists()


@pytest.mark.parametrize("assessment", ["0", "6"])
def test_a_starting_assessment_outside_1_to_5_is_refused_next_to_it(client, frame_pair, programme, assessment):
    client.force_login(frame_pair.mentee)
    response = client.post(frame_url(frame_pair), frame_post(programme, objectives=[("Déléguer.", assessment)]))
    assert response.status_code == 200
    assert response.context["formset"].forms[0].errors["start_assessment"] == ["Choisissez une note entre 1 et 5."]
    assert 'id="id_objectifs-0-start_assessment"' in response.content.decode()
    assert not PairObjective.objects.exists()


def test_four_objectives_are_refused(client, frame_pair, programme):
    client.force_login(frame_pair.mentee)
    objectives = [(f"Objectif {n}", "3") for n in range(1, 5)]
    response = client.post(frame_url(frame_pair), frame_post(programme, objectives=objectives))
    assert response.status_code == 200
    assert response.context["formset"].non_form_errors() == ["Trois objectifs au plus : gardez les plus importants."]
    assert "Trois objectifs au plus" in response.content.decode()
    assert not PairObjective.objects.exists()
    with pytest.raises(ValidationError) as error:
        services_frame.frame_save(
            pair=frame_pair, by=frame_pair.mentee, **frame_values(programme), objectives=[("x", 3)] * 4
        )
    assert "objectives" in error.value.message_dict


def test_no_objective_is_refused(client, frame_pair, programme):
    client.force_login(frame_pair.mentee)
    response = client.post(frame_url(frame_pair), frame_post(programme, objectives=[]))
    assert response.context["formset"].non_form_errors() == ["Écrivez au moins un objectif."]


def test_an_objective_without_its_assessment_is_refused(client, frame_pair, programme):
    client.force_login(frame_pair.mentee)
    response = client.post(frame_url(frame_pair), frame_post(programme, objectives=[("Déléguer.", "")]))
    assert response.context["formset"].forms[0].errors["start_assessment"] == ["Choisissez une note entre 1 et 5."]


def test_the_frame_is_locked_once_a_member_has_signed(client, half_signed_pair, programme):
    with pytest.raises(ValidationError, match="déjà signée"):
        services_frame.frame_save(
            pair=half_signed_pair,
            by=half_signed_pair.mentor,
            **frame_values(programme, ends_on=datetime.date(2027, 4, 1)),
            mentor_comment="",
        )
    client.force_login(half_signed_pair.mentor)
    page = client.get(frame_url(half_signed_pair))
    assert page.context["editable"] is False
    assert "il ne change plus" in page.content.decode()
    client.post(
        frame_url(half_signed_pair), frame_post(programme, objectives=None, rhythm="2weeks", mentor_comment="Changeons")
    )
    assert PairFrame.objects.get(pair=half_signed_pair).rhythm == "monthly"


def test_objectives_and_frame_are_shown_to_both_members(client, confirmed_pair):
    for person in (confirmed_pair.mentee, confirmed_pair.mentor):
        client.force_login(person)
        body = client.get(frame_url(confirmed_pair)).content.decode()
        assert "Conduire mes premiers entretiens annuels." in body
        assert "https://visio.exemple.fr/binome" in body


def test_a_third_person_hr_and_the_engineer_get_404_on_the_frame(
    client, confirmed_pair, outsider, hr_referent, engineer, programme
):
    for person in (outsider, hr_referent, engineer):
        client.force_login(person)
        assert client.get(frame_url(confirmed_pair)).status_code == 404
        assert client.post(frame_url(confirmed_pair), frame_post(programme)).status_code == 404
        assert client.post(reverse("sessions_binome:frame_confirm", args=[confirmed_pair.pk])).status_code == 404
