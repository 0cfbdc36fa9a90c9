"""A small programme with one object of every kind, so that every URL of the matrix resolves to a
real object: applications, a published run with proposals, a pending request, two pairs with a
session, a charter, a resource, a training session, a notification, a questionnaire with a question
and a response, a report job."""

import datetime
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group
from django.utils import timezone

from candidatures.enums import ApplicationStatus
from candidatures.models import Application, ImportJob, Invitation
from candidatures.relay import invitation_opt_out_token, relay_link_get_or_create, relay_link_token
from evaluation.enums import Audience as SurveyAudience
from evaluation.enums import Phase, QuestionKind
from evaluation.models import Question, ReportJob, Response, Survey
from matching.enums import RunStatus
from matching.models import MatchingRun, MentorRequest, Proposal, ProposalQuestion
from mentorat.core.models import Theme, Track
from mentorat.notifications.models import Notification
from mentorat.notifications.unsubscribe import unsubscribe_token
from mentorat.outbox.enums import EmailState
from mentorat.outbox.models import OutboxEmail
from mentorat.resources.models import TrainingSession
from mentorat.sso.models import StaffListReview
from sessions_binome import services_frame
from sessions_binome.enums import PairStatus, SessionStatus
from sessions_binome.models import CalendarFeed, Charter, Pair
from tests.factories import ApplicationFactory, OrganisationFactory, ProgrammeFactory, UserFactory, next_edition
from tests.notifications.helpers import activate, log_held, publish_charter, publish_run
from tests.resources.factories import ResourceFactory
from tests.sessions_binome.frame_helpers import frame_values
from tests.sessions_binome.pairs import add_session, make_pair

ROLES = ("anonymous", "mentee", "mentor", "other_pair", "hr", "other_hr", "engineer", "staff")
# The matrix adds a person whose only link to the programme is a draft application.
MATRIX_ROLES = ("anonymous", "applicant", "mentee", "mentor", "other_pair", "hr", "other_hr", "engineer", "staff")


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
            # A list of active staff of the HR referent's organisation, previewed, not yet confirmed.
            "staff_review": StaffListReview.objects.create(
                organisation=home, created_by=engineer, address_count=1, leaver_ids=[]
            ),
            "email": OutboxEmail.objects.create(
                kind="invitation", to=["x@caf.fr"], subject="s", text_body="t", state=EmailState.FAILED
            ),
        },
    )


