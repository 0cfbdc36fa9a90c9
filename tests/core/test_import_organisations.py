import io

import pytest
from django.core.management import CommandError, call_command

from mentorat.core.csv_utils import CsvImportError, read_csv
from mentorat.core.models import Organisation
from tests.factories import BranchFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def branches(db):
    return {code: BranchFactory(code=code) for code in ("maladie", "famille", "recouvrement")}


def write(tmp_path, text, *, encoding="utf-8", name="organismes.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def run_import(path):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_organisations", str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_failing_import(path):
    err = io.StringIO()
    with pytest.raises(CommandError) as exc_info:
        call_command("import_organisations", str(path), stdout=io.StringIO(), stderr=err)
    return err.getvalue().splitlines(), str(exc_info.value)


def test_it_creates_organisations_and_prints_the_counts(tmp_path, branches):
    path = write(
        tmp_path,
        "code,name,branch,region\n"
        "CPAM-33,CPAM de la Gironde,maladie,Nouvelle-Aquitaine\n"
        "CAF-59,CAF du Nord,famille,Hauts-de-France\n",
    )
    out, err = run_import(path)
    assert "Organismes créés : 2, mis à jour : 0, inchangés : 0." in out
    assert err == ""
    caf = Organisation.objects.get(code="CAF-59")
    assert (caf.name, caf.branch, caf.region, caf.is_active) == (
        "CAF du Nord",
        branches["famille"],
        "Hauts-de-France",
        True,
    )


def test_it_updates_organisations_found_by_code_and_keeps_the_others(tmp_path, branches):
    existing = OrganisationFactory(code="CPAM-33", name="Ancien nom", branch=branches["maladie"], is_active=False)
    untouched = OrganisationFactory(code="CPAM-75", name="CPAM de Paris", branch=branches["maladie"])
    path = write(
        tmp_path,
        "code,name,branch,region\n"
        "CPAM-33,CPAM de la Gironde,maladie,Nouvelle-Aquitaine\n"
        "URSSAF-IDF,Urssaf Île-de-France,recouvrement,Île-de-France\n",
    )
    out, _err = run_import(path)
    assert "Organismes créés : 1, mis à jour : 1, inchangés : 0." in out
    existing.refresh_from_db()
    assert (existing.name, existing.region) == ("CPAM de la Gironde", "Nouvelle-Aquitaine")
    assert existing.is_active is False  # the import says nothing about it
    assert Organisation.objects.get(pk=untouched.pk).name == "CPAM de Paris"
    assert Organisation.objects.count() == 3


def test_importing_the_same_file_again_changes_nothing(tmp_path):
    path = write(tmp_path, "code,name,branch,region\nCPAM-33,CPAM de la Gironde,maladie,Nouvelle-Aquitaine\n")
    run_import(path)
    out, _err = run_import(path)
    assert "Organismes créés : 0, mis à jour : 0, inchangés : 1." in out


def test_it_reads_semicolons_and_a_byte_order_mark_from_excel(tmp_path):
    path = write(
        tmp_path,
        "\ufeffcode;name;branch;region\r\n"
        "CAF-13;CAF des Bouches-du-Rhône;famille;Provence-Alpes-Côte d'Azur\r\n"
        "URSSAF-PACA;\"Urssaf Provence-Alpes-Côte d'Azur; Marseille\";recouvrement;Provence-Alpes-Côte d'Azur\r\n",
    )
    out, _err = run_import(path)
    assert "Organismes créés : 2" in out
    assert Organisation.objects.get(code="CAF-13").name == "CAF des Bouches-du-Rhône"
    assert Organisation.objects.get(code="URSSAF-PACA").name == "Urssaf Provence-Alpes-Côte d'Azur; Marseille"


def test_header_case_spaces_column_order_and_blank_lines_do_not_matter(tmp_path):
    path = write(tmp_path, " Region , CODE,Branch,name\n\nOccitanie, cpam-31 ,Maladie,CPAM de la Haute-Garonne\n\n")
    run_import(path)
    organisation = Organisation.objects.get()
    assert (organisation.code, organisation.branch.code, organisation.region) == ("CPAM-31", "maladie", "Occitanie")


def test_one_wrong_line_imports_nothing_and_every_error_is_listed(tmp_path):
    path = write(
        tmp_path,
        "code,name,branch,region\n"
        "CPAM-33,CPAM de la Gironde,maladie,Nouvelle-Aquitaine\n"
        "CPAM-75,CPAM de Paris,santé,Île-de-France\n"
        ",Sans code,maladie,Bretagne\n"
        "CAF-59,,famille,\n"
        "CPAM-33,Doublon,maladie,Nouvelle-Aquitaine\n",
    )
    errors, message = run_failing_import(path)
    assert errors == [
        "line 3: branch: branche inconnue « santé »",
        "line 4: code: le code est obligatoire",
        "line 5: name: le nom est obligatoire",
        "line 5: region: la région est obligatoire",
        "line 6: code: code « CPAM-33 » en double (déjà ligne 2)",
    ]
    assert message == "5 erreurs : aucun organisme n'a été importé."
    assert Organisation.objects.count() == 0


def test_an_error_leaves_existing_organisations_unchanged(tmp_path, branches):
    OrganisationFactory(code="CPAM-33", name="Ancien nom", branch=branches["maladie"])
    path = write(
        tmp_path,
        "code,name,branch,region\nCPAM-33,Nouveau nom,maladie,Nouvelle-Aquitaine\nCAF-59,CAF du Nord,inconnue,Nord\n",
    )
    errors, message = run_failing_import(path)
    assert errors == ["line 3: branch: branche inconnue « inconnue »"]
    assert message == "1 erreur : aucun organisme n'a été importé."
    assert Organisation.objects.get(code="CPAM-33").name == "Ancien nom"


def test_duplicate_codes_are_found_whatever_their_case(tmp_path):
    path = write(tmp_path, "code,name,branch,region\nCAF-59,CAF du Nord,famille,Nord\ncaf-59,CAF bis,famille,Nord\n")
    errors, _message = run_failing_import(path)
    assert errors == ["line 3: code: code « CAF-59 » en double (déjà ligne 2)"]


def test_a_missing_header_column_is_reported_on_line_1(tmp_path):
    path = write(tmp_path, "code;name;region\nCPAM-33;CPAM de la Gironde;Nouvelle-Aquitaine\n")
    errors, _message = run_failing_import(path)
    assert errors == ["line 1: branch: colonne manquante"]


def test_too_long_values_and_malformed_codes_are_refused(tmp_path):
    long_name = "N" * 201
    path = write(
        tmp_path,
        f"code,name,branch,region\nCPAM-{'9' * 30},{long_name},maladie,{'R' * 101}\nCPAM 33,CPAM,maladie,Bretagne\n",
    )
    errors, _message = run_failing_import(path)
    assert errors == [
        "line 2: code: 35 caractères, 30 au maximum",
        "line 2: name: 201 caractères, 200 au maximum",
        "line 2: region: 101 caractères, 100 au maximum",
        "line 3: code: code « CPAM 33 » invalide : lettres, chiffres et tirets uniquement",
    ]


def test_a_line_with_too_many_values_is_reported(tmp_path):
    path = write(tmp_path, "code,name,branch,region\nCPAM-33,CPAM de la Gironde,maladie,Nouvelle,Aquitaine\n")
    errors, _message = run_failing_import(path)
    assert errors == ["line 2: 5 valeurs pour 4 colonnes"]


def test_a_file_not_in_utf8_is_refused_with_its_line(tmp_path):
    path = write(
        tmp_path, "code,name,branch,region\nCAF-13,CAF des Bouches-du-Rhône,famille,PACA\n", encoding="latin-1"
    )
    errors, _message = run_failing_import(path)
    assert errors == ["line 2: le fichier n'est pas encodé en UTF-8 (enregistrez-le en « CSV UTF-8 »)"]


def test_an_empty_file_is_refused(tmp_path):
    errors, _message = run_failing_import(write(tmp_path, "\ufeff\n"))
    assert errors == ["line 1: le fichier est vide"]


def test_a_header_without_rows_is_refused(tmp_path):
    errors, _message = run_failing_import(write(tmp_path, "code,name,branch,region\n"))
    assert errors == ["line 2: aucun organisme dans le fichier"]


def test_a_missing_file_stops_with_an_error(tmp_path):
    with pytest.raises(CommandError, match="impossible de lire"):
        call_command("import_organisations", str(tmp_path / "absent.csv"), stdout=io.StringIO(), stderr=io.StringIO())


# --- the CSV reader shared with the application import -------------------------------------------


@pytest.mark.parametrize(
    "header, delimiter",
    [("code,name", ","), ("code;name", ";"), ("code;name,with comma;region", ";"), ("code", ",")],
)
def test_the_delimiter_is_read_from_the_header(header, delimiter):
    assert read_csv(f"{header}\n").delimiter == delimiter


def test_rows_know_their_line_number_in_the_file():
    table = read_csv(b'code,name\n\nA,"deux\nlignes"\nB,x\n')
    assert [(row.line, row["code"]) for row in table.rows] == [(4, "A"), (5, "B")]
    assert table.rows[0]["name"] == "deux\nlignes"
    assert table.rows[1]["absent"] == ""


def test_empty_trailing_cells_from_spreadsheets_are_ignored():
    table = read_csv("code,name\nA,x,,\n")
    assert table.extra_value_errors() == []


def test_a_duplicated_header_column_is_refused():
    with pytest.raises(CsvImportError) as exc_info:
        read_csv("code,name,code\n")
    assert [str(error) for error in exc_info.value.errors] == ["line 1: code: colonne en double"]
