"""The programme engineer's list of every application: filters, counts, pages, exports, bulk validation."""

import datetime
import io

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from candidatures.enums import ApplicationStatus
from candidatures.imports import COLUMNS, applications_import, read_import_file
from candidatures.models import Application
from tests.factories import ApplicationFactory, BranchFactory, OrganisationFactory, UserFactory

LIST_URL = reverse("candidatures:engineer_list")
EXTRA_COLUMNS = ["presentation", "branch", "status", "created_at", "submitted_at", "decided_at", "decision_reason"]


@pytest.fixture
def urssaf(db):
    return OrganisationFactory(
        code="URSSAF-IDF", name="Urssaf Île-de-France", branch=BranchFactory(code="recouvrement")
    )


def person(email, last_name, organisation, first_name="Camille"):
    return UserFactory(email=email, first_name=first_name, last_name=last_name, organisation=organisation)


@pytest.fixture
def applications(programme, organisation, other_organisation, urssaf):
    """Five applications spread over tracks, roles, statuses, organisations and branches."""
    return {
        "arnaud": ApplicationFactory(
            programme=programme, user=person("arnaud@assurance-maladie.fr", "Arnaud", organisation), track_code="P1"
        ),
        "bernard": ApplicationFactory(
            programme=programme,
            user=person("bernard@caf.fr", "Bernard", other_organisation),
            mentor=True,
            track_code="P1",
        ),
        "chevalier": ApplicationFactory(
            programme=programme, user=person("chevalier@urssaf.fr", "Chevalier", urssaf), validated=True
        ),
        "dupont": ApplicationFactory(
            programme=programme,
            user=person("dupont@urssaf.fr", "Dupont", urssaf, first_name="Zoé"),
            mentor=True,
            declined=True,
        ),
        "esnault": ApplicationFactory(
            programme=programme, user=person("esnault@assurance-maladie.fr", "Esnault", organisation), draft=True
        ),
    }


def listed(response):
    return [application.user.last_name for application in response.context["page"]]


# --- filters, counts, pages ----------------------------------------------------------------------


def test_the_engineer_sees_every_application_sorted_by_name(client, engineer, applications):
    client.force_login(engineer)
    client.reauthenticate(engineer)

    response = client.get(LIST_URL)

    assert response.status_code == 200
    assert listed(response) == ["Arnaud", "Bernard", "Chevalier", "Dupont", "Esnault"]
    assert response.context["total"] == 5


@pytest.mark.parametrize(
    "query, expected",
    [
        ({"track": "P1"}, ["Arnaud", "Bernard"]),
        ({"role": "mentor"}, ["Bernard", "Dupont"]),
        ({"status": "submitted"}, ["Arnaud", "Bernard"]),
        ({"status": "draft"}, ["Esnault"]),
        ({"organisation": "URSSAF-IDF"}, ["Chevalier", "Dupont"]),
        ({"branch": "recouvrement"}, ["Chevalier", "Dupont"]),
        ({"branch": "maladie"}, ["Arnaud", "Bernard", "Esnault"]),
        ({"q": "esnau"}, ["Esnault"]),
        ({"q": "bernard@caf"}, ["Bernard"]),
        ({"q": "zoé"}, ["Dupont"]),
        ({"track": "P2", "role": "mentor", "branch": "recouvrement"}, ["Dupont"]),
        ({"track": "P1", "status": "validated"}, []),
    ],
)
def test_the_list_filters(client, engineer, applications, query, expected):
    client.force_login(engineer)
    client.reauthenticate(engineer)

    response = client.get(LIST_URL, query)

    assert response.status_code == 200
    assert listed(response) == expected
    assert response.context["total"] == len(expected)


