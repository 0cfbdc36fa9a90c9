"""Forms re-shown after an error echo what was typed: confidential text typed into them (a session's
agenda, notes, a reason for ending a pair, a message to a pair) comes back only to the person who
typed it, on a form they may use. Every role posts the same invalid form with a marker: the owner
gets the form back with the marker (so that the check can fail), everyone else gets no page that
shows it, and nothing is written for anyone."""

import pytest
import time_machine
from django.urls import reverse

from tests.security import matrix_engine as engine
from tests.security.world import MATRIX_ROLES, build_matrix_world
from tests.sessions_binome.pairs import paris

NOVEMBER = paris(2026, 11, 16, 9, 0)
MARK = "ECHO-CONFIDENTIEL-5d2e"

# URL name → (kwargs from the world, an invalid body carrying the marker, the roles that get it back).
FORMS = {
    "sessions_binome:session_new": (
        lambda o: {"pair_id": o["pair"].pk},
        {"starts_at": "pas une date", "duration_minutes": "60", "video_link": "https://v.fr/x", "agenda": MARK},
        {"mentee", "mentor"},
    ),
    "sessions_binome:session_edit": (
        lambda o: {"pk": o["session"].pk},
        {"starts_at": "2026-12-01T10:00", "duration_minutes": "60", "video_link": "ftp://non", "agenda": MARK},
        {"mentee", "mentor"},
    ),
    "sessions_binome:session_log": (
        lambda o: {"pk": o["past_session"].pk},
        {"status": "held", "actual_duration_minutes": "9999", "shared_notes": MARK, "private_notes": MARK},
        {"mentor"},
    ),
    "sessions_binome:session_note": (
        lambda o: {"pk": o["session"].pk, "kind": "mentee_preparation"},
        {"text": MARK + " " + "x" * 10_000},
        {"mentee"},
    ),
    "sessions_binome:session_held": (
        lambda o: {"pair_id": o["pair"].pk},
        {"starts_at": "2099-01-01T10:00", "actual_duration_minutes": "60", "shared_notes": MARK},
        {"mentee", "mentor"},
    ),
    "sessions_binome:session_agenda": (
        lambda o: {"pk": o["session"].pk},
        {"agenda": MARK + " " + "x" * 4_000},
        {"mentee", "mentor"},
    ),
    "sessions_binome:session_cancel": (
        lambda o: {"pk": o["session"].pk},
        {"message": MARK + " " + "x" * 2_000},
        {"mentee", "mentor"},
    ),
    "matching:change_mentor": (lambda o: {"pair_id": o["pair"].pk}, {"reason": MARK}, {"mentee"}),
    "matching:mentor_end_pair": (lambda o: {"pair_id": o["pair"].pk}, {"reason": MARK}, {"mentor"}),
    "matching:request_answer": (
        lambda o: {"request_id": o["request"].pk},
        {"answer": "peut-etre", "reason": MARK},
        {"mentor"},
    ),
    "sessions_binome:engineer_pair_message": (
        lambda o: {"pk": o["pair"].pk},
        {"subject": "", "body": MARK},
        {"engineer"},
    ),
}


@pytest.mark.parametrize("name", sorted(FORMS))
def test_a_form_with_an_error_echoes_confidential_text_only_to_its_author(client, programme, engineer, staff, name):
    kwargs, body, owners = FORMS[name]
    with time_machine.travel(NOVEMBER, tick=False):
        world = build_matrix_world(programme, engineer, staff)
        url = reverse(name, kwargs=kwargs(world.objects))
        echoed = {}
        for role in MATRIX_ROLES:
            client.logout()
            if role != "anonymous":
                client.force_login(world.people[role])
            before = engine.fingerprint()
            response = client.post(url, body)
            assert engine.changed_tables(before, engine.fingerprint()) == [], (role, "an invalid form wrote")
            echoed[role] = MARK in response.content.decode(errors="replace")
            if role in owners:
                assert response.status_code == 200, (role, response.status_code)
    assert {role for role, seen in echoed.items() if seen} == owners
