import datetime

import pytest
import time_machine

from tests.factories import PARIS, ThemeFactory

DURING_CALL = datetime.datetime(2026, 8, 20, 10, 0, tzinfo=PARIS)


@pytest.fixture
def during_call():
    with time_machine.travel(DURING_CALL, tick=False) as traveller:
        yield traveller


@pytest.fixture
def themes(db):
    return [
        ThemeFactory(code="prise-de-poste", label="Prise de poste"),
        ThemeFactory(code="communication", label="Communication"),
        ThemeFactory(code="animation-equipe", label="Animation d'équipe"),
    ]


def mentee_form_data(programme, organisation, theme_objs, **overrides):
    data = {
        "track": programme.tracks.get(code="P1").pk,
        "organisation": organisation.pk,
        "job_title": "Responsable d'unité",
        "is_manager": "on",
        "manager_since": "2025-11",
        "years_experience": "12",
        "themes": [theme_objs[0].pk, theme_objs[1].pk],
        "objectives": "Trouver ma posture de manageuse.",
        "availability": ["lun-matin", "jeu-aprem"],
        "line_manager_email": "chef@assurance-maladie.fr",
        "ack_duration": "on",
        "ack_rhythm": "on",
        "ack_working_time": "on",
        "ack_volunteering": "on",
        "ack_confidentiality": "on",
        "ack_change_mentor": "on",
        "data_consent": "on",
        "action": "submit",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
