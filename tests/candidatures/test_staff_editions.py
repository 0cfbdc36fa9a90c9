"""The engineer's and the HR referents' application pages with two editions side by side: list pages
show the edition chosen in the selector (the running one by default), the review of an application is
in the application's edition, the engineer sets the call of an edition in preparation, and HR never
see an edition in preparation."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from candidatures.enums import ApplicationStatus
from candidatures.models import RelayLink
from candidatures.relay import relay_link_get_or_create
from tests.factories import PARIS, ApplicationFactory, UserFactory

RUNNING = datetime.datetime(2026, 12, 1, 10, 0, tzinfo=PARIS)
LIST = reverse("candidatures:engineer_list")
CALL = reverse("candidatures:call_settings")
IMPORT = reverse("candidatures:import")


@pytest.fixture(autouse=True)
def _december_2026():
    with time_machine.travel(RUNNING, tick=False):
        yield


def _signed_in(client, user):
    client.force_login(user)
    client.reauthenticate(user)
    return client


@pytest.fixture
def as_engineer(client, engineer):
    return _signed_in(client, engineer)


@pytest.fixture
def as_hr(client, hr_referent):
    return _signed_in(client, hr_referent)


def _apply(programme, organisation, email, **traits):
    user = UserFactory(email=email, organisation=organisation)
    return ApplicationFactory(programme=programme, user=user, **traits)


@pytest.fixture
def old_application(programme, organisation):
    return _apply(programme, organisation, "ancienne@assurance-maladie.fr")


@pytest.fixture
def new_application(next_programme, organisation):
    return _apply(next_programme, organisation, "nouvelle@assurance-maladie.fr")


def _shown(response):
    return response.wsgi_request.edition_selector.current


def _listed(response):
    return [application.pk for application in response.context["page"]]


# --- the engineer ------------------------------------------------------------------------------------


def test_the_engineers_list_shows_the_running_edition_by_default(as_engineer, old_application, new_application):
    response = as_engineer.get(LIST)

    assert response.status_code == 200
    assert _listed(response) == [old_application.pk]
    assert 'id="edition-selector"' in response.content.decode()


def test_the_selector_switches_the_engineers_list_and_its_export(as_engineer, old_application, new_application):
    response = as_engineer.get(LIST, {"edition": "2027-2028"})
    export = as_engineer.get(LIST, {"edition": "2027-2028", "export": "csv"})

    assert _listed(response) == [new_application.pk]
    # The page's export links name its edition, whatever another tab chooses meanwhile.
    assert "?edition=2027-2028&amp;export=csv" in response.content.decode()
    assert "candidatures-2027-2028.csv" in export["Content-Disposition"]
    assert b"nouvelle@assurance-maladie.fr" in export.content
    assert b"ancienne@" not in export.content
    assert _listed(as_engineer.get(LIST, {"edition": "2026-2027"})) == [old_application.pk]


def test_an_application_of_the_running_edition_is_reviewed_in_its_edition(
    as_engineer, programme, old_application, new_application
):
    as_engineer.get(LIST, {"edition": "2027-2028"})

    response = as_engineer.get(reverse("candidatures:review", args=[old_application.pk]))

    assert response.status_code == 200
    assert _shown(response) == programme
    assert response.wsgi_request.edition_selector.action == LIST
    assert _listed(as_engineer.get(LIST)) == [old_application.pk]  # the list follows back


def test_the_engineer_sets_the_call_of_an_edition_in_preparation(as_engineer, programme, prepared_programme):
    response = as_engineer.get(CALL, {"edition": "2027-2028"})
    assert response.status_code == 200 and response.context["form"].instance == prepared_programme
    data = {
        "call_opens_at": "2027-06-15T09:00",
        "call_closes_at": "2027-09-30T18:00",
        "p1_mentee_max_manager_months": "18",
        "p1_mentor_min_manager_years": "6",
        "p2_mentor_min_experience_years": "10",
    }

    response = as_engineer.post(f"{CALL}?edition=2027-2028", data)

    assert response.status_code == 302 and response.url == f"{CALL}?edition=2027-2028"
    prepared_programme.refresh_from_db()
    programme.refresh_from_db()
    assert prepared_programme.call_opens_at == datetime.datetime(2027, 6, 15, 9, 0, tzinfo=PARIS)
    assert programme.call_opens_at == datetime.datetime(2026, 7, 1, 0, 0, tzinfo=PARIS)


def test_the_import_page_imports_into_the_edition_shown(as_engineer, programme, prepared_programme):
    assert as_engineer.get(IMPORT).context["programme"] == programme
    assert as_engineer.get(IMPORT, {"edition": "2027-2028"}).context["programme"] == prepared_programme


# --- HR referents ------------------------------------------------------------------------------------


def test_hr_tracking_shows_the_running_edition_by_default_and_switches(
    as_hr, organisation, old_application, new_application
):
    url = reverse("candidatures:tracking", args=[organisation.pk])

    assert _listed(as_hr.get(url)) == [old_application.pk]
    response = as_hr.get(url, {"edition": "2027-2028"})
    assert _listed(response) == [new_application.pk]
    assert "?edition=2027-2028&amp;export=csv" in response.content.decode()
    assert as_hr.get(url, {"edition": "2026-2027"}).context["programme"].slug == "2026-2027"


def test_the_relay_kit_hands_out_the_link_of_the_edition_shown(as_hr, organisation, programme, next_programme):
    url = reverse("candidatures:relay_kit", args=[organisation.pk])

    assert as_hr.get(url).context["link"].programme == programme
    assert as_hr.get(url, {"edition": "2027-2028"}).context["link"].programme == next_programme


def test_regenerating_the_link_of_one_edition_keeps_the_other(
    as_hr, hr_referent, organisation, programme, next_programme
):
    kept = relay_link_get_or_create(programme=programme, organisation=organisation, by=hr_referent)
    old = relay_link_get_or_create(programme=next_programme, organisation=organisation, by=hr_referent)

    response = as_hr.post(f"{reverse('candidatures:relay_link_regenerate', args=[organisation.pk])}?edition=2027-2028")

    assert response.status_code == 302
    assert response.url == f"{reverse('candidatures:relay_kit', args=[organisation.pk])}?edition=2027-2028"
    kept.refresh_from_db()
    old.refresh_from_db()
    assert kept.revoked_at is None and old.revoked_at is not None
    assert RelayLink.objects.filter(programme=next_programme, revoked_at__isnull=True).count() == 1


def test_hr_never_select_an_edition_in_preparation(as_hr, organisation, programme, prepared_programme):
    for url in (
        reverse("candidatures:relay_home"),
        reverse("candidatures:relay_kit", args=[organisation.pk]),
        reverse("candidatures:tracking", args=[organisation.pk]),
    ):
        assert as_hr.get(url, {"edition": "2027-2028"}).status_code == 404, url
    assert as_hr.get(reverse("candidatures:tracking", args=[organisation.pk])).context["programme"] == programme


def test_hr_neither_review_nor_validate_an_application_of_an_edition_in_preparation(
    as_hr, organisation, prepared_programme
):
    imported = _apply(prepared_programme, organisation, "importee@assurance-maladie.fr")

    review = as_hr.get(reverse("candidatures:review", args=[imported.pk]))
    as_hr.post(reverse("candidatures:bulk_validate"), {"application": [imported.pk]})

    assert review.status_code == 404
    imported.refresh_from_db()
    assert imported.status == ApplicationStatus.SUBMITTED


def test_hr_review_an_application_of_the_running_edition_once_the_next_is_opened(
    as_hr, organisation, programme, old_application, next_programme
):
    response = as_hr.get(reverse("candidatures:review", args=[old_application.pk]))

    assert response.status_code == 200
    assert _shown(response) == programme
    assert response.wsgi_request.edition_selector.action == reverse("candidatures:tracking", args=[organisation.pk])
