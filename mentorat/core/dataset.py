"""A generated national-scale programme for benchmarks: `dataset_generate(...)`.

Every stage of a programme is written with bulk inserts (no per-row save, no email): organisations,
people, applications, a published matching computed by the real engine, pairs at every stage with
their frames and signed charters, sessions, questionnaire answers and reminders sent. The data is
fictitious and reproducible from the seed. Used by `manage.py generate_dataset`.
"""

import datetime
import random
import re
import time
from dataclasses import dataclass, field

from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone

from candidatures.enums import AVAILABILITY_CODES, ApplicationRole, ApplicationStatus
from candidatures.models import Application
from evaluation.enums import Phase, QuestionKind, ResponseStatus
from evaluation.models import Answer, Question, Response, Survey
from evaluation.reference_surveys import surveys_default_create
from matching import selectors as matching_selectors
from matching.enums import RequestStatus, RunStatus
from matching.models import MatchingRun, MentorRequest, Proposal
from matching.services import matching_run_execute
from mentorat.accounts.models import User
from mentorat.notifications.enums import ClaimStatus
from mentorat.notifications.models import Notification, ReminderClaim
from sessions_binome.charter_reference import BODY as CHARTER_BODY
from sessions_binome.charter_reference import TITLE as CHARTER_TITLE
from sessions_binome.enums import PairStatus, SessionStatus
from sessions_binome.models import (
    Charter,
    CharterSignature,
    MentoringSession,
    Pair,
    PairFrame,
    PairObjective,
    SignatureRole,
)
from sessions_binome.selectors_frame import sha256_hex, signed_content

from . import reference_data
from .models import Branch, Organisation, Programme, Theme, Track
from .services import reference_data_load

BATCH = 2000
# The one password of every generated account (hashed once): the benchmarks log in with it.
PASSWORD = "bench-mentorat-2026"
TOTP_SECRET = "MENTORATBENCHXXVIXXVIIAAAAAAAAAA"
REGIONS = [
    "Île-de-France",
    "Hauts-de-France",
    "Grand Est",
    "Bretagne",
    "Occitanie",
    "Nouvelle-Aquitaine",
    "Auvergne-Rhône-Alpes",
    "Provence-Alpes-Côte d'Azur",
    "Normandie",
    "Pays de la Loire",
]
FIRST_NAMES = [
    "Camille",
    "Dominique",
    "Claude",
    "Sacha",
    "Alix",
    "Lou",
    "Maxime",
    "Morgane",
    "Yanis",
    "Inès",
    "Hugo",
    "Léa",
    "Nadia",
    "Karim",
    "Sophie",
    "Julien",
    "Aïcha",
    "Thomas",
    "Élodie",
    "Mehdi",
]
LAST_NAMES = [
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefebvre",
    "Michel",
    "Garcia",
    "David",
    "Bertrand",
    "Roux",
    "Vincent",
    "Fournier",
]
GOALS = [
    "Trouver ma posture de manager.",
    "Animer des réunions d'équipe vivantes.",
    "Mieux organiser mon temps.",
    "Préparer une mobilité interbranche.",
    "Comprendre les codes implicites de l'institution.",
    "Gérer les tensions dans mon équipe.",
    "Progresser avec les outils numériques.",
]
OFFERS = [
    "Partager mon passage de collègue à manager.",
    "Transmettre une expertise métier.",
    "Raconter plusieurs réorganisations accompagnées.",
    "Ouvrir mon réseau dans l'institution.",
]
# Share of the mentees with an assigned proposal at each stage; the rest waits or has a pending request.
PAIR_STAGES = [
    (PairStatus.FRAME, 0.10),
    (PairStatus.ACTIVE, 0.62),
    (PairStatus.COMPLETED, 0.08),
    (PairStatus.ENDED, 0.06),
]
PENDING_SHARE = 0.06
SESSIONS_PER_MENTEE = 8  # about 80,000 sessions for 10,000 mentees


class DatasetExists(Exception):
    pass


@dataclass
class DatasetResult:
    counts: dict = field(default_factory=dict)
    timings: list = field(default_factory=list)  # [(stage, seconds)]


