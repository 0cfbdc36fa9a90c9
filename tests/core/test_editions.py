"""Preparing the next edition from the previous one (mentorat.core.editions.services)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from candidatures.models import Application
from evaluation.enums import Audience, Phase, QuestionKind
from evaluation.models import Question, Survey
from matching.models import MatchingSettings
from mentorat.audit.enums import AuditAction
from mentorat.audit.models import AuditEvent
from mentorat.core.editions.selection import default_edition, editions_for_staff
from mentorat.core.editions.services import programme_open, programme_prepare_next
from mentorat.core.enums import ProgrammeStatus
from mentorat.core.models import Programme, Track
from sessions_binome.models import Charter, Pair
from tests.factories import PARIS, ApplicationFactory
from tests.sessions_binome.pairs import make_pair

pytestmark = pytest.mark.django_db

NEXT = {
    "slug": "2027-2028",
    "name": "Programme de mentorat 2027-2028",
    "call_opens_at": datetime.datetime(2027, 7, 1, 0, 0, tzinfo=PARIS),
    "call_closes_at": datetime.datetime(2027, 9, 12, 23, 59, 59, tzinfo=PARIS),
    "starts_on": datetime.date(2027, 10, 15),
    "ends_on": datetime.date(2028, 5, 15),
    "evaluation_ends_on": datetime.date(2028, 6, 30),
}


@pytest.fixture
def source(programme, engineer):
    """2026-2027 with settings that differ from every default, a published charter and a later draft,
    matching weights, two questionnaires with questions, and people in it."""
    Programme.objects.filter(pk=programme.pk).update(
        description="La première édition.",
        proposals_per_mentee=5,
        mentor_confirmation_required=False,
        mentor_confirmation_days=9,
        p1_mentee_max_manager_months=18,
        p1_mentor_min_manager_years=7,
        p2_mentor_min_experience_years=11,
    )
    programme.refresh_from_db()
    Track.objects.filter(programme=programme, code="P1").update(
        description="Pour les nouveaux managers.",
        mentee_profile="Manager depuis peu.",
        mentor_profile="Manager aguerri.",
    )
    MatchingSettings.objects.create(programme=programme, weight_themes=3.5, weight_branch=0.5, exposure_factor=2.0)
    Charter.objects.create(
        programme=programme,
        version=1,
        title="Charte — Programme 2026-2027",
        body="Ancien texte.\n",
        published_at=datetime.datetime(2026, 6, 1, tzinfo=PARIS),
    )
    Charter.objects.create(
        programme=programme,
        version=2,
        title="Charte — Programme 2026-2027",
        body="Texte en vigueur.\n",
        published_at=datetime.datetime(2026, 6, 15, tzinfo=PARIS),
    )
    Charter.objects.create(programme=programme, version=3, title="Brouillon", body="Pas encore publié.\n")
    start = Survey.objects.create(
        programme=programme,
        phase=Phase.START,
        audience=Audience.MENTEE,
        title="Démarrage",
        introduction="Cinq minutes.",
        # 9:00 in summer time, shifted by 365 days to a day in summer time again.
        opens_at=datetime.datetime(2026, 10, 20, 9, 0, tzinfo=PARIS),
        # 18:00 in winter time.
        closes_at=datetime.datetime(2026, 11, 20, 18, 0, tzinfo=PARIS),
    )
    Question.objects.create(
        survey=start,
        position=1,
        kind=QuestionKind.LIKERT,
        text="Satisfait ?",
        choices=list("abcde"),
        indicator="satisfaction",
    )
    Question.objects.create(survey=start, position=2, kind=QuestionKind.TEXT, text="Un mot ?", required=False)
    end = Survey.objects.create(
        programme=programme,
        phase=Phase.END,
        audience=Audience.MENTOR,
        title="Fin",
        opens_at=datetime.datetime(2027, 5, 1, 9, 0, tzinfo=PARIS),
        closes_at=datetime.datetime(2027, 6, 15, 18, 0, tzinfo=PARIS),
    )
    Question.objects.create(
        survey=end, position=1, kind=QuestionKind.NPS, text="Recommanderiez-vous ?", indicator="nps"
    )
    make_pair(programme, mentee_org=_org("CPAM-33"), mentor_org=_org("CAF-59"))
    return programme


def _org(code):
    from tests.factories import OrganisationFactory

    return OrganisationFactory(code=code)


def prepare(source, engineer, **changes):
    return programme_prepare_next(source=source, by=engineer, **{**NEXT, **changes})


def test_it_copies_the_settings_and_keeps_the_new_edition_in_preparation(source, engineer):
    edition = prepare(source, engineer)
    assert edition.status == ProgrammeStatus.PREPARATION
    assert (edition.slug, edition.name, edition.starts_on, edition.ends_on, edition.evaluation_ends_on) == (
        "2027-2028",
        "Programme de mentorat 2027-2028",
        datetime.date(2027, 10, 15),
        datetime.date(2028, 5, 15),
        datetime.date(2028, 6, 30),
    )
    assert edition.call_opens_at == NEXT["call_opens_at"] and edition.call_closes_at == NEXT["call_closes_at"]
    settings = ("description", "proposals_per_mentee", "mentor_confirmation_required", "mentor_confirmation_days",
                "p1_mentee_max_manager_months", "p1_mentor_min_manager_years", "p2_mentor_min_experience_years")  # fmt: skip
    assert [getattr(edition, name) for name in settings] == ["La première édition.", 5, False, 9, 18, 7, 11]


def test_it_copies_the_tracks_with_their_settings(source, engineer):
    edition = prepare(source, engineer)
    fields = ("code", "name", "description", "mentee_profile", "mentor_profile", "requires_other_organisation")
    copied = list(Track.objects.filter(programme=edition).order_by("code").values_list(*fields))
    assert copied == list(Track.objects.filter(programme=source).order_by("code").values_list(*fields))
    assert copied[0][:5] == ("P1", "Accompagnement des primo-managers", "Pour les nouveaux managers.",
                             "Manager depuis peu.", "Manager aguerri.")  # fmt: skip
    assert copied[0][5] is True


def test_it_copies_the_matching_weights(source, engineer):
    edition = prepare(source, engineer)
    weights = MatchingSettings.objects.get(programme=edition)
    assert weights.weights() == MatchingSettings.objects.get(programme=source).weights()
    assert (weights.weight_themes, weights.weight_branch, weights.exposure_factor) == (3.5, 0.5, 2.0)


def test_it_copies_the_charter_in_force_as_published_version_1(source, engineer):
    edition = prepare(source, engineer)
    charter = Charter.objects.get(programme=edition)
    assert (charter.version, charter.title, charter.body) == (1, "Charte — Programme 2027-2028", "Texte en vigueur.\n")
    assert charter.is_published and charter.published_by == engineer and charter.created_by == engineer


def test_a_new_charter_version_is_a_draft_to_rewrite(source, engineer):
    edition = prepare(source, engineer, charter="new")
    charter = Charter.objects.get(programme=edition)
    assert (charter.version, charter.body, charter.is_published) == (1, "Texte en vigueur.\n", False)


def test_it_copies_the_questionnaires_and_their_questions_with_dates_moved_by_the_gap_between_the_starts(
    source, engineer
):
    edition = prepare(source, engineer, starts_on=datetime.date(2027, 10, 18))  # 368 days after 2026-10-15
    copies = {(s.phase, s.audience): s for s in Survey.objects.filter(programme=edition)}
    assert set(copies) == {(Phase.START, Audience.MENTEE), (Phase.END, Audience.MENTOR)}
    start = copies[Phase.START, Audience.MENTEE]
    assert (start.title, start.introduction) == ("Démarrage", "Cinq minutes.")
    # Paris wall-clock times are kept across the clock changes.
    assert start.opens_at == datetime.datetime(2027, 10, 23, 9, 0, tzinfo=PARIS)
    assert start.closes_at == datetime.datetime(2027, 11, 23, 18, 0, tzinfo=PARIS)
    end = copies[Phase.END, Audience.MENTOR]
    assert end.opens_at == datetime.datetime(2028, 5, 3, 9, 0, tzinfo=PARIS)
    fields = ("position", "kind", "text", "help_text", "required", "choices", "indicator")
    for (phase, audience), copy in copies.items():
        original = Survey.objects.get(programme=source, phase=phase, audience=audience)
        assert list(copy.questions.values_list(*fields)) == list(original.questions.values_list(*fields))
    assert Question.objects.filter(survey__programme=edition).count() == 3


def test_nothing_of_the_people_of_the_source_is_copied(source, engineer):
    before = (Application.objects.count(), Pair.objects.count())
    edition = prepare(source, engineer)
    assert not Application.objects.filter(programme=edition).exists()
    assert not Pair.objects.filter(programme=edition).exists()
    assert (Application.objects.count(), Pair.objects.count()) == before
    assert Charter.objects.filter(programme=source).count() == 3  # the source keeps all its versions


def test_preparing_is_audited(source, engineer):
    edition = prepare(source, engineer)
    event = AuditEvent.objects.get(action=AuditAction.EDITION_PREPARED)
    assert event.actor == engineer and event.target == f"programme:{edition.pk}"
    assert event.details == {
        "slug": "2027-2028", "source": "2026-2027", "charter": "copy", "surveys": 2, "questions": 3,
        "agenda_templates": 0,
    }  # fmt: skip


def test_preparing_the_next_edition_leaves_the_current_one_in_place(source, engineer):
    edition = prepare(source, engineer)
    staff = list(editions_for_staff(engineer))
    assert default_edition(staff, datetime.datetime(2026, 11, 16, 9, 0, tzinfo=PARIS)) == source
    assert default_edition(staff, datetime.datetime(2027, 11, 16, 9, 0, tzinfo=PARIS)) == source  # never a draft
    assert not edition.is_call_open(datetime.datetime(2027, 8, 1, tzinfo=PARIS))  # not before it is opened


def test_opening_makes_it_live_current_and_is_audited(source, engineer):
    edition = prepare(source, engineer)
    programme_open(programme=edition, by=engineer)
    edition.refresh_from_db()
    assert edition.status == ProgrammeStatus.LIVE
    staff = list(editions_for_staff(engineer))
    assert default_edition(staff, datetime.datetime(2027, 11, 16, 9, 0, tzinfo=PARIS)) == edition  # once it runs
    assert edition.is_call_open(datetime.datetime(2027, 8, 1, tzinfo=PARIS))
    assert AuditEvent.objects.filter(action=AuditAction.EDITION_OPENED, target=f"programme:{edition.pk}").exists()
    with pytest.raises(ValidationError):
        programme_open(programme=edition, by=engineer)  # only once


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"slug": "2026-2027"}, "slug", "L'identifiant « 2026-2027 » est déjà celui d'une autre édition."),
        ({"slug": "2027 2028"}, "slug", "Lettres, chiffres, tirets et soulignés uniquement"),
        ({"slug": ""}, "slug", "Indiquez l'identifiant"),
        ({"name": "  "}, "name", "Indiquez le nom"),
        ({"call_closes_at": datetime.datetime(2027, 6, 1, tzinfo=PARIS)}, "call_closes_at", "La clôture de l'appel"),
        ({"starts_on": datetime.date(2027, 9, 1)}, "starts_on", "après la clôture de l'appel"),
        (
            {"starts_on": datetime.date(2026, 10, 1)},
            "starts_on",
            "après le début de « Programme de mentorat 2026-2027 »",
        ),
        ({"ends_on": datetime.date(2027, 10, 1)}, "ends_on", "La fin du programme doit suivre son début."),
        ({"evaluation_ends_on": datetime.date(2028, 5, 1)}, "evaluation_ends_on", "L'évaluation se termine"),
        ({"charter": "other"}, "charter", "Choisissez ce que devient la charte."),
    ],
)
def test_bad_input_is_refused_field_by_field_and_nothing_is_written(source, engineer, changes, field, message):
    counts = (Programme.objects.count(), Track.objects.count(), Survey.objects.count(), Charter.objects.count())
    with pytest.raises(ValidationError) as refused:
        prepare(source, engineer, **changes)
    assert message in " ".join(refused.value.message_dict[field])
    assert (Programme.objects.count(), Track.objects.count(), Survey.objects.count(), Charter.objects.count()) == counts
    assert not AuditEvent.objects.filter(action=AuditAction.EDITION_PREPARED).exists()


def test_a_failure_halfway_leaves_nothing(source, engineer, monkeypatch):
    """All in one transaction: a questionnaire that cannot be copied undoes the edition, tracks and charter."""
    from mentorat.core.editions import services

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "_copy_surveys", broken)
    with pytest.raises(RuntimeError):
        prepare(source, engineer)
    assert not Programme.objects.filter(slug="2027-2028").exists()
    assert not Track.objects.exclude(programme=source).exists()
    assert not Charter.objects.exclude(programme=source).exists()


def test_a_draft_of_the_edition_in_preparation_gets_no_call_reminder(source, engineer):
    from mentorat.notifications.selectors import drafts_before_closing

    edition = prepare(source, engineer)
    draft = ApplicationFactory(programme=edition, draft=True, track_code="P1")
    during_its_call = datetime.datetime(2027, 9, 10, 10, 0, tzinfo=PARIS)
    assert [t.obj for t in drafts_before_closing(during_its_call)] == []
    programme_open(programme=edition, by=engineer)
    assert [t.obj for t in drafts_before_closing(during_its_call)] == [draft]
