"""The engineer's edition pages (/pilotage/editions/): list, preparation form, opening; and what the
participants of the running edition see meanwhile."""

import re

import pytest
import time_machine
from django.urls import reverse

from mentorat.audit.enums import AuditAction
from mentorat.audit.models import AuditEvent
from mentorat.core.enums import ProgrammeStatus
from mentorat.core.models import Programme
from tests.conftest import StrictClient
from tests.html_checker import check_documents
from tests.sessions_binome.pairs import make_pair, paris

pytestmark = pytest.mark.django_db

LIST, PREPARE = reverse("core:edition_list"), reverse("core:edition_prepare")
FORM = {
    "slug": "2027-2028",
    "name": "Programme de mentorat 2027-2028",
    "call_opens_at": "2027-07-01T00:00",
    "call_closes_at": "2027-09-12T23:59",
    "starts_on": "2027-10-15",
    "ends_on": "2028-05-15",
    "evaluation_ends_on": "2028-06-30",
    "charter": "copy",
}


@pytest.fixture(autouse=True)
def _november_2026():
    with time_machine.travel(paris(2026, 11, 16, 9, 0), tick=False):
        yield


@pytest.fixture
def as_engineer(client, engineer):
    client.force_login(engineer)
    return client


def _prepare(client, programme, **changes):
    return client.post(PREPARE, {**FORM, "source": programme.pk, **changes})


def test_only_the_engineer_reaches_the_edition_pages(client, programme, mentee, mentor, hr_referent, nobody, engineer):
    edition = Programme.objects.create(
        slug="2027-2028", name="Suivante", status=ProgrammeStatus.PREPARATION, call_opens_at=paris(2027, 7, 1),
        call_closes_at=paris(2027, 9, 12), starts_on=paris(2027, 10, 15).date(), ends_on=paris(2028, 5, 15).date(),
    )  # fmt: skip
    urls = [LIST, PREPARE, reverse("core:edition_open", args=[edition.pk])]
    for person in (mentee, mentor, hr_referent, nobody):
        client.force_login(person)
        assert [client.get(url).status_code for url in urls] == [403, 403, 403]
        assert client.post(PREPARE, {**FORM, "source": programme.pk}).status_code == 403
        assert client.post(urls[2]).status_code == 403
    assert Programme.objects.get(pk=edition.pk).status == ProgrammeStatus.PREPARATION
    client.force_login(engineer)
    assert [client.get(url).status_code for url in urls] == [200, 200, 200]
    client.logout()
    assert client.get(LIST).url.startswith(reverse("account_login"))


def test_the_form_proposes_the_next_years_calendar(as_engineer, programme):
    page = as_engineer.get(PREPARE).content.decode()
    for name, value in [("slug", "2027-2028"), ("name", "Programme de mentorat 2027-2028"),
                        ("call_opens_at", "2027-07-01T00:00"), ("call_closes_at", "2027-09-12T23:59"),
                        ("starts_on", "2027-10-15"), ("ends_on", "2028-05-15"), ("evaluation_ends_on", "2028-06-30")]:  # fmt: skip
        assert re.search(rf'name="{name}" value="{re.escape(value)}"', page), name
    assert re.search(r'value="copy"[^>]*checked', page)


def test_the_engineer_prepares_the_next_edition_and_sees_both(as_engineer, programme, engineer):
    response = _prepare(as_engineer, programme)
    assert response.status_code == 302 and response.url == LIST
    edition = Programme.objects.get(slug="2027-2028")
    assert edition.status == ProgrammeStatus.PREPARATION and edition.tracks.count() == 2
    assert AuditEvent.objects.filter(action=AuditAction.EDITION_PREPARED, actor=engineer).count() == 1
    page = as_engineer.get(LIST).content.decode()
    assert "Programme de mentorat 2027-2028" in page and "Programme de mentorat 2026-2027" in page
    assert "En préparation" in page and "Ouvrir l'édition" in page
    assert "du 15 octobre 2027 au 15 mai 2028" in page


def test_a_double_submit_prepares_one_edition(as_engineer, programme):
    token = re.search(r'name="form_token" value="([^"]+)"', as_engineer.get(PREPARE).content.decode())[1]
    first = _prepare(as_engineer, programme, form_token=token)
    second = _prepare(as_engineer, programme, form_token=token)
    assert first.status_code == second.status_code == 302 and second.url == LIST
    assert Programme.objects.filter(slug="2027-2028").count() == 1


