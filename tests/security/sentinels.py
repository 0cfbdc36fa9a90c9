"""Planting a unique string in every confidential field through the real services, and who may read
each one. The crawler that reads what a person can reach is in tests/security/crawler.py (re-exported
here). Used by tests/security/test_sentinel.py and test_html_validity.py."""

import datetime
import re
from dataclasses import dataclass, field

import time_machine
from django.apps import apps
from django.test import TestCase
from django.urls import reverse

from candidatures.models import Application
from evaluation import services as evaluation_services
from evaluation.enums import Audience as SurveyAudience
from evaluation.enums import Phase, QuestionKind
from evaluation.models import Answer, Question, Survey
from matching import selectors as matching_selectors
from matching import services as matching_services
from matching.models import MentorRequest, ProposalQuestion
from matching.questions import services as question_services
from mentorat.core.crypto import EncryptedTextField
from mentorat.notifications.scan import reminders_scan
from mentorat.outbox.models import OutboxEmail
from sessions_binome import services_frame
from sessions_binome.closing import services as closing_services
from sessions_binome.enums import NoteKind, PairStatus, SessionStatus
from sessions_binome.health import services as health_services
from sessions_binome.messaging import services as messaging_services
from sessions_binome.models import (
    MentoringSession,
    Pair,
    PairFrame,
    PairMessage,
    PairObjective,
    PairTakeaway,
    SessionNote,
    SessionRating,
)
from sessions_binome.sessions import services as services_sessions
from tests.conftest import StrictClient
from tests.factories import UserFactory, next_edition
from tests.security.world import build_world
from tests.sessions_binome.frame_helpers import frame_values
from tests.sessions_binome.pairs import make_pair, paris

# Short, so that no truncation in a template (an excerpt of 30 or 50 characters) can hide a leak,
# and written at the start of each planted text for the same reason. ASCII only, so that no escaping
# (HTML, XML, JSON's \uXXXX) changes them.
SENTINELS = {
    "agenda": "SENTINELLE-ORDREDUJOUR-9c41",
    "shared_notes": "SENTINELLE-NOTESPARTAGEES-9c41",
    "mentor_private": "SENTINELLE-NOTESMENTOR-9c41",
    "mentee_preparation": "SENTINELLE-PREPARATION-9c41",
    "mentee_reflection": "SENTINELLE-REFLEXIONS-9c41",
    "end_reason": "SENTINELLE-MOTIFCHANGEMENT-9c41",
    "request_message": "SENTINELLE-MESSAGEAUMENTOR-9c41",
    "decline_reason": "SENTINELLE-MOTIFREFUS-9c41",
    "survey_text": "SENTINELLE-REPONSELIBRE-9c41",
    "survey_text_mentor": "SENTINELLE-REPONSEMENTOR-9c41",
    # Not encrypted, but the frame is for the pair and the engineer only: HR sees its status (SPEC §3).
    "objectives": "SENTINELLE-OBJECTIF-9c41",
    "mentor_comment": "SENTINELLE-COMMENTAIREMENTOR-9c41",
    # Not encrypted, but the applicant's own words: never for HR (SPEC §3 "own application: —").
    "application_objectives": "SENTINELLE-OBJECTIFSCANDIDATURE-9c41",
    "mentor_presentation": "SENTINELLE-PRESENTATIONMENTOR-9c41",
    # The engineer's message to a pair (sessions_binome/views/follow.py): e-mailed to both members.
    "pair_message": "SENTINELLE-MESSAGEAUBINOME-9c41",
    # The word to the partner sent with a cancellation (sessions_binome/sessions/services.py).
    "cancel_message": "SENTINELLE-MESSAGEANNULATION-9c41",
    # The pair's own thread (sessions_binome/messaging): a message of each member.
    "pair_thread": "SENTINELLE-FILDUBINOME-9c41",
    # What the mentee adds to the shared notes of a held session (issue 23).
    "shared_notes_mentee": "SENTINELLE-COMPLEMENTMENTOREE-9c41",
    # A member's private comment on a held session they rated (sessions_binome/health).
    "rating_comment": "SENTINELLE-APPRECIATION-9c41",
    # What each member takes away from the pair, written in the closing step (sessions_binome/closing).
    "takeaway_mentee": "SENTINELLE-RETIENSMENTORE-9c41",
    "takeaway_mentor": "SENTINELLE-RETIENSMENTOR-9c41",
    # The question a mentee sends a proposed mentor before choosing, and his answer (matching/questions).
    "proposal_question": "SENTINELLE-QUESTIONAUMENTOR-9c41",
    "proposal_answer": "SENTINELLE-REPONSEDUMENTOR-9c41",
}