@pytest.mark.parametrize(
    "order, expected",
    [
        ("-nom", ["Esnault", "Dupont", "Chevalier", "Bernard", "Arnaud"]),
        # In the order of the workflow: draft, submitted, validated, declined.
        ("statut", ["Esnault", "Arnaud", "Bernard", "Chevalier", "Dupont"]),
        ("-statut", ["Dupont", "Chevalier", "Bernard", "Arnaud", "Esnault"]),
        ("organisme", ["Bernard", "Arnaud", "Esnault", "Chevalier", "Dupont"]),
    ],
)
def test_the_list_sorts_on_a_column_header(client, engineer, applications, order, expected):
    client.force_login(engineer)
    client.reauthenticate(engineer)

    response = client.get(LIST_URL, {"tri": order, "track": "", "page": "1"})

    assert listed(response) == expected
    body = response.content.decode()
    # The filter form carries the order, the headers carry the filters and the edition.
    assert f'name="tri" value="{order}"' in body
    assert 'aria-sort="' in body and "edition=" in body


def test_the_list_sorts_by_submission_date_latest_first_on_the_first_click(client, engineer, applications):
    client.force_login(engineer)
    client.reauthenticate(engineer)
    submitted = [a for a in applications.values() if a.submitted_at]
    for days, application in enumerate(sorted(submitted, key=lambda a: a.user.last_name)):
        Application.objects.filter(pk=application.pk).update(
            submitted_at=application.submitted_at + datetime.timedelta(days=days)
        )

    body = client.get(LIST_URL).content.decode()
    assert "tri=-depot" in body

    response = client.get(LIST_URL, {"tri": "-depot"})
    # The latest first, the draft (never submitted) last.
    assert listed(response) == ["Dupont", "Chevalier", "Bernard", "Arnaud", "Esnault"]


def test_the_filters_fold_behind_a_button_on_small_screens(client, engineer, applications):
    client.force_login(engineer)
    client.reauthenticate(engineer)

    body = client.get(LIST_URL).content.decode()

    assert 'data-bs-target="#filtres" aria-expanded="false" aria-controls="filtres">Filtrer</button>' in body
    assert '<div class="collapse d-md-block" id="filtres">' in body
    assert "filtres actifs" in client.get(LIST_URL, {"role": "mentor"}).content.decode()


def test_an_unknown_filter_value_is_dropped_and_the_other_filters_still_apply(client, engineer, applications):
    client.force_login(engineer)
    client.reauthenticate(engineer)

    response = client.get(LIST_URL, {"organisation": "CPAM-99", "status": "perdue", "track": "P1"})

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"organisation", "status"}
    assert listed(response) == ["Arnaud", "Bernard"]


def test_the_list_counts_applications_by_status(client, engineer, applications):
    client.force_login(engineer)
    client.reauthenticate(engineer)

    response = client.get(LIST_URL)

    counts = {str(label): n for label, n in response.context["status_counts"]}
    assert counts == {"Brouillon": 1, "Déposée": 2, "Validée": 1, "Non retenue": 1, "Retirée": 0}
    assert "Déposée : 2" in response.content.decode()


def test_the_counts_follow_the_filters(client, engineer, applications):
    client.force_login(engineer)
    client.reauthenticate(engineer)

    response = client.get(LIST_URL, {"role": "mentor"})

    counts = {str(label): n for label, n in response.context["status_counts"]}
    assert counts == {"Brouillon": 0, "Déposée": 1, "Validée": 0, "Non retenue": 1, "Retirée": 0}


def test_the_list_shows_50_applications_a_page_and_keeps_the_filters_in_the_page_links(
    client, engineer, programme, organisation
):
    for n in range(55):
        ApplicationFactory(
            programme=programme, user=person(f"agent{n:02d}@assurance-maladie.fr", f"Agent{n:02d}", organisation)
        )
    client.force_login(engineer)
    client.reauthenticate(engineer)

    first = client.get(LIST_URL, {"role": "mentee"})
    second = client.get(LIST_URL, {"role": "mentee", "page": 2})

    assert len(listed(first)) == 50
    assert listed(second) == [f"Agent{n:02d}" for n in range(50, 55)]
    assert first.context["total"] == 55
    assert "Page 1 sur 2" in first.content.decode()
    # The page links keep the filters and the edition shown.
    assert 'href="?role=mentee&amp;edition=2026-2027&amp;page=2"' in first.content.decode()


