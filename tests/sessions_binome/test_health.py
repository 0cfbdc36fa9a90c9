"""The pair's health for the engineer (issue 23, item 3): computed from the cadence, the fit checks
and the ratings, shown with its reason in words and never the content; HR sees none of it."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from mentorat.core.todos import engineer_todos, hr_todos
from sessions_binome.enums import PairStatus, SessionStatus
from sessions_binome.health import services
from sessions_binome.health.selectors import Health, health_count, health_of_pairs
from sessions_binome.models import FitAnswer, Pair
from tests.sessions_binome.pairs import add_session, make_pair, paris

pytestmark = pytest.mark.django_db

NOW = paris(2027, 1, 20, 9, 0)
COMMENT = "Mon mentor arrive toujours en retard"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _pair(programme, organisation, other_organisation, prefix, *, held_days_ago=None):
    pair = make_pair(
        programme,
        mentee_org=organisation,
        mentor_org=other_organisation,
        prefix=prefix,
        activated_at=paris(2026, 10, 20, 9, 0),
    )
    if held_days_ago is not None:
        add_session(
            pair,
            when=NOW - datetime.timedelta(days=held_days_ago),
            status=SessionStatus.HELD,
            actual_duration_minutes=60,
        )
    return pair


def _health(pair):
    return health_of_pairs([pair.pk], NOW).get(pair.pk)


def test_a_pair_that_meets_is_on_track(programme, organisation, other_organisation):
    pair = _pair(programme, organisation, other_organisation, "a", held_days_ago=10)
    assert _health(pair).code == Health.ON_TRACK
    assert _health(pair).reason == "séances tenues, aucun signal d'alerte"


def test_the_cadence_makes_a_check_in_at_45_days_and_a_risk_at_60(programme, organisation, other_organisation):
    quiet = _pair(programme, organisation, other_organisation, "q", held_days_ago=50)
    silent = _pair(programme, organisation, other_organisation, "s", held_days_ago=70)
    assert (_health(quiet).code, _health(quiet).reason) == (Health.CHECK_IN, "aucune séance tenue depuis 45 jours")
    assert (_health(silent).code, _health(silent).reason) == (Health.AT_RISK, "aucune séance tenue depuis 60 jours")


def test_the_fit_checks_weigh_on_the_health(programme, organisation, other_organisation):
    pair = _pair(programme, organisation, other_organisation, "f", held_days_ago=10)
    services.fit_check_answer(pair=pair, by=pair.mentor, answer=FitAnswer.TALK)
    assert (_health(pair).code, _health(pair).reason) == (Health.CHECK_IN, "un membre aimerait faire le point")
    services.fit_check_answer(pair=pair, by=pair.mentee, answer=FitAnswer.CHANGE)
    assert (_health(pair).code, _health(pair).reason) == (Health.AT_RISK, "un membre souhaite changer de binôme")
    # Answering again replaces the answer: the signal goes with it.
    services.fit_check_answer(pair=pair, by=pair.mentee, answer=FitAnswer.YES)
    services.fit_check_answer(pair=pair, by=pair.mentor, answer=FitAnswer.YES)
    assert _health(pair).code == Health.ON_TRACK


def test_low_ratings_weigh_on_the_health(programme, organisation, other_organisation):
    pair = _pair(programme, organisation, other_organisation, "r", held_days_ago=10)
    first = pair.sessions.get()
    services.session_rate(session=first, by=pair.mentee, score=2, comment=COMMENT)
    assert (_health(pair).code, _health(pair).reason) == (Health.CHECK_IN, "une séance récente jugée peu utile")
    services.session_rate(session=first, by=pair.mentor, score=1)
    assert _health(pair).code == Health.AT_RISK
    services.session_rate(session=first, by=pair.mentee, score=4)
    services.session_rate(session=first, by=pair.mentor, score=3)
    assert _health(pair).code == Health.ON_TRACK


def test_only_active_pairs_have_a_health(programme, organisation, other_organisation):
    pair = _pair(programme, organisation, other_organisation, "e", held_days_ago=10)
    Pair.objects.filter(pk=pair.pk).update(status=PairStatus.ENDED)
    assert _health(pair) is None


def test_the_engineer_sees_health_and_reason_and_filters_on_it(
    client, engineer, programme, organisation, other_organisation
):
    steady = _pair(programme, organisation, other_organisation, "a", held_days_ago=10)
    worried = _pair(programme, organisation, other_organisation, "b", held_days_ago=10)
    services.session_rate(session=worried.sessions.get(), by=worried.mentee, score=1, comment=COMMENT)
    services.fit_check_answer(pair=worried, by=worried.mentee, answer=FitAnswer.CHANGE)
    client.force_login(engineer)
    page = client.get(reverse("sessions_binome:engineer_pairs")).content.decode()
    assert "En bonne voie" in page and "À risque" in page and "un membre souhaite changer de binôme" in page
    assert COMMENT not in page and "Je souhaite changer" not in page
    at_risk = client.get(reverse("sessions_binome:engineer_pairs"), {"health": "at_risk"}).content.decode()
    assert worried.mentee.last_name in at_risk and steady.mentee.last_name not in at_risk
    detail = client.get(reverse("sessions_binome:engineer_pair_detail", args=[worried.pk])).content.decode()
    assert "À risque" in detail and "un membre souhaite changer de binôme" in detail
    assert COMMENT not in detail and "Je souhaite changer" not in detail and "1 sur 4" not in detail
    client.reauthenticate(engineer)
    export = b"".join(client.get(reverse("sessions_binome:engineer_pairs"), {"export": "csv"})).decode("utf-8-sig")
    assert "sante_motif" in export and COMMENT not in export


def test_hr_sees_no_health(client, hr_referent, programme, organisation, other_organisation):
    pair = _pair(programme, organisation, other_organisation, "h", held_days_ago=10)
    services.fit_check_answer(pair=pair, by=pair.mentee, answer=FitAnswer.TALK)
    client.force_login(hr_referent)
    page = client.get(reverse("sessions_binome:hr_pairs")).content.decode()
    assert pair.mentee.last_name in page
    assert "Santé" not in page and "Point à faire" not in page and "faire le point" not in page
    assert client.get(reverse("sessions_binome:hr_pairs"), {"health": "check_in"}).status_code == 200
    client.reauthenticate(hr_referent)
    export = b"".join(client.get(reverse("sessions_binome:hr_pairs"), {"export": "csv"})).decode("utf-8-sig")
    assert pair.mentee.last_name in export
    assert "sante" not in export
    assert "check_in" not in {todo.key for todo in hr_todos(programme, [organisation], NOW)}


def test_the_engineer_to_dos_follow_the_health(programme, organisation, other_organisation):
    talk = _pair(programme, organisation, other_organisation, "t", held_days_ago=10)
    services.fit_check_answer(pair=talk, by=talk.mentee, answer=FitAnswer.TALK)
    change = _pair(programme, organisation, other_organisation, "c", held_days_ago=10)
    services.fit_check_answer(pair=change, by=change.mentor, answer=FitAnswer.CHANGE)
    _pair(programme, organisation, other_organisation, "ok", held_days_ago=10)
    todos = {todo.key: todo for todo in engineer_todos(programme, NOW)}
    assert todos["check_in"].count == 1 and "health=check_in" in todos["check_in"].url
    assert todos["at_risk"].count == 1 and "health=at_risk" in todos["at_risk"].url
    assert health_count(Pair.objects.filter(programme=programme), NOW) == {
        Health.ON_TRACK: 1,
        Health.CHECK_IN: 1,
        Health.AT_RISK: 1,
    }