def test_errors_are_in_french_next_to_their_field_all_at_once_and_nothing_is_created(as_engineer, programme):
    response = _prepare(as_engineer, programme, slug="2026-2027", ends_on="2027-10-01", call_opens_at="demain")
    assert response.status_code == 200
    page = response.content.decode()
    for field, message in [
        ("slug", "L&#x27;identifiant « 2026-2027 » est déjà celui d&#x27;une autre édition."),
        ("call_opens_at", "Saisissez une date et une heure valides."),
        ("ends_on", "La fin du programme doit suivre son début."),
    ]:
        # Each message is tied to its field: the input is invalid and described by the message's block.
        field_input = re.search(rf'<input[^>]*name="{field}"[^>]*>', page)[0]
        assert 'aria-invalid="true"' in field_input, field
        assert f"id_{field}_error" in re.search(r'aria-describedby="([^"]+)"', field_input)[1].split(), field
        block = re.search(rf'<div id="id_{field}_error"[^>]*>(.*?)</div>', page, re.S)[1]
        assert message in block, field
    assert Programme.objects.count() == 1


def _participant_pages(client, people, names):
    """For each participant's page: does it name 2026-2027, 2027-2028, and which of `names` it shows."""
    seen = {}
    for who, url in people:
        client.force_login(who)
        client.reauthenticate(who)
        page = client.get(url)
        assert page.status_code == 200, url
        text = page.content.decode()
        seen[url] = ("2026-2027" in text, "2027-2028" in text, [name for name in names if name in text])
    return seen


def test_preparing_the_next_edition_changes_nothing_for_the_participants_of_the_running_one(
    client, programme, engineer, organisation, other_organisation, hr_referent
):
    pair = make_pair(programme, mentee_org=organisation, mentor_org=other_organisation)
    names = [pair.mentee.get_full_name(), pair.mentor.get_full_name()]
    people = [
        (pair.mentee, reverse("core:dashboard_mentee")),
        (pair.mentor, reverse("core:dashboard_mentor")),
        (hr_referent, reverse("core:dashboard_hr")),
        (hr_referent, reverse("sessions_binome:hr_pairs")),
    ]
    before = _participant_pages(client, people, names)
    engineer_client = StrictClient()
    engineer_client.force_login(engineer)
    assert _prepare(engineer_client, programme).status_code == 302
    assert Programme.objects.filter(slug="2027-2028").exists()
    after = _participant_pages(client, people, names)
    assert after == before
    assert not any(named_2027 for _named_2026, named_2027, _names in after.values())
    assert all(
        after[reverse(name)][0] for name in ("core:dashboard_mentee", "core:dashboard_mentor", "core:dashboard_hr")
    )
    assert after[reverse("sessions_binome:hr_pairs")][2] == names  # the HR follow-up still lists the pair


def test_opening_the_edition_makes_it_live_without_warning_that_everyone_moves(
    client, as_engineer, programme, engineer, mentee
):
    _prepare(as_engineer, programme)
    edition = Programme.objects.get(slug="2027-2028")
    url = reverse("core:edition_open", args=[edition.pk])
    page = as_engineer.get(url).content.decode()
    assert "Rien ne change pour les participants des autres éditions" in page
    assert "ne sait pas encore faire vivre deux éditions" not in page
    response = as_engineer.post(url)
    assert response.status_code == 302 and response.url == LIST
    edition.refresh_from_db()
    assert edition.status == ProgrammeStatus.LIVE
    assert AuditEvent.objects.filter(action=AuditAction.EDITION_OPENED, target=f"programme:{edition.pk}").exists()
    # Only an edition in preparation can be opened.
    assert as_engineer.get(url).status_code == 404
    assert as_engineer.post(reverse("core:edition_open", args=[programme.pk])).status_code == 404


def test_edition_pages_are_valid_html(as_engineer, programme):
    documents = {"prepare": as_engineer.get(PREPARE).content.decode()}
    documents["prepare with errors"] = _prepare(as_engineer, programme, slug="", ends_on="2027-01-01").content.decode()
    _prepare(as_engineer, programme)
    documents["list"] = as_engineer.get(LIST).content.decode()
    edition = Programme.objects.get(slug="2027-2028")
    documents["open"] = as_engineer.get(reverse("core:edition_open", args=[edition.pk])).content.decode()
    assert check_documents(documents) == []
