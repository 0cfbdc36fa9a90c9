"""Import of applications gathered elsewhere: the service, the command and the engineer's page."""

import csv
import datetime
import io

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from candidatures.enums import ApplicationRole, ApplicationStatus
from candidatures.imports import COLUMNS, applications_import, read_import_file
from candidatures.models import Application, ImportJob
from mentorat.accounts.models import User
from sessions_binome.models import Pair
from tests.accounts.helpers import first_link
from tests.factories import ApplicationFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.usefixtures("during_call", "themes")

IMPORT_URL = reverse("candidatures:import")

NADIA = {
    "email": "nadia.benali@assurance-maladie.fr",
    "first_name": "Nadia",
    "last_name": "Benali",
    "role": "mentee",
    "track": "P1",
    "organisation_code": "CPAM-33",
    "job_title": "Responsable d'unité",
    "is_manager": "oui",
    "manager_since": "2025-11",
    "years_experience": "12",
    "line_manager_email": "chef.gironde@assurance-maladie.fr",
    "themes": "prise-de-poste|communication",
    "availability": "lun-matin|jeu-aprem",
    "capacity": "",
    "objectives": "Trouver ma posture ; « oser » déléguer.",
}
PAUL = {
    "email": "paul.martin@caf.fr",
    "first_name": "Paul",
    "last_name": "Martin",
    "role": "mentor",
    "track": "P1",
    "organisation_code": "CAF-59",
    "job_title": "Directeur adjoint",
    "is_manager": "non",
    "manager_since": "",
    "years_experience": "25",
    "line_manager_email": "",
    "themes": "animation-equipe",
    "availability": "mar-aprem",
    "capacity": "2",
    "objectives": "Vingt ans de management, des erreurs dont on peut parler.",
}
LEA = {
    **NADIA,
    "email": "lea.durand@assurance-maladie.fr",
    "first_name": "Léa",
    "last_name": "Durand",
    "track": "P2",
    "is_manager": "non",
    "manager_since": "",
    "years_experience": "3",
    "themes": "communication",
}


def csv_bytes(*rows, delimiter=",", bom=False, columns=COLUMNS):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(column, "") for column in columns])
    text = buffer.getvalue()
    return ("\ufeff" + text if bom else text).encode()


def import_data(programme, data, **options):
    """read_import_file() then applications_import(), as the command and the page do."""
    rows, errors = read_import_file(io.BytesIO(data))
    if errors:
        return {"errors": errors}
    return applications_import(programme=programme, rows=rows, **options)


@pytest.fixture
def csv_file(tmp_path):
    def write(data):
        path = tmp_path / "candidatures.csv"
        path.write_bytes(data)
        return str(path)

    return write


