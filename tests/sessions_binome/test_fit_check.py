"""« Ce binôme vous convient-il ? » after the first held session, and the private rating of each held
session (issue 23, item 3): each member's answer is theirs alone; « je souhaite changer » leads the
mentee to new proposals and tells the engineers of a mentor's wish."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from matching.models import Proposal
from mentorat.notifications.models import Notification
from mentorat.notifications.scan import reminders_scan
from sessions_binome.enums import PairStatus, SessionStatus
from sessions_binome.models import FitAnswer, FitCheck, SessionRating
from tests.factories import ApplicationFactory, UserFactory
from tests.sessions_binome.pairs import add_session, make_pair

pytestmark = pytest.mark.django_db

COMMENT = "SECRET-APPRECIATION : trop de digressions"


@pytest.fixture
def pair(programme, organisation, other_organisation):
    pair = make_pair(programme, mentee_org=organisation, mentor_org=other_organisation, prefix="fit")
    pair.held = add_session(
        pair,
        when=timezone.now() - datetime.timedelta(days=2),
        status=SessionStatus.HELD,
        actual_duration_minutes=60,
    )
    return pair


def _fit_url(pair):
    return reverse("sessions_binome:fit_check", args=[pair.pk])


def test_the_pair_page_asks_once_a_session_is_held(client, programme, organisation, other_organisation):
    fresh = make_pair(programme, mentee_org=organisation, mentor_org=other_organisation, prefix="new")
    client.force_login(fresh.mentee)
    page = client.get(reverse("sessions_binome:pair_detail", args=[fresh.pk])).content.decode()
    assert _fit_url(fresh) not in page
    assert client.get(_fit_url(fresh)).status_code == 404
    add_session(fresh, when=timezone.now() - datetime.timedelta(days=1), status=SessionStatus.HELD)
    page = client.get(reverse("sessions_binome:pair_detail", args=[fresh.pk])).content.decode()
    assert _fit_url(fresh) in page and "Ce binôme vous convient-il ?" in page


def test_the_answer_is_private_to_its_author(client, pair):
    client.force_login(pair.mentor)
    response = client.post(_fit_url(pair), {"answer": FitAnswer.TALK})
    assert response.status_code == 302
    assert FitCheck.objects.get(pair=pair, user=pair.mentor).answer == FitAnswer.TALK
    mine = client.get(reverse("sessions_binome:pair_detail", args=[pair.pk])).content.decode()
    assert "vous avez répondu « J&#x27;aimerais en parler »" in mine
    client.force_login(pair.mentee)
    theirs = client.get(reverse("sessions_binome:pair_detail", args=[pair.pk])).content.decode()
    assert "aimerais en parler" not in theirs
    assert "Ce binôme vous convient-il ? Répondre" in theirs  # the mentee has not answered yet


def test_a_wrong_answer_gets_a_french_error_and_saves_nothing(client, pair):
    client.force_login(pair.mentee)
    response = client.post(_fit_url(pair), {"answer": "peut-etre"})
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode() or "Choisissez" in response.content.decode()
    assert not FitCheck.objects.exists()


def test_someone_else_gets_404(client, pair, programme, organisation, other_organisation, engineer, hr_referent):
    other = make_pair(programme, mentee_org=organisation, mentor_org=other_organisation, prefix="autre")
    for person in (other.mentee, engineer, hr_referent):
        client.force_login(person)
        assert client.get(_fit_url(pair)).status_code == 404
        assert client.post(_fit_url(pair), {"answer": "yes"}).status_code == 404
        rating_url = reverse("sessions_binome:session_rating", args=[pair.held.pk])
        assert client.post(rating_url, {"score": "1"}).status_code == 404
    assert not FitCheck.objects.exists() and not SessionRating.objects.exists()


def test_the_mentee_who_wants_to_change_gets_new_proposals(client, pair, programme, other_organisation):
    ApplicationFactory(
        programme=programme,
        user=UserFactory(email="autre.mentor@caf.fr", organisation=other_organisation),
        mentor=True,
        validated=True,
        track=pair.mentee_application.track,
    )
    client.force_login(pair.mentee)
    response = client.post(_fit_url(pair), {"answer": FitAnswer.CHANGE})
    assert response.status_code == 302
    assert response["Location"] == reverse("matching:change_mentor", args=[pair.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Pour changer de mentor, indiquez le motif" in page
    response = client.post(response["Location"], {"reason": "Nos attentes diffèrent.", "confirm": "on"})
    assert response.status_code == 302
    pair.refresh_from_db()
    assert pair.status == PairStatus.ENDED
    proposals = Proposal.objects.filter(mentee=pair.mentee_application, run__published_at__isnull=False)
    assert proposals.exists() and not proposals.filter(mentor=pair.mentor_application).exists()


def test_the_mentor_who_wants_to_change_tells_the_engineers(client, pair, engineer):
    client.force_login(pair.mentor)
    response = client.post(_fit_url(pair), {"answer": FitAnswer.CHANGE})
    assert response.status_code == 302 and response["Location"] == reverse(
        "sessions_binome:pair_detail", args=[pair.pk]
    )
    pair.refresh_from_db()
    assert pair.status == PairStatus.ACTIVE  # the engineer takes it up with the pair
    reminders_scan(now=timezone.now())
    alert = Notification.objects.get(user=engineer)
    assert "souhaite changer de binôme" in alert.title and pair.mentor.get_full_name() in alert.title
    assert alert.url == reverse("sessions_binome:engineer_pair_detail", args=[pair.pk])
    reminders_scan(now=timezone.now() + datetime.timedelta(hours=1))
    assert Notification.objects.filter(user=engineer).count() == 1  # told once
    assert not Notification.objects.filter(user__in=[pair.mentee, pair.mentor]).exists()


def test_a_held_session_is_rated_privately(client, pair):
    url = reverse("sessions_binome:session_rating", args=[pair.held.pk])
    client.force_login(pair.mentee)
    page = client.get(reverse("sessions_binome:pair_detail", args=[pair.pk])).content.decode()
    assert url in page and "Apprécier la séance" in page
    assert client.post(url, {"score": "2", "comment": COMMENT}).status_code == 302
    rating = SessionRating.objects.get(session=pair.held, author=pair.mentee)
    assert (rating.score, rating.comment) == (2, COMMENT)
    # Encrypted at rest.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("select comment from sessions_binome_sessionrating where id = %s", [rating.pk])
        assert COMMENT not in cursor.fetchone()[0]
    page = client.get(reverse("sessions_binome:pair_detail", args=[pair.pk])).content.decode()
    assert COMMENT in page and "2 sur 4" in page and "Modifier mon appréciation" in page
    client.force_login(pair.mentor)
    page = client.get(reverse("sessions_binome:pair_detail", args=[pair.pk])).content.decode()
    assert COMMENT not in page and "2 sur 4" not in page
    assert client.get(url).content.decode().count(COMMENT) == 0


def test_a_rating_needs_a_score_from_1_to_4(client, pair):
    url = reverse("sessions_binome:session_rating", args=[pair.held.pk])
    client.force_login(pair.mentee)
    response = client.post(url, {"score": "5", "comment": "x"})
    assert response.status_code == 200 and not SessionRating.objects.exists()
    response = client.post(url, {"comment": "x"})
    assert "Choisissez une appréciation de 1 à 4." in response.content.decode()
    assert not SessionRating.objects.exists()


def test_a_planned_session_cannot_be_rated(client, pair):
    planned = add_session(pair, when=timezone.now() + datetime.timedelta(days=3))
    client.force_login(pair.mentee)
    assert client.get(reverse("sessions_binome:session_rating", args=[planned.pk])).status_code == 404


def test_the_next_session_reminder_asks_who_has_not_answered(
    programme, organisation, other_organisation, django_capture_on_commit_callbacks
):
    from django.core import mail

    from tests.sessions_binome.pairs import paris

    tuesday = paris(2027, 1, 19, 10, 0)
    with time_machine.travel(tuesday - datetime.timedelta(days=1), tick=False):
        pair = make_pair(programme, mentee_org=organisation, mentor_org=other_organisation, prefix="rappel")
        add_session(pair, when=tuesday - datetime.timedelta(days=6), status=SessionStatus.HELD)
        add_session(pair, when=paris(2027, 1, 20, 14, 0))
        FitCheck.objects.create(pair=pair, user=pair.mentor, answer=FitAnswer.YES, answered_at=tuesday)
    with time_machine.travel(tuesday, tick=False):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            reminders_scan(now=tuesday)
    fit_url = reverse("sessions_binome:fit_check", args=[pair.pk])
    sent = {message.to[0]: message for message in mail.outbox if "session-tomorrow" in message.body}
    assert fit_url in sent[pair.mentee.email].body and "ce binôme vous convient-il ?" in sent[pair.mentee.email].body
    assert fit_url not in sent[pair.mentor.email].body


def test_without_another_mentor_the_former_one_is_not_offered_again(client, pair, programme):
    """The change of mentor when no other mentor is free: the previous run, still the latest, must not
    offer the mentor the mentee just left (SPEC §5)."""
    from matching import services as matching_services
    from tests.notifications.helpers import publish_run

    run = publish_run(
        programme,
        pair.track,
        {pair.mentee_application: [pair.mentor_application]},
        at=timezone.now() - datetime.timedelta(days=30),
    )
    client.force_login(pair.mentee)
    client.post(_fit_url(pair), {"answer": FitAnswer.CHANGE})
    client.post(reverse("matching:change_mentor", args=[pair.pk]), {"reason": "Pas le bon binôme.", "confirm": "on"})
    page = client.get(reverse("matching:my_proposals")).content.decode()
    assert f"Choisir {pair.mentor.first_name}" not in page
    with pytest.raises(Exception, match="plus disponible"):
        matching_services.mentor_choose(mentee=pair.mentee_application, proposal=run.proposals.get())


def test_the_archive_holds_ones_own_answers_and_erasure_removes_the_comment(pair, engineer):
    from mentorat.privacy.selectors import EXPORTED
    from mentorat.privacy.services import person_erase
    from sessions_binome.health import services

    services.session_rate(session=pair.held, by=pair.mentee, score=3, comment=COMMENT)
    services.fit_check_answer(pair=pair, by=pair.mentee, answer=FitAnswer.YES)
    services.session_rate(session=pair.held, by=pair.mentor, score=4, comment="Le mien")
    assert [r.comment for r in EXPORTED["sessions_binome.SessionRating"][0](pair.mentee)] == [COMMENT]
    assert EXPORTED["sessions_binome.FitCheck"][0](pair.mentor).count() == 0
    person_erase(user=pair.mentee, by=engineer)
    assert SessionRating.objects.get(author=pair.mentee).comment == ""
    assert SessionRating.objects.get(author=pair.mentor).comment == "Le mien"
