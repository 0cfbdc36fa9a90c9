"""Reminders of issue 23: the mentee's mid-term check-in on her objectives (at the middle of the pair's
dates, again two weeks later, never once done), and the start questionnaire for a late joiner, from
their activation to their own closing."""

import pytest
from django.core import mail

from evaluation.enums import Audience, Phase
from evaluation.models import Survey
from evaluation.reference_surveys import surveys_default_create
from sessions_binome.models import PairFrame, PairObjective
from sessions_binome.objectives import services as objectives_services
from tests.notifications.helpers import paris, reminder_kind, reminders

pytestmark = pytest.mark.django_db


def _sent(kind):
    return [(message.to[0], message.subject) for message in reminders(mail.outbox) if reminder_kind(message) == kind]


@pytest.fixture
def framed_pair(active_pair, programme):
    PairFrame.objects.create(pair=active_pair, starts_on=programme.starts_on, ends_on=programme.ends_on)
    for position, start in ((1, 2), (2, 3)):
        PairObjective.objects.create(
            pair=active_pair, position=position, text=f"Objectif {position}", start_assessment=start
        )
    return active_pair


def test_the_mentee_is_reminded_at_mid_term_then_two_weeks_later_and_never_twice(scan, framed_pair):
    scan(paris(2027, 1, 28, 10, 0))  # the day before the middle (29 January 2027)
    assert _sent("objectives-mid") == []
    scan(paris(2027, 1, 29, 10, 0))
    scan(paris(2027, 1, 29, 11, 0))  # a second beat sends nothing more
    assert _sent("objectives-mid") == [
        (framed_pair.mentee.email, "[Mentorat] Mi-parcours : où en sont vos objectifs ?")
    ]
    message = reminders(mail.outbox)[-1]
    assert f"/binomes/{framed_pair.pk}/mi-parcours/" in message.body
    scan(paris(2027, 2, 12, 10, 0))
    assert len(_sent("objectives-mid")) == 2


def test_the_reminder_stops_once_every_objective_is_assessed(scan, framed_pair, clock):
    scan(paris(2027, 1, 29, 10, 0))
    clock.move_to(paris(2027, 2, 1, 10, 0))
    objectives_services.objectives_mid_assess(
        pair=framed_pair, by=framed_pair.mentee, assessments={o.pk: 3 for o in framed_pair.objectives.all()}
    )
    scan(paris(2027, 2, 12, 10, 0))
    assert len(_sent("objectives-mid")) == 1


def test_a_pair_without_objectives_is_not_reminded(scan, active_pair):
    scan(paris(2027, 1, 29, 10, 0))
    assert _sent("objectives-mid") == []


def test_a_late_joiner_is_reminded_of_the_start_questionnaire_in_their_own_window(scan, programme, active_pair):
    surveys_default_create(programme)
    start = Survey.objects.get(programme=programme, phase=Phase.START, audience=Audience.MENTEE)
    active_pair.activated_at = paris(2026, 12, 10, 10, 0)  # after the closing (30 November)
    active_pair.save(update_fields=["activated_at"])
    scan(paris(2026, 12, 10, 11, 0))
    mentee_reminders = [s for s in _sent("survey-open") if s[0] == active_pair.mentee.email]
    assert len(mentee_reminders) == 1
    body = [m for m in reminders(mail.outbox) if m.to == [active_pair.mentee.email]][-1].body
    assert "31 décembre 2026" in body and f"/questionnaires/{start.pk}/" in body
    scan(paris(2026, 12, 17, 11, 0))  # a week later
    scan(paris(2026, 12, 29, 11, 0))  # two days before their own closing
    scan(paris(2027, 1, 5, 11, 0))  # closed for them too: nothing more
    assert len([s for s in _sent("survey-open") if s[0] == active_pair.mentee.email]) == 3