def test_the_list_page_makes_the_same_number_of_queries_for_5_or_40_applications(
    client, engineer, programme, organisation, themes
):
    def add(count):
        for _n in range(count):
            application = ApplicationFactory(programme=programme, user=UserFactory(organisation=organisation))
            application.themes.set(themes[:2])

    client.force_login(engineer)

    client.reauthenticate(engineer)
    add(5)
    with CaptureQueriesContext(connection) as five:
        assert client.get(LIST_URL).status_code == 200
    add(35)
    with CaptureQueriesContext(connection) as forty:
        response = client.get(LIST_URL)

    assert response.context["total"] == 40
    assert len(forty) == len(five), "\n".join(query["sql"] for query in forty.captured_queries)


# --- exports -------------------------------------------------------------------------------------


def export_csv(client, **query):
    response = client.get(LIST_URL, {**query, "export": "csv"})
    assert response.status_code == 200
    return response


def test_the_csv_export_starts_with_the_import_columns_uses_semicolons_and_a_bom(
    client, engineer, programme, applications
):
    client.force_login(engineer)
    client.reauthenticate(engineer)

    response = export_csv(client)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="candidatures-2026-2027.csv"'
    assert response.content.startswith(b"\xef\xbb\xbf")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].split(";") == [*COLUMNS, *EXTRA_COLUMNS]
    assert len(lines) == 6
    assert lines[1].startswith("arnaud@assurance-maladie.fr;Camille;Arnaud;mentee;P1;CPAM-33;")


def test_the_csv_export_follows_the_filters(client, engineer, applications):
    client.force_login(engineer)
    client.reauthenticate(engineer)

    lines = export_csv(client, organisation="URSSAF-IDF").content.decode("utf-8-sig").splitlines()

    assert [line.split(";")[0] for line in lines[1:]] == ["chevalier@urssaf.fr", "dupont@urssaf.fr"]


def test_an_exported_csv_reimports_without_error_and_without_change(client, engineer, programme, applications, themes):
    applications["arnaud"].themes.set(themes)
    applications["arnaud"].objectives = 'Gagner en assurance ; « oser » déléguer, dire "non".\nEt tenir dans la durée.'
    applications["arnaud"].is_manager = True
    applications["arnaud"].manager_since = datetime.date(2025, 3, 1)
    applications["arnaud"].line_manager_email = "direction@assurance-maladie.fr"
    applications["arnaud"].save()
    applications["bernard"].capacity = 2
    applications["bernard"].save()
    before = dict(Application.objects.values_list("pk", "updated_at"))
    client.force_login(engineer)
    client.reauthenticate(engineer)

    rows, read_errors = read_import_file(io.BytesIO(export_csv(client).content))
    result = applications_import(programme=programme, rows=rows)

    assert read_errors == []
    assert result["errors"] == []
    assert (result["created"], result["updated"], result["unchanged"], result["users_created"]) == (0, 0, 5, 0)
    assert dict(Application.objects.values_list("pk", "updated_at")) == before


def test_the_xlsx_export_opens_with_the_same_header(client, engineer, applications):
    client.force_login(engineer)
    client.reauthenticate(engineer)

    response = client.get(LIST_URL, {"export": "xlsx"})

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="candidatures-2026-2027.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == [*COLUMNS, *EXTRA_COLUMNS]
    assert len(rows) == 6
    assert rows[1][:6] == ("arnaud@assurance-maladie.fr", "Camille", "Arnaud", "mentee", "P1", "CPAM-33")


def test_the_xlsx_export_drops_control_characters_that_the_format_refuses(client, engineer, applications):
    applications["arnaud"].objectives = "Première ligne\x0bdeuxième ligne"
    applications["arnaud"].save()
    client.force_login(engineer)
    client.reauthenticate(engineer)

    response = client.get(LIST_URL, {"export": "xlsx"})

    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content), read_only=True).active.iter_rows(values_only=True))
    assert rows[1][COLUMNS.index("objectives")] == "Première lignedeuxième ligne"


