"""Which edition a page shows when two editions live side by side: the phase of each edition, the
staff pages' selector (chosen, remembered, defaulting to the edition that makes sense now), the roles
per edition and the participants' dashboards listing each edition they take part in."""

import pytest
import time_machine
from django.urls import reverse

from candidatures.enums import ApplicationStatus
from mentorat.accounts.perms import user_roles
from mentorat.core.editions.selection import SESSION_KEY, default_edition, editions_for_staff
from mentorat.core.enums import EditionPhase, ProgrammeStatus, Role
from sessions_binome.enums import PairStatus
from tests.factories import ApplicationFactory
from tests.sessions_binome.pairs import make_pair, paris

pytestmark = pytest.mark.django_db

ENGINEER_DASHBOARD = reverse("core:dashboard_engineer")
HR_DASHBOARD = reverse("core:dashboard_hr")


@pytest.mark.parametrize(
    ("moment", "phase"),
    [
        (paris(2026, 6, 30, 23, 0), EditionPhase.UPCOMING),
        (paris(2026, 7, 1, 0, 0), EditionPhase.CALL_OPEN),
        (paris(2026, 9, 20, 9, 0), EditionPhase.MATCHING),
        (paris(2026, 10, 15, 0, 30), EditionPhase.RUNNING),
        (paris(2027, 5, 15, 23, 30), EditionPhase.RUNNING),
        (paris(2027, 5, 16, 0, 30), EditionPhase.EVALUATION),
        (paris(2027, 7, 1, 0, 30), EditionPhase.CLOSED),
    ],
)
def test_the_phase_of_an_opened_edition_follows_its_dates_in_paris(programme, moment, phase):
    assert programme.phase(moment) == phase


def test_the_engineer_sets_the_phase_of_an_edition_in_preparation_or_archived(programme):
    moment = paris(2026, 11, 16, 9, 0)
    programme.status = ProgrammeStatus.PREPARATION
    assert programme.phase(moment) == EditionPhase.PREPARATION
    programme.status = ProgrammeStatus.ARCHIVED
    assert programme.phase(moment) == EditionPhase.ARCHIVED


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (paris(2026, 11, 16, 9, 0), "2026-2027"),  # 2026-2027 runs, 2027-2028 is a year away
        (paris(2027, 5, 1, 9, 0), "2026-2027"),  # still running
        (paris(2027, 7, 10, 9, 0), "2027-2028"),  # 2026-2027 in evaluation, the next call is open
        (paris(2027, 11, 2, 9, 0), "2027-2028"),  # the new edition runs
    ],
)
def test_the_default_edition_is_the_running_one_else_the_latest_whose_call_has_opened(
    programme, next_programme, engineer, moment, expected
):
    assert default_edition(list(editions_for_staff(engineer)), moment).slug == expected


def test_an_edition_in_preparation_is_never_the_default_while_one_is_opened(programme, prepared_programme, engineer):
    editions = list(editions_for_staff(engineer))
    assert [e.slug for e in editions] == ["2027-2028", "2026-2027"]
    assert default_edition(editions, paris(2027, 11, 2, 9, 0)).slug == "2026-2027"


@time_machine.travel(paris(2026, 11, 16, 9, 0), tick=False)
def test_the_engineer_switches_edition_and_the_choice_stays_on_the_next_pages(
    client, programme, prepared_programme, engineer
):
    client.force_login(engineer)
    page = client.get(ENGINEER_DASHBOARD).content.decode()
    assert 'id="edition-selector"' in page
    assert '<option value="2026-2027" selected>' in page
    assert "Programme de mentorat 2027-2028 · en préparation" in page
    page = client.get(ENGINEER_DASHBOARD, {"edition": "2027-2028"}).content.decode()
    assert '<option value="2027-2028" selected>' in page
    assert client.session[SESSION_KEY] == "2027-2028"
    # The next page opened without a choice stays in the chosen edition.
    assert '<option value="2027-2028" selected>' in client.get(ENGINEER_DASHBOARD).content.decode()
    assert client.get(ENGINEER_DASHBOARD, {"edition": "1999-2000"}).status_code == 404


