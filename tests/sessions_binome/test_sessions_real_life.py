"""Sessions as they really happen (issue 23 item 2): noting a session held without planning, cancelling
after a confirmation with a word to the partner, moving with a history, the shared agenda and its
templates from the library."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.urls import reverse

from mentorat.core.idempotency import FormSubmission
from mentorat.resources.enums import AgendaStage
from mentorat.resources.models import Resource
from mentorat.resources.services import reference_resources_load
from sessions_binome.enums import NoteKind, PairStatus, SessionStatus
from sessions_binome.models import MentoringSession, Pair, SessionChange, SessionNote
from tests.factories import OrganisationFactory, ThemeFactory
from tests.form_data import form_data
from tests.sessions_binome.pairs import add_session, make_pair, paris

NOW = paris(2026, 11, 16, 9, 0)
FORMED = paris(2026, 10, 12, 11, 0)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def pair(programme, organisation, other_organisation):
    pair = make_pair(programme, mentee_org=organisation, mentor_org=other_organisation, activated_at=NOW)
    Pair.objects.filter(pk=pair.pk).update(created_at=FORMED)
    pair.refresh_from_db()
    return pair


def _page_form(response):
    """What the browser sends for the page's own form (the one with a form token: not the header's
    forms nor the agenda templates' GET form)."""
    html = response.content.decode()
    for index in range(html.count("<form")):
        data = form_data(html, index=index)
        if "form_token" in data or ("csrfmiddlewaretoken" in data and "title" in data):
            return data
    raise AssertionError("no form")


def _errors(response, field):
    return [str(error) for error in response.context["form"].errors.get(field, [])]


# --- noting a session held without planning ---------------------------------------------------------


def test_a_member_notes_a_session_held_without_planning_and_the_partner_is_told(client, pair):
    theme = ThemeFactory(code="posture", label="Posture managériale")
    client.force_login(pair.mentee)
    page = client.get(reverse("sessions_binome:pair_detail", args=[pair.pk])).content.decode()
    url = reverse("sessions_binome:session_held", args=[pair.pk])
    assert f'href="{url}">Noter une séance déjà tenue' in page
    response = client.post(
        url,
        {
            "starts_at": "2026-11-13T12:30",
            "actual_duration_minutes": "40",
            "themes": [theme.pk],
            "shared_notes": "Un déjeuner improvisé : la réunion de service.",
        },
    )
    assert response.status_code == 302
    session = MentoringSession.objects.get()
    assert (session.status, session.noted_after, session.starts_at) == (
        SessionStatus.HELD,
        True,
        paris(2026, 11, 13, 12, 30),
    )
    assert (session.actual_duration_minutes, session.logged_by, session.logged_at) == (40, pair.mentee, NOW)
    assert list(session.themes.all()) == [theme]
    # No invitation: one short e-mail, to the partner only, without the notes.
    [message] = mail.outbox
    assert message.to == [pair.mentor.email]
    assert f"{pair.mentee.get_full_name()} a noté la séance du vendredi 13 novembre" in message.subject
    assert f"{pair.mentee.get_full_name()} a noté la séance du vendredi 13 novembre 2026 à 12:30" in message.body
    assert "déjeuner" not in message.body and not message.alternatives[1:]
    assert not any("text/calendar" in mimetype for _content, mimetype in message.alternatives)
    client.force_login(pair.mentor)
    page = client.get(reverse("sessions_binome:pair_detail", args=[pair.pk])).content.decode()
    assert f"Notée après coup par {pair.mentee.get_full_name()}" in page
    assert "Un déjeuner improvisé" in page and "1 séance tenue" in page