@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_the_export_makes_the_same_number_of_queries_for_5_or_40_applications(
    client, engineer, programme, organisation, themes, export
):
    def add(count):
        for _n in range(count):
            application = ApplicationFactory(programme=programme, user=UserFactory(organisation=organisation))
            application.themes.set(themes)

    client.force_login(engineer)

    client.reauthenticate(engineer)
    add(5)
    with CaptureQueriesContext(connection) as five:
        client.get(LIST_URL, {"export": export})
    add(35)
    with CaptureQueriesContext(connection) as forty:
        response = client.get(LIST_URL, {"export": export})

    assert response.status_code == 200
    assert len(forty) == len(five), "\n".join(query["sql"] for query in forty.captured_queries)


# --- permissions ---------------------------------------------------------------------------------


@pytest.mark.parametrize("someone", ["hr_referent", "mentor", "mentee", "nobody"])
@pytest.mark.parametrize("query", [{}, {"export": "csv"}, {"export": "xlsx"}])
def test_only_the_engineer_sees_the_list_and_its_exports(client, request, programme, someone, query):
    client.force_login(request.getfixturevalue(someone))
    client.reauthenticate(request.getfixturevalue(someone))

    assert client.get(LIST_URL, query).status_code == 403


# --- bulk validation -----------------------------------------------------------------------------


def test_only_submitted_applications_offer_a_checkbox(client, engineer, applications):
    client.force_login(engineer)
    client.reauthenticate(engineer)

    body = client.get(LIST_URL).content.decode()

    for name in ("arnaud", "bernard"):
        assert f'value="{applications[name].pk}" id="sel-{applications[name].pk}"' in body
    for name in ("chevalier", "dupont", "esnault"):
        assert f'id="sel-{applications[name].pk}"' not in body


def test_the_bulk_validation_offers_to_select_every_row_of_the_page(client, engineer, applications):
    client.force_login(engineer)
    client.reauthenticate(engineer)

    body = client.get(LIST_URL).content.decode()

    assert 'data-select-all="application" hidden>' in body
    assert "Tout sélectionner sur cette page" in body and "js/select_all.js" in body
    # Nothing to validate on the page: no box, no script.
    assert "data-select-all" not in client.get(LIST_URL, {"status": "validated"}).content.decode()


def test_bulk_validation_from_the_list_validates_only_submitted_ones_and_emails_each_person(
    client, engineer, applications
):
    withdrawn = ApplicationFactory(
        programme=applications["arnaud"].programme, user=UserFactory(email="fabre@caf.fr"), withdrawn=True
    )
    client.force_login(engineer)
    client.reauthenticate(engineer)
    selected = [*applications.values(), withdrawn]

    response = client.post(
        reverse("candidatures:bulk_validate"),
        {"application": [application.pk for application in selected], "next": f"{LIST_URL}?track=P1"},
    )

    assert response.status_code == 302
    assert response.url == f"{LIST_URL}?track=P1"
    statuses = dict(Application.objects.values_list("user__last_name", "status"))
    assert statuses["Arnaud"] == statuses["Bernard"] == ApplicationStatus.VALIDATED
    assert statuses["Dupont"] == ApplicationStatus.DECLINED
    assert statuses["Esnault"] == ApplicationStatus.DRAFT
    assert Application.objects.get(pk=withdrawn.pk).status == ApplicationStatus.WITHDRAWN
    assert Application.objects.get(pk=applications["arnaud"].pk).decided_by == engineer
    # Chevalier was validated before: no second email.
    assert sorted(message.to[0] for message in mail.outbox) == ["arnaud@assurance-maladie.fr", "bernard@caf.fr"]
    assert all("retenue" in message.subject for message in mail.outbox)
    assert "2 candidatures validées ; les personnes sont prévenues." in client.get(response.url).content.decode()
