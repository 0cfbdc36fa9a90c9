import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from sessions_binome.enums import NoteKind, SessionStatus
from sessions_binome.models import MentoringSession, SessionNote
from tests.factories import OrganisationFactory, ThemeFactory
from tests.sessions_binome.pairs import add_session, make_pair, paris

NOW = paris(2026, 11, 16, 9, 0)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def pair(programme, organisation, other_organisation):
    return make_pair(programme, mentee_org=organisation, mentor_org=other_organisation)


@pytest.fixture
def other_pair(programme):
    return make_pair(
        programme,
        mentee_org=OrganisationFactory(code="CAF-13"),
        mentor_org=OrganisationFactory(code="CNAV"),
        prefix="autre",
    )


def test_the_mentee_plans_a_session_and_both_members_get_the_invitation(client, pair):
    client.force_login(pair.mentee)
    response = client.post(
        reverse("sessions_binome:session_new", args=[pair.pk]),
        {
            "starts_at": "2026-11-24T10:00",
            "duration_minutes": 60,
            "video_link": "https://visio.example.fr/abc",
            "agenda": "Mon premier entretien",
        },
    )
    assert response.status_code == 302
    session = MentoringSession.objects.get()
    assert session.starts_at == paris(2026, 11, 24, 10, 0)
    bodies = {message.to[0]: message.body for message in mail.outbox}
    assert sorted(bodies) == sorted([pair.mentee.email, pair.mentor.email])
    # The planner reads what she did, the other member who did it.
    assert "Vous avez planifié une séance de mentorat le mardi 24 novembre 2026 à 10:00" in bodies[pair.mentee.email]
    assert f"{pair.mentee.get_full_name()} a planifié une séance" in bodies[pair.mentor.email]
    for message in mail.outbox:
        assert "Mon premier entretien" not in message.body
        [(content, mimetype)] = [(c, m) for c, m in message.alternatives if m.startswith("text/calendar")]
        assert mimetype.startswith("text/calendar; method=REQUEST")
        assert Calendar.from_ical(content).walk("VEVENT")[0]["LOCATION"] == "https://visio.example.fr/abc"


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("video_link", "http://visio.example.fr", "https://"),
        ("starts_at", "2026-11-01T10:00", "à venir"),
        ("duration_minutes", "5", "15"),
    ],
)
def test_bad_input_is_refused_next_to_the_field(client, pair, field, value, message):
    client.force_login(pair.mentee)
    data = {"starts_at": "2026-11-24T10:00", "duration_minutes": 60, "video_link": "", "agenda": "", field: value}
    response = client.post(reverse("sessions_binome:session_new", args=[pair.pk]), data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not MentoringSession.objects.exists()
    assert mail.outbox == []


def test_every_error_shows_at_once(client, pair):
    client.force_login(pair.mentee)
    data = {
        "starts_at": "2026-11-01T10:00",
        "duration_minutes": "5",
        "video_link": "http://visio.example.fr",
        "agenda": "",
    }
    response = client.post(reverse("sessions_binome:session_new", args=[pair.pk]), data)
    assert set(response.context["form"].errors) == {"starts_at", "duration_minutes", "video_link"}
    assert not MentoringSession.objects.exists()


def test_the_mentor_logs_a_held_session_and_the_mentee_sees_the_progress(client, pair):
    session = add_session(pair, when=paris(2026, 11, 10, 10, 0))
    client.force_login(pair.mentor)
    response = client.post(
        reverse("sessions_binome:session_log", args=[session.pk]),
        {
            "status": "held",
            "actual_duration_minutes": 55,
            "shared_notes": "Plan d'action",
            "private_notes": "À surveiller",
        },
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.status, session.actual_duration_minutes) == (SessionStatus.HELD, 55)
    assert SessionNote.objects.get(kind=NoteKind.MENTOR_PRIVATE).text == "À surveiller"
    client.force_login(pair.mentee)
    page = client.get(reverse("sessions_binome:pair_detail", args=[pair.pk]))
    assert page.context["progress"]["held"] == 1
    body = page.content.decode()
    assert "Plan d&#x27;action" in body or "Plan d'action" in body
    assert "À surveiller" not in body  # the mentor's private notes stay the mentor's


def test_a_future_session_cannot_be_logged_as_held(client, pair):
    session = add_session(pair, when=paris(2026, 11, 20, 10, 0))
    client.force_login(pair.mentor)
    response = client.post(
        reverse("sessions_binome:session_log", args=[session.pk]), {"status": "held", "actual_duration_minutes": 60}
    )
    assert response.status_code == 200
    session.refresh_from_db()
    assert session.status == SessionStatus.PLANNED


def test_only_the_mentor_logs(client, pair):
    session = add_session(pair, when=paris(2026, 11, 10, 10, 0))
    client.force_login(pair.mentee)
    assert client.get(reverse("sessions_binome:session_log", args=[session.pk])).status_code == 404


def test_the_mentees_preparation_is_private(client, pair):
    session = add_session(pair, when=paris(2026, 11, 20, 10, 0))
    client.force_login(pair.mentee)
    client.post(
        reverse("sessions_binome:session_note", args=[session.pk, NoteKind.MENTEE_PREPARATION]),
        {"text": "Mes questions"},
    )
    assert "Mes questions" in client.get(reverse("sessions_binome:pair_detail", args=[pair.pk])).content.decode()
    client.force_login(pair.mentor)
    assert "Mes questions" not in client.get(reverse("sessions_binome:pair_detail", args=[pair.pk])).content.decode()
    assert (
        client.get(reverse("sessions_binome:session_note", args=[session.pk, NoteKind.MENTEE_PREPARATION])).status_code
        == 404
    )


def test_a_member_of_another_pair_gets_404_everywhere(client, pair, other_pair):
    session = add_session(pair, when=paris(2026, 11, 20, 10, 0))
    client.force_login(other_pair.mentor)
    urls = [
        reverse("sessions_binome:pair_detail", args=[pair.pk]),
        reverse("sessions_binome:session_new", args=[pair.pk]),
        reverse("sessions_binome:session_edit", args=[session.pk]),
        reverse("sessions_binome:session_log", args=[session.pk]),
        reverse("sessions_binome:session_ics", args=[session.pk]),
        reverse("sessions_binome:session_note", args=[session.pk, NoteKind.MENTOR_PRIVATE]),
        reverse("sessions_binome:session_cancel", args=[session.pk]),
        reverse("sessions_binome:session_agenda", args=[session.pk]),
        reverse("sessions_binome:session_held", args=[pair.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("sessions_binome:session_cancel", args=[session.pk])).status_code == 404
    assert client.post(reverse("sessions_binome:session_agenda", args=[session.pk]), {"agenda": "x"}).status_code == 404
    assert client.post(reverse("sessions_binome:session_held", args=[pair.pk])).status_code == 404
    session.refresh_from_db()
    assert session.status == SessionStatus.PLANNED and session.agenda == ""
    assert MentoringSession.objects.count() == 1


def test_a_feed_lists_only_the_persons_sessions_and_a_revoked_token_answers_404(client, pair, other_pair):
    mine = add_session(pair, when=paris(2026, 11, 20, 10, 0))
    add_session(other_pair, when=paris(2026, 11, 21, 10, 0))
    client.force_login(pair.mentee)
    page = client.get(reverse("sessions_binome:my_calendar"))
    token = page.context["feed"].token
    client.logout()
    feed = client.get(reverse("sessions_binome:calendar_feed", args=[token]))
    events = Calendar.from_ical(feed.content).walk("VEVENT")
    assert [str(e["UID"]) for e in events] == [f"{mine.uid}@mentorat"]
    client.force_login(pair.mentee)
    client.post(reverse("sessions_binome:my_calendar_regenerate"))
    client.logout()
    assert client.get(reverse("sessions_binome:calendar_feed", args=[token])).status_code == 404


def test_cancelling_sends_the_cancellation_to_both_members(client, pair):
    session = add_session(pair, when=paris(2026, 11, 20, 10, 0))
    client.force_login(pair.mentor)
    client.post(reverse("sessions_binome:session_cancel", args=[session.pk]))
    session.refresh_from_db()
    assert session.status == SessionStatus.CANCELLED
    bodies = {message.to[0]: message.body for message in mail.outbox}
    assert sorted(bodies) == sorted([pair.mentee.email, pair.mentor.email])
    assert "Vous avez annulé la séance de mentorat" in bodies[pair.mentor.email]
    assert f"{pair.mentor.get_full_name()} a annulé la séance de mentorat" in bodies[pair.mentee.email]
    for message in mail.outbox:
        assert any("method=CANCEL" in mimetype for _content, mimetype in message.alternatives)


def test_rescheduling_raises_the_sequence_and_notifies_both_members(client, pair):
    session = add_session(pair, when=paris(2026, 11, 20, 10, 0))
    client.force_login(pair.mentee)
    response = client.post(
        reverse("sessions_binome:session_edit", args=[session.pk]),
        {"starts_at": "2026-11-27T15:00", "duration_minutes": 60, "video_link": "", "agenda": ""},
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.sequence == 1 and session.starts_at == paris(2026, 11, 27, 15, 0)
    bodies = {message.to[0]: message.body for message in mail.outbox}
    assert sorted(bodies) == sorted([pair.mentee.email, pair.mentor.email])
    assert (
        "Vous avez modifié la séance de mentorat : elle aura lieu le vendredi 27 novembre" in bodies[pair.mentee.email]
    )
    assert f"{pair.mentee.get_full_name()} a modifié votre séance" in bodies[pair.mentor.email]


def _card(body, date):
    """The HTML of the session card whose title starts with `date`."""
    start = body.index(f'<h3 class="h6 mb-1">{date}')
    return body[start : body.index("</div></li>", start)]


def test_each_session_card_offers_its_own_actions_to_each_member(client, pair):
    past = add_session(pair, when=paris(2026, 11, 10, 10, 0))  # planned, date passed: to log
    held = add_session(pair, when=paris(2026, 11, 3, 10, 0), status=SessionStatus.HELD, actual_duration_minutes=50)
    coming = add_session(pair, when=paris(2026, 11, 20, 14, 30), duration_minutes=45)
    coming.themes.set(
        [ThemeFactory(code="posture", label="Posture managériale"), ThemeFactory(code="deleguer", label="Déléguer")]
    )
    cancelled = add_session(pair, when=paris(2026, 11, 24, 10, 0), status=SessionStatus.CANCELLED)
    note = lambda session, kind: reverse("sessions_binome:session_note", args=[session.pk, kind])  # noqa: E731

    client.force_login(pair.mentee)
    body = client.get(reverse("sessions_binome:pair_detail", args=[pair.pk])).content.decode()
    card = _card(body, "vendredi 20 novembre 2026 à 14:30")
    assert ">Prévue</span>" in card
    assert f'href="{reverse("sessions_binome:session_edit", args=[coming.pk])}"' in card
    assert f'href="{reverse("sessions_binome:session_cancel", args=[coming.pk])}">Annuler la séance' in card
    assert f'href="{reverse("sessions_binome:session_agenda", args=[coming.pk])}"' in card
    assert f'href="{note(coming, NoteKind.MENTEE_PREPARATION)}">Ma préparation' in card
    assert "Durée prévue : 45 min · Thèmes : " in card and "Posture managériale" in card and "Déléguer" in card
    card = _card(body, "mardi 10 novembre 2026 à 10:00")
    assert f'href="{note(past, NoteKind.MENTEE_REFLECTION)}">Mes réflexions' in card
    assert reverse("sessions_binome:session_edit", args=[past.pk]) not in card
    assert reverse("sessions_binome:session_log", args=[past.pk]) not in card
    card = _card(body, "mardi 24 novembre 2026 à 10:00")
    assert ">Annulée</span>" in card and "href" not in card and "action=" not in card
    assert "Durée : 50 min" in _card(body, "mardi 3 novembre 2026 à 10:00")

    client.force_login(pair.mentor)
    body = client.get(reverse("sessions_binome:pair_detail", args=[pair.pk])).content.decode()
    assert f'href="{reverse("sessions_binome:session_log", args=[past.pk])}">Consigner' in _card(
        body, "mardi 10 novembre 2026 à 10:00"
    )
    held.logged_at = paris(2026, 11, 3, 12, 0)
    held.save()
    body = client.get(reverse("sessions_binome:pair_detail", args=[pair.pk])).content.decode()
    assert f'href="{reverse("sessions_binome:session_log", args=[held.pk])}">Modifier le compte rendu' in _card(
        body, "mardi 3 novembre 2026 à 10:00"
    )
    assert "Ma préparation" not in body and "Mes réflexions" not in body
    assert reverse("sessions_binome:session_log", args=[cancelled.pk]) not in body
