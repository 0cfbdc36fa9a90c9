"""Someone who applied to an earlier edition starts their new application from the previous one."""

import datetime

import pytest
from django.urls import reverse

from candidatures.enums import ApplicationRole, ApplicationStatus
from candidatures.models import Application
from tests.candidatures.conftest import mentee_form_data
from tests.factories import PARIS, ApplicationFactory, ProgrammeFactory, UserFactory
from tests.html_checker import check_documents

pytestmark = pytest.mark.usefixtures("during_call")

NOTE = "Nous avons repris votre candidature de l'édition 2025-2026 : vérifiez et mettez à jour chaque champ."


@pytest.fixture
def earlier_edition(programme):
    """The edition before `programme` (2026-2027, whose call is open): it started a year earlier."""
    return ProgrammeFactory(
        slug="2025-2026",
        name="Programme de mentorat 2025-2026",
        call_opens_at=datetime.datetime(2025, 7, 1, tzinfo=PARIS),
        call_closes_at=datetime.datetime(2025, 9, 12, 23, 59, tzinfo=PARIS),
        starts_on=datetime.date(2025, 10, 15),
        ends_on=datetime.date(2026, 5, 15),
        evaluation_ends_on=datetime.date(2026, 6, 30),
    )


@pytest.fixture
def alumna(organisation):
    return UserFactory(email="claire.ancienne@assurance-maladie.fr", first_name="Claire", organisation=organisation)


@pytest.fixture
def former_mentor_application(earlier_edition, alumna, other_organisation, themes):
    application = ApplicationFactory(
        programme=earlier_edition,
        user=alumna,
        mentor=True,
        validated=True,
        track_code="P1",
        organisation=other_organisation,
        job_title="Directrice adjointe",
        is_manager=True,
        manager_since=datetime.date(2015, 3, 1),
        years_experience=18,
        line_manager_email="direction@caf.fr",
        availability=["lun-matin", "ven-aprem"],
        capacity=2,
        objectives="La prise de poste et le management à distance.",
        presentation="Dix ans de management en CAF.",
    )
    application.themes.set(themes[:2])
    return application


def _form(response):
    return response.context["form"]


def test_a_returning_mentor_finds_the_form_filled_from_the_previous_edition(
    client, alumna, programme, former_mentor_application, other_organisation, themes
):
    client.force_login(alumna)
    response = client.get(reverse("candidatures:new", args=["mentor"]))
    assert response.status_code == 200
    form = _form(response)
    assert form["organisation"].value() == other_organisation.pk
    assert form["job_title"].value() == "Directrice adjointe"
    assert form["years_experience"].value() == 18  # kept as written: the person updates it
    assert form["line_manager_email"].value() == "direction@caf.fr"
    assert set(form["availability"].value()) == {"lun-matin", "ven-aprem"}
    assert set(form["themes"].value()) == {themes[0].pk, themes[1].pk}
    assert form["capacity"].value() == 2
    assert form["presentation"].value() == "Dix ans de management en CAF."
    assert form["track"].value() == programme.tracks.get(code="P1").pk  # the new edition's own track
    content = response.content.decode()
    assert NOTE in content
    assert 'value="Directrice adjointe"' in content


def test_commitments_and_consent_are_never_ticked_in_advance(client, alumna, former_mentor_application):
    client.force_login(alumna)
    response = client.get(reverse("candidatures:new", args=["mentor"]))
    form = _form(response)
    for field in ["ack_duration", "ack_rhythm", "ack_working_time", "ack_volunteering", "ack_confidentiality"]:
        assert not form[field].value(), field
    assert not form["data_consent"].value()
    assert 'name="data_consent" checked' not in response.content.decode()


def test_the_prefilled_form_submits_a_new_application_for_the_new_edition(
    client, alumna, programme, former_mentor_application
):
    client.force_login(alumna)
    form = _form(client.get(reverse("candidatures:new", args=["mentor"])))
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if value in (None, "", False, []):
            continue
        data[name] = field.widget.format_value(value) if name == "manager_since" else value
    data["years_experience"] = 19
    # Given again for the new edition.
    data.update(dict.fromkeys(["ack_duration", "ack_rhythm", "ack_working_time", "ack_volunteering"], "on"))
    data.update({"ack_confidentiality": "on", "ack_change_mentor": "on", "data_consent": "on", "action": "submit"})
    response = client.post(reverse("candidatures:new", args=["mentor"]), data)
    assert response.status_code == 302, _form(response).errors
    new = Application.objects.get(user=alumna, programme=programme)
    assert new.status == ApplicationStatus.SUBMITTED
    assert new.track.programme == programme
    assert new.years_experience == 19
    assert new.capacity == 2
    assert new.data_consent_at is not None
    assert former_mentor_application.pk != new.pk
    former_mentor_application.refresh_from_db()
    assert former_mentor_application.years_experience == 18


