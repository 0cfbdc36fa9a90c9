"""Background work with editions side by side: from June to mid-September 2027, 2026-2027 is in its
evaluation (its end questionnaires open in June) while 2027-2028 opens its call in July; an edition
is in preparation beside them and an older one is archived. Each day at 9:05 the periodic tasks run
(request expiry, completion of pairs, the reminders' scan), twice: each edition's people get exactly
their reminders, by that edition's own dates, nothing goes to the edition in preparation nor to the
archived one, and the second run sends nothing."""

import datetime
from collections import Counter

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.core import mail

from candidatures import services as candidatures_services
from evaluation.enums import Audience, Phase, QuestionKind
from evaluation.models import Question, Survey
from matching.tasks import expire_requests
from mentorat.core.enums import ProgrammeStatus
from mentorat.notifications.enums import ClaimStatus
from mentorat.notifications.models import Notification, ReminderClaim
from mentorat.notifications.tasks import scan_reminders
from sessions_binome.enums import PairStatus
from sessions_binome.tasks_frame import complete_due_pairs
from tests.factories import ApplicationFactory, OrganisationFactory, ProgrammeFactory, UserFactory, next_edition
from tests.notifications.helpers import paris, reminder_kind, reminders
from tests.sessions_binome.pairs import make_pair

pytestmark = pytest.mark.django_db

FIRST_DAY = datetime.date(2027, 6, 1)
LAST_DAY = datetime.date(2027, 9, 14)


def archived_edition():
    return ProgrammeFactory(
        slug="2025-2026",
        name="Programme de mentorat 2025-2026",
        status=ProgrammeStatus.ARCHIVED,
        call_opens_at=paris(2025, 7, 1, 0, 0),
        call_closes_at=paris(2025, 9, 12, 23, 59, 59),
        starts_on=datetime.date(2025, 10, 15),
        ends_on=datetime.date(2026, 5, 15),
        evaluation_ends_on=datetime.date(2026, 6, 30),
    )


def end_survey(programme, audience):
    """The 2026-2027 end questionnaire of `audience`: open from Tuesday 1 to Friday 25 June 2027."""
    survey = Survey.objects.create(
        programme=programme,
        phase=Phase.END,
        audience=audience,
        title=f"Bilan de fin de programme ({audience})",
        opens_at=paris(2027, 6, 1, 9),
        closes_at=paris(2027, 6, 25, 23, 59),
    )
    Question.objects.create(survey=survey, position=1, kind=QuestionKind.LIKERT, text="Votre satisfaction ?")
    return survey


class Scenario:
    def __init__(self, programme, next_programme, traveller):
        self.events = []
        self.traveller = traveller
        org = OrganisationFactory(code="CPAM-33", name="CPAM de la Gironde")
        other = OrganisationFactory(code="CAF-59", name="CAF du Nord")
        # 2026-2027: applied in July 2026, the pair completed in April 2027.
        traveller.move_to(paris(2026, 7, 10, 10))
        pair = make_pair(programme, mentee_org=org, mentor_org=other, prefix="bilan", status=PairStatus.COMPLETED)
        pair.ended_at = paris(2027, 4, 20, 10)
        pair.save(update_fields=["ended_at"])
        self.people = {"alice": pair.mentee, "bruno": pair.mentor}
        for name in ("emile", "fanny"):
            self.people[name] = ApplicationFactory(programme=programme, validated=True, user__organisation=org).user
        self.people["R"] = UserFactory(email="rh@cpam33.fr", organisation=org, hr_of=[org])
        self.people["E"] = UserFactory(email="ingenieure@ucanss.fr", engineer=True)
        # 2025-2026, archived: a pair left active without a session since March 2026.
        archived = archived_edition()
        stale = make_pair(
            archived, mentee_org=other, mentor_org=other, prefix="archive", activated_at=paris(2026, 3, 2, 10)
        )
        self.people |= {"gaston": stale.mentee, "hugo": stale.mentor}
        # 2028-2029, in preparation, its call on the same dates as 2027-2028's.
        self.prepared = next_edition(
            status=ProgrammeStatus.PREPARATION, slug="2028-2029", name="Programme de mentorat 2028-2029"
        )
        end_survey(programme, Audience.MENTEE)
        end_survey(programme, Audience.MENTOR)
        self._last_digest_before_the_walk()

        self.at(paris(2027, 6, 16, 11), lambda: self.withdraw("emile", programme))
        # 2027-2028's call: a new applicant, and alice (a 2026-2027 mentee) applies as a mentor.
        self.at(paris(2027, 7, 2, 11), lambda: self.draft("dora", next_programme, org))
        self.at(paris(2027, 7, 2, 11), lambda: self.draft("alice", next_programme, org, mentor=True))
        self.at(paris(2027, 7, 2, 11), lambda: self.draft("felix", self.prepared, org))
        self.at(paris(2027, 7, 7, 11), lambda: self.withdraw("fanny", programme))
        self.at(paris(2027, 7, 8, 11), lambda: self.draft("gina", next_programme, org))

    def _last_digest_before_the_walk(self):
        """The referent had their weekly digest on Monday 31 May 2027: what follows is news."""
        referent = self.people["R"]
        ReminderClaim.objects.create(
            kind="hr-digest",
            content_type=ContentType.objects.get_for_model(referent),
            object_id=referent.pk,
            recipient=referent,
            occurrence="hebdo@2027-W22",
            due_at=paris(2027, 5, 31, 9),
            created_at=paris(2027, 5, 31, 9, 5),
            sent_at=paris(2027, 5, 31, 9, 5),
            status=ClaimStatus.SENT,
        )

    def at(self, moment, action):
        self.events.append((moment, action))

    def draft(self, name, programme, organisation, mentor=False):
        user = self.people.get(name) or UserFactory(email=f"{name}@cpam33.fr", organisation=organisation)
        self.people[name] = user
        ApplicationFactory(programme=programme, user=user, draft=True, mentor=mentor)

    def withdraw(self, name, programme):
        application = self.people[name].applications.get(programme=programme)
        candidatures_services.application_withdraw(application=application)


