import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mentorat.core import reference_data
from mentorat.core.models import Branch, Organisation, Programme, Theme, Track
from tests.factories import ProgrammeFactory

PARIS = ZoneInfo("Europe/Paris")
THEME_CODES = [
    "posture-manageriale", "prise-de-poste", "animation-equipe", "conduite-changement", "gestion-conflits",
    "communication", "organisation-priorites", "competences-numeriques", "parcours-interbranche", "codes-implicites",
    "reseau-professionnel", "developpement-carriere", "relation-usagers", "pilotage-activite", "equilibre-vie",
    "transmission-expertise",
]  # fmt: skip

pytestmark = pytest.mark.django_db


def seed_reference():
    out = io.StringIO()
    call_command("seed_reference", stdout=out)
    return out.getvalue()


def test_it_creates_the_six_branches_in_order():
    seed_reference()
    assert list(Branch.objects.values_list("code", flat=True)) == [
        "maladie", "famille", "retraite", "recouvrement", "autonomie", "transverse",
    ]  # fmt: skip


def test_it_creates_exactly_the_sixteen_theme_codes_in_order():
    seed_reference()
    assert list(Theme.objects.values_list("code", flat=True)) == THEME_CODES
    assert all(Theme.objects.values_list("label", flat=True))


def test_it_creates_at_least_forty_organisations_over_every_branch_and_many_regions():
    seed_reference()
    codes = list(Organisation.objects.values_list("code", flat=True))
    assert len(codes) >= 40
    assert len(set(codes)) == len(codes)
    assert {"CPAM-33", "CAF-59", "URSSAF-IDF", "CARSAT-AQUITAINE", "CGSS-972", "UGECAM-IDF", "CNAV", "CNAM",
            "CNAF", "URSSAF-CN", "UCANSS", "CNSA"} <= set(codes)  # fmt: skip
    branches_used = set(Organisation.objects.values_list("branch__code", flat=True))
    assert branches_used == set(Branch.objects.values_list("code", flat=True))
    assert Organisation.objects.values("region").distinct().count() >= 13
    cpam33 = Organisation.objects.get(code="CPAM-33")
    assert (cpam33.name, cpam33.branch.code, cpam33.region) == ("CPAM de la Gironde", "maladie", "Nouvelle-Aquitaine")


def test_it_creates_the_2026_2027_programme_with_its_calendar():
    seed_reference()
    programme = Programme.objects.get(slug="2026-2027")
    assert programme.name == "Programme de mentorat 2026-2027"
    assert programme.call_opens_at == datetime.datetime(2026, 7, 1, 0, 0, tzinfo=PARIS)
    assert programme.call_closes_at == datetime.datetime(2026, 9, 12, 23, 59, 59, tzinfo=PARIS)
    assert programme.starts_on == datetime.date(2026, 10, 15)
    assert programme.ends_on == datetime.date(2027, 5, 15)
    assert programme.evaluation_ends_on == datetime.date(2027, 6, 30)
    programme.full_clean()


def test_only_p1_requires_a_mentor_from_another_organisation():
    seed_reference()
    tracks = {track.code: track for track in Track.objects.filter(programme__slug="2026-2027")}
    assert set(tracks) == {"P1", "P2"}
    assert tracks["P1"].name == "Accompagnement des primo-managers"
    assert tracks["P1"].requires_other_organisation is True
    assert tracks["P1"].mentee_profile == "Agent prenant un premier poste de manager"
    assert tracks["P2"].name == "Transmission de l'expérience"
    assert tracks["P2"].requires_other_organisation is False
    assert all(track.description and track.mentor_profile for track in tracks.values())


def test_a_second_run_writes_nothing():
    seed_reference()
    counts = [model.objects.count() for model in (Branch, Organisation, Theme, Programme, Track)]
    with CaptureQueriesContext(connection) as queries:
        output = seed_reference()
    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert writes == []
    assert [model.objects.count() for model in (Branch, Organisation, Theme, Programme, Track)] == counts
    assert f"Organismes : {len(reference_data.ORGANISATIONS)} (création : 0, mise à jour : 0)" in output


def test_it_restores_reference_values_changed_by_hand_and_keeps_the_rows():
    seed_reference()
    Theme.objects.filter(code="communication").update(label="Autre libellé")
    organisation = Organisation.objects.get(code="CPAM-33")
    Organisation.objects.filter(pk=organisation.pk).update(name="Ancien nom")
    output = seed_reference()
    assert Theme.objects.get(code="communication").label == "Communication professionnelle"
    assert Organisation.objects.get(pk=organisation.pk).name == "CPAM de la Gironde"
    assert "Thèmes : 16 (création : 0, mise à jour : 1)" in output


def test_it_completes_a_programme_created_before_with_both_tracks():
    ProgrammeFactory(with_tracks=False, name="Brouillon")
    seed_reference()
    assert Programme.objects.get().name == "Programme de mentorat 2026-2027"
    assert Track.objects.count() == 2