def test_the_mentor_noting_a_held_session_may_keep_private_notes(client, pair):
    client.force_login(pair.mentor)
    form = client.get(reverse("sessions_binome:session_held", args=[pair.pk])).context["form"]
    assert "private_notes" in form.fields
    client.post(
        reverse("sessions_binome:session_held", args=[pair.pk]),
        {"starts_at": "2026-11-02T09:00", "actual_duration_minutes": "60", "private_notes": "À suivre."},
    )
    note = SessionNote.objects.get()
    assert (note.author, note.kind, note.text) == (pair.mentor, NoteKind.MENTOR_PRIVATE, "À suivre.")
    [message] = mail.outbox
    assert message.to == [pair.mentee.email] and "À suivre" not in message.body
    client.force_login(pair.mentee)
    assert (
        "private_notes"
        not in client.get(reverse("sessions_binome:session_held", args=[pair.pk])).context["form"].fields
    )


@pytest.mark.parametrize(
    ("values", "field", "error"),
    [
        (
            {"starts_at": "2026-11-16T10:00"},
            "starts_at",
            "Une séance déjà tenue a une date passée : choisissez une date passée.",
        ),
        (
            {"starts_at": "2026-10-11T18:00"},
            "starts_at",
            "La séance ne peut pas précéder la formation du binôme, le 12 octobre 2026.",
        ),
        ({"starts_at": "demain"}, "starts_at", "Saisissez une date et une heure valides."),
        ({"actual_duration_minutes": ""}, "actual_duration_minutes", "Ce champ est obligatoire."),
        ({"actual_duration_minutes": "900"}, "actual_duration_minutes", "inférieure ou égale à 480"),
    ],
)
def test_a_wrong_held_session_is_refused_next_to_its_field_and_nothing_is_saved(client, pair, values, field, error):
    client.force_login(pair.mentee)
    response = client.post(
        reverse("sessions_binome:session_held", args=[pair.pk]),
        {"starts_at": "2026-11-13T12:30", "actual_duration_minutes": "40", "shared_notes": "Notes", **values},
    )
    assert response.status_code == 200
    assert any(error in message for message in _errors(response, field)), _errors(response, field)
    assert error in response.content.decode().replace("&#x27;", "'")
    assert not MentoringSession.objects.exists() and not mail.outbox


def test_a_closed_pair_notes_no_more_sessions(client, pair):
    Pair.objects.filter(pk=pair.pk).update(status=PairStatus.COMPLETED)
    client.force_login(pair.mentee)
    assert client.get(reverse("sessions_binome:session_held", args=[pair.pk])).status_code == 404
    response = client.post(
        reverse("sessions_binome:session_held", args=[pair.pk]),
        {"starts_at": "2026-11-13T12:30", "actual_duration_minutes": "40"},
    )
    assert response.status_code == 404 and not MentoringSession.objects.exists()


# --- cancelling ------------------------------------------------------------------------------------