def test_a_former_mentee_applying_as_mentor_gets_only_the_common_fields(
    client, alumna, earlier_edition, organisation, themes
):
    former = ApplicationFactory(
        programme=earlier_edition,
        user=alumna,
        validated=True,
        track_code="P1",
        job_title="Responsable d'unité",
        years_experience=7,
        line_manager_email="chef@assurance-maladie.fr",
        objectives="Trouver ma posture de manageuse.",
        prefers_other_branch=True,
    )
    former.themes.set(themes[:1])
    client.force_login(alumna)
    response = client.get(reverse("candidatures:new", args=["mentor"]))
    form = _form(response)
    assert form["job_title"].value() == "Responsable d'unité"
    assert form["years_experience"].value() == 7
    assert form["line_manager_email"].value() == "chef@assurance-maladie.fr"
    assert form["organisation"].value() == organisation.pk
    # What a mentee wanted is not what a mentor offers, and the track is chosen again.
    assert not form["objectives"].value()
    assert form["track"].value() is None
    content = response.content.decode()
    assert NOTE in content
    assert "Seule votre situation a été reprise" in content


def test_a_first_application_is_not_prefilled(client, applicant_without_history, programme, organisation):
    client.force_login(applicant_without_history)
    response = client.get(reverse("candidatures:new", args=["mentee"]))
    form = _form(response)
    assert form["organisation"].value() == organisation.pk
    assert not form["years_experience"].value()
    assert "Nous avons repris" not in response.content.decode()


@pytest.fixture
def applicant_without_history(organisation):
    return UserFactory(email="nouvelle@assurance-maladie.fr", organisation=organisation)


def test_a_later_edition_is_never_the_source(client, alumna, programme, organisation, themes):
    """An application to an edition that starts after the current one is not an earlier application."""
    later = ProgrammeFactory(
        slug="2027-2028",
        call_opens_at=datetime.datetime(2027, 7, 1, tzinfo=PARIS),
        call_closes_at=datetime.datetime(2027, 9, 12, tzinfo=PARIS),
        starts_on=datetime.date(2027, 10, 15),
        ends_on=datetime.date(2028, 5, 15),
    )
    ApplicationFactory(programme=later, user=alumna, job_title="Ne pas reprendre")
    # The later edition would be the current one: look at the 2026-2027 form through the service.
    from candidatures.selectors import previous_application

    assert previous_application(alumna, programme, ApplicationRole.MENTEE) is None


def test_the_dashboard_offers_a_returning_mentor_to_apply_again(client, alumna, former_mentor_application):
    client.force_login(alumna)
    response = client.get(reverse("core:dashboard"), follow=True)
    content = response.content.decode()
    assert "Candidater à nouveau comme mentor" in content
    assert reverse("candidatures:new", args=["mentor"]) in content


def test_the_dashboard_does_not_offer_it_to_a_former_mentee(client, alumna, earlier_edition):
    ApplicationFactory(programme=earlier_edition, user=alumna, validated=True)
    client.force_login(alumna)
    content = client.get(reverse("core:dashboard"), follow=True).content.decode()
    assert "Candidater à nouveau comme mentor" not in content


def test_a_returning_mentor_applies_in_two_clicks_with_the_previous_answers(
    client, alumna, programme, former_mentor_application
):
    """Dashboard button, then the pre-filled form: only the commitments are given again."""
    client.force_login(alumna)
    content = client.get(reverse("core:dashboard"), follow=True).content.decode()
    url = reverse("candidatures:new", args=["mentor"])
    assert f'href="{url}"' in content
    form = _form(client.get(url))
    response = client.post(url, {"action": "submit", **{n: form[n].value() for n in ["organisation", "track"]}})
    # The commitments are refused as missing, with a French message next to each one.
    assert response.status_code == 200
    errors = _form(response).errors
    assert errors["data_consent"] == ["Votre accord est nécessaire pour traiter votre candidature."]
    assert "ack_duration" in errors


def test_the_prefilled_pages_are_valid_html(client, alumna, former_mentor_application):
    client.force_login(alumna)
    documents = {
        "form": client.get(reverse("candidatures:new", args=["mentor"])).content.decode(),
        "dashboard": client.get(reverse("core:dashboard"), follow=True).content.decode(),
    }
    assert check_documents(documents) == []


def test_mentee_form_data_still_applies_for_someone_with_history(
    client, alumna, programme, organisation, themes, earlier_edition
):
    ApplicationFactory(programme=earlier_edition, user=alumna, validated=True)
    client.force_login(alumna)
    response = client.post(
        reverse("candidatures:new", args=["mentee"]), mentee_form_data(programme, organisation, themes)
    )
    assert response.status_code == 302
    assert Application.objects.filter(user=alumna, role=ApplicationRole.MENTEE).count() == 2
