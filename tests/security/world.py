"""A small programme with one object of every kind, so that every URL of the matrix resolves to a
real object: applications, a published run with proposals, a pending request, two pairs with a
session, a charter, a resource, a training session, a notification, a questionnaire with a question
and a response, a report job."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from candidatures.models import ImportJob, Invitation
from candidatures.relay import invitation_opt_out_token, relay_link_get_or_create, relay_link_token
from evaluation.enums import Audience as SurveyAudience
from evaluation.enums import Phase, QuestionKind
from evaluation.models import Question, ReportJob, Response, Survey
from matching.models import MentorRequest
from mentorat.core.models import Track
from mentorat.notifications.models import Notification
from mentorat.notifications.unsubscribe import unsubscribe_token
from mentorat.outbox.enums import EmailState
from mentorat.outbox.models import OutboxEmail
from mentorat.resources.models import TrainingSession
from sessions_binome.models import CalendarFeed, Pair
from tests.factories import ApplicationFactory, OrganisationFactory, UserFactory
from tests.notifications.helpers import publish_charter, publish_run
from tests.resources.factories import ResourceFactory
from tests.sessions_binome.pairs import add_session, make_pair

ROLES = ("anonymous", "mentee", "mentor", "other_pair", "hr", "other_hr", "engineer", "staff")


@dataclass
class World:
    people: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)


def build_world(programme, engineer, staff):
    now = timezone.now()
    home = OrganisationFactory(code="CPAM-33", name="CPAM de la Gironde")
    away = OrganisationFactory(code="CAF-59", name="CAF du Nord")
    elsewhere = OrganisationFactory(code="URSSAF-IDF", name="Urssaf Île-de-France")
    hr = UserFactory(email="rh.gironde@assurance-maladie.fr", organisation=home, hr_of=[home])
    other_hr = UserFactory(email="rh.idf@urssaf.fr", organisation=elsewhere, hr_of=[elsewhere])

    # The pair under test: a mentee of the HR referent's organisation and a mentor elsewhere.
    pair = make_pair(programme, mentee_org=home, mentor_org=away, prefix="binome")
    other = make_pair(programme, mentee_org=elsewhere, mentor_org=away, prefix="autre")
    session = add_session(pair, when=now + datetime.timedelta(days=7), agenda="Ordre du jour")
    charter = publish_charter(programme)

    # A published run: a waiting mentee with a proposal and a pending request to the pair's mentor.
    track = Track.objects.get(programme=programme, code="P2")
    waiting = ApplicationFactory(
        programme=programme, user=UserFactory(email="attente@assurance-maladie.fr", organisation=home), validated=True
    )
    free_mentor = ApplicationFactory(
        programme=programme,
        user=UserFactory(email="libre@caf.fr", organisation=away),
        mentor=True,
        validated=True,
        capacity=2,
    )
    run = publish_run(
        programme, track, {pair.mentee_application: [pair.mentor_application], waiting: [free_mentor]}, at=now
    )
    own_proposal = run.proposals.get(mentee=pair.mentee_application)
    waiting_proposal = run.proposals.get(mentee=waiting)
    request = MentorRequest.objects.create(
        proposal=own_proposal,
        mentee=pair.mentee_application,
        mentor=pair.mentor_application,
        deadline=now + datetime.timedelta(days=5),
    )

    link = relay_link_get_or_create(programme=programme, organisation=home, by=hr)
    invitation = Invitation.objects.create(
        programme=programme,
        organisation=home,
        email="invitee@assurance-maladie.fr",
        invited_by=hr,
        first_sent_at=now,
        last_sent_at=now,
    )
    resource = ResourceFactory(slug="guide-du-binome", title="Guide du binôme", pdf=True)
    training = TrainingSession.objects.create(
        programme=programme, title="Formation des mentors", starts_at=now + datetime.timedelta(days=3)
    )
    notification = Notification.objects.create(user=pair.mentee, kind="test", title="Une notification", url="/binomes/")
    survey = Survey.objects.create(
        programme=programme,
        phase=Phase.START,
        audience=SurveyAudience.MENTEE,
        title="Démarrage",
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=20),
    )
    question = Question.objects.create(
        survey=survey, position=1, kind=QuestionKind.TEXT, text="Un mot ?", required=False
    )
    response = Response.objects.create(survey=survey, respondent=pair.mentee, pair=pair, started_at=now, updated_at=now)
    job = ReportJob.objects.create(programme=programme, requested_by=engineer)
    feed = CalendarFeed.objects.create(user=pair.mentee)

    return World(
        people={
            "mentee": pair.mentee,
            "mentor": pair.mentor,
            "other_pair": other.mentee,
            "hr": hr,
            "other_hr": other_hr,
            "engineer": engineer,
            "staff": staff,
        },
        objects={
            "programme": programme,
            "home": home,
            "pair": pair,
            "other_pair": other,
            "session": session,
            "charter": charter,
            "run": run,
            "track": track,
            "own_proposal": own_proposal,
            "waiting_proposal": waiting_proposal,
            "request": request,
            "relay_token": relay_link_token(link),
            "opt_out_token": invitation_opt_out_token(invitation),
            "unsubscribe_token": unsubscribe_token(pair.mentee, "first-session"),
            "application": pair.mentee_application,
            "resource": resource,
            "training": training,
            "notification": notification,
            "survey": survey,
            "question": question,
            "response": response,
            "job": job,
            "feed": feed,
            "import_job": ImportJob.objects.create(
                programme=programme,
                requested_by=engineer,
                filename="import.csv",
                content=b"",
                status="done",
                result={"errors": ["line 2: email: adresse invalide"], "dry_run": True},
            ),
            "email": OutboxEmail.objects.create(
                kind="invitation", to=["x@caf.fr"], subject="s", text_body="t", state=EmailState.FAILED
            ),
        },
    )


__all__ = ["ROLES", "World", "build_world", "Pair"]
