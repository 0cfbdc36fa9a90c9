"""Completion of the active pairs whose frame has ended, by the daily task."""

import datetime

import pytest
from django.conf import settings
from django.core import mail

from sessions_binome.enums import PairStatus
from sessions_binome.models import PairFrame
from sessions_binome.services_frame import pairs_complete_due
from sessions_binome.tasks_frame import complete_due_pairs
from tests.sessions_binome.frame_helpers import paris_datetime

pytestmark = pytest.mark.django_db


def end_frame_on(pair, day):
    PairFrame.objects.filter(pair=pair).update(ends_on=day)


def test_an_active_pair_completes_the_day_after_its_end_date(django_capture_on_commit_callbacks, signed_pair):
    end_frame_on(signed_pair, datetime.date(2027, 4, 30))
    with django_capture_on_commit_callbacks(execute=True):
        assert pairs_complete_due(now=paris_datetime(2027, 4, 30, 23, 0)) == 0
    signed_pair.refresh_from_db()
    assert signed_pair.status == PairStatus.ACTIVE

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert pairs_complete_due(now=paris_datetime(2027, 5, 1, 0, 30)) == 1
    signed_pair.refresh_from_db()
    assert signed_pair.status == PairStatus.COMPLETED
    assert signed_pair.ended_at == paris_datetime(2027, 5, 1, 0, 30)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([signed_pair.mentee.email, signed_pair.mentor.email])
    assert all("attestation" in m.subject for m in mail.outbox)


def test_a_second_run_does_nothing_and_sends_nothing(django_capture_on_commit_callbacks, signed_pair):
    end_frame_on(signed_pair, datetime.date(2027, 4, 30))
    with django_capture_on_commit_callbacks(execute=True):
        pairs_complete_due(now=paris_datetime(2027, 5, 2, 3, 30))
        assert pairs_complete_due(now=paris_datetime(2027, 5, 3, 3, 30)) == 0
    assert len(mail.outbox) == 2
    signed_pair.refresh_from_db()
    assert signed_pair.ended_at == paris_datetime(2027, 5, 2, 3, 30)


def test_pairs_not_active_are_left_alone(confirmed_pair):
    end_frame_on(confirmed_pair, datetime.date(2026, 11, 1))
    assert pairs_complete_due(now=paris_datetime(2027, 6, 1, 3, 30)) == 0
    confirmed_pair.refresh_from_db()
    assert confirmed_pair.status == PairStatus.FRAME


def test_the_task_is_scheduled_daily_and_runs_the_service(signed_pair, time_machine):
    entry = settings.CELERY_BEAT_SCHEDULE["complete-due-pairs"]
    assert entry["task"] == complete_due_pairs.name
    assert "sessions_binome.tasks_frame" in settings.CELERY_IMPORTS
    end_frame_on(signed_pair, datetime.date(2027, 4, 30))
    time_machine.move_to(paris_datetime(2027, 5, 1, 3, 30), tick=False)
    assert complete_due_pairs.delay().get() == 1