def run_command(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_applications", "--programme", "2026-2027", path, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def updated_at_by_pk():
    return dict(Application.objects.values_list("pk", "updated_at"))


# --- the service: a valid file -----------------------------------------------------------------


def test_a_valid_file_creates_people_and_submitted_applications(programme, organisation, other_organisation):
    result = import_data(programme, csv_bytes(NADIA, PAUL))

    assert result["errors"] == []
    assert (result["created"], result["updated"], result["unchanged"], result["users_created"]) == (2, 0, 0, 2)
    nadia = User.objects.get(email="nadia.benali@assurance-maladie.fr")
    assert (nadia.first_name, nadia.last_name, nadia.organisation) == ("Nadia", "Benali", organisation)
    assert not nadia.has_usable_password()
    assert EmailAddress.objects.filter(user=nadia, email=nadia.email, verified=True, primary=True).exists()
    application = Application.objects.get(user=nadia)
    assert application.programme == programme
    assert application.role == ApplicationRole.MENTEE
    assert application.track.code == "P1"
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.submitted_at is not None and application.decided_by is None
    assert application.is_manager is True
    assert application.manager_since == datetime.date(2025, 11, 1)
    assert application.years_experience == 12
    assert application.line_manager_email == "chef.gironde@assurance-maladie.fr"
    assert sorted(application.themes.values_list("code", flat=True)) == ["communication", "prise-de-poste"]
    assert application.availability == ["lun-matin", "jeu-aprem"]
    assert application.capacity is None
    assert application.objectives == "Trouver ma posture ; « oser » déléguer."
    mentor = Application.objects.get(user__email="paul.martin@caf.fr")
    assert (mentor.role, mentor.capacity, mentor.organisation) == (ApplicationRole.MENTOR, 2, other_organisation)
    assert list(mentor.themes.values_list("code", flat=True)) == ["animation-equipe"]


def test_validate_marks_the_imported_applications_validated_by_the_engineer(
    programme, organisation, other_organisation, engineer
):
    result = import_data(programme, csv_bytes(NADIA, PAUL), validate=True, by=engineer)

    assert result["errors"] == []
    assert set(Application.objects.values_list("status", flat=True)) == {ApplicationStatus.VALIDATED}
    assert set(Application.objects.values_list("decided_by", flat=True)) == {engineer.pk}
    assert Application.objects.filter(decided_at__isnull=True).count() == 0


def test_a_file_saved_by_french_excel_with_bom_and_semicolons_is_accepted(programme, organisation, other_organisation):
    data = csv_bytes(NADIA, PAUL, delimiter=";", bom=True)
    assert data.startswith(b"\xef\xbb\xbfemail;first_name;")

    result = import_data(programme, data)

    assert result["errors"] == []
    assert result["created"] == 2
    # The objectives hold a `;`: the quoting survives, and no column shifted.
    assert Application.objects.get(role="mentee").objectives == NADIA["objectives"]


def test_a_person_may_be_mentor_in_one_track_and_mentee_in_the_other(programme, organisation):
    mentor_in_p2 = {**NADIA, "role": "mentor", "track": "P2", "capacity": "1"}

    result = import_data(programme, csv_bytes(NADIA, mentor_in_p2))

    assert result["errors"] == []
    assert (result["created"], result["users_created"]) == (2, 1)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("oui", True),
        ("non", False),
        ("yes", True),
        ("no", False),
        ("true", True),
        ("false", False),
        ("1", True),
        ("0", False),
        ("OUI", True),
        ("Non", False),
    ],
)
def test_is_manager_accepts_french_english_and_numeric_booleans(programme, organisation, value, expected):
    result = import_data(programme, csv_bytes({**NADIA, "is_manager": value}))

    assert result["errors"] == []
    assert Application.objects.get().is_manager is expected


# --- the service: all or nothing ---------------------------------------------------------------


@pytest.mark.parametrize(
    "changes, expected",
    [
        ({"email": "nadia.benali@"}, "line 3: email: adresse électronique invalide « nadia.benali@ »"),
        ({"email": ""}, "line 3: email: adresse électronique invalide «  »"),
        ({"role": "coach"}, "line 3: role: valeur attendue : mentor ou mentee, pas « coach »"),
        ({"track": "P3"}, "line 3: track: valeur attendue : P1 ou P2, pas « P3 »"),
        ({"organisation_code": "ZZ-INCONNU"}, "line 3: organisation_code: organisme inconnu « ZZ-INCONNU »"),
        ({"themes": "communication|astrologie"}, "line 3: themes: thème inconnu : astrologie"),
        (
            {"availability": "lun-matin|dim-soir"},
            "line 3: availability: créneau inconnu : dim-soir (attendu par exemple lun-matin, jeu-aprem)",
        ),
        ({"role": "mentor", "capacity": "0"}, "line 3: capacity: 1 ou 2 attendu pour un mentor, pas « 0 »"),
        ({"role": "mentor", "capacity": "3"}, "line 3: capacity: 1 ou 2 attendu pour un mentor, pas « 3 »"),
        ({"role": "mentor", "capacity": ""}, "line 3: capacity: valeur obligatoire pour un mentor (1 ou 2)"),
        ({"capacity": "1"}, "line 3: capacity: doit rester vide pour un mentoré"),
        ({"years_experience": "51"}, "line 3: years_experience: nombre entier de 0 à 50 attendu, pas « 51 »"),
        ({"years_experience": "abc"}, "line 3: years_experience: nombre entier de 0 à 50 attendu, pas « abc »"),
        ({"years_experience": ""}, "line 3: years_experience: valeur obligatoire (nombre entier de 0 à 50)"),
        ({"is_manager": "peut-être"}, "line 3: is_manager: valeur attendue : oui ou non, pas « peut-être »"),
        ({"manager_since": "2026/01"}, "line 3: manager_since: mois attendu au format AAAA-MM, pas « 2026/01 »"),
        ({"manager_since": "2026-13"}, "line 3: manager_since: mois attendu au format AAAA-MM, pas « 2026-13 »"),
        # The call is frozen on 20 August 2026: September is still to come.
        ({"manager_since": "2026-09"}, "line 3: manager_since: date dans le futur"),
        ({"line_manager_email": "chef@"}, "line 3: line_manager_email: adresse électronique invalide « chef@ »"),
        ({"job_title": ""}, "line 3: job_title: valeur obligatoire"),
        ({"objectives": "x" * 2001}, "line 3: objectives: 2000 caractères au plus (2001)"),
        ({"objectives": "x" * 10_000}, "line 3: objectives: 2000 caractères au plus (10000)"),
    ],
)
def test_one_bad_line_among_good_ones_imports_nothing_and_names_line_column_and_problem(
    programme, organisation, other_organisation, changes, expected
):
    bad = {**NADIA, "email": "bad.line@assurance-maladie.fr", **changes}

    result = import_data(programme, csv_bytes(PAUL, bad, LEA))

    assert result["errors"] == [expected]
    assert result["created"] == 0
    assert not Application.objects.exists()
    assert not User.objects.exists()


