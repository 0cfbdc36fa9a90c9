"""Questionnaires (evaluation): at opening, 7 days later and 2 days before closing, to the people asked
who have not sent theirs; never to who answered or withdrew."""

import pytest
from django.core import mail

from candidatures import services as candidatures_services
from evaluation.enums import Audience, Phase, QuestionKind, ResponseStatus
from evaluation.models import Question, Response, Survey
from mentorat.notifications import selectors
from mentorat.notifications.models import ReminderClaim
from tests.factories import OrganisationFactory
from tests.notifications.helpers import paris, reminder_kind, reminders
from tests.sessions_binome.pairs import make_pair

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(programme):
    survey = Survey.objects.create(
        programme=programme,
        phase=Phase.START,
        audience=Audience.MENTEE,
        title="Questionnaire de démarrage",
        opens_at=paris(2026, 11, 2, 9),
        closes_at=paris(2026, 11, 22, 23, 59),
    )
    Question.objects.create(survey=survey, position=1, kind=QuestionKind.LIKERT, text="Votre satisfaction ?")
    return survey


@pytest.fixture
def mentees(programme, clock):
    clock.move_to(paris(2026, 10, 14, 10))
    return [
        make_pair(
            programme,
            mentee_org=OrganisationFactory(code=f"CPAM-{n}"),
            mentor_org=OrganisationFactory(code=f"CAF-{n}"),
            prefix=name,
            activated_at=paris(2026, 10, 14, 10),
        ).mentee  # fmt: skip
        for n, name in enumerate(("alice", "bruno", "chloe"))
    ]


def test_survey_reminders_at_opening_a_week_later_and_two_days_before_closing(survey, mentees, scan, clock):
    alice, bruno, chloe = mentees
    Response.objects.create(
        survey=survey, respondent=bruno, status=ResponseStatus.SUBMITTED,
        started_at=paris(2026, 11, 2, 8), updated_at=paris(2026, 11, 2, 8), submitted_at=paris(2026, 11, 2, 8, 30),
    )  # fmt: skip
    clock.move_to(paris(2026, 11, 3, 9))
    candidatures_services.application_withdraw(application=chloe.applications.get())

    for day in range(2, 24):
        scan(paris(2026, 11, day, 9, 5))

    sent = [m for m in reminders(mail.outbox) if reminder_kind(m) == "survey-open"]
    assert [m.to[0] for m in sent] == [alice.email] * 3
    claims = ReminderClaim.objects.filter(kind="survey-open").order_by("sent_at")
    assert [(c.recipient, c.occurrence) for c in claims] == [(alice, "ouverture"), (alice, "j7"), (alice, "j-2")]
    assert [c.sent_at for c in claims] == [
        paris(2026, 11, 2, 9, 5), paris(2026, 11, 9, 9, 5), paris(2026, 11, 20, 9, 5),  # Friday before a Sunday closing
    ]  # fmt: skip
    assert sent[0].subject == "[Mentorat] Questionnaire à remplir : Questionnaire de démarrage"
    assert f"/questionnaires/{survey.pk}/" in sent[0].body


def test_a_person_who_sends_the_questionnaire_gets_no_more_reminders(survey, mentees, scan, clock):
    alice = mentees[0]
    scan(paris(2026, 11, 2, 9, 5))
    Response.objects.create(
        survey=survey, respondent=alice, status=ResponseStatus.SUBMITTED,
        started_at=paris(2026, 11, 4, 8), updated_at=paris(2026, 11, 4, 8), submitted_at=paris(2026, 11, 4, 8, 30),
    )  # fmt: skip
    mail.outbox.clear()

    for day in (9, 20):
        scan(paris(2026, 11, day, 9, 5))

    assert [m.to[0] for m in reminders(mail.outbox) if reminder_kind(m) == "survey-open"] == [
        mentees[1].email,
        mentees[2].email,
    ] * 2


def test_sending_reads_each_person_once_not_everyone_again_for_each_reminder(survey, mentees, scan, monkeypatch):
    built = []

    class CountedTarget(selectors.Target):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            if self.obj == survey:
                built.append(self.person)

    monkeypatch.setattr(selectors.surveys, "Target", CountedTarget)

    scan(paris(2026, 11, 2, 9, 5))

    assert len([m for m in reminders(mail.outbox) if reminder_kind(m) == "survey-open"]) == 3
    # Three found by the scan, then one each when checked again at send time (not three each).
    assert sorted(person.email for person in built) == sorted([person.email for person in mentees] * 2)
