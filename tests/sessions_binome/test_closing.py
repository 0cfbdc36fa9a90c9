"""Closing a pair (issue 23 item 6): the closing step of each member — the mentee's final
assessment of the objectives, what each takes away (private to its author, encrypted at rest), the
end questionnaire — then the read-only archive both members keep, in archived editions too."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from evaluation.enums import Audience, Phase, QuestionKind
from evaluation.models import Question, Survey
from matching.services import pair_end
from mentorat.core.editions.services import programme_archive
from mentorat.privacy.services import person_erase
from sessions_binome.closing.services import pair_closing_save
from sessions_binome.enums import PairStatus, SessionStatus
from sessions_binome.models import PairMessage, PairObjective, PairTakeaway
from sessions_binome.services_frame import pair_complete
from tests.factories import UserFactory
from tests.sessions_binome.pairs import add_session, make_pair, paris

pytestmark = pytest.mark.django_db

MENTEE_TAKES = "Je sais maintenant déléguer les dossiers sensibles."
MENTOR_TAKES = "Transmettre oblige à clarifier ses propres pratiques."


@pytest.fixture
def pair(programme, organisation, other_organisation):
    return make_pair(programme, mentee_org=organisation, mentor_org=other_organisation)


@pytest.fixture
def objectives(pair):
    return [
        PairObjective.objects.create(pair=pair, position=i, text=f"Objectif {i}", start_assessment=2) for i in (1, 2)
    ]


def _close(pair, status=PairStatus.COMPLETED):
    pair.status = status
    pair.ended_at = timezone.now()
    pair.save()
    return pair


def closing_url(pair):
    return reverse("sessions_binome:pair_closing", args=[pair.pk])


def archive_url(pair):
    return reverse("sessions_binome:pair_archive", args=[pair.pk])


def test_the_closing_step_opens_at_the_end_of_the_pair_for_its_two_members_only(
    client, pair, hr_referent, engineer, staff
):
    for member in (pair.mentee, pair.mentor):
        client.force_login(member)
        assert client.get(closing_url(pair)).status_code == 404  # the pair is still running
    _close(pair)
    for member in (pair.mentee, pair.mentor):
        client.force_login(member)
        assert client.get(closing_url(pair)).status_code == 200
    for outsider in (UserFactory(), hr_referent, engineer, staff):
        client.force_login(outsider)
        assert client.get(closing_url(pair)).status_code == 404
        assert client.get(archive_url(pair)).status_code == 404


def test_the_mentee_assesses_each_objective_and_writes_what_she_takes_away(client, pair, objectives):
    _close(pair)
    client.force_login(pair.mentee)
    first, second = (f"objective_{o.pk}" for o in objectives)
    response = client.post(closing_url(pair), {first: "4", "takeaway": MENTEE_TAKES})
    assert response.status_code == 200
    assert "Choisissez une note de 1 à 5." in response.context["form"].errors[second]
    # Nothing half-saved: neither the first objective nor the takeaway.
    assert not PairTakeaway.objects.exists()
    assert list(PairObjective.objects.filter(pair=pair).values_list("final_assessment", flat=True)) == [None, None]

    response = client.post(closing_url(pair), {first: "4", second: "5", "takeaway": MENTEE_TAKES})
    assert response.status_code == 302
    assert list(PairObjective.objects.filter(pair=pair).values_list("final_assessment", flat=True)) == [4, 5]
    assert PairTakeaway.objects.get(pair=pair, author=pair.mentee).text == MENTEE_TAKES
    page = client.get(closing_url(pair)).content.decode()
    assert MENTEE_TAKES in page
    assert 'value="4"' in page and "checked" in page


def test_what_each_member_takes_away_is_encrypted_and_read_by_its_author_alone(client, pair, objectives):
    _close(pair)
    pair_closing_save(pair=pair, by=pair.mentor, takeaway=MENTOR_TAKES)
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM sessions_binome_pairtakeaway")
        (stored,) = cursor.fetchone()
    assert stored.startswith("fernet:") and "Transmettre" not in stored

    client.force_login(pair.mentor)
    assert MENTOR_TAKES in client.get(archive_url(pair)).content.decode()
    client.force_login(pair.mentee)
    for url in (closing_url(pair), archive_url(pair), reverse("sessions_binome:pair_detail", args=[pair.pk])):
        assert "Transmettre" not in client.get(url).content.decode()


def test_the_mentor_has_no_objective_to_assess_and_is_asked_for_his_words(client, pair, objectives):
    _close(pair, PairStatus.ENDED)
    client.force_login(pair.mentor)
    response = client.post(closing_url(pair), {"takeaway": "  "})
    assert response.status_code == 200
    assert response.context["form"].errors["takeaway"] == ["Écrivez ce que vous retenez avant d'enregistrer."]
    assert client.post(closing_url(pair), {"takeaway": MENTOR_TAKES}).status_code == 302
    assert PairTakeaway.objects.get().author == pair.mentor
    # The mentee's objectives stay hers to assess: the mentor's form carries none.
    assert list(PairObjective.objects.filter(pair=pair).values_list("final_assessment", flat=True)) == [None, None]


def test_the_earlier_final_assessment_address_leads_to_the_closing_step(client, pair):
    _close(pair)
    client.force_login(pair.mentee)
    response = client.get(reverse("sessions_binome:final_assessment", args=[pair.pk]))
    assert response.status_code == 302 and response["Location"] == closing_url(pair)


def test_the_closing_step_leads_to_the_end_questionnaire(client, pair):
    now = timezone.now()
    survey = Survey.objects.create(
        programme=pair.programme,
        phase=Phase.END,
        audience=Audience.MENTEE,
        title="Bilan (mentorés)",
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=20),
    )
    Question.objects.create(survey=survey, position=1, kind=QuestionKind.TEXT, text="Votre ressenti ?", required=False)
    _close(pair)
    client.force_login(pair.mentee)
    assert reverse("evaluation:answer", args=[survey.pk]) in client.get(closing_url(pair)).content.decode()
    client.force_login(pair.mentor)  # the mentors' questionnaire is another one, not written here
    assert reverse("evaluation:answer", args=[survey.pk]) not in client.get(closing_url(pair)).content.decode()


def test_the_archive_holds_sessions_shared_notes_and_messages_and_writes_nothing(client, pair):
    add_session(
        pair,
        when=paris(2026, 11, 3, 10, 0),
        status=SessionStatus.HELD,
        actual_duration_minutes=50,
        shared_notes="Nous avons travaillé la délégation.",
    )
    PairMessage.objects.create(pair=pair, author=pair.mentor, body="Bravo pour ce parcours !")
    _close(pair)
    client.force_login(pair.mentee)
    page = client.get(archive_url(pair)).content.decode()
    assert "Nous avons travaillé la délégation." in page
    assert "Bravo pour ce parcours !" in page
    assert "<textarea" not in page and 'name="body"' not in page  # no form to write in
    assert reverse("sessions_binome:certificate", args=[pair.pk]) in page
    assert PairMessage.objects.get().read_at is None  # reading the archive marks nothing


def test_the_thread_of_an_ended_pair_is_read_only_and_says_why(client, pair):
    PairMessage.objects.create(pair=pair, author=pair.mentor, body="Bonne continuation.")
    _close(pair, PairStatus.ENDED)
    client.force_login(pair.mentee)
    page = client.get(reverse("sessions_binome:pair_messages", args=[pair.pk])).content.decode()
    assert "Bonne continuation." in page
    assert "on ne peut plus y écrire" in page and archive_url(pair) in page
    assert 'name="body"' not in page
    response = client.post(reverse("sessions_binome:pair_messages", args=[pair.pk]), {"body": "Encore un mot"})
    assert response.status_code == 200
    assert PairMessage.objects.count() == 1


def test_a_running_pair_has_no_archive_yet(client, pair):
    client.force_login(pair.mentee)
    response = client.get(archive_url(pair))
    assert response.status_code == 302
    assert response["Location"] == reverse("sessions_binome:pair_detail", args=[pair.pk])


def test_the_archive_reads_in_a_number_of_queries_that_does_not_grow(client, pair):
    _close(pair)
    client.force_login(pair.mentee)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(archive_url(pair)).status_code == 200
        return len(captured)

    add_session(pair, when=paris(2026, 11, 3, 10, 0), status=SessionStatus.HELD, actual_duration_minutes=60)
    PairMessage.objects.create(pair=pair, author=pair.mentor, body="Un")
    few = queries()
    for day in (10, 17, 24):
        add_session(pair, when=paris(2026, 11, day, 10, 0), status=SessionStatus.HELD, actual_duration_minutes=60)
        PairMessage.objects.create(pair=pair, author=pair.mentee, body=f"Message {day}")
    assert queries() == few


def test_both_members_keep_the_archive_in_an_archived_edition(client, programme, engineer, pair):
    _close(pair)
    pair_closing_save(pair=pair, by=pair.mentee, takeaway=MENTEE_TAKES)
    programme_archive(programme=programme, by=engineer, now=paris(2027, 7, 1, 9, 0))
    for member in (pair.mentee, pair.mentor):
        client.force_login(member)
        assert client.get(archive_url(pair)).status_code == 200
        assert client.get(closing_url(pair)).status_code == 200
        dashboard = client.get(reverse("core:dashboard"), follow=True).content.decode()
        assert archive_url(pair) in dashboard


def test_an_erasure_deletes_what_the_members_took_away(pair, engineer):
    _close(pair)
    pair_closing_save(pair=pair, by=pair.mentee, takeaway=MENTEE_TAKES)
    pair_closing_save(pair=pair, by=pair.mentor, takeaway=MENTOR_TAKES)
    person_erase(user=pair.mentee, by=engineer)
    assert not PairTakeaway.objects.exists()


def test_the_end_emails_lead_to_the_closing_step(django_capture_on_commit_callbacks, pair, programme):
    with django_capture_on_commit_callbacks(execute=True):
        pair_complete(pair_id=pair.pk)
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert closing_url(pair) in message.body
        assert closing_url(pair) in message.alternatives[0][0]

    other = make_pair(programme, mentee_org=pair.mentee_organisation, mentor_org=pair.mentor_organisation, prefix="b")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        pair_end(pair=other, by=other.mentee, reason="Nos disponibilités ne coïncident pas.")
    (told,) = [m for m in mail.outbox if m.to == [other.mentor.email]]
    assert closing_url(other) in told.body