def test_a_header_without_a_column_names_it_on_line_1(programme, organisation):
    columns = [column for column in COLUMNS if column != "availability"]

    result = import_data(programme, csv_bytes(NADIA, columns=columns))

    assert result["errors"] == ["line 1: availability: colonne manquante"]
    assert not Application.objects.exists()


def test_the_same_person_and_role_twice_is_refused_on_the_second_line(programme, organisation, other_organisation):
    again = {**NADIA, "track": "P2"}

    result = import_data(programme, csv_bytes(NADIA, PAUL, again))

    assert result["errors"] == ["line 4: role: même personne et même rôle qu'à la ligne 2"]
    assert not Application.objects.exists()


def test_mentor_and_mentee_in_the_same_track_for_one_person_is_refused(programme, organisation):
    also_mentor = {**NADIA, "role": "mentor", "capacity": "1"}

    result = import_data(programme, csv_bytes(NADIA, also_mentor))

    assert result["errors"] == ["line 3: track: mentor et mentoré dans le même parcours (voir la ligne 2)"]
    assert not Application.objects.exists()


def test_a_recorded_application_of_the_other_role_in_the_same_track_is_refused(programme, organisation):
    person = UserFactory(email=NADIA["email"], organisation=organisation)
    ApplicationFactory(programme=programme, user=person, mentor=True, track_code="P1")

    result = import_data(programme, csv_bytes(NADIA))

    assert result["errors"] == ["line 2: track: cette personne a déjà une candidature de l'autre rôle dans ce parcours"]
    assert Application.objects.count() == 1


def test_every_error_of_the_file_is_listed_in_file_order(programme, organisation, other_organisation):
    rows = [
        {**NADIA, "email": "pas-une-adresse", "years_experience": "abc"},
        PAUL,
        {**PAUL, "organisation_code": "ZZ-INCONNU"},  # also Paul as mentor twice, but that line is already wrong
        {**LEA, "role": "mentor", "capacity": "3", "themes": "astrologie"},
    ]

    result = import_data(programme, csv_bytes(*rows))

    assert result["errors"] == [
        "line 2: email: adresse électronique invalide « pas-une-adresse »",
        "line 2: years_experience: nombre entier de 0 à 50 attendu, pas « abc »",
        "line 4: organisation_code: organisme inconnu « ZZ-INCONNU »",
        "line 5: themes: thème inconnu : astrologie",
        "line 5: capacity: 1 ou 2 attendu pour un mentor, pas « 3 »",
    ]
    assert not Application.objects.exists()


def test_a_line_with_more_values_than_columns_is_refused(programme, organisation):
    data = csv_bytes(NADIA) + b"lea@x.fr,Lea,Durand,mentee,P2,CPAM-33,Agent,non,,3,,,,,,en trop\r\n"

    result = import_data(programme, data)

    assert result["errors"] == ["line 3: 16 valeurs pour 15 colonnes"]