def build_matrix_world(programme, engineer, staff):
    """The security world plus an object at every later stage, for the matrix: an applicant with a
    draft, the pair's frame written and charter signed, a session to log and a held one, a pair of the previous
    edition completed by the same two members (certificate, signed charter, final assessment), a
    pair still writing its frame with the mentor (so that frame writes can succeed), a draft
    matching run, a question of a survey without answers, a finished report job."""
    world = build_world(programme, engineer, staff)
    people, objects = world.people, world.objects
    now = timezone.now()
    home, pair, other_hr = objects["home"], objects["pair"], people["other_hr"]
    people["applicant"] = UserFactory(email="brouillon@assurance-maladie.fr", organisation=home)
    objects["draft"] = ApplicationFactory(programme=programme, user=people["applicant"], draft=True)

    # The previous edition: the same two members completed a pair (its certificate and charter).
    previous = ProgrammeFactory(
        slug="2025-2026",
        name="Programme de mentorat 2025-2026",
        call_opens_at=now.replace(year=2025, month=7, day=1),
        call_closes_at=now.replace(year=2025, month=9, day=12),
        starts_on=datetime.date(2025, 10, 15),
        ends_on=datetime.date(2026, 5, 15),
        evaluation_ends_on=datetime.date(2026, 6, 30),
    )
    publish_charter(previous)
    done = Pair.objects.create(
        programme=previous,
        track=Track.objects.get(programme=previous, code="P2"),
        mentee=pair.mentee,
        mentor=pair.mentor,
        mentee_application=ApplicationFactory(programme=previous, user=pair.mentee, validated=True),
        mentor_application=ApplicationFactory(programme=previous, user=pair.mentor, mentor=True, validated=True),
        status=PairStatus.FRAME,
    )
    activate(done, at=now - datetime.timedelta(days=400))
    log_held(add_session(done, when=now - datetime.timedelta(days=300)), at=now - datetime.timedelta(days=299))
    services_frame.pair_complete(pair_id=done.pk, now=now - datetime.timedelta(days=180))
    objects["done"] = Pair.objects.get(pk=done.pk)

    # The mentor's second mentee, whose pair is still writing its frame.
    framing = make_pair(programme, mentee_org=home, mentor_org=pair.mentor.organisation, prefix="cadre")
    Pair.objects.filter(pk=framing.pk).update(status=PairStatus.FRAME, activated_at=None, mentor=pair.mentor)
    Application.objects.filter(pk=framing.mentor_application_id).update(status=ApplicationStatus.WITHDRAWN)
    Pair.objects.filter(pk=framing.pk).update(mentor_application=pair.mentor_application)
    objects["framing"] = Pair.objects.get(pk=framing.pk)
    services_frame.frame_save(
        pair=objects["framing"], by=objects["framing"].mentee, **frame_values(programme), objectives=[("Oser.", 2)]
    )

    # And a third, whose frame both have confirmed: the charter is to sign.
    signing = make_pair(programme, mentee_org=home, mentor_org=pair.mentor.organisation, prefix="signe")
    Pair.objects.filter(pk=signing.pk).update(
        status=PairStatus.FRAME, activated_at=None, mentor=pair.mentor, mentor_application=pair.mentor_application
    )
    signing.refresh_from_db()
    services_frame.frame_save(pair=signing, by=signing.mentee, **frame_values(programme), objectives=[("Oser.", 2)])
    for member in (signing.mentee, signing.mentor):
        services_frame.frame_confirm(pair=signing, by=member, now=now)
    objects["signing"] = signing

    held = add_session(pair, when=now - datetime.timedelta(days=3), status=SessionStatus.PLANNED)
    objects["past_session"] = held
    # A session the pair held last week: its members are asked whether the pair works, and rate it.
    objects["held_session"] = add_session(
        pair, when=now - datetime.timedelta(days=8), status=SessionStatus.HELD, actual_duration_minutes=60
    )
    objects["draft_run"] = MatchingRun.objects.create(
        programme=programme, track=objects["track"], status=RunStatus.DRAFT, progress=100, finished_at=now
    )
    objects["draft_proposal"] = Proposal.objects.create(
        run=objects["draft_run"],
        mentee=objects["waiting_proposal"].mentee,
        mentor=pair.mentor_application,
        rank=1,
        score=0.5,
        criteria={},
    )
    # The waiting mentee asks the pair's mentor, also proposed to her, a question before choosing.
    asked = Proposal.objects.create(
        run=objects["run"], mentee=objects["waiting_proposal"].mentee, mentor=pair.mentor_application, rank=2, score=0.4
    )
    objects["proposal_question"] = ProposalQuestion.objects.create(
        proposal=asked, mentee=asked.mentee, mentor=asked.mentor, body="Quel est votre rythme ?", asked_at=now
    )
    objects["fresh_survey"] = Survey.objects.create(
        programme=programme,
        phase=Phase.END,
        audience=SurveyAudience.MENTOR,
        title="Bilan",
        opens_at=now + datetime.timedelta(days=100),
        closes_at=now + datetime.timedelta(days=130),
    )
    objects["fresh_question"] = Question.objects.create(
        survey=objects["fresh_survey"], position=1, kind=QuestionKind.TEXT, text="Et alors ?", required=False
    )
    objects["second_question"] = Question.objects.create(
        survey=objects["fresh_survey"], position=2, kind=QuestionKind.TEXT, text="Encore ?", required=False
    )
    # A submitted application for the HR referent or the engineer to decide on.
    objects["review_me"] = ApplicationFactory(
        programme=programme, user=UserFactory(email="a.examiner@assurance-maladie.fr", organisation=home)
    )
    objects["draft_charter"] = Charter.objects.create(
        programme=programme, version=2, title="Charte du mentorat", body="## Texte\n\nLa charte."
    )
    ReportJob.objects.filter(pk=objects["job"].pk).update(status="failed")
    # One object of each kind the admin lists, for its change, delete and history pages.
    objects["group"] = Group.objects.create(name="Groupe de test")
    objects["email_address"] = EmailAddress.objects.get(user=people["applicant"])
    objects["authenticator"] = Authenticator.objects.get(user=engineer)
    objects["branch"] = home.branch
    objects["spare_organisation"] = OrganisationFactory(code="CARSAT-NE", name="Carsat Nord-Est")
    objects["theme"] = Theme.objects.create(code="theme-de-test", label="Thème de test", position=99)
    objects["previous_programme"] = previous
    # The next edition, opened beside the running one (its call opens in July): every page of the
    # matrix and of the sentinel runs with two opened editions in the database (issue 22).
    objects["next_programme"] = next_edition()
    ApplicationFactory(
        programme=objects["next_programme"],
        user=UserFactory(email="prochaine@assurance-maladie.fr", organisation=home),
        mentor=True,
        draft=True,
    )
    objects["spare_user"] = UserFactory(email="sans.role@urssaf.fr", organisation=home)
    objects["elsewhere"] = other_hr.hr_organisations.get()
    return world


__all__ = ["MATRIX_ROLES", "ROLES", "World", "build_matrix_world", "build_world", "Pair"]
