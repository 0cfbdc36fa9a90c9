"""Fixtures of the frame and charter tests (issue 5). Names say what they hold: a pair at a stage of
its frame (`frame_pair`, `confirmed_pair`, `half_signed_pair`, `signed_pair`, `completed_pair`), the
published charter (`charter_v1`), someone outside the pair (`outsider`)."""

import datetime

import pytest

from sessions_binome import services_frame
from sessions_binome.enums import PairStatus
from sessions_binome.models import Charter, Pair
from tests.factories import PARIS, UserFactory
from tests.sessions_binome.frame_helpers import CHARTER_BODY, SIGNED_AT, frame_values, sign


@pytest.fixture
def charter_v1(programme):
    return Charter.objects.create(
        programme=programme,
        version=1,
        title="Charte du mentorat",
        body=CHARTER_BODY,
        published_at=SIGNED_AT - datetime.timedelta(days=60),
    )


@pytest.fixture
def frame_pair(programme, mentee, mentor, charter_v1):
    """A pair just created by the mentee's choice (CPAM-33 mentee, CAF-59 mentor), frame not written."""
    mentee_app, mentor_app = mentee.applications.get(), mentor.applications.get()
    return Pair.objects.create(
        programme=programme,
        track=mentee_app.track,
        mentee=mentee,
        mentor=mentor,
        mentee_application=mentee_app,
        mentor_application=mentor_app,
    )


@pytest.fixture
def confirmed_pair(frame_pair, programme):
    """Frame written by the mentee (two objectives) and confirmed by both members."""
    services_frame.frame_save(
        pair=frame_pair,
        by=frame_pair.mentee,
        **frame_values(programme),
        objectives=[("Trouver ma posture de manager.", 2), ("Conduire mes premiers entretiens annuels.", 1)],
    )
    services_frame.frame_confirm(pair=frame_pair, by=frame_pair.mentee)
    services_frame.frame_confirm(pair=frame_pair, by=frame_pair.mentor)
    return frame_pair


@pytest.fixture
def half_signed_pair(confirmed_pair):
    sign(confirmed_pair, confirmed_pair.mentee)
    return confirmed_pair


@pytest.fixture
def signed_pair(half_signed_pair):
    sign(half_signed_pair, half_signed_pair.mentor, at=SIGNED_AT + datetime.timedelta(hours=3))
    half_signed_pair.refresh_from_db()
    return half_signed_pair


@pytest.fixture
def completed_pair(signed_pair):
    Pair.objects.filter(pk=signed_pair.pk).update(
        status=PairStatus.COMPLETED, ended_at=datetime.datetime(2027, 5, 16, 4, 30, tzinfo=PARIS)
    )
    signed_pair.refresh_from_db()
    return signed_pair


@pytest.fixture
def outsider(programme):
    """A mentee of the same programme, in no pair with these people."""
    return UserFactory(email="dora.autre@urssaf.fr")
