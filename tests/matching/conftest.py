"""People ready to be matched, without the demo data: validated mentee and mentor applications in a
track, spread over organisations and branches, with themes."""

import itertools

import pytest

from mentorat.core.models import Track
from tests.factories import ApplicationFactory, BranchFactory, OrganisationFactory, ThemeFactory, UserFactory

_serial = itertools.count(1)


@pytest.fixture
def matching_themes(db):
    return {
        code: ThemeFactory(code=code, label=label)
        for code, label in [
            ("prise-de-poste", "Prise de poste"),
            ("communication", "Communication"),
            ("animation-equipe", "Animation d'équipe"),
            ("numerique", "Compétences numériques"),
        ]
    }


@pytest.fixture
def organisations(db):
    """Four organisations of four branches, by short name."""
    return {
        "cpam": OrganisationFactory(
            code="CPAM-33", name="CPAM de la Gironde", branch=BranchFactory(code="maladie", name="Maladie")
        ),
        "caf": OrganisationFactory(
            code="CAF-59", name="CAF du Nord", branch=BranchFactory(code="famille", name="Famille")
        ),
        "urssaf": OrganisationFactory(
            code="URSSAF-IDF",
            name="Urssaf Île-de-France",
            branch=BranchFactory(code="recouvrement", name="Recouvrement"),
        ),
        "carsat": OrganisationFactory(
            code="CARSAT-RA", name="Carsat Rhône-Alpes", branch=BranchFactory(code="retraite", name="Retraite")
        ),
    }


@pytest.fixture
def p1(programme):
    return Track.objects.get(programme=programme, code="P1")


@pytest.fixture
def p2(programme):
    return Track.objects.get(programme=programme, code="P2")


def _make(
    programme, organisations, matching_themes, *, role_trait, track, organisation, last_name, email, themes, **fields
):
    organisation = organisations[organisation]
    number = next(_serial)
    last_name = last_name or f"Personne{number:03d}"
    user = UserFactory(
        email=email or f"{last_name.lower()}.{number}@{organisation.code.lower()}.fr",
        first_name="Camille",
        last_name=last_name,
        organisation=organisation,
    )
    application = ApplicationFactory(
        programme=programme,
        user=user,
        organisation=organisation,
        track_code=track,
        validated=True,
        **role_trait,
        **fields,
    )
    application.themes.set([matching_themes[code] for code in themes])
    return application


@pytest.fixture
def make_mentee(programme, organisations, matching_themes):
    """make_mentee(track="P1", organisation="cpam", last_name=..., themes=[...], **application fields)."""

    def make(
        *,
        track="P1",
        organisation="cpam",
        last_name=None,
        email=None,
        themes=("prise-de-poste", "communication"),
        **fields,
    ):
        fields.setdefault("objectives", "Trouver ma posture de manager et animer une première équipe.")
        return _make(
            programme,
            organisations,
            matching_themes,
            role_trait={},
            track=track,
            organisation=organisation,
            last_name=last_name,
            email=email,
            themes=themes,
            **fields,
        )

    return make


@pytest.fixture
def make_mentor(programme, organisations, matching_themes):
    """make_mentor(track="P1", organisation="caf", capacity=1, last_name=..., themes=[...], **application fields)."""

    def make(
        *,
        track="P1",
        organisation="caf",
        last_name=None,
        email=None,
        themes=("prise-de-poste", "animation-equipe"),
        **fields,
    ):
        fields.setdefault(
            "objectives", "Quinze ans de management d'équipes, la posture de manager et la prise de poste."
        )
        return _make(
            programme,
            organisations,
            matching_themes,
            role_trait={"mentor": True},
            track=track,
            organisation=organisation,
            last_name=last_name,
            email=email,
            themes=themes,
            **fields,
        )

    return make


@pytest.fixture
def p1_cohort(make_mentee, make_mentor):
    """A P1 track ready to match: 4 mentees (two at CPAM-33, two at CAF-59) and 6 mentors, one of
    whom works at CPAM-33 (P1 must never propose her to the CPAM-33 mentees)."""
    mentees = [
        make_mentee(organisation="cpam", last_name="Arnaud"),
        make_mentee(organisation="cpam", last_name="Bernard"),
        make_mentee(organisation="caf", last_name="Chevalier"),
        make_mentee(organisation="caf", last_name="Dumas"),
    ]
    mentors = [
        make_mentor(organisation="cpam", last_name="Martin"),
        make_mentor(organisation="caf", last_name="Nicolas", capacity=2),
        make_mentor(organisation="urssaf", last_name="Olivier"),
        make_mentor(organisation="urssaf", last_name="Petit"),
        make_mentor(organisation="carsat", last_name="Quentin", capacity=2),
        make_mentor(organisation="carsat", last_name="Roux"),
    ]
    return {"mentees": mentees, "mentors": mentors}
