"""Applying with two editions side by side: one applies to the edition whose call is open, whichever
edition is opened or running meanwhile; a 2026-2027 mentor applies again to 2027-2028 in two clicks."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from candidatures.enums import ApplicationRole, ApplicationStatus
from candidatures.models import Application
from tests.candidatures.conftest import mentee_form_data
from tests.factories import PARIS, ApplicationFactory, UserFactory

START = reverse("candidatures:start")
NEW_MENTEE = reverse("candidatures:new", args=["mentee"])
NEW_MENTOR = reverse("candidatures:new", args=["mentor"])

# 2026-2027's call is open while 2027-2028 is already opened (its call comes in July 2027).
AUGUST_2026 = datetime.datetime(2026, 8, 20, 10, 0, tzinfo=PARIS)
# 2026-2027 is running; no call is open.
DECEMBER_2026 = datetime.datetime(2026, 12, 1, 10, 0, tzinfo=PARIS)
# 2027-2028's call is open.
JULY_2027 = datetime.datetime(2027, 7, 8, 10, 0, tzinfo=PARIS)


@pytest.fixture
def person(organisation):
    return UserFactory(email="dora.candidate@assurance-maladie.fr", organisation=organisation)


def test_one_applies_to_the_edition_whose_call_is_open_not_to_a_later_opened_one(
    client, person, organisation, themes, programme, next_programme
):
    with time_machine.travel(AUGUST_2026, tick=False):
        client.force_login(person)
        start = client.get(START)
        form = client.get(NEW_MENTEE)
        response = client.post(NEW_MENTEE, mentee_form_data(programme, organisation, themes))

    assert start.context["programme"] == programme and start.context["call_open"]
    assert form.status_code == 200 and form.context["programme"] == programme
    assert response.status_code == 302
    assert Application.objects.get(user=person).programme == programme


def test_without_an_open_call_the_start_page_announces_the_next_one_and_nobody_applies(
    client, person, programme, next_programme
):
    with time_machine.travel(DECEMBER_2026, tick=False):
        client.force_login(person)
        start = client.get(START)
        response = client.get(NEW_MENTOR)

    assert start.context["programme"] == next_programme and not start.context["call_open"]
    assert "pas encore ouvert" in start.content.decode()
    assert response.status_code == 302 and response.url == START
    assert not Application.objects.filter(user=person).exists()


def test_a_mentee_of_the_running_edition_applies_as_mentor_to_the_next_one(
    client, mentee, organisation, themes, programme, next_programme
):
    data = mentee_form_data(next_programme, organisation, themes, capacity="1", presentation="Dix ans en CPAM.")
    with time_machine.travel(JULY_2027, tick=False):
        client.force_login(mentee)  # a session of July 2027
        start = client.get(START)
        response = client.post(NEW_MENTOR, data)
        proposals = client.get(reverse("matching:my_proposals"))

    assert start.context["programme"] == next_programme
    assert start.context["mentee_application"] is None  # her 2026-2027 one is of another edition
    assert response.status_code == 302, response.context["form"].errors
    new = Application.objects.get(user=mentee, programme=next_programme)
    assert (new.role, new.status) == (ApplicationRole.MENTOR, ApplicationStatus.SUBMITTED)
    assert mentee.applications.get(programme=programme).role == ApplicationRole.MENTEE
    # She is still a mentee in 2026-2027: her proposals page is that edition's.
    assert proposals.status_code == 200 and proposals.context["mentee"].programme == programme


def _form_as_shown(form):
    """What the browser sends when the person presses « Déposer » on the form as the page shows it."""
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if value in (None, "", False, []):
            continue
        data[name] = field.widget.format_value(value) if name == "manager_since" else value
    return data


def test_a_mentor_of_the_running_edition_applies_again_in_two_clicks(
    client, other_organisation, themes, programme, next_programme
):
    mentor = UserFactory(email="bruno.mentor@caf.fr", organisation=other_organisation)
    previous = ApplicationFactory(
        programme=programme,
        user=mentor,
        mentor=True,
        validated=True,
        track_code="P1",
        is_manager=True,
        manager_since=datetime.date(2012, 9, 1),
        line_manager_email="direction@caf.fr",
        capacity=2,
    )
    previous.themes.set(themes[:2])
    with time_machine.travel(JULY_2027, tick=False):
        client.force_login(mentor)  # a session of July 2027
        dashboard = client.get(reverse("core:dashboard"), follow=True)
        # First click: « Candidater à nouveau comme mentor » on the dashboard.
        link = re.search(
            r'<a [^>]*href="([^"]+)"[^>]*>Candidater à nouveau comme mentor</a>', dashboard.content.decode()
        )
        assert link, "the dashboard offers to apply again as mentor"
        page = client.get(link.group(1))
        data = _form_as_shown(page.context["form"])
        # The commitments and the consent are given again for each edition, never ticked in advance.
        data.update(
            dict.fromkeys(
                ["ack_duration", "ack_rhythm", "ack_working_time", "ack_volunteering", "ack_confidentiality"], "on"
            )
        )
        data.update({"ack_change_mentor": "on", "data_consent": "on"})
        # Second click: « Déposer ».
        assert "Déposer" in page.content.decode()
        response = client.post(link.group(1), {**data, "action": "submit"})
        requests_2026 = client.get(reverse("matching:mentor_requests"), {"edition": "2026-2027"})

    assert response.status_code == 302, response.context["form"].errors
    new = Application.objects.get(user=mentor, programme=next_programme)
    assert (new.role, new.status) == (ApplicationRole.MENTOR, ApplicationStatus.SUBMITTED)
    assert new.track == next_programme.tracks.get(code="P1")
    assert (new.capacity, new.line_manager_email, new.organisation) == (2, "direction@caf.fr", other_organisation)
    assert set(new.themes.all()) == set(themes[:2])
    assert response.url == reverse("candidatures:detail", args=[new.pk])
    previous.refresh_from_db()
    assert previous.programme == programme and previous.status == ApplicationStatus.VALIDATED
    # Applying again takes nothing away from 2026-2027: that edition's requests page is still his.
    assert requests_2026.status_code == 200 and requests_2026.context["mentor"] == previous