def test_a_file_with_only_the_header_is_refused(programme):
    assert import_data(programme, csv_bytes())["errors"] == ["line 2: aucune candidature dans le fichier"]


# --- the service: idempotence ------------------------------------------------------------------


def test_reimporting_the_same_file_changes_no_row(programme, organisation, other_organisation, during_call):
    data = csv_bytes(NADIA, PAUL, LEA)
    import_data(programme, data)
    before = updated_at_by_pk()
    during_call.shift(datetime.timedelta(hours=2))

    result = import_data(programme, data)

    assert result["errors"] == []
    assert (result["created"], result["updated"], result["unchanged"], result["users_created"]) == (0, 0, 3, 0)
    assert updated_at_by_pk() == before
    assert User.objects.count() == 3


def test_a_changed_value_on_reimport_updates_exactly_that_application(
    programme, organisation, other_organisation, during_call
):
    import_data(programme, csv_bytes(NADIA, PAUL, LEA))
    before = updated_at_by_pk()
    during_call.shift(datetime.timedelta(hours=2))

    result = import_data(programme, csv_bytes(NADIA, {**PAUL, "capacity": "1"}, LEA))

    assert (result["created"], result["updated"], result["unchanged"]) == (0, 1, 2)
    paul = Application.objects.get(user__email=PAUL["email"])
    assert paul.capacity == 1
    after = updated_at_by_pk()
    assert [pk for pk in after if after[pk] != before[pk]] == [paul.pk]


def test_a_new_organisation_on_reimport_moves_the_pairs_of_the_application(
    programme, organisation, other_organisation, during_call
):
    # The pairs keep a copy of their members' organisations (HR follow-up): it follows the application.
    import_data(programme, csv_bytes(NADIA, PAUL), validate=False)
    nadia = Application.objects.get(user__email=NADIA["email"])
    paul = Application.objects.get(user__email=PAUL["email"])
    pair = Pair.objects.create(
        programme=programme,
        track=nadia.track,
        mentee=nadia.user,
        mentor=paul.user,
        mentee_application=nadia,
        mentor_application=paul,
    )
    assert (pair.mentee_organisation, pair.mentor_organisation) == (organisation, other_organisation)
    moved = OrganisationFactory(code="CPAM-75")

    import_data(
        programme, csv_bytes({**NADIA, "organisation_code": "CPAM-75"}, {**PAUL, "organisation_code": "CPAM-33"})
    )

    pair.refresh_from_db()
    assert (pair.mentee_organisation, pair.mentor_organisation) == (moved, organisation)


def test_a_change_of_themes_alone_counts_as_an_update(programme, organisation, during_call):
    import_data(programme, csv_bytes(NADIA))
    before = Application.objects.get().updated_at
    during_call.shift(datetime.timedelta(hours=2))

    result = import_data(programme, csv_bytes({**NADIA, "themes": "animation-equipe"}))

    assert (result["updated"], result["unchanged"]) == (1, 0)
    application = Application.objects.get()
    assert list(application.themes.values_list("code", flat=True)) == ["animation-equipe"]
    assert application.updated_at > before


def test_the_dry_run_writes_nothing_but_counts_what_would_be_written(programme, organisation, other_organisation):
    result = import_data(programme, csv_bytes(NADIA, PAUL), dry_run=True)

    assert result["errors"] == []
    assert (result["created"], result["users_created"], result["dry_run"]) == (2, 2, True)
    assert not Application.objects.exists()
    assert not User.objects.exists()
    assert not EmailAddress.objects.exists()


# --- the command -------------------------------------------------------------------------------


def test_the_command_imports_and_reports_the_counts(programme, organisation, other_organisation, csv_file):
    out, err = run_command(csv_file(csv_bytes(NADIA, PAUL)))

    assert out.strip() == "2 created, 0 updated, 0 unchanged, 2 new account(s)"
    assert err == ""
    assert Application.objects.filter(status=ApplicationStatus.SUBMITTED).count() == 2


def test_the_command_validates_with_the_validate_option(programme, organisation, other_organisation, csv_file):
    run_command(csv_file(csv_bytes(NADIA, PAUL)), "--validate")

    assert set(Application.objects.values_list("status", flat=True)) == {ApplicationStatus.VALIDATED}