@time_machine.travel(paris(2026, 11, 16, 9, 0), tick=False)
def test_hr_referents_never_see_an_edition_in_preparation(client, programme, prepared_programme, hr_referent):
    client.force_login(hr_referent)
    page = client.get(HR_DASHBOARD).content.decode()
    assert "2027-2028" not in page
    assert client.get(HR_DASHBOARD, {"edition": "2027-2028"}).status_code == 404
    # A choice remembered from elsewhere that HR may not see falls back to the default.
    session = client.session
    session[SESSION_KEY] = "2027-2028"
    session.save()
    assert client.get(HR_DASHBOARD).status_code == 200


def test_no_selector_when_there_is_one_edition(client, programme, engineer):
    client.force_login(engineer)
    assert 'id="edition-selector"' not in client.get(ENGINEER_DASHBOARD).content.decode()


@time_machine.travel(paris(2027, 7, 10, 9, 0), tick=False)
def test_roles_are_per_edition_a_mentee_of_one_edition_is_a_mentor_of_the_next(
    client, programme, next_programme, organisation
):
    from tests.factories import UserFactory

    person = UserFactory(email="claire@assurance-maladie.fr", organisation=organisation)
    ApplicationFactory(programme=programme, user=person, validated=True)
    ApplicationFactory(programme=next_programme, user=person, mentor=True)
    assert {Role.MENTEE, Role.MENTOR} <= set(user_roles(person))
    client.force_login(person)
    assert client.get(reverse("core:dashboard_mentee")).status_code == 200
    mentor_page = client.get(reverse("core:dashboard_mentor")).content.decode()
    assert "Programme de mentorat 2027-2028" in mentor_page
    assert "Programme de mentorat 2026-2027" not in mentor_page  # she was no mentor there


def test_an_application_to_an_edition_in_preparation_gives_no_role(programme, prepared_programme, nobody):
    ApplicationFactory(programme=prepared_programme, user=nobody, mentor=True)
    assert not {Role.MENTEE, Role.MENTOR} & set(user_roles(nobody))


@pytest.fixture
def paired_2026(programme, organisation, other_organisation):
    pair = make_pair(programme, mentee_org=organisation, mentor_org=other_organisation)
    return pair


@time_machine.travel(paris(2027, 7, 10, 9, 0), tick=False)
def test_opening_the_next_edition_leaves_the_running_pair_on_both_dashboards(client, paired_2026, next_programme):
    client.force_login(paired_2026.mentee)
    page = client.get(reverse("core:dashboard_mentee")).content.decode()
    assert reverse("sessions_binome:pair_detail", args=[paired_2026.pk]) in page
    assert "Appel à candidatures ouvert · Programme de mentorat 2027-2028" in page
    client.force_login(paired_2026.mentor)
    page = client.get(reverse("core:dashboard_mentor")).content.decode()
    assert reverse("sessions_binome:pair_detail", args=[paired_2026.pk]) in page
    assert "Candidater à nouveau comme mentor" in page


@time_machine.travel(paris(2027, 11, 2, 9, 0), tick=False)
def test_a_closed_edition_keeps_its_pair_page_and_certificate_under_the_new_one(
    client, paired_2026, next_programme, organisation
):
    paired_2026.status = PairStatus.COMPLETED
    paired_2026.save(update_fields=["status"])
    ApplicationFactory(
        programme=next_programme, user=paired_2026.mentor, mentor=True, status=ApplicationStatus.SUBMITTED,
        submitted_at=paris(2027, 8, 1, 9, 0),
    )  # fmt: skip
    client.force_login(paired_2026.mentor)
    page = client.get(reverse("core:dashboard_mentor")).content.decode()
    newer, older = page.index("Programme de mentorat 2027-2028"), page.index("Programme de mentorat 2026-2027")
    assert newer < older  # most recent first
    assert reverse("sessions_binome:certificate", args=[paired_2026.pk]) in page[older:]
    assert client.get(reverse("sessions_binome:pair_detail", args=[paired_2026.pk])).status_code == 200
    assert client.get(reverse("sessions_binome:certificate", args=[paired_2026.pk])).status_code == 200


def test_the_staff_dashboards_open_before_any_edition_exists(client, engineer, hr_referent):
    for person, url, text in ((engineer, ENGINEER_DASHBOARD, "Aucun programme n"),
                              (hr_referent, HR_DASHBOARD, "Aucune édition du programme n")):  # fmt: skip
        client.force_login(person)
        response = client.get(url)
        assert response.status_code == 200 and text in response.content.decode()
