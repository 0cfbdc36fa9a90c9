"""The call's closing is enforced on the server, to the second."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from candidatures.enums import ApplicationStatus
from candidatures.models import Application
from tests.candidatures.conftest import mentee_form_data
from tests.factories import ApplicationFactory, UserFactory

CLOSES = datetime.datetime(2026, 9, 12, 23, 59, 59, tzinfo=datetime.timezone(datetime.timedelta(hours=2)))


@pytest.fixture
def applicant(organisation):
    return UserFactory(organisation=organisation)


def test_submitting_one_second_before_closing_is_accepted(client, applicant, programme, organisation, themes):
    client.force_login(applicant)
    with time_machine.travel(CLOSES - datetime.timedelta(seconds=1), tick=False):
        response = client.post(
            reverse("candidatures:new", args=["mentee"]), mentee_form_data(programme, organisation, themes)
        )
    assert response.status_code == 302
    assert Application.objects.get(user=applicant).status == ApplicationStatus.SUBMITTED


def test_submitting_at_closing_is_refused_and_saves_nothing(client, applicant, programme, organisation, themes):
    client.force_login(applicant)
    with time_machine.travel(CLOSES, tick=False):
        response = client.post(
            reverse("candidatures:new", args=["mentee"]), mentee_form_data(programme, organisation, themes)
        )
    assert response.status_code == 302
    assert response.url == reverse("candidatures:start")
    assert not Application.objects.exists()


def test_a_draft_cannot_be_submitted_after_closing(client, applicant, programme, organisation, themes):
    draft = ApplicationFactory(programme=programme, user=applicant, draft=True)
    client.force_login(applicant)
    with time_machine.travel(CLOSES + datetime.timedelta(seconds=1), tick=False):
        response = client.post(
            reverse("candidatures:edit", args=[draft.pk]), mentee_form_data(programme, organisation, themes)
        )
    draft.refresh_from_db()
    assert response.status_code == 302
    assert draft.status == ApplicationStatus.DRAFT


def test_the_service_refuses_editing_after_closing_even_without_the_view(applicant, programme, themes):
    from django.core.exceptions import ValidationError

    from candidatures.services import application_save

    application = ApplicationFactory(programme=programme, user=applicant)
    with pytest.raises(ValidationError, match="clos"):
        application_save(
            user=applicant,
            programme=programme,
            role="mentee",
            application=application,
            data={"objectives": "changé"},
            themes=themes,
            now=CLOSES,
        )
    application.refresh_from_db()
    assert application.objectives != "changé"


def test_withdrawing_stays_possible_after_closing(client, applicant, programme):
    application = ApplicationFactory(programme=programme, user=applicant, validated=True)
    client.force_login(applicant)
    with time_machine.travel(CLOSES + datetime.timedelta(days=20), tick=False):
        client.post(reverse("candidatures:withdraw", args=[application.pk]), {"confirm": "on"})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN


def test_applying_before_the_call_opens_is_refused(client, applicant, programme, organisation, themes):
    client.force_login(applicant)
    with time_machine.travel(datetime.datetime(2026, 6, 30, 12, 0, tzinfo=datetime.UTC), tick=False):
        client.post(reverse("candidatures:new", args=["mentee"]), mentee_form_data(programme, organisation, themes))
    assert not Application.objects.exists()