def test_the_command_prints_every_error_to_stderr_and_fails(programme, organisation, other_organisation, csv_file):
    path = csv_file(csv_bytes(PAUL, {**NADIA, "role": "coach"}, {**LEA, "availability": "sam-matin"}))
    err = io.StringIO()

    with pytest.raises(CommandError, match=r"^2 error\(s\): nothing was imported$"):
        call_command("import_applications", "--programme", "2026-2027", path, stdout=io.StringIO(), stderr=err)

    assert err.getvalue().splitlines() == [
        "line 3: role: valeur attendue : mentor ou mentee, pas « coach »",
        "line 4: availability: créneau inconnu : sam-matin (attendu par exemple lun-matin, jeu-aprem)",
    ]
    assert not Application.objects.exists()


def test_the_command_reports_a_missing_column(programme, organisation, csv_file):
    columns = [column for column in COLUMNS if column != "track"]
    err = io.StringIO()

    with pytest.raises(CommandError):
        call_command(
            "import_applications", "--programme", "2026-2027", csv_file(csv_bytes(NADIA, columns=columns)), stderr=err
        )

    assert err.getvalue().strip() == "line 1: track: colonne manquante"


def test_the_command_refuses_an_unknown_programme(programme, csv_file):
    with pytest.raises(CommandError, match="unknown programme '2030-2031'"):
        call_command("import_applications", "--programme", "2030-2031", csv_file(csv_bytes(NADIA)))