def run_tasks(capture):
    with capture(execute=True):
        expire_requests.delay()
        complete_due_pairs.delay()
        scan_reminders.delay()


@pytest.fixture
def walk(programme, next_programme, django_capture_on_commit_callbacks):
    """Walk the days; returns (scenario, [(moment, email)] of the reminders sent)."""
    with time_machine.travel(paris(2026, 7, 1, 12), tick=False) as traveller:
        scenario = Scenario(programme, next_programme, traveller)
        events = sorted(scenario.events, key=lambda event: event[0])
        sent = []
        day = FIRST_DAY
        while day <= LAST_DAY:
            moment = paris(day.year, day.month, day.day, 9, 5)
            while events and events[0][0] <= moment:
                when, action = events.pop(0)
                traveller.move_to(when)
                action()
            traveller.move_to(moment)
            before = (ReminderClaim.objects.count(), Notification.objects.count(), len(mail.outbox))
            run_tasks(django_capture_on_commit_callbacks)
            sent.extend((moment, message) for message in reminders(mail.outbox[before[2] :]))
            after = (ReminderClaim.objects.count(), Notification.objects.count(), len(mail.outbox))
            if after != before:  # a second beat, a retried task: nothing more
                run_tasks(django_capture_on_commit_callbacks)
                assert (ReminderClaim.objects.count(), Notification.objects.count(), len(mail.outbox)) == after, moment
            day += datetime.timedelta(days=1)
    return scenario, sent


def test_each_editions_people_get_their_reminders_by_that_editions_dates_and_only_once(walk):
    scenario, sent = walk
    names = {user.email: name for name, user in scenario.people.items()}
    counts = Counter((names[message.to[0]], reminder_kind(message)) for _moment, message in sent)
    assert counts == {
        # 2026-2027's end questionnaires: at opening, a week later, two days before closing.
        ("alice", "survey-open"): 3,
        ("bruno", "survey-open"): 3,
        # 2027-2028's call closes on Sunday 12 September: Friday 3 and Friday 10 September.
        ("alice", "call-closing"): 2,
        ("dora", "call-closing"): 2,
        ("gina", "call-closing"): 2,
        # 21 June (a 2026-2027 withdrawal), 5 July (2027-2028 drafts), 12 July (both editions).
        ("R", "hr-digest"): 3,
    }
    # Nothing at all, not even in the platform, for the edition in preparation nor the archived one.
    for name in ("felix", "gaston", "hugo", "E"):
        assert not Notification.objects.filter(user=scenario.people[name]).exists(), name
    # Each edition by its own dates.
    by_kind = {}
    for moment, message in sent:
        by_kind.setdefault(reminder_kind(message), set()).add(moment.date())
    assert by_kind["survey-open"] == {datetime.date(2027, 6, day) for day in (1, 8, 23)}
    assert by_kind["call-closing"] == {datetime.date(2027, 9, 3), datetime.date(2027, 9, 10)}
    assert by_kind["hr-digest"] == {datetime.date(2027, 6, 21), datetime.date(2027, 7, 5), datetime.date(2027, 7, 12)}


def test_the_hr_digest_names_each_edition_in_its_own_section(walk):
    scenario, sent = walk
    june, july, both = [message for _moment, message in sent if reminder_kind(message) == "hr-digest"]
    old, new = "Programme de mentorat 2026-2027", "Programme de mentorat 2027-2028"
    assert june.subject.endswith(f"({old})") and new not in june.body
    assert "1 retirée" in june.body and "L'appel à candidatures de cette édition est clos." in june.body
    assert july.subject.endswith(f"({new})") and old not in july.body
    assert "2 candidatures commencées" in july.body and "reste ouvert jusqu'au 12 septembre 2027" in july.body
    # Two editions with news the same week: one digest, one section each, latest edition first.
    assert both.subject.endswith(f"({new}, {old})")
    assert f"== {new} ==" in both.body and f"== {old} ==" in both.body
    assert both.body.index(f"== {new} ==") < both.body.index(f"== {old} ==")
    assert "?edition=2027-2028" in both.body and "?edition=2026-2027" in both.body
    html = both.alternatives[0][0]
    assert html.count("<h2") == 2 and new in html and old in html
    # Nothing of the edition in preparation, though felix's draft is in the referent's organisation.
    for message in (june, july, both):
        assert "2028-2029" not in message.subject + message.body
    [notification] = Notification.objects.filter(user=scenario.people["R"], claim__occurrence="hebdo@2027-W28")
    assert new in notification.title and old in notification.title