def _bulk(model, rows, batch_size=BATCH):
    return model.objects.bulk_create(rows, batch_size=batch_size)


def _code_prefix(slug):
    return (re.sub(r"[^A-Za-z0-9]", "", slug).upper() or "GEN")[:20]


class _Generator:
    def __init__(self, *, organisations, mentees, mentors, seed, slug, stdout=None):
        self.n_orgs, self.n_mentees, self.n_mentors, self.slug = organisations, mentees, mentors, slug
        self.rng = random.Random(seed)
        self.now = timezone.now().replace(microsecond=0)
        self.result = DatasetResult()
        self.stdout = stdout
        self._clock = time.perf_counter()

    def stage(self, name, **counts):
        elapsed = time.perf_counter() - self._clock
        self._clock = time.perf_counter()
        self.result.timings.append((name, elapsed))
        self.result.counts.update(counts)
        if self.stdout is not None:
            detail = ", ".join(f"{key}={value}" for key, value in counts.items())
            self.stdout.write(f"{name:<14} {elapsed:6.1f} s  {detail}")

    def run(self):
        if Programme.objects.filter(slug=self.slug).exists():
            raise DatasetExists(self.slug)
        if not Branch.objects.exists() or not Theme.objects.exists():
            reference_data_load()
        self.programme_create()
        self.people_create()
        self.applications_create()
        self.matching_create()
        self.pairs_create()
        self.charters_create()
        self.sessions_create()
        self.answers_create()
        self.reminders_create()
        return self.result

    # --- programme and people --------------------------------------------------------------------

    def programme_create(self):
        today = self.now.date()
        # A month into the edition, and the latest edition, so that the pages' "current programme" is this one.
        starts = today - datetime.timedelta(days=30)
        latest = Programme.objects.order_by("-starts_on").values_list("starts_on", flat=True).first()
        if latest is not None and latest >= starts:
            starts = latest + datetime.timedelta(days=1)
        self.start = self.now + datetime.timedelta(days=(starts - today).days)
        programme = Programme.objects.create(
            slug=self.slug,
            name=f"Programme national généré ({self.slug})",
            call_opens_at=self.start - datetime.timedelta(days=110),
            call_closes_at=self.start - datetime.timedelta(days=40),
            starts_on=starts,
            ends_on=starts + datetime.timedelta(days=210),
            evaluation_ends_on=starts + datetime.timedelta(days=260),
        )
        self.programme = programme
        self.tracks = _bulk(Track, [Track(programme=programme, **values) for values in reference_data.TRACKS])
        self.charter = Charter.objects.create(
            programme=programme,
            version=1,
            title=CHARTER_TITLE,
            body=CHARTER_BODY,
            published_at=self.start - datetime.timedelta(days=60),
        )
        surveys_default_create(programme)
        matching_selectors.matching_settings(programme)
        branches = list(Branch.objects.all())
        prefix = _code_prefix(self.slug)
        self.organisations = _bulk(
            Organisation,
            [
                Organisation(
                    code=f"{prefix}-{index:04d}",
                    name=f"Organisme {index:04d} ({self.slug})",
                    branch=self.rng.choice(branches),
                    region=self.rng.choice(REGIONS),
                )
                for index in range(1, self.n_orgs + 1)
            ],
        )
        self.themes = list(Theme.objects.all())
        self.stage("programme", organisations=len(self.organisations))

    def people_create(self):
        password = make_password(PASSWORD)
        # A few large organisations and many small ones.
        weights = [1.0 / (index + 1) ** 0.9 for index in range(len(self.organisations))]
        users = []
        for kind, count in (("mentee", self.n_mentees), ("mentor", self.n_mentors)):
            for index in range(count):
                users.append(
                    User(
                        email=f"{kind}{index}@{self.slug}.test",
                        password=password,
                        first_name=self.rng.choice(FIRST_NAMES),
                        last_name=self.rng.choice(LAST_NAMES),
                        organisation=self.rng.choices(self.organisations, weights)[0],
                        job_title=kind,
                    )
                )
        n_hr = max(1, self.n_orgs // 10)
        for index in range(n_hr):
            users.append(
                User(
                    email=f"rh{index}@{self.slug}.test",
                    password=password,
                    first_name="Référent",
                    last_name=f"RH {index}",
                )
            )
        users.append(
            User(
                email=f"ingenieur@{self.slug}.test",
                password=password,
                first_name="Ingénieure",
                last_name="Programme",
                is_programme_engineer=True,
            )
        )
        users = _bulk(User, users)
        self.mentee_users = users[: self.n_mentees]
        self.mentor_users = users[self.n_mentees : self.n_mentees + self.n_mentors]
        self.hr_users = users[self.n_mentees + self.n_mentors : -1]
        self.engineer = users[-1]
        # Each HR referent follows ten organisations.
        through = User.hr_organisations.through
        _bulk(
            through,
            [
                through(user_id=self.hr_users[index % n_hr].pk, organisation_id=organisation.pk)
                for index, organisation in enumerate(self.organisations)
            ],
        )
        # Engineer and HR referents must have a second factor before any page opens (published secret).
        for user in [*self.hr_users, self.engineer]:
            TOTP.activate(user, TOTP_SECRET)
        self.stage("people", users=len(users), hr_referents=n_hr)

    def applications_create(self):
        p1, p2 = self.tracks
        statuses = [ApplicationStatus.VALIDATED] * 17 + [
            ApplicationStatus.DECLINED,
            ApplicationStatus.WITHDRAWN,
            ApplicationStatus.SUBMITTED,
        ]
        applications = []
        for role, users in ((ApplicationRole.MENTEE, self.mentee_users), (ApplicationRole.MENTOR, self.mentor_users)):
            for user in users:
                is_mentor = role == ApplicationRole.MENTOR
                status = self.rng.choice(statuses)
                applications.append(
                    Application(
                        programme=self.programme,
                        user=user,
                        role=role,
                        track=p1 if self.rng.random() < 0.6 else p2,
                        status=status,
                        organisation_id=user.organisation_id,
                        job_title=user.job_title,
                        is_manager=is_mentor or self.rng.random() < 0.6,
                        years_experience=self.rng.randint(6, 30) if is_mentor else self.rng.randint(1, 15),
                        objectives=" ".join(self.rng.sample(OFFERS if is_mentor else GOALS, 2)),
                        presentation=self.rng.choice(OFFERS) if is_mentor else "",
                        availability=self.rng.sample(sorted(AVAILABILITY_CODES), self.rng.randint(2, 6)),
                        capacity=(1 if self.rng.random() < 0.8 else 2) if is_mentor else None,
                        prefers_other_branch=not is_mentor and self.rng.random() < 0.3,
                        ack_duration=True,
                        ack_rhythm=True,
                        ack_working_time=True,
                        ack_volunteering=True,
                        ack_confidentiality=True,
                        ack_change_mentor=True,
                        data_consent_at=self.start - datetime.timedelta(days=100),
                        submitted_at=self.start - datetime.timedelta(days=100),
                        decided_at=None
                        if status == ApplicationStatus.SUBMITTED
                        else self.start - datetime.timedelta(days=35),
                        decided_by=None if status == ApplicationStatus.SUBMITTED else self.engineer,
                    )
                )
        applications = _bulk(Application, applications)
        through = Application.themes.through
        _bulk(
            through,
            [
                through(application_id=application.pk, theme_id=theme.pk)
                for application in applications
                for theme in self.rng.sample(
                    self.themes,
                    self.rng.randint(1, 3) if application.role == ApplicationRole.MENTEE else self.rng.randint(2, 5),
                )
            ],
            batch_size=5000,
        )
        self.applications = {application.pk: application for application in applications}
        self.stage("applications", applications=len(applications))

    # --- matching and pairs ----------------------------------------------------------------------

    def matching_create(self):
        """One run per track through the real task body (engine + bulk insert), then published."""
        proposals = 0
        self.runs = []
        for track in self.tracks:
            run = MatchingRun.objects.create(programme=self.programme, track=track, created_by=self.engineer)
            matching_run_execute(run_id=run.pk)
            MatchingRun.objects.filter(pk=run.pk).update(
                status=RunStatus.PUBLISHED,
                published_at=self.start - datetime.timedelta(days=25),
                published_by=self.engineer,
            )
            self.runs.append(run)
            proposals += Proposal.objects.filter(run=run).count()
        self.stage("matching", runs=len(self.runs), proposals=proposals)

    def pairs_create(self):
        assigned = list(
            Proposal.objects.filter(run__in=self.runs, assigned=True)
            .order_by("mentee_id")
            .values_list("pk", "mentee_id", "mentor_id")
        )
        self.rng.shuffle(assigned)
        total = len(assigned)
        pairs, requests, cursor = [], [], 0
        users = {user.pk: user for user in self.mentee_users + self.mentor_users}
        tracks = {track.pk: track for track in self.tracks}
        for status, share in PAIR_STAGES:
            for proposal_id, mentee_id, mentor_id in assigned[cursor : cursor + int(total * share)]:
                mentee, mentor = self.applications[mentee_id], self.applications[mentor_id]
                chosen = self.start - datetime.timedelta(days=self.rng.randint(12, 20))
                activated = chosen + datetime.timedelta(days=self.rng.randint(5, 15))
                pair = Pair(
                    programme=self.programme,
                    track=tracks[mentee.track_id],
                    mentee=users[mentee.user_id],
                    mentor=users[mentor.user_id],
                    mentee_application=mentee,
                    mentor_application=mentor,
                    status=status,
                    mentee_organisation_id=mentee.organisation_id,
                    mentor_organisation_id=mentor.organisation_id,
                    activated_at=None if status == PairStatus.FRAME else activated,
                )
                if status in (PairStatus.COMPLETED, PairStatus.ENDED):
                    pair.ended_at = min(self.now, activated + datetime.timedelta(days=self.rng.randint(15, 35)))
                    pair.ended_by = pair.mentee if status == PairStatus.ENDED else None
                pairs.append(pair)
                requests.append(
                    MentorRequest(
                        proposal_id=proposal_id,
                        mentee_id=mentee_id,
                        mentor_id=mentor_id,
                        status=RequestStatus.ACCEPTED,
                        deadline=chosen + datetime.timedelta(days=5),
                        answered_at=chosen + datetime.timedelta(days=1),
                    )
                )
            cursor += int(total * share)
        for proposal_id, mentee_id, mentor_id in assigned[cursor : cursor + int(total * PENDING_SHARE)]:
            requests.append(
                MentorRequest(
                    proposal_id=proposal_id,
                    mentee_id=mentee_id,
                    mentor_id=mentor_id,
                    status=RequestStatus.PENDING,
                    deadline=self.now + datetime.timedelta(days=3),
                )
            )
        self.pairs = _bulk(Pair, pairs)
        _bulk(MentorRequest, requests)
        by_status = {status: sum(pair.status == status for pair in self.pairs) for status, _share in PAIR_STAGES}
        self.stage(
            "pairs", pairs=len(self.pairs), requests=len(requests), **{f"pairs_{k}": v for k, v in by_status.items()}
        )

    def charters_create(self):
        """A frame and objectives per pair; both signatures (text and SHA-256) once the pair started."""
        frames, objectives, signatures = [], [], []
        for pair in self.pairs:
            started = pair.status != PairStatus.FRAME
            frame = PairFrame(
                pair=pair,
                starts_on=self.programme.starts_on,
                ends_on=self.programme.ends_on,
                video="https://visio.example.test/binome",
                mentee_confirmed_at=pair.activated_at if started else None,
                mentor_confirmed_at=pair.activated_at if started else None,
            )
            frames.append(frame)
            own = [
                PairObjective(
                    pair=pair,
                    position=position,
                    text=goal,
                    start_assessment=self.rng.randint(1, 4),
                    final_assessment=self.rng.randint(3, 5) if pair.status == PairStatus.COMPLETED else None,
                )
                for position, goal in enumerate(self.rng.sample(GOALS, 2), start=1)
            ]
            objectives += own
            if started:
                text = signed_content(pair=pair, charter=self.charter, frame=frame, objectives=own)
                digest = sha256_hex(text)
                for user, role in ((pair.mentee, SignatureRole.MENTEE), (pair.mentor, SignatureRole.MENTOR)):
                    signatures.append(
                        CharterSignature(
                            pair=pair,
                            user=user,
                            role=role,
                            charter=self.charter,
                            signed_at=pair.activated_at,
                            content_sha256=digest,
                            signed_content=text,
                        )
                    )
        _bulk(PairFrame, frames)
        _bulk(PairObjective, objectives, batch_size=5000)
        _bulk(CharterSignature, signatures, batch_size=1000)
        self.stage("charters", frames=len(frames), objectives=len(objectives), signatures=len(signatures))

    def sessions_create(self):
        started = [pair for pair in self.pairs if pair.status != PairStatus.FRAME]
        per_pair = (SESSIONS_PER_MENTEE * self.n_mentees) / max(1, len(started))
        sessions = []
        for pair in started:
            count = max(1, int(per_pair + self.rng.uniform(-2, 2)))
            last = pair.ended_at or (self.now + datetime.timedelta(days=60))
            step = (last - pair.activated_at) / (count + 1)
            for index in range(count):
                starts_at = (pair.activated_at + step * (index + 1)).replace(
                    hour=self.rng.choice([9, 10, 14, 16]), minute=0, second=0
                )
                if starts_at > self.now:
                    status = SessionStatus.CANCELLED if self.rng.random() < 0.05 else SessionStatus.PLANNED
                else:
                    status = SessionStatus.CANCELLED if self.rng.random() < 0.08 else SessionStatus.HELD
                held = status == SessionStatus.HELD
                sessions.append(
                    MentoringSession(
                        pair=pair,
                        starts_at=starts_at,
                        status=status,
                        scheduled_by_id=pair.mentor_id,
                        actual_duration_minutes=self.rng.choice([45, 60, 75]) if held else None,
                        logged_by_id=pair.mentor_id if held else None,
                        logged_at=starts_at + datetime.timedelta(hours=2) if held else None,
                        cancelled_at=starts_at - datetime.timedelta(days=1)
                        if status == SessionStatus.CANCELLED
                        else None,
                    )
                )
        self.sessions = _bulk(MentoringSession, sessions, batch_size=5000)
        counts = {f"sessions_{status}": sum(s.status == status for s in sessions) for status in SessionStatus.values}
        self.stage("sessions", sessions=len(sessions), **counts)

    # --- evaluation and reminders ----------------------------------------------------------------

    def _answer(self, question):
        if question.kind == QuestionKind.LIKERT:
            return Answer(question=question, value=self.rng.choices([1, 2, 3, 4, 5], [1, 2, 4, 8, 6])[0])
        if question.kind == QuestionKind.NPS:
            return Answer(question=question, value=self.rng.choices(range(11), [1, 1, 1, 1, 1, 2, 3, 5, 8, 7, 5])[0])
        if question.kind == QuestionKind.SINGLE:
            return Answer(question=question, selected=[self.rng.choice(question.choices)] if question.choices else [])
        if question.kind == QuestionKind.MULTIPLE:
            return Answer(question=question, selected=self.rng.sample(question.choices, min(2, len(question.choices))))
        return Answer(question=question, text="" if self.rng.random() < 0.7 else "Un regard extérieur très utile.")

    def answers_create(self):
        """Start questionnaires answered by ~85 % of the started pairs' members; end ones for the completed."""
        surveys = {(s.phase, s.audience): s for s in Survey.objects.filter(programme=self.programme)}
        questions = {}
        for question in Question.objects.filter(survey__programme=self.programme).order_by("position"):
            questions.setdefault(question.survey_id, []).append(question)
        responses, answers, answered = [], [], set()
        for pair in self.pairs:
            if pair.status == PairStatus.FRAME:
                continue
            phases = [Phase.START] + ([Phase.END] if pair.status == PairStatus.COMPLETED else [])
            for phase in phases:
                for audience, user, application in (
                    ("mentee", pair.mentee, pair.mentee_application),
                    ("mentor", pair.mentor, pair.mentor_application),
                ):
                    survey = surveys.get((phase, audience))
                    # A mentor of two pairs answers once: one response per person and questionnaire.
                    if survey is None or (survey.pk, user.pk) in answered or self.rng.random() > 0.85:
                        continue
                    answered.add((survey.pk, user.pk))
                    when = pair.activated_at + datetime.timedelta(days=self.rng.randint(1, 20))
                    draft = self.rng.random() < 0.05
                    response = Response(
                        survey=survey,
                        respondent=user,
                        pair=pair,
                        track_id=application.track_id,
                        organisation_id=application.organisation_id,
                        status=ResponseStatus.DRAFT if draft else ResponseStatus.SUBMITTED,
                        started_at=when,
                        updated_at=when,
                        submitted_at=None if draft else when,
                    )
                    responses.append(response)
                    for question in questions.get(survey.pk, []):
                        answer = self._answer(question)
                        answer.response = response
                        answers.append(answer)
        _bulk(Response, responses)
        _bulk(Answer, answers, batch_size=5000)
        self.stage("evaluation", responses=len(responses), answers=len(answers))

    def reminders_create(self):
        """Reminders already sent: charter signatures awaited, first sessions and eves of sessions."""
        pair_type = ContentType.objects.get_for_model(Pair)
        session_type = ContentType.objects.get_for_model(MentoringSession)
        claims = []

        def claim(kind, content_type, object_id, user, occurrence, at):
            claims.append(
                ReminderClaim(
                    kind=kind,
                    content_type=content_type,
                    object_id=object_id,
                    recipient=user,
                    occurrence=occurrence,
                    status=ClaimStatus.SENT,
                    due_at=at,
                    created_at=at,
                    sent_at=at,
                )
            )

        for pair in self.pairs:
            chosen = pair.activated_at or self.start
            claim("charter-unsigned", pair_type, pair.pk, pair.mentee, "j3", chosen)
            if pair.status == PairStatus.FRAME:
                claim("charter-unsigned", pair_type, pair.pk, pair.mentor, "j3", chosen)
        pairs = {pair.pk: pair for pair in self.pairs}
        for session in self.sessions[::4]:
            if session.status == SessionStatus.HELD:
                at = session.starts_at - datetime.timedelta(days=1)
                pair = pairs[session.pair_id]
                for user in (pair.mentee, pair.mentor):
                    claim(
                        "session-tomorrow",
                        session_type,
                        session.pk,
                        user,
                        f"veille@{session.starts_at:%Y-%m-%dT%H:%M}",
                        at,
                    )
        claims = _bulk(ReminderClaim, claims, batch_size=5000)
        titles = {
            "charter-unsigned": "La charte de votre binôme attend votre signature",
            "session-tomorrow": "Votre séance de demain",
        }
        _bulk(
            Notification,
            [
                Notification(
                    user=c.recipient,
                    kind=c.kind,
                    title=titles[c.kind],
                    created_at=c.sent_at,
                    claim=c,
                    read_at=c.sent_at if self.rng.random() < 0.6 else None,
                )
                for c in claims
            ],
            batch_size=5000,
        )
        self.stage("reminders", reminder_claims=len(claims), notifications=len(claims))


def dataset_generate(*, organisations, mentees, mentors, seed=1, slug="bench-2026", stdout=None):
    """Write a whole generated programme in one transaction; refuse a slug that exists."""
    from mentorat.core.emails import emails_suppressed

    generator = _Generator(
        organisations=organisations, mentees=mentees, mentors=mentors, seed=seed, slug=slug, stdout=stdout
    )
    with emails_suppressed(), transaction.atomic():
        result = generator.run()
    if connection.vendor == "postgresql":
        # Fresh statistics: without them the planner takes the new tables for empty and picks nested
        # loops that turn the indicators page from 0.5 s into 14 s (see benchmarks/README.md). VACUUM
        # sets the visibility map, as autovacuum would in a live database, so that the covering
        # indexes answer without reading the tables (index-only scans of the HR follow-up filter).
        # VACUUM cannot run in a transaction (a test's): ANALYZE alone there.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
    return result