# Where each sentinel is stored: (model label, field name) → sentinel names. The test fails when an
# EncryptedTextField of the project is missing here, so that a new confidential field is planted too.
STORED_IN = {
    ("sessions_binome.MentoringSession", "agenda"): ["agenda"],
    ("sessions_binome.MentoringSession", "shared_notes"): ["shared_notes", "shared_notes_mentee"],
    ("sessions_binome.SessionNote", "text"): ["mentor_private", "mentee_preparation", "mentee_reflection"],
    ("sessions_binome.Pair", "end_reason"): ["end_reason"],
    ("matching.MentorRequest", "message"): ["request_message"],
    ("matching.MentorRequest", "decline_reason"): ["decline_reason"],
    ("evaluation.Answer", "text"): ["survey_text", "survey_text_mentor"],
    ("sessions_binome.PairObjective", "text"): ["objectives"],
    ("sessions_binome.PairFrame", "mentor_comment"): ["mentor_comment"],
    ("candidatures.Application", "objectives"): ["application_objectives"],
    ("candidatures.Application", "presentation"): ["mentor_presentation"],
    ("outbox.OutboxEmail", "text_body"): ["pair_message"],
    ("sessions_binome.MentoringSession", "cancel_message"): ["cancel_message"],
    ("sessions_binome.PairMessage", "body"): ["pair_thread"],
    ("sessions_binome.SessionRating", "comment"): ["rating_comment"],
    ("sessions_binome.PairTakeaway", "text"): ["takeaway_mentee", "takeaway_mentor"],
    ("matching.ProposalQuestion", "body"): ["proposal_question"],
    ("matching.ProposalQuestion", "answer"): ["proposal_answer"],
}
NOTE_SENTINELS = {
    NoteKind.MENTOR_PRIVATE: "mentor_private",
    NoteKind.MENTEE_PREPARATION: "mentee_preparation",
    NoteKind.MENTEE_REFLECTION: "mentee_reflection",
}

# The people of the world, by role in the story:
#   mentee / mentor          the pair whose sessions, frame and survey answer carry the sentinels
#   other_pair               the mentee of another pair
#   former_mentee / _mentor  a pair the mentee ended ("changer de mentor") with a reason
#   chooser / asked_mentor   a mentee who chose a mentor with a message; the mentor declined with a reason
#   hr                       HR referent of the mentees' organisation (CPAM de la Gironde)
#   hr_mentors               HR referent of the mentors' organisation (CAF du Nord)
#   other_hr                 HR referent of an organisation of no one involved (Urssaf Île-de-France)
#   engineer, staff          the programme engineer, a site administrator
ROLES = (
    "anonymous",
    "mentee",
    "mentor",
    "other_pair",
    "former_mentee",
    "former_mentor",
    "chooser",
    "asked_mentor",
    "hr",
    "hr_mentors",
    "other_hr",
    "engineer",
    "staff",
)

