"""The demo's pairs stand at every stage of the frame and charter."""

import datetime

import pytest
from django.db.models import Count

from mentorat.resources.enums import AgendaStage
from mentorat.resources.models import Resource
from sessions_binome.enums import PairStatus, SessionStatus
from sessions_binome.models import CharterSignature, MentoringSession, Pair, PairFrame, SessionChange
from sessions_binome.selectors_frame import content_to_sign
from tests.sessions_binome.frame_helpers import paris_datetime

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(seeded_demo):
    return seeded_demo


def test_demo_pairs_stand_at_every_stage(demo):
    pairs = Pair.objects.annotate(signatures=Count("charter_signatures"))
    in_frame = pairs.filter(status=PairStatus.FRAME)
    assert in_frame.filter(frame__isnull=True).exists()  # nothing written yet
    assert in_frame.filter(frame__isnull=False, frame__mentee_confirmed_at__isnull=True).exists()  # objectives written
    assert in_frame.filter(frame__mentor_comment__gt="").exists()
    assert in_frame.filter(
        frame__mentee_confirmed_at__isnull=False, frame__mentor_confirmed_at__isnull=False, signatures=0
    ).exists()
    assert in_frame.filter(signatures=1).count() == 1

    active = pairs.filter(status=PairStatus.ACTIVE)
    assert active.count() >= 5 and all(pair.signatures == 2 for pair in active)
    # Charters are signed by mid-October; the sessions demo moves its one inactive pair to 1 October.
    for pair in active:
        assert paris_datetime(2026, 10, 1) <= pair.activated_at <= paris_datetime(2026, 10, 17)
        assert max(s.signed_at for s in pair.charter_signatures.all()) <= pair.activated_at
    assert {pair.track.code for pair in active} == {"P1", "P2"}

    completed = Pair.objects.get(status=PairStatus.COMPLETED)
    assert completed.frame.ends_on < completed.ended_at.date()
    assert completed.sessions.filter(status=SessionStatus.HELD).count() == 3
    assert completed.activated_at < completed.ended_at


def test_demo_signatures_hold_the_hash_of_what_would_be_signed(demo):
    pair = Pair.objects.filter(status=PairStatus.ACTIVE).first()
    _charter, text, digest = content_to_sign(pair)
    assert set(CharterSignature.objects.filter(pair=pair).values_list("content_sha256", flat=True)) == {digest}
    assert CharterSignature.objects.filter(pair=pair).first().signed_content == text


def test_the_walkthrough_people_keep_everything_to_do(demo):
    for email in ("mentoree@demo.mentorat.fr", "mentor@demo.mentorat.fr"):
        assert not PairFrame.objects.filter(pair__mentee__email=email).exists()
        assert not PairFrame.objects.filter(pair__mentor__email=email).exists()
        assert not CharterSignature.objects.filter(user__email=email).exists()


def test_frames_respect_the_programme_dates(demo):
    for frame in PairFrame.objects.select_related("pair__programme"):
        programme = frame.pair.programme
        assert programme.starts_on <= frame.starts_on < frame.ends_on <= programme.ends_on
        assert frame.ends_on - frame.starts_on >= datetime.timedelta(days=28)


def test_the_demo_holds_a_session_noted_after_the_fact_a_moved_one_and_the_agenda_templates(demo):
    [noted] = MentoringSession.objects.filter(noted_after=True).select_related("pair")
    assert noted.status == SessionStatus.HELD and noted.logged_by_id == noted.pair.mentee_id
    assert noted.pair.activated_at < noted.starts_at < noted.logged_at
    [change] = SessionChange.objects.select_related("session")
    assert change.new_starts_at == change.session.starts_at and change.session.sequence == 1
    stages = Resource.objects.exclude(agenda_stage="").values_list("agenda_stage", flat=True)
    assert sorted(stages) == sorted(AgendaStage.values)


def test_the_demo_holds_a_mid_term_check_in(demo):
    """Issue 23 item 8: the short completed pair's mentee took stock of her objectives at its middle."""
    from sessions_binome.models import PairObjective

    checked = PairObjective.objects.filter(pair__status=PairStatus.COMPLETED, mid_assessment__isnull=False)
    assert checked.exists()
    for objective in checked:
        assert objective.mid_assessment >= objective.start_assessment
        assert objective.mid_assessed_at.date() == datetime.date(2026, 10, 30)
