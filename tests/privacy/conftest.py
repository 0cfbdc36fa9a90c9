import datetime

import pytest
from django.utils import timezone

from evaluation.enums import Audience, Phase, QuestionKind
from evaluation.models import Answer, Question, Response, Survey
from sessions_binome.enums import NoteKind, SessionStatus
from sessions_binome.sessions import services as services_sessions
from tests.sessions_binome.pairs import add_session, make_pair, paris

SECRETS = {
    "shared": "NOTES-PARTAGEES-RGPD",
    "mentor_private": "NOTES-MENTOR-RGPD",
    "preparation": "PREPARATION-MENTORE-RGPD",
    "free_text": "REPONSE-LIBRE-RGPD",
}


@pytest.fixture
def pair(programme, organisation, other_organisation):
    pair = make_pair(programme, mentee_org=organisation, mentor_org=other_organisation, prefix="rgpd")
    held = add_session(pair, when=paris(2026, 11, 10, 10, 0), agenda="Ordre du jour")
    services_sessions.session_log(
        session=held,
        by=pair.mentor,
        status=SessionStatus.HELD,
        actual_duration_minutes=60,
        shared_notes=SECRETS["shared"],
        private_notes=SECRETS["mentor_private"],
    )
    services_sessions.note_save(
        session=held, author=pair.mentee, kind=NoteKind.MENTEE_PREPARATION, text=SECRETS["preparation"]
    )
    now = timezone.now()
    survey = Survey.objects.create(
        programme=programme,
        phase=Phase.START,
        audience=Audience.MENTEE,
        title="Démarrage",
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=20),
    )
    scale = Question.objects.create(survey=survey, position=1, kind=QuestionKind.NPS, text="Recommanderiez-vous ?")
    text = Question.objects.create(survey=survey, position=2, kind=QuestionKind.TEXT, text="Un mot ?", required=False)
    response = Response.objects.create(
        survey=survey,
        respondent=pair.mentee,
        pair=pair,
        started_at=now,
        updated_at=now,
        status="submitted",
        submitted_at=now,
    )
    Answer.objects.create(response=response, question=scale, value=9)
    Answer.objects.create(response=response, question=text, text=SECRETS["free_text"])
    return pair