# Who may read each sentinel (everyone else must never get it: no page, file, email or log).
OWNERS = {
    # SPEC §3 "session content & notes": "own pair (shared notes) + own private notes"; HR "never",
    # the programme engineer "never (themes covered as categories only)".
    "agenda": {"mentee", "mentor"},
    "shared_notes": {"mentee", "mentor"},
    "shared_notes_mentee": {"mentee", "mentor"},
    "mentor_private": {"mentor"},
    # SPEC §4.8: "The mentee prepares sessions (private preparation notes) and can log their own reflections."
    "mentee_preparation": {"mentee"},
    "mentee_reflection": {"mentee"},
    # SPEC §4.9: "the mentee may end the pair at any time with a reason visible only to the programme
    # engineer" (the mentee wrote it).
    "end_reason": {"former_mentee", "engineer"},
    # Written by the mentee for the mentor they choose (matching/services.py mentor_choose; shown on
    # the mentor's request page).
    "request_message": {"chooser", "asked_mentor"},
    # matching/services.py request_decline: "the reason is for the engineer only" (the mentor wrote it);
    # mentorat/privacy/selectors.py keeps it out of both members' archives.
    "decline_reason": {"asked_mentor", "engineer"},
    # SPEC §3 "survey answers": "own"; HR "never individually"; the engineer "pseudonymised", and
    # free text only in its own export, detached from respondents (evaluation/exports.py): see
    # ONLY_AT below.
    "survey_text": {"mentee", "engineer"},
    # The same for the mentor's own answer to the mentors' questionnaire.
    "survey_text_mentor": {"mentor", "engineer"},
    # SPEC §3 "pair frame, charter": own pair for members, "all" for the engineer, "status only" for HR.
    "objectives": {"mentee", "mentor", "engineer"},
    "mentor_comment": {"mentee", "mentor", "engineer"},
    # SPEC §3 "own application": the applicant and the engineer; the mentor they asked reads the
    # request; the mentor's presentation is for the mentees it is proposed to (the former mentee gets
    # new proposals that include that mentor).
    "application_objectives": {"chooser", "asked_mentor", "engineer"},
    "mentor_presentation": {"chooser", "asked_mentor", "former_mentee", "engineer"},
    # SPEC §3: messages inside a pair are for its two members; this one the engineer wrote.
    "pair_message": {"mentee", "mentor", "engineer"},
    # Written by a member for the other one, e-mailed to both with the cancellation.
    "cancel_message": {"mentee", "mentor"},
    # SPEC §3: "Messages exchanged inside a pair are confidential content, like notes: the two members
    # only" — the e-mail that tells of them carries no content (a digest), the admin never lists them.
    "pair_thread": {"mentee", "mentor"},
    # Issue 23: "each held session can be rated privately (1-4, optional comment seen by the author
    # alone)"; the engineer sees only the health derived from it, HR and the admin nothing.
    "rating_comment": {"mentee"},
    # Issue 23 item 6: what each takes away is private to its author — not even the other member.
    "takeaway_mentee": {"mentee"},
    "takeaway_mentor": {"mentor"},
    # Issue 23: "never visible to HR, the engineer or the admin" — the mentee who asked and the
    # mentor she asked; the e-mails that tell of them carry no content.
    "proposal_question": {"chooser", "asked_mentor"},
    "proposal_answer": {"chooser", "asked_mentor"},
}

_FREE_TEXT_EXPORTS = re.compile(
    r"^/pilotage/evaluation/(reponses-libres\.csv(\?|$)|donnees\.xlsx\?(.*&)?texte_libre=1(&|$)|rapports/(?P<job>\d+)/xlsx/$)"
)


def _engineer_free_text_url(planted):
    def allowed(url):
        found = _FREE_TEXT_EXPORTS.match(url)
        if not found:
            return False
        # A report job's XLSX holds the free text only when it was asked for.
        return found.group("job") is None or int(found.group("job")) == planted.objects["free_text_job"].pk

    return allowed


# (sentinel, role) → the only URLs where that owner may read it.
ONLY_AT = {
    ("survey_text", "engineer"): _engineer_free_text_url,
    ("survey_text_mentor", "engineer"): _engineer_free_text_url,
}

