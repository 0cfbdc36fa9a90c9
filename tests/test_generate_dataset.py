"""The benchmark dataset generator, run at a small size: every stage is written, and in bulk."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from candidatures.models import Application
from evaluation.models import Answer, Response
from matching.enums import RequestStatus, RunStatus
from matching.models import MatchingRun, MentorRequest, Proposal
from mentorat.accounts.models import User
from mentorat.core.models import Organisation, Programme
from mentorat.notifications.models import Notification, ReminderClaim
from sessions_binome.enums import PairStatus, SessionStatus
from sessions_binome.models import CharterSignature, MentoringSession, Pair, PairFrame
from sessions_binome.selectors_frame import sha256_hex

pytestmark = pytest.mark.django_db

SLUG = "bench-test"


@pytest.fixture
def generated(django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "generate_dataset",
            organisations=10,
            mentees=60,
            mentors=60,
            seed=1,
            programme_slug=SLUG,
            stdout=io.StringIO(),
        )
    return Programme.objects.get(slug=SLUG)


def test_it_creates_organisations_people_and_applications(generated):
    assert Organisation.objects.filter(code__startswith="BENCHTEST-").count() == 10
    assert User.objects.filter(email__endswith=f"@{SLUG}.test").count() == 60 + 60 + 1 + 1  # + HR referent + engineer
    assert User.objects.get(email=f"rh0@{SLUG}.test").hr_organisations.count() == 10
    assert Application.objects.filter(programme=generated, role="mentee").count() == 60
    assert Application.objects.filter(programme=generated, role="mentor").count() == 60
    assert not Application.objects.filter(programme=generated).annotate(n=Count("themes")).filter(n=0).exists()


def test_it_publishes_a_matching_computed_by_the_engine(generated):
    runs = MatchingRun.objects.filter(programme=generated)
    assert runs.count() == 2
    assert set(runs.values_list("status", flat=True)) == {RunStatus.PUBLISHED}
    assert Proposal.objects.filter(run__programme=generated).count() > 60
    # A mentee never gets a mentor who was not validated.
    assert not Proposal.objects.filter(run__programme=generated).exclude(mentor__status="validated").exists()


def test_it_makes_pairs_at_every_stage_with_signed_charters(generated):
    pairs = Pair.objects.filter(programme=generated)
    assert set(pairs.values_list("status", flat=True)) == set(PairStatus.values)
    assert PairFrame.objects.filter(pair__programme=generated).count() == pairs.count()
    started = pairs.exclude(status=PairStatus.FRAME)
    assert CharterSignature.objects.filter(pair__programme=generated).count() == 2 * started.count()
    signature = CharterSignature.objects.filter(pair__programme=generated).first()
    assert signature.content_sha256 == sha256_hex(signature.signed_content)
    assert (
        MentorRequest.objects.filter(mentee__programme=generated, status=RequestStatus.ACCEPTED).count()
        == pairs.count()
    )
    assert MentorRequest.objects.filter(mentee__programme=generated, status=RequestStatus.PENDING).exists()


def test_it_writes_sessions_answers_and_reminders(generated):
    sessions = MentoringSession.objects.filter(pair__programme=generated)
    assert 300 <= sessions.count() <= 700  # about 8 per mentee
    assert {SessionStatus.HELD, SessionStatus.PLANNED, SessionStatus.CANCELLED} <= set(
        sessions.values_list("status", flat=True)
    )
    assert Response.objects.filter(survey__programme=generated, status="submitted").exists()
    assert (
        Answer.objects.filter(response__survey__programme=generated).count()
        > Response.objects.filter(survey__programme=generated).count()
    )
    assert ReminderClaim.objects.filter(status="sent").count() == Notification.objects.count() > 0


def test_it_sends_no_email(generated, mailoutbox):
    assert mailoutbox == []


def test_it_refuses_to_run_twice_on_the_same_slug(generated):
    pairs = Pair.objects.count()
    with pytest.raises(CommandError, match="existe déjà"):
        call_command(
            "generate_dataset", organisations=2, mentees=5, mentors=5, programme_slug=SLUG, stdout=io.StringIO()
        )
    assert Pair.objects.count() == pairs
