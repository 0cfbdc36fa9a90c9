import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from candidatures.services import carry_organisation_to_pairs
from sessions_binome.enums import PairStatus, SessionStatus
from tests.factories import BranchFactory, OrganisationFactory
from tests.sessions_binome.pairs import add_session, make_pair, paris

NOW = paris(2027, 1, 20, 9, 0)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def pairs(programme, organisation, other_organisation):
    """Three pairs: one of the referent's organisation, active and busy; one inactive for 50 days;
    one of other organisations only."""
    busy = make_pair(
        programme,
        mentee_org=organisation,
        mentor_org=other_organisation,
        prefix="a",
        activated_at=paris(2026, 10, 20, 9, 0),
    )
    add_session(busy, when=paris(2027, 1, 10, 10, 0), status=SessionStatus.HELD, actual_duration_minutes=60)
    add_session(busy, when=paris(2027, 2, 10, 10, 0))
    idle = make_pair(
        programme,
        mentee_org=other_organisation,
        mentor_org=organisation,
        prefix="b",
        activated_at=paris(2026, 10, 20, 9, 0),
    )
    add_session(idle, when=NOW - datetime.timedelta(days=50), status=SessionStatus.HELD, actual_duration_minutes=60)
    foreign = make_pair(
        programme,
        mentee_org=OrganisationFactory(code="CAF-13"),
        mentor_org=OrganisationFactory(code="CNAV"),
        prefix="c",
        status=PairStatus.FRAME,
    )
    return busy, idle, foreign


def test_hr_sees_the_pairs_with_a_member_from_their_organisations(client, hr_referent, pairs):
    busy, idle, foreign = pairs
    client.force_login(hr_referent)
    client.reauthenticate(hr_referent)
    response = client.get(reverse("sessions_binome:hr_pairs"))
    rows = {pair.pk: pair for pair in response.context["page"]}
    assert set(rows) == {busy.pk, idle.pk}
    assert (rows[busy.pk].sessions_held, rows[busy.pk].sessions_planned) == (1, 1)
    assert rows[busy.pk].alerts == []
    assert rows[idle.pk].alerts == ["aucune séance tenue depuis 45 jours"]


def test_a_pair_leaves_the_hr_list_when_its_member_changes_organisation(client, hr_referent, pairs):
    busy, idle, _foreign = pairs
    application = busy.mentee_application
    application.organisation = OrganisationFactory(code="CPAM-75")
    application.save()
    carry_organisation_to_pairs(application)
    client.force_login(hr_referent)
    client.reauthenticate(hr_referent)
    response = client.get(reverse("sessions_binome:hr_pairs"))
    assert [pair.pk for pair in response.context["page"]] == [idle.pk]


def test_the_engineer_filters_by_organisation_and_branch(client, engineer, pairs, organisation, other_organisation):
    busy, idle, foreign = pairs
    client.force_login(engineer)
    client.reauthenticate(engineer)
    response = client.get(reverse("sessions_binome:engineer_pairs"), {"organisation": organisation.code})
    assert {pair.pk for pair in response.context["page"]} == {busy.pk, idle.pk}
    response = client.get(reverse("sessions_binome:engineer_pairs"), {"organisation": "CNAV"})
    assert [pair.pk for pair in response.context["page"]] == [foreign.pk]
    # The busy pair's mentor and the idle pair's mentee move to the family branch: both pairs show.
    other_organisation.branch = BranchFactory(code="famille")
    other_organisation.save()
    response = client.get(reverse("sessions_binome:engineer_pairs"), {"branch": "famille"})
    assert {pair.pk for pair in response.context["page"]} == {busy.pk, idle.pk}
    response = client.get(reverse("sessions_binome:engineer_pairs"), {"branch": "maladie"})
    assert {pair.pk for pair in response.context["page"]} == {busy.pk, idle.pk, foreign.pk}


def test_the_engineer_filters_by_alert(client, engineer, pairs):
    busy, idle, foreign = pairs
    client.force_login(engineer)
    client.reauthenticate(engineer)
    response = client.get(reverse("sessions_binome:engineer_pairs"), {"alert": "any"})
    assert {pair.pk for pair in response.context["page"]} == {idle.pk, foreign.pk}
    response = client.get(reverse("sessions_binome:engineer_pairs"), {"alert": "unsigned"})
    assert [pair.pk for pair in response.context["page"]] == [foreign.pk]


def test_csv_export_has_counts_and_no_content(client, hr_referent, pairs):
    busy, _idle, _foreign = pairs
    busy.sessions.update(agenda="SECRET-AGENDA", shared_notes="SECRET-NOTES")
    client.force_login(hr_referent)
    client.reauthenticate(hr_referent)
    response = client.get(reverse("sessions_binome:hr_pairs"), {"export": "csv"})
    content = response.content.decode("utf-8-sig")
    assert content.splitlines()[0].startswith("mentore;organisme_mentore;mentor")
    assert len(content.splitlines()) == 3
    assert "SECRET" not in content