# Positive controls: (sentinel, role) → the URL where that owner must read it, so that the crawl
# and the decoding can fail.
EXPECTED_AT = {
    ("agenda", "mentee"): lambda o: reverse("sessions_binome:pair_detail", args=[o["pair"].pk]),
    ("agenda", "mentor"): lambda o: reverse("sessions_binome:pair_detail", args=[o["pair"].pk]),
    ("shared_notes", "mentee"): lambda o: reverse("sessions_binome:pair_detail", args=[o["pair"].pk]),
    ("shared_notes", "mentor"): lambda o: reverse("sessions_binome:pair_detail", args=[o["pair"].pk]),
    ("shared_notes_mentee", "mentee"): lambda o: reverse("sessions_binome:pair_detail", args=[o["pair"].pk]),
    ("shared_notes_mentee", "mentor"): lambda o: reverse("sessions_binome:pair_detail", args=[o["pair"].pk]),
    ("mentor_private", "mentor"): lambda o: reverse("sessions_binome:pair_detail", args=[o["pair"].pk]),
    ("mentee_preparation", "mentee"): lambda o: reverse("sessions_binome:pair_detail", args=[o["pair"].pk]),
    ("mentee_reflection", "mentee"): lambda o: reverse("sessions_binome:pair_detail", args=[o["pair"].pk]),
    ("end_reason", "engineer"): lambda o: reverse("sessions_binome:engineer_pair_detail", args=[o["former_pair"].pk]),
    ("request_message", "asked_mentor"): lambda o: reverse("matching:request_answer", args=[o["declined_request"].pk]),
    ("decline_reason", "engineer"): lambda o: reverse(
        "matching:run_detail", args=[o["declined_request"].proposal.run_id]
    ),
    ("survey_text", "mentee"): lambda o: reverse("evaluation:my_response", args=[o["response"].pk]),
    ("survey_text", "engineer"): lambda o: reverse("evaluation:free_text_csv"),
    ("survey_text_mentor", "mentor"): lambda o: reverse("evaluation:my_response", args=[o["mentor_response"].pk]),
    ("survey_text_mentor", "engineer"): lambda o: reverse("evaluation:free_text_csv"),
    # The signed charter is a PDF: this one proves that PDF text is really read.
    ("objectives", "mentee"): lambda o: reverse("sessions_binome:charter_pdf", args=[o["pair"].pk]),
    ("objectives", "engineer"): lambda o: reverse("sessions_binome:charter_pdf", args=[o["pair"].pk]),
    # The engineer reads an application's own words on its review page (HR, the same page, never).
    ("application_objectives", "engineer"): lambda o: reverse(
        "candidatures:review", args=[o["waiting_proposal"].mentee_id]
    ),
    ("mentor_presentation", "engineer"): lambda o: reverse(
        "candidatures:review", args=[o["waiting_proposal"].mentor_id]
    ),
    ("mentor_comment", "mentor"): lambda o: reverse("sessions_binome:frame", args=[o["pair"].pk]),
    ("cancel_message", "mentee"): lambda o: reverse("sessions_binome:pair_detail", args=[o["pair"].pk]),
    ("cancel_message", "mentor"): lambda o: reverse("sessions_binome:pair_detail", args=[o["pair"].pk]),
    ("pair_thread", "mentee"): lambda o: reverse("sessions_binome:pair_messages", args=[o["pair"].pk]),
    ("pair_thread", "mentor"): lambda o: reverse("sessions_binome:pair_messages", args=[o["pair"].pk]),
    ("takeaway_mentee", "mentee"): lambda o: reverse("sessions_binome:pair_archive", args=[o["pair"].pk]),
    ("takeaway_mentor", "mentor"): lambda o: reverse("sessions_binome:pair_archive", args=[o["pair"].pk]),
    ("proposal_question", "asked_mentor"): lambda o: reverse(
        "matching:question_answer", args=[o["proposal_question"].pk]
    ),
    ("proposal_answer", "chooser"): lambda o: reverse("matching:my_proposals"),
}
# The engineer's XLSX with free text must show it too (proves that XLSX parts are read).
EXPECTED_ALSO = {
    ("survey_text", "engineer"): lambda o: [
        reverse("evaluation:data_xlsx") + "?texte_libre=1",
        reverse("evaluation:report_job_download", kwargs={"job_id": o["free_text_job"].pk, "kind": "xlsx"}),
    ],
    # The archive of the completed pair holds its shared notes and its messages, for both members.
    ("shared_notes", "mentee"): lambda o: [reverse("sessions_binome:pair_archive", args=[o["pair"].pk])],
    ("shared_notes", "mentor"): lambda o: [reverse("sessions_binome:pair_archive", args=[o["pair"].pk])],
    ("pair_thread", "mentee"): lambda o: [reverse("sessions_binome:pair_archive", args=[o["pair"].pk])],
    ("pair_thread", "mentor"): lambda o: [reverse("sessions_binome:pair_archive", args=[o["pair"].pk])],
}

T_PLANT = paris(2026, 11, 2, 9, 0)  # the pair signs, plans a session; a request is declined; a pair ends
T_SCANS = (paris(2026, 11, 9, 10, 0), paris(2026, 11, 12, 10, 0))
T_LOG = paris(2026, 11, 16, 9, 0)  # the session is logged, notes and survey written, the pair completes
T_DIGEST = paris(2026, 11, 16, 9, 30)  # the digest of the mentor's message
T_CRAWL = paris(2026, 11, 16, 11, 0)


@dataclass
class Planted:
    people: dict
    objects: dict
    emails: list = field(default_factory=list)  # the messages sent while planting
    log_count: int = 0  # the log records written while planting