def test_the_command_refuses_a_missing_file(programme, tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        call_command("import_applications", "--programme", "2026-2027", str(tmp_path / "absent.csv"))


def test_the_command_dry_run_reports_the_counts_and_writes_nothing(
    programme, organisation, other_organisation, csv_file
):
    out, _err = run_command(csv_file(csv_bytes(NADIA, PAUL)), "--dry-run")

    assert out.strip() == "dry run, nothing written: 2 created, 0 updated, 0 unchanged, 2 new account(s)"
    assert not Application.objects.exists()
    assert not User.objects.exists()


def test_the_command_run_twice_reports_everything_unchanged(
    programme, organisation, other_organisation, csv_file, during_call
):
    path = csv_file(csv_bytes(NADIA, PAUL, LEA))
    run_command(path)
    before = updated_at_by_pk()
    during_call.shift(datetime.timedelta(hours=2))

    out, _err = run_command(path)

    assert out.strip() == "0 created, 0 updated, 3 unchanged, 0 new account(s)"
    assert updated_at_by_pk() == before


def test_send_activation_emails_each_new_person_once_with_a_working_link(
    client, programme, organisation, other_organisation, csv_file, django_capture_on_commit_callbacks
):
    # Paul already has an account: he is not sent an activation email.
    UserFactory(email=PAUL["email"], organisation=other_organisation)
    nadia_as_mentor_in_p2 = {**NADIA, "role": "mentor", "track": "P2", "capacity": "1"}
    path = csv_file(csv_bytes(NADIA, nadia_as_mentor_in_p2, PAUL, LEA))

    with django_capture_on_commit_callbacks(execute=True):
        out, _err = run_command(path, "--send-activation")

    assert out.strip() == "4 created, 0 updated, 0 unchanged, 2 new account(s)"
    assert sorted(message.to[0] for message in mail.outbox) == [LEA["email"], NADIA["email"]]
    message = next(m for m in mail.outbox if m.to == [NADIA["email"]])
    assert message.subject == "[Mentorat] Activez votre compte sur la plateforme Mentorat"
    assert message.body.startswith("Bonjour Nadia,")
    assert "choisissez votre mot de passe" in message.body
    link = first_link(message.body, "/comptes/password/reset/key/")

    # allauth moves the key into the session, then shows the form to choose a password.
    redirect = client.get(link)
    assert redirect.status_code == 302
    form_page = client.get(redirect.url)
    assert form_page.status_code == 200
    assert "Choisir un nouveau mot de passe" in form_page.content.decode()


def test_no_activation_email_without_the_option_nor_on_a_dry_run(
    programme, organisation, csv_file, django_capture_on_commit_callbacks
):
    path = csv_file(csv_bytes(NADIA))
    with django_capture_on_commit_callbacks(execute=True):
        run_command(path, "--send-activation", "--dry-run")
        run_command(path)

    assert mail.outbox == []


# --- the engineer's page -----------------------------------------------------------------------


def upload(data, name="candidatures.csv"):
    return SimpleUploadedFile(name, data, content_type="text/csv")


def test_the_engineer_sees_the_import_page(client, engineer, programme):
    client.force_login(engineer)

    response = client.get(IMPORT_URL)

    assert response.status_code == 200
    assert "Importer des candidatures" in response.content.decode()


def test_a_dry_run_on_the_page_shows_the_counts_and_writes_nothing(
    client, engineer, programme, organisation, other_organisation
):
    client.force_login(engineer)

    response = client.post(IMPORT_URL, {"file": upload(csv_bytes(NADIA, PAUL)), "dry_run": "on"}, follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[0][0] == reverse("candidatures:import_job", args=[ImportJob.objects.get().pk])
    body = " ".join(response.content.decode().split())
    assert (
        "Simulation réussie, rien n'est enregistré : 2 candidatures seraient créées, 0 serait mise à jour, "
        "0 resterait inchangée ; 2 comptes seraient créés." in body
    )
    assert not Application.objects.exists()
    assert User.objects.filter(email=NADIA["email"]).exists() is False


def test_the_page_lists_the_errors_and_imports_nothing(client, engineer, programme, organisation, other_organisation):
    client.force_login(engineer)
    data = csv_bytes(PAUL, {**NADIA, "organisation_code": "ZZ-INCONNU"}, {**LEA, "years_experience": "51"})

    response = client.post(IMPORT_URL, {"file": upload(data)}, follow=True)

    assert response.status_code == 200
    assert response.context["result"]["errors"] == [
        "line 3: organisation_code: organisme inconnu « ZZ-INCONNU »",
        "line 4: years_experience: nombre entier de 0 à 50 attendu, pas « 51 »",
    ]
    body = response.content.decode()
    assert "2 erreurs : rien n'a été importé." in body
    assert "<li>line 3: organisation_code: organisme inconnu « ZZ-INCONNU »</li>" in body
    assert not Application.objects.exists()


def test_the_page_reports_a_file_it_cannot_read(client, engineer, programme):
    client.force_login(engineer)

    response = client.post(IMPORT_URL, {"file": upload("é".encode("latin-1") + b"\n")}, follow=True)

    assert response.status_code == 200
    assert response.context["result"]["errors"] == [
        "line 1: le fichier n'est pas encodé en UTF-8 (enregistrez-le en « CSV UTF-8 »)"
    ]


def test_a_real_import_on_the_page_validates_in_the_engineers_name_and_redirects_to_the_list(
    client, engineer, programme, organisation, other_organisation
):
    client.force_login(engineer)

    response = client.post(
        IMPORT_URL, {"file": upload(csv_bytes(NADIA, PAUL, delimiter=";", bom=True)), "validate": "on"}, follow=True
    )

    assert response.redirect_chain[-1][0] == f"{reverse('candidatures:engineer_list')}?edition=2026-2027"
    assert Application.objects.count() == 2
    assert set(Application.objects.values_list("status", "decided_by")) == {(ApplicationStatus.VALIDATED, engineer.pk)}
    page = response.content.decode()
    assert "Import terminé : 2 candidatures créées, 0 mise à jour, 0 inchangée ; 2 comptes créés." in page
    assert mail.outbox == []


def test_the_page_sends_activation_emails_when_asked(client, engineer, programme, organisation, other_organisation):
    client.force_login(engineer)

    client.post(IMPORT_URL, {"file": upload(csv_bytes(NADIA, PAUL)), "send_activation": "on"})

    assert sorted(message.to[0] for message in mail.outbox) == [NADIA["email"], PAUL["email"]]


@pytest.mark.parametrize("person", ["hr_referent", "mentee", "mentor"])
def test_only_the_engineer_may_import(client, request, programme, organisation, person):
    client.force_login(request.getfixturevalue(person))
    applications_before = Application.objects.count()

    assert client.get(IMPORT_URL).status_code == 403
    assert client.post(IMPORT_URL, {"file": upload(csv_bytes(NADIA))}).status_code == 403
    assert Application.objects.count() == applications_before