@pytest.mark.parametrize("role", ["mentee", "mentor", "nobody"])
def test_participants_get_403_on_follow_up(client, request, role, pairs):
    client.force_login(request.getfixturevalue(role))
    client.reauthenticate(request.getfixturevalue(role))
    assert client.get(reverse("sessions_binome:hr_pairs")).status_code == 403
    assert client.get(reverse("sessions_binome:engineer_pairs")).status_code == 403
    assert client.get(reverse("sessions_binome:engineer_pair_detail", args=[pairs[0].pk])).status_code == 403


def test_the_engineer_rows_link_to_each_pair_and_the_hr_rows_to_none(client, engineer, hr_referent, pairs):
    busy, idle, foreign = pairs
    client.force_login(engineer)
    client.reauthenticate(engineer)
    html = client.get(reverse("sessions_binome:engineer_pairs")).content.decode()
    for pair in pairs:
        assert f'href="{reverse("sessions_binome:engineer_pair_detail", args=[pair.pk])}"' in html
    assert ">Actif</td>" in html and ">Cadre en préparation</td>" in html
    client.force_login(hr_referent)
    client.reauthenticate(hr_referent)
    html = client.get(reverse("sessions_binome:hr_pairs")).content.decode()
    assert "/pilotage/binomes/" not in html
    assert ">Actif</td>" in html


def test_the_engineer_pair_page_names_both_members_organisations(client, engineer, pairs):
    busy, _idle, _foreign = pairs
    client.force_login(engineer)
    html = client.get(reverse("sessions_binome:engineer_pair_detail", args=[busy.pk])).content.decode()
    assert "CPAM de la Gironde" in html and "CAF du Nord" in html


def test_hr_cannot_open_the_engineer_pair_page(client, hr_referent, pairs):
    client.force_login(hr_referent)
    client.reauthenticate(hr_referent)
    assert client.get(reverse("sessions_binome:engineer_pair_detail", args=[pairs[0].pk])).status_code == 403


def _queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("order", ["", "-seances", "-derniere"])
@pytest.mark.parametrize(
    "who,url_name", [("hr_referent", "sessions_binome:hr_pairs"), ("engineer", "sessions_binome:engineer_pairs")]
)
def test_query_counts_are_the_same_for_10_and_100_pairs(
    client, request, programme, organisation, other_organisation, who, url_name, order
):
    client.force_login(request.getfixturevalue(who))
    client.reauthenticate(request.getfixturevalue(who))
    url = f"{reverse(url_name)}?tri={order}"

    def add(n, start):
        for i in range(start, start + n):
            pair = make_pair(programme, mentee_org=organisation, mentor_org=other_organisation, prefix=f"q{i}")
            add_session(pair, when=paris(2027, 1, 5, 10, 0), status=SessionStatus.HELD, actual_duration_minutes=60)

    add(10, 0)
    ten = _queries(client, url)
    add(90, 10)
    assert _queries(client, url) == ten


def test_the_engineer_writes_to_the_pair(client, engineer, pairs):
    from django.core import mail

    busy = pairs[0]
    client.force_login(engineer)
    client.reauthenticate(engineer)
    response = client.post(
        reverse("sessions_binome:engineer_pair_message", args=[busy.pk]),
        {"subject": "Point d'étape", "body": "Comment avancez-vous ?"},
    )
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == sorted([busy.mentee.email, busy.mentor.email])
    assert mail.outbox[0].reply_to == [engineer.email]


def _listed(response):
    return [pair.pk for pair in response.context["page"]]


def test_the_engineer_sorts_the_pairs_by_last_session_and_by_sessions_held(client, engineer, pairs):
    busy, idle, foreign = pairs
    add_session(idle, when=paris(2026, 11, 5, 10, 0), status=SessionStatus.HELD, actual_duration_minutes=60)
    client.force_login(engineer)
    client.reauthenticate(engineer)
    url = reverse("sessions_binome:engineer_pairs")

    # Latest first on the first click; a pair without a held session last in both directions.
    assert "tri=-derniere" in client.get(url).content.decode()
    assert _listed(client.get(url, {"tri": "-derniere"})) == [busy.pk, idle.pk, foreign.pk]
    assert _listed(client.get(url, {"tri": "derniere"})) == [idle.pk, busy.pk, foreign.pk]
    assert _listed(client.get(url, {"tri": "-seances"})) == [idle.pk, busy.pk, foreign.pk]
    # In the order of the pair's life: the frame in preparation before the active pairs.
    assert _listed(client.get(url, {"tri": "statut"}))[0] == foreign.pk
    assert _listed(client.get(url, {"tri": "-statut"}))[-1] == foreign.pk


def test_a_pair_card_shows_its_alerts_on_a_phone(client, hr_referent, pairs):
    client.force_login(hr_referent)
    client.reauthenticate(hr_referent)
    html = client.get(reverse("sessions_binome:hr_pairs")).content.decode()
    assert '<table class="table table-sm align-middle table-cards">' in html
    assert (
        '<td data-label="Alertes" class="cell-alerts"><span class="badge text-bg-warning">'
        "aucune séance tenue depuis 45 jours</span>" in html
    )