def test_cancel_asks_for_confirmation_first_and_the_page_changes_nothing(client, pair):
    session = add_session(pair, when=paris(2026, 11, 20, 10, 0))
    client.force_login(pair.mentee)
    response = client.get(reverse("sessions_binome:session_cancel", args=[session.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Annuler la séance du vendredi 20 novembre 2026 à 10:00 ?" in body
    assert "Message à votre binôme (facultatif)" in body
    assert '<button class="btn btn-danger" type="submit">Annuler la séance</button>' in body
    assert f'href="{reverse("sessions_binome:pair_detail", args=[pair.pk])}">Revenir sans annuler' in body
    assert 'name="form_token"' in body
    assert ">Annuler<" not in body  # no bare « Annuler », which also reads as "close this"
    session.refresh_from_db()
    assert (session.status, session.sequence, session.cancelled_at) == (SessionStatus.PLANNED, 0, None)
    assert not mail.outbox


def test_cancelling_with_a_message_tells_both_and_keeps_it_encrypted(client, pair):
    session = add_session(pair, when=paris(2026, 11, 20, 10, 0))
    client.force_login(pair.mentor)
    url = reverse("sessions_binome:session_cancel", args=[session.pk])
    data = _page_form(client.get(url))
    data["message"] = "Un comité imprévu ; je te propose jeudi."
    assert client.post(url, data).status_code == 302
    session.refresh_from_db()
    assert (session.status, session.cancelled_by, session.sequence) == (SessionStatus.CANCELLED, pair.mentor, 1)
    assert session.cancel_message == "Un comité imprévu ; je te propose jeudi."
    with connection.cursor() as cursor:
        cursor.execute("SELECT cancel_message FROM sessions_binome_mentoringsession WHERE id = %s", [session.pk])
        assert "comité" not in cursor.fetchone()[0]
    bodies = {message.to[0]: message for message in mail.outbox}
    assert sorted(bodies) == sorted([pair.mentee.email, pair.mentor.email])
    assert f"Le message de {pair.mentor.first_name} :\nUn comité imprévu" in bodies[pair.mentee.email].body
    assert "Votre message à votre binôme :\nUn comité imprévu" in bodies[pair.mentor.email].body
    for message in mail.outbox:
        assert any("method=CANCEL" in mimetype for _content, mimetype in message.alternatives)
    client.force_login(pair.mentee)
    page = client.get(reverse("sessions_binome:pair_detail", args=[pair.pk])).content.decode()
    assert f"Annulée par {pair.mentor.get_full_name()} le 16 novembre 2026." in page
    assert "« Un comité imprévu ; je te propose jeudi. »" in page


def test_cancelling_twice_with_the_same_form_cancels_once(client, pair):
    session = add_session(pair, when=paris(2026, 11, 20, 10, 0))
    client.force_login(pair.mentee)
    url = reverse("sessions_binome:session_cancel", args=[session.pk])
    data = _page_form(client.get(url))
    first, second = client.post(url, data), client.post(url, data)
    assert first.status_code == second.status_code == 302 and first["Location"] == second["Location"]
    assert len(mail.outbox) == 2 and FormSubmission.objects.count() == 1
    session.refresh_from_db()
    assert session.sequence == 1
    assert client.get(url).status_code == 404  # nothing left to cancel


def test_a_too_long_cancel_message_is_refused_and_nothing_changes(client, pair):
    session = add_session(pair, when=paris(2026, 11, 20, 10, 0))
    client.force_login(pair.mentee)
    response = client.post(reverse("sessions_binome:session_cancel", args=[session.pk]), {"message": "x" * 2001})
    assert response.status_code == 200
    assert _errors(response, "message") == [
        "Assurez-vous que cette valeur comporte au plus 2000 caractères (actuellement 2001)."
    ]
    session.refresh_from_db()
    assert session.status == SessionStatus.PLANNED and not mail.outbox


# --- moving -----------------------------------------------------------------------------------------


def test_moving_keeps_the_history_and_raises_the_sequence(client, pair):
    session = add_session(pair, when=paris(2026, 11, 20, 10, 0), video_link="https://visio.example.fr/a")
    client.force_login(pair.mentee)
    url = reverse("sessions_binome:session_edit", args=[session.pk])
    data = _page_form(client.get(url))
    data["starts_at"] = "2026-11-23T14:00"
    assert client.post(url, data).status_code == 302
    with time_machine.travel(paris(2026, 11, 17, 8, 0), tick=False):
        client.force_login(pair.mentor)
        data = _page_form(client.get(url))
        data["starts_at"] = "2026-11-25T09:30"
        client.post(url, data)
    session.refresh_from_db()
    assert session.sequence == 2
    changes = list(
        SessionChange.objects.filter(session=session).values_list("old_starts_at", "new_starts_at", "changed_by")
    )
    assert changes == [
        (paris(2026, 11, 20, 10, 0), paris(2026, 11, 23, 14, 0), pair.mentee.pk),
        (paris(2026, 11, 23, 14, 0), paris(2026, 11, 25, 9, 30), pair.mentor.pk),
    ]
    page = client.get(reverse("sessions_binome:pair_detail", args=[pair.pk])).content.decode()
    assert "Déplacée 2 fois" in page
    assert (
        f"Du vendredi 20 novembre 2026 à 10:00 au lundi 23 novembre 2026 à 14:00, par {pair.mentee.get_full_name()}"
        " le 16 novembre 2026" in page
    )


def test_changing_only_the_agenda_or_the_duration_adds_no_history(client, pair):
    session = add_session(pair, when=paris(2026, 11, 20, 10, 0))
    client.force_login(pair.mentee)
    url = reverse("sessions_binome:session_edit", args=[session.pk])
    data = _page_form(client.get(url))
    data.update(duration_minutes="90", agenda="Un point")
    client.post(url, data)
    assert not SessionChange.objects.exists()
    session.refresh_from_db()
    assert (session.duration_minutes, session.agenda, session.agenda_updated_by) == (90, "Un point", pair.mentee)


# --- the shared agenda and its templates ------------------------------------------------------------


def test_both_members_write_the_agenda_before_the_session_without_any_email(client, pair):
    session = add_session(pair, when=paris(2026, 11, 20, 10, 0), agenda="Mes entretiens")
    MentoringSession.objects.filter(pk=session.pk).update(scheduled_by=pair.mentor)
    url = reverse("sessions_binome:session_agenda", args=[session.pk])
    client.force_login(pair.mentee)
    page = client.get(reverse("sessions_binome:pair_detail", args=[pair.pk])).content.decode()
    assert f'href="{url}">Compléter l\'ordre du jour' in page
    data = _page_form(client.get(url))
    data["agenda"] = "Mes entretiens\nLa réunion de service"
    assert client.post(url, data).status_code == 302
    session.refresh_from_db()
    assert (session.agenda, session.agenda_updated_by, session.agenda_updated_at) == (
        "Mes entretiens\nLa réunion de service",
        pair.mentee,
        NOW,
    )
    assert not mail.outbox
    client.force_login(pair.mentor)
    assert "La réunion de service" in client.get(url).content.decode()


def test_the_agenda_of_a_past_or_cancelled_session_is_closed(client, pair):
    past = add_session(pair, when=paris(2026, 11, 10, 10, 0))
    cancelled = add_session(pair, when=paris(2026, 11, 20, 10, 0), status=SessionStatus.CANCELLED)
    client.force_login(pair.mentee)
    for session in (past, cancelled):
        url = reverse("sessions_binome:session_agenda", args=[session.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"agenda": "Trop tard"}).status_code == 404
        session.refresh_from_db()
        assert session.agenda == ""


def test_the_library_holds_four_agenda_templates_that_fill_the_forms(client, pair):
    reference_resources_load()
    stages = set(Resource.objects.exclude(agenda_stage="").values_list("agenda_stage", flat=True))
    assert stages == set(AgendaStage.values)
    client.force_login(pair.mentee)
    form_page = client.get(reverse("sessions_binome:session_new", args=[pair.pk]))
    body = form_page.content.decode()
    assert "Partir d'un modèle" in body
    for stage in AgendaStage:
        assert f'<option value="{stage.value}"' in body and str(stage.label) in body
    assert form_page.context["form"].initial.get("agenda") is None
    # Without JavaScript: the select is a GET form, `?modele=` fills the agenda.
    response = client.get(reverse("sessions_binome:session_new", args=[pair.pk]) + "?modele=mi-parcours")
    assert response.context["form"]["agenda"].value().startswith("- Où en sont les objectifs")
    assert '<option value="mi-parcours" selected>' in response.content.decode()
    session = add_session(pair, when=paris(2026, 11, 20, 10, 0), agenda="Ancien")
    for name in ("session_edit", "session_agenda"):
        response = client.get(reverse(f"sessions_binome:{name}", args=[session.pk]) + "?modele=cloture")
        assert response.context["form"]["agenda"].value().startswith("- Le chemin parcouru")
    response = client.get(reverse("sessions_binome:session_agenda", args=[session.pk]) + "?modele=inconnu")
    assert response.context["form"]["agenda"].value() == "Ancien"
    session.refresh_from_db()
    assert session.agenda == "Ancien"  # choosing a template writes nothing


def test_the_engineer_edits_a_template_and_an_edition_may_have_its_own(client, pair, programme, engineer):
    reference_resources_load()
    template = Resource.objects.get(agenda_stage=AgendaStage.FIRST_MEETING)
    client.force_login(engineer)
    url = reverse("resources:edit", args=[template.pk])
    data = _page_form(client.get(url))
    data["body"] = "- Se présenter\n- Nos objectifs"
    assert client.post(url, data).status_code == 302
    # A second template of the same stage for every edition is refused next to its field.
    data = _page_form(client.get(reverse("resources:create")))
    data.update(
        title="Autre", slug="autre", kind="page", body="- Autre", audience="everyone", agenda_stage="premiere-rencontre"
    )
    response = client.post(reverse("resources:create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["agenda_stage"] == [
        "« Modèle d'ordre du jour : première rencontre » est déjà le modèle de cette étape pour cette édition."
    ]
    # For this edition only, it is allowed, and wins over the common one.
    data["programme"] = programme.pk
    assert client.post(reverse("resources:create"), data).status_code == 302
    client.force_login(pair.mentee)
    response = client.get(reverse("sessions_binome:session_new", args=[pair.pk]) + "?modele=premiere-rencontre")
    assert response.context["form"]["agenda"].value() == "- Autre"
    Resource.objects.filter(slug="autre").delete()
    response = client.get(reverse("sessions_binome:session_new", args=[pair.pk]) + "?modele=premiere-rencontre")
    assert response.context["form"]["agenda"].value() == "- Se présenter\n- Nos objectifs"


def test_loading_the_reference_pages_again_keeps_the_engineers_templates(db):
    reference_resources_load()
    Resource.objects.filter(agenda_stage=AgendaStage.MIDTERM).update(body="- Revu")
    Resource.objects.filter(agenda_stage=AgendaStage.CLOSING).update(slug="ma-cloture")
    reference_resources_load()
    assert Resource.objects.get(agenda_stage=AgendaStage.MIDTERM).body == "- Revu"
    assert Resource.objects.filter(agenda_stage=AgendaStage.CLOSING).count() == 1


def test_the_next_edition_gets_a_copy_of_this_editions_own_templates(programme, engineer):
    from mentorat.core.editions.services import programme_prepare_next

    reference_resources_load()
    Resource.objects.create(
        title="Mi-parcours 2026",
        slug="mi-parcours-2026",
        body="- Le nôtre",
        agenda_stage="mi-parcours",
        programme=programme,
    )
    nxt = programme_prepare_next(
        source=programme,
        by=engineer,
        slug="2027-2028",
        name="Programme 2027-2028",
        call_opens_at=datetime.datetime(2027, 6, 1, 9, 0, tzinfo=datetime.UTC),
        call_closes_at=datetime.datetime(2027, 7, 1, 9, 0, tzinfo=datetime.UTC),
        starts_on=datetime.date(2027, 10, 15),
        ends_on=datetime.date(2028, 5, 15),
    )
    copy = Resource.objects.get(programme=nxt)
    assert (copy.agenda_stage, copy.body, copy.slug) == ("mi-parcours", "- Le nôtre", "mi-parcours-2026-2027-2028")
    assert Resource.objects.filter(programme=programme, agenda_stage="mi-parcours").count() == 1


def test_a_member_of_another_pair_cannot_note_cancel_or_write_the_agenda(client, pair, programme):
    other = make_pair(
        programme,
        mentee_org=OrganisationFactory(code="CAF-13"),
        mentor_org=OrganisationFactory(code="CNAV"),
        prefix="x",
    )
    session = add_session(pair, when=paris(2026, 11, 20, 10, 0))
    client.force_login(other.mentee)
    for name, args in (("session_cancel", [session.pk]), ("session_agenda", [session.pk]), ("session_held", [pair.pk])):
        assert client.get(reverse(f"sessions_binome:{name}", args=args)).status_code == 404
    session.refresh_from_db()
    assert session.status == SessionStatus.PLANNED and MentoringSession.objects.count() == 1