def _run_on_commit(function, *args, **kwargs):
    """Call a service as a view would: its on-commit side effects (emails, tasks) run afterwards."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return function(*args, **kwargs)


def _text(name, rest):
    return f"{SENTINELS[name]} : {rest}"


def plant(programme, engineer, staff):
    """The security world (tests/security/world.py) with a sentinel in every confidential field,
    each written by the service the application uses."""
    with time_machine.travel(T_PLANT, tick=False):
        world = build_world(programme, engineer, staff)
        # A second opened edition (2027-2028, its call to come): the crawl walks every edition
        # selector and every page with two editions in the database (issue 22).
        next_edition()
        people, objects = dict(world.people), dict(world.objects)
        pair = objects["pair"]
        mentors_organisation = pair.mentor.organisation
        people["hr_mentors"] = UserFactory(
            email="rh.nord@caf.fr", organisation=mentors_organisation, hr_of=[mentors_organisation]
        )

        # The world creates the pair active; here it writes its frame (objectives, mentor's comment)
        # and signs the charter through the services, so that the signed charter PDF exists.
        Pair.objects.filter(pk=pair.pk).update(status=PairStatus.FRAME, activated_at=None)
        values = frame_values(programme)
        objectives = [(_text("objectives", "prendre ma place de manager."), 2)]
        services_frame.frame_save(pair=pair, by=pair.mentee, **values, objectives=objectives)
        services_frame.frame_save(
            pair=pair, by=pair.mentor, **values, mentor_comment=_text("mentor_comment", "disponible le lundi.")
        )
        for member in (pair.mentee, pair.mentor):
            services_frame.frame_confirm(pair=pair, by=member, now=T_PLANT)
        for member in (pair.mentee, pair.mentor):
            _run_on_commit(services_frame.charter_sign, pair=pair, user=member, now=T_PLANT)

        # The mentee plans a session with an agenda (the mentor gets an invitation).
        session = _run_on_commit(
            services_sessions.session_schedule,
            pair=pair,
            by=pair.mentee,
            starts_at=paris(2026, 11, 10, 10, 0),
            video_link="https://visio.exemple.fr/binome",
            agenda=_text("agenda", "mes premiers pas de manager."),
            now=T_PLANT,
        )
        # The mentee writes to her mentor in the pair's thread (told by the digest of a scan below).
        _run_on_commit(
            messaging_services.message_post,
            pair=pair,
            author=pair.mentee,
            body=_text("pair_thread", "peux-tu relire ma note ?"),
            now=T_PLANT,
        )

        # The mentor plans a second session, then cancels it with a word to the mentee.
        cancelled = _run_on_commit(
            services_sessions.session_schedule,
            pair=pair,
            by=pair.mentor,
            starts_at=paris(2026, 11, 24, 14, 0),
            now=T_PLANT,
        )
        _run_on_commit(
            services_sessions.session_cancel,
            session=cancelled,
            by=pair.mentor,
            message=_text("cancel_message", "un comité de direction imprévu."),
            now=T_PLANT,
        )

        # A waiting mentee chooses a mentor with a message; the mentor declines with a reason.
        chooser = Application.objects.get(pk=objects["waiting_proposal"].mentee_id)
        Application.objects.filter(pk=chooser.pk).update(
            objectives=_text("application_objectives", "apprendre à déléguer.")
        )
        Application.objects.filter(pk=objects["waiting_proposal"].mentor_id).update(
            presentation=_text("mentor_presentation", "vingt ans de gestion des prestations.")
        )
        chooser.refresh_from_db()
        # Before choosing, she asks that mentor a question (the engineer allowed it), and he answers.
        settings = matching_selectors.matching_settings(programme)
        settings.questions_enabled = True
        settings.save()
        proposal_question = _run_on_commit(
            question_services.question_ask,
            proposal=objects["waiting_proposal"],
            mentee_user=chooser.user,
            body=_text("proposal_question", "combien de temps vous faut-il par mois ?"),
            now=T_PLANT,
        )
        _run_on_commit(
            question_services.question_answer,
            question=proposal_question,
            mentor_user=objects["waiting_proposal"].mentor.user,
            answer=_text("proposal_answer", "une heure, plus une demi-heure pour préparer."),
            now=T_PLANT,
        )
        request = _run_on_commit(
            matching_services.mentor_choose,
            mentee=chooser,
            proposal=objects["waiting_proposal"],
            message=_text("request_message", "j'aimerais travailler avec vous."),
            now=T_PLANT,
        )
        asked = request.mentor.user
        _run_on_commit(
            matching_services.request_decline,
            request=request,
            mentor_user=asked,
            reason=_text("decline_reason", "je connais trop bien son service."),
            now=T_PLANT,
        )
        people["chooser"], people["asked_mentor"] = chooser.user, asked

        # Another mentee of the same organisation changes mentor, with a reason.
        former = make_pair(
            programme, mentee_org=pair.mentee.organisation, mentor_org=pair.mentor.organisation, prefix="ancien"
        )
        _run_on_commit(
            matching_services.pair_end,
            pair=former,
            by=former.mentee,
            reason=_text("end_reason", "nous ne nous comprenons pas."),
            now=T_PLANT,
        )
        people["former_mentee"], people["former_mentor"] = former.mentee, former.mentor

    # The reminders' scan runs meanwhile: the session of tomorrow (with its invitation), then the
    # session held but not logged yet.
    for moment in T_SCANS:
        with time_machine.travel(moment, tick=False):
            _run_on_commit(reminders_scan, now=moment)
            _run_on_commit(messaging_services.digests_send, now=moment)

    with time_machine.travel(T_LOG, tick=False):
        # The mentor logs the session; the mentee writes a preparation and reflections.
        _run_on_commit(
            services_sessions.session_log,
            session=session,
            by=pair.mentor,
            status=SessionStatus.HELD,
            actual_duration_minutes=60,
            shared_notes=_text("shared_notes", "la posture d'écoute."),
            private_notes=_text("mentor_private", "à creuser."),
            now=T_LOG,
        )
        # The mentee adds what she took away to the shared notes.
        logged = MentoringSession.objects.get(pk=session.pk)
        _run_on_commit(
            services_sessions.session_shared_notes_save,
            session=logged,
            by=pair.mentee,
            shared_notes=f"{logged.shared_notes}\n{_text('shared_notes_mentee', 'oser dire non.')}",
            now=T_LOG,
        )
        for kind in (NoteKind.MENTEE_PREPARATION, NoteKind.MENTEE_REFLECTION):
            text = _text(NOTE_SENTINELS[kind], "mes notes.")
            _run_on_commit(services_sessions.note_save, session=session, author=pair.mentee, kind=kind, text=text)

        # The mentee rates the session, with a comment for herself, and says the pair suits her.
        _run_on_commit(
            health_services.session_rate,
            session=session,
            by=pair.mentee,
            score=2,
            comment=_text("rating_comment", "trop de digressions."),
            now=T_LOG,
        )
        _run_on_commit(health_services.fit_check_answer, pair=pair, by=pair.mentee, answer="talk", now=T_LOG)

        # The mentee answers the questionnaire's free-text question and sends it.
        _run_on_commit(
            evaluation_services.response_save,
            survey=objects["survey"],
            user=pair.mentee,
            answers={objects["question"].pk: _text("survey_text", "merci pour tout.")},
            submit=True,
            now=T_LOG,
        )

        # The engineer writes to the pair from the follow-up page (the e-mail goes to both members).
        writer = StrictClient()
        writer.force_login(engineer)
        sent = writer.post(
            reverse("sessions_binome:engineer_pair_message", args=[pair.pk]),
            {"subject": "Point d'étape", "body": _text("pair_message", "comment avancez-vous ?")},
        )
        assert sent.status_code == 302, sent.status_code

        # The mentor answers the mentors' questionnaire in their own words.
        mentor_survey = Survey.objects.create(
            programme=programme,
            phase=Phase.START,
            audience=SurveyAudience.MENTOR,
            title="Démarrage (mentors)",
            opens_at=T_PLANT,
            closes_at=T_CRAWL + datetime.timedelta(days=20),
        )
        mentor_question = Question.objects.create(
            survey=mentor_survey, position=1, kind=QuestionKind.TEXT, text="Votre ressenti ?", required=False
        )
        mentor_response = _run_on_commit(
            evaluation_services.response_save,
            survey=mentor_survey,
            user=pair.mentor,
            answers={mentor_question.pk: _text("survey_text_mentor", "une belle rencontre.")},
            submit=True,
            now=T_LOG,
        )

        # The mentor answers in the thread before the pair completes; its digest leaves a little later.
        _run_on_commit(
            messaging_services.message_post,
            pair=pair,
            author=pair.mentor,
            body=_text("pair_thread", "volontiers, envoie-la moi."),
            now=T_LOG,
        )

        # The pair completes (certificates); the engineer builds the full report with the free text.
        _run_on_commit(services_frame.pair_complete, pair_id=pair.pk, now=T_LOG)
        # Each member goes through the closing step and writes what they take away.
        for member, name in ((pair.mentee, "takeaway_mentee"), (pair.mentor, "takeaway_mentor")):
            _run_on_commit(
                closing_services.pair_closing_save, pair=pair, by=member, takeaway=_text(name, "une belle rencontre.")
            )
        job = _run_on_commit(
            evaluation_services.report_job_request, programme=programme, by=engineer, include_free_text=True
        )

    with time_machine.travel(T_DIGEST, tick=False):
        _run_on_commit(messaging_services.digests_send, now=T_DIGEST)

    objects.update(
        mentor_response=mentor_response,
        held_session=session,
        cancelled_session=cancelled,
        declined_request=request,
        proposal_question=proposal_question,
        former_pair=former,
        free_text_job=job,
    )
    return Planted(people=people, objects=objects)


def stored_values(planted):
    """{sentinel name: the clear text the database holds}, read back through the models."""
    o = planted.objects
    notes = {note.kind: note.text for note in SessionNote.objects.filter(session=o["held_session"])}
    session = MentoringSession.objects.get(pk=o["held_session"].pk)
    request = MentorRequest.objects.get(pk=o["declined_request"].pk)
    return {
        "agenda": session.agenda,
        # The mentor's log, then the line the mentee added.
        "shared_notes": session.shared_notes.splitlines()[0],
        "shared_notes_mentee": session.shared_notes.splitlines()[-1],
        "cancel_message": MentoringSession.objects.get(pk=o["cancelled_session"].pk).cancel_message,
        **{name: notes.get(kind, "") for kind, name in NOTE_SENTINELS.items()},
        "end_reason": Pair.objects.get(pk=o["former_pair"].pk).end_reason,
        "request_message": request.message,
        "decline_reason": request.decline_reason,
        "survey_text": " ".join(Answer.objects.filter(response=o["response"]).values_list("text", flat=True)),
        "survey_text_mentor": " ".join(
            Answer.objects.filter(response=o["mentor_response"]).values_list("text", flat=True)
        ),
        "objectives": " ".join(PairObjective.objects.filter(pair=o["pair"]).values_list("text", flat=True)),
        "mentor_comment": PairFrame.objects.get(pair=o["pair"]).mentor_comment,
        "application_objectives": Application.objects.get(pk=o["waiting_proposal"].mentee_id).objectives,
        "mentor_presentation": Application.objects.get(pk=o["waiting_proposal"].mentor_id).presentation,
        "pair_thread": " ".join(PairMessage.objects.filter(pair=o["pair"]).values_list("body", flat=True)),
        "rating_comment": " ".join(
            SessionRating.objects.filter(session=o["held_session"]).values_list("comment", flat=True)
        ),
        **{
            f"takeaway_{role}": PairTakeaway.objects.get(pair=o["pair"], author=getattr(o["pair"], role)).text
            for role in ("mentee", "mentor")
        },
        "proposal_question": ProposalQuestion.objects.get(pk=o["proposal_question"].pk).body,
        "proposal_answer": ProposalQuestion.objects.get(pk=o["proposal_question"].pk).answer,
        "pair_message": " ".join(
            SENTINELS["pair_message"]
            for body in OutboxEmail.objects.filter(kind="pair_message").values_list("text_body", flat=True)
            if SENTINELS["pair_message"] in body
        ),
    }


def encrypted_fields():
    """(model label, field name) of every EncryptedTextField of the installed apps."""
    return sorted(
        (model._meta.label, f.name)
        for model in apps.get_models()
        for f in model._meta.get_fields()
        if isinstance(f, EncryptedTextField)
    )


# --- reading bodies as text -------------------------------------------------------------------------


from tests.security.crawler import (  # noqa: E402 - re-exported for tests/security/test_sentinel.py
    body_text,
    crawl,
    email_parts,
    found,
    planted_urls,
    seed_urls,
)

__all__ = [
    "EXPECTED_ALSO",
    "EXPECTED_AT",
    "ONLY_AT",
    "OWNERS",
    "ROLES",
    "SENTINELS",
    "STORED_IN",
    "T_CRAWL",
    "body_text",
    "crawl",
    "email_parts",
    "encrypted_fields",
    "found",
    "plant",
    "planted_urls",
    "seed_urls",
    "stored_values",
]
