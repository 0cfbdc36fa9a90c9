"""Pseudonymised exports: columns from the allowlists, stable pseudonyms per programme, no names,
emails or small organisations, free text only on request and without identity."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from evaluation import exports
from evaluation.enums import Audience
from mentorat.audit.models import AuditEvent
from tests.evaluation.helpers import answer, make_pair
from tests.factories import OrganisationFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

FREE_TEXT = "Un regard extérieur précieux"


@pytest.fixture
def data(surveys, programme, organisation, other_organisation):
    """Six mentees of CPAM-33 with mentors of one-person organisations; everyone answered."""
    pairs = []
    for index in range(6):
        small = OrganisationFactory(code=f"CARSAT-{index}", name=f"Carsat {index}")
        pair = make_pair(programme, mentee_org=organisation, mentor_org=small, held=2, objectives=[(2, 4)])
        answer(pair, Audience.MENTEE, text=FREE_TEXT if index == 0 else "")
        answer(pair, Audience.MENTOR)
        pairs.append(pair)
    return pairs


def _csv(content):
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def _sheets(content):
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in workbook.worksheets}


def test_csv_columns_are_the_allowlist(data, programme):
    rows = _csv(exports.dataset_csv(programme))
    assert rows[0] == exports.ANSWER_COLUMNS
    assert all(len(row) == len(exports.ANSWER_COLUMNS) for row in rows)
    assert len(rows) > 1


def test_xlsx_sheets_hold_exactly_the_allowlists(data, programme):
    sheets = _sheets(exports.dataset_xlsx(programme))
    assert list(sheets) == ["Lisez-moi", "Réponses", "Binômes"]
    assert sheets["Réponses"][0] == exports.ANSWER_COLUMNS
    assert sheets["Binômes"][0] == exports.PAIR_COLUMNS
    assert len(sheets["Binômes"]) == 7
    with_text = _sheets(exports.dataset_xlsx(programme, include_free_text=True))
    assert with_text["Réponses libres"][0] == exports.FREE_TEXT_COLUMNS


def test_no_name_email_or_free_text_unless_asked(data, programme):
    content = exports.dataset_csv(programme).decode("utf-8-sig") + repr(_sheets(exports.dataset_xlsx(programme)))
    for pair in data:
        for person in (pair.mentee, pair.mentor):
            assert person.email not in content and person.last_name not in content
    assert "@" not in content
    assert FREE_TEXT not in content


def test_free_text_comes_apart_with_no_pseudonym(data, programme):
    rows = _csv(exports.free_text_csv(programme))
    assert rows[0] == exports.FREE_TEXT_COLUMNS == ["questionnaire", "public", "question_no", "question", "reponse"]
    assert [row[-1] for row in rows[1:]] == [FREE_TEXT]
    sheet = _sheets(exports.dataset_xlsx(programme, include_free_text=True))["Réponses libres"]
    assert sheet[1][-1] == FREE_TEXT and not any(str(cell).startswith("P-") for cell in sheet[1])


def test_an_organisation_is_named_only_from_five_people(data, programme):
    rows = _csv(exports.dataset_csv(programme))
    header = rows[0]
    organisation_of = {row[header.index("public")]: set() for row in rows[1:]}
    for row in rows[1:]:
        organisation_of[row[header.index("public")]].add(row[header.index("organisme")])
    assert organisation_of["mentee"] == {"CPAM-33"}  # six mentees
    assert organisation_of["mentor"] == {""}  # one mentor per organisation


def test_pseudonyms_are_stable_within_a_programme_and_differ_between_programmes(data, programme):
    person = data[0].mentee
    first = exports.pseudonym(programme, person.pk)
    assert first == exports.pseudonym(programme, person.pk)
    assert first.startswith("P-") and str(person.pk) not in first[2:4]
    other = ProgrammeFactory(slug="2027-2028", name="Programme 2027-2028")
    assert exports.pseudonym(other, person.pk) != first
    rows = _csv(exports.dataset_csv(programme))
    assert first in {row[0] for row in rows[1:]}


def test_the_engineer_downloads_after_typing_the_password_again_and_it_is_audited(client, data, engineer):
    client.force_login(engineer)
    url = reverse("evaluation:data_csv")
    response = client.get(url)
    assert response.status_code == 302 and "reauthenticate" in response.url
    client.reauthenticate(engineer)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert _csv(response.content)[0] == exports.ANSWER_COLUMNS
    response = client.get(reverse("evaluation:data_xlsx"), {"texte_libre": "1"})
    assert "Réponses libres" in _sheets(response.content)
    assert AuditEvent.objects.filter(action="export", target__startswith="donnees-evaluation").count() == 2


@pytest.mark.parametrize("who", ["hr_referent", "mentee", "nobody"])
def test_only_the_engineer_exports_data(client, request, data, who):
    user = request.getfixturevalue(who)
    client.force_login(user)
    client.reauthenticate(user)
    for name in ("evaluation:data_csv", "evaluation:data_xlsx", "evaluation:free_text_csv"):
        assert client.get(reverse(name)).status_code == 403


def test_the_people_left_blank_are_never_a_small_group_either():
    six_and_one = {f"p{i}": ("maladie", "CPAM-33") for i in range(6)} | {"q": ("maladie", "CARSAT-1")}
    labels = exports._named_groups(six_and_one)
    # The one CARSAT-1 person alone in « others » would be found out: CPAM-33 is left blank too.
    assert set(labels.values()) == {("maladie", "")}
    six_and_five = six_and_one | {f"r{i}": ("maladie", f"CAF-{i}") for i in range(4)}
    assert set(exports._named_groups(six_and_five).values()) == {
        ("maladie", "CPAM-33"),
        ("maladie", ""),
    }
