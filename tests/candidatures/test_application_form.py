import pytest
from django.core import mail
from django.urls import reverse

from candidatures.enums import ApplicationStatus
from candidatures.models import Application
from tests.candidatures.conftest import mentee_form_data
from tests.factories import ApplicationFactory, UserFactory

pytestmark = pytest.mark.usefixtures("during_call")


@pytest.fixture
def applicant(organisation):
    return UserFactory(email="nadia.benali@assurance-maladie.fr", first_name="Nadia", organisation=organisation)


def test_it_submits_a_mentee_application_and_emails_a_confirmation(client, applicant, programme, organisation, themes):
    client.force_login(applicant)
    response = client.post(
        reverse("candidatures:new", args=["mentee"]), mentee_form_data(programme, organisation, themes)
    )
    application = Application.objects.get(user=applicant)
    assert response.status_code == 302
    assert response.url == reverse("candidatures:detail", args=[application.pk])
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.submitted_at is not None
    assert application.manager_since.isoformat() == "2025-11-01"
    assert set(application.themes.values_list("code", flat=True)) == {"prise-de-poste", "communication"}
    assert application.capacity is None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [applicant.email]
    assert "bien déposée" in message.subject
    assert "Bonjour Nadia" in message.body and "&#x27;" not in message.body
    assert message.alternatives[0][1] == "text/html"


def test_a_draft_may_be_incomplete_and_sends_nothing(client, applicant, programme, organisation, themes):
    client.force_login(applicant)
    response = client.post(
        reverse("candidatures:new", args=["mentee"]),
        {
            "track": programme.tracks.get(code="P2").pk,
            "organisation": organisation.pk,
            "objectives": "À préciser",
            "action": "draft",
        },
    )
    assert response.status_code == 302
    application = Application.objects.get(user=applicant)
    assert application.status == ApplicationStatus.DRAFT
    assert application.submitted_at is None
    assert mail.outbox == []


def test_even_a_draft_needs_a_track_and_an_organisation(client, applicant, programme):
    client.force_login(applicant)
    response = client.post(reverse("candidatures:new", args=["mentee"]), {"action": "draft"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"track", "organisation"}
    assert not Application.objects.exists()


def test_submitting_an_incomplete_form_shows_errors_next_to_fields_and_saves_nothing(
    client, applicant, programme, organisation, themes
):
    client.force_login(applicant)
    data = mentee_form_data(
        programme, organisation, themes, themes=None, ack_confidentiality=None, data_consent=None, years_experience=""
    )
    response = client.post(reverse("candidatures:new", args=["mentee"]), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) >= {"themes", "ack_confidentiality", "data_consent", "years_experience"}
    assert "Choisissez au moins un thème." in errors["themes"]
    body = response.content.decode()
    assert "is-invalid" in body
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("objectives", "x" * 10_000, "2000"),
        ("line_manager_email", "pas-une-adresse", "adresse"),
        ("years_experience", "51", "50"),
        ("manager_since", "2030-01", "futur"),
        ("manager_since", "janvier", "AAAA-MM"),
        ("themes", ["999999"], "999999"),
    ],
)
def test_bad_input_is_refused_with_a_french_error(
    client, applicant, programme, organisation, themes, field, value, message
):
    client.force_login(applicant)
    data = mentee_form_data(programme, organisation, themes, **{field: value})
    response = client.post(reverse("candidatures:new", args=["mentee"]), data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not Application.objects.exists()


@pytest.mark.parametrize("capacity", ["0", "3", ""])
def test_a_mentor_needs_a_capacity_of_1_or_2(client, applicant, programme, organisation, themes, capacity):
    client.force_login(applicant)
    data = mentee_form_data(programme, organisation, themes, capacity=capacity, presentation="Vingt ans de métier.")
    response = client.post(reverse("candidatures:new", args=["mentor"]), data)
    assert response.status_code == 200
    assert "capacity" in response.context["form"].errors
    assert not Application.objects.exists()


def test_a_mentor_application_is_submitted_with_capacity_and_presentation(
    client, applicant, programme, organisation, themes
):
    client.force_login(applicant)
    data = mentee_form_data(
        programme, organisation, themes, capacity="2", presentation="Manager depuis 2012.", manager_since="2012-03"
    )
    response = client.post(reverse("candidatures:new", args=["mentor"]), data)
    assert response.status_code == 302
    application = Application.objects.get(user=applicant)
    assert (application.role, application.capacity, application.status) == ("mentor", 2, ApplicationStatus.SUBMITTED)


def test_one_cannot_be_mentor_and_mentee_in_the_same_track(client, applicant, programme, organisation, themes):
    ApplicationFactory(programme=programme, user=applicant, track_code="P1")
    client.force_login(applicant)
    data = mentee_form_data(programme, organisation, themes, capacity="1", presentation="Vingt ans de métier.")
    response = client.post(reverse("candidatures:new", args=["mentor"]), data)
    assert response.status_code == 200
    assert "même parcours" in " ".join(response.context["form"].errors["track"])
    assert Application.objects.filter(user=applicant).count() == 1


def test_mentor_and_mentee_in_different_tracks_is_allowed(client, applicant, programme, organisation, themes):
    ApplicationFactory(programme=programme, user=applicant, track_code="P2")
    client.force_login(applicant)
    data = mentee_form_data(programme, organisation, themes, capacity="1", presentation="Vingt ans de métier.")
    assert client.post(reverse("candidatures:new", args=["mentor"]), data).status_code == 302
    assert Application.objects.filter(user=applicant).count() == 2


def test_a_second_application_of_the_same_role_leads_to_the_first(client, applicant, programme):
    existing = ApplicationFactory(programme=programme, user=applicant)
    client.force_login(applicant)
    response = client.get(reverse("candidatures:new", args=["mentee"]))
    assert response.url == reverse("candidatures:detail", args=[existing.pk])


def test_editing_a_submitted_application_keeps_it_submitted(client, applicant, programme, organisation, themes):
    client.force_login(applicant)
    client.post(reverse("candidatures:new", args=["mentee"]), mentee_form_data(programme, organisation, themes))
    application = Application.objects.get(user=applicant)
    data = mentee_form_data(programme, organisation, themes, objectives="Objectifs revus.")
    response = client.post(reverse("candidatures:edit", args=[application.pk]), data)
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.objectives == "Objectifs revus."
    assert application.status == ApplicationStatus.SUBMITTED
    assert len(mail.outbox) == 1  # the confirmation is not sent twice


def test_withdrawing_needs_confirmation(client, applicant, programme):
    application = ApplicationFactory(programme=programme, user=applicant)
    client.force_login(applicant)
    response = client.post(reverse("candidatures:withdraw", args=[application.pk]), {})
    assert response.status_code == 200
    assert "Cochez la case" in response.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    client.post(reverse("candidatures:withdraw", args=[application.pk]), {"confirm": "on"})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN


def test_the_link_presets_the_organisation(client, applicant, programme, other_organisation, hr_referent):
    from candidatures.relay import relay_link_get_or_create, relay_link_token

    link = relay_link_get_or_create(programme=programme, organisation=other_organisation, by=hr_referent)
    client.force_login(applicant)
    response = client.get(reverse("candidatures:apply_from_link", args=[relay_link_token(link)]))
    assert response.url == reverse("candidatures:start")
    form = client.get(reverse("candidatures:new", args=["mentee"])).context["form"]
    assert form.initial["organisation"] == other_organisation.pk
