"""A question to a proposed mentor before choosing (issue 23 item 1): the engineer's switch, one
question per proposal, one answer, e-mails without content, the two people only."""

import html
import uuid

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse

from matching.models import ProposalQuestion
from matching.questions import services
from matching.questions.selectors import QUESTIONS_PER_RUN
from matching.selectors import matching_settings
from sessions_binome.models import Pair
from tests.factories import ApplicationFactory, OrganisationFactory, UserFactory
from tests.matching.test_choice import publish

QUESTION = "Comment organisez-vous vos séances quand vous êtes en déplacement ?"
ANSWER = "Toujours en visio, le jeudi après-midi, et je préviens une semaine avant."


@pytest.fixture
def enabled(programme):
    settings = matching_settings(programme)
    settings.questions_enabled = True
    settings.save()
    return settings


@pytest.fixture
def mentee_app(mentee):
    mentee.civility = "mme"
    mentee.save()
    return mentee.applications.get()


@pytest.fixture
def mentors(programme):
    return [
        ApplicationFactory(
            programme=programme,
            user=UserFactory(
                email=f"mentor{n}@urssaf.fr",
                first_name=f"Mentor{n}",
                organisation=OrganisationFactory(code=f"URSSAF-{n}"),
            ),
            mentor=True,
            validated=True,
        )
        for n in range(5)
    ]


@pytest.fixture
def proposals(programme, mentee_app, mentors):
    return list(publish(programme, mentee_app, mentors).proposals.order_by("rank"))


def ask(client, proposal, body=QUESTION, token=None):
    data = {f"q{proposal.pk}-body": body}
    if token:
        data["form_token"] = token
    return client.post(reverse("matching:ask_question", args=[proposal.pk]), data)


def test_questions_are_off_until_the_engineer_switches_them_on(client, mentee, proposals):
    client.force_login(mentee)

    page = client.get(reverse("matching:my_proposals")).content.decode()
    response = ask(client, proposals[0])

    assert "Poser une question" not in page
    assert response.status_code == 302
    assert not ProposalQuestion.objects.exists()
    assert mail.outbox == []


def test_the_engineer_switches_questions_on_in_the_edition_s_settings(client, engineer, programme):
    client.force_login(engineer)
    client.reauthenticate(engineer)
    data = {
        **{f"weight_{name}": "1" for name in ("themes", "objectives", "branch", "experience", "availability")},
        "weight_preferences": "1",
        "exposure_factor": "1.5",
        "proposals_per_mentee": "4",
        "mentor_confirmation_required": "on",
        "mentor_confirmation_days": "5",
        "questions_enabled": "on",
    }

    response = client.post(f"{reverse('matching:settings')}?edition={programme.slug}", data)

    assert response.status_code == 302
    settings = matching_settings(programme)
    assert settings.questions_enabled and settings.weight_themes == 1.0


def test_the_mentee_asks_and_the_mentor_is_told_without_the_question(client, mentee, enabled, proposals):
    client.force_login(mentee)

    response = ask(client, proposals[0])

    assert response.status_code == 302
    question = ProposalQuestion.objects.get()
    assert (question.proposal, question.mentor, question.body) == (proposals[0], proposals[0].mentor, QUESTION)
    (email,) = mail.outbox
    assert email.to == [proposals[0].mentor.user.email]
    assert email.subject.endswith("Une mentorée vous pose une question")
    assert QUESTION not in email.body and QUESTION not in email.alternatives[0][0]
    assert reverse("matching:question_answer", args=[question.pk]) in email.body
    page = html.unescape(client.get(reverse("matching:my_proposals")).content.decode())
    assert QUESTION in page and "En attente de sa réponse" in page


def test_the_question_and_answer_are_encrypted_at_rest(mentee, enabled, proposals):
    question = services.question_ask(proposal=proposals[0], mentee_user=mentee, body=QUESTION)
    services.question_answer(question=question, mentor_user=proposals[0].mentor.user, answer=ANSWER)

    with connection.cursor() as cursor:
        cursor.execute("SELECT body, answer FROM matching_proposalquestion")
        stored = " ".join(cursor.fetchone())
    assert "séances" not in stored and "visio" not in stored


def test_the_mentor_answers_once_and_the_mentee_reads_it(client, mentee, enabled, proposals):
    question = services.question_ask(proposal=proposals[0], mentee_user=mentee, body=QUESTION)
    mentor = proposals[0].mentor.user
    client.force_login(mentor)
    mail.outbox.clear()

    listing = html.unescape(client.get(reverse("matching:mentor_requests")).content.decode())
    page = html.unescape(client.get(reverse("matching:question_answer", args=[question.pk])).content.decode())
    response = client.post(reverse("matching:question_answer", args=[question.pk]), {"answer": ANSWER})
    again = client.post(reverse("matching:question_answer", args=[question.pk]), {"answer": "Autre chose."})

    assert "Une mentorée" in listing and mentee.get_full_name() not in listing
    assert QUESTION in page and mentee.get_full_name() not in page and mentee.email not in page
    assert response.status_code == 302 and again.status_code == 200
    question.refresh_from_db()
    assert question.answer == ANSWER
    (email,) = mail.outbox
    assert email.to == [mentee.email] and ANSWER not in email.body
    client.force_login(mentee)
    assert ANSWER in html.unescape(client.get(reverse("matching:my_proposals")).content.decode())


def test_a_mentee_without_civility_is_a_person(mentee, enabled, proposals, django_capture_on_commit_callbacks):
    mentee.civility = ""
    mentee.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.question_ask(proposal=proposals[0], mentee_user=mentee, body=QUESTION)

    assert mail.outbox[0].subject.endswith("Une personne mentorée vous pose une question")


def test_one_question_per_proposal_and_a_double_submit_makes_one(client, mentee, enabled, proposals):
    client.force_login(mentee)
    token = str(uuid.uuid4())

    ask(client, proposals[0], token=token)
    ask(client, proposals[0], token=token)
    second = client.post(
        reverse("matching:ask_question", args=[proposals[0].pk]),
        {f"q{proposals[0].pk}-body": "Et alors ?"},
        follow=True,
    )

    assert ProposalQuestion.objects.count() == 1
    assert "Vous avez déjà posé votre question à ce mentor." in html.unescape(second.content.decode())


def test_a_mentee_asks_at_most_a_few_of_her_proposed_mentors(client, mentee, enabled, proposals):
    client.force_login(mentee)

    for proposal in proposals[: QUESTIONS_PER_RUN + 1]:
        ask(client, proposal)

    assert ProposalQuestion.objects.count() == QUESTIONS_PER_RUN


def test_an_empty_question_is_refused_next_to_the_field(client, mentee, enabled, proposals):
    client.force_login(mentee)

    response = ask(client, proposals[0], body="   ")

    assert response.status_code == 200
    body = html.unescape(response.content.decode())
    assert "Écrivez votre question avant de l'envoyer." in body
    assert f'id="id_q{proposals[0].pk}-body"' in body and "is-invalid" in body
    assert not ProposalQuestion.objects.exists()


def test_other_people_s_proposals_and_questions_answer_404(client, mentee, mentor, enabled, proposals):
    question = services.question_ask(proposal=proposals[0], mentee_user=mentee, body=QUESTION)
    other_mentee = UserFactory(email="autre.mentoree@assurance-maladie.fr")
    ApplicationFactory(programme=proposals[0].run.programme, user=other_mentee, validated=True)
    client.force_login(other_mentee)
    assert ask(client, proposals[1]).status_code == 404
    client.force_login(proposals[1].mentor.user)  # another proposed mentor
    assert client.get(reverse("matching:question_answer", args=[question.pk])).status_code == 404


def test_once_the_mentee_has_her_pair_the_question_waits_no_more(client, mentee, enabled, proposals, mentee_app):
    question = services.question_ask(proposal=proposals[0], mentee_user=mentee, body=QUESTION)
    other = proposals[1].mentor
    Pair.objects.create(
        programme=mentee_app.programme,
        track=mentee_app.track,
        mentee=mentee,
        mentor=other.user,
        mentee_application=mentee_app,
        mentor_application=other,
    )
    client.force_login(proposals[0].mentor.user)

    response = client.post(reverse("matching:question_answer", args=[question.pk]), {"answer": ANSWER})

    assert response.status_code == 200
    assert "n'attend plus de réponse" in html.unescape(response.content.decode())
    question.refresh_from_db()
    assert question.answer == ""


def test_opening_the_question_reads_its_notification(client, mentee, enabled, proposals):
    from mentorat.notifications.models import Notification

    question = services.question_ask(proposal=proposals[0], mentee_user=mentee, body=QUESTION)
    mentor = proposals[0].mentor.user
    notification = Notification.objects.get(user=mentor)
    assert QUESTION not in notification.title + notification.body
    client.force_login(mentor)

    client.get(reverse("matching:question_answer", args=[question.pk]))

    notification.refresh_from_db()
    assert notification.read_at is not None


def test_the_archive_holds_the_question_and_an_erasure_deletes_it(mentee, engineer, enabled, proposals):
    from mentorat.privacy.selectors import person_archive
    from mentorat.privacy.services import person_erase

    question = services.question_ask(proposal=proposals[0], mentee_user=mentee, body=QUESTION)
    services.question_answer(question=question, mentor_user=proposals[0].mentor.user, answer=ANSWER)

    (row,) = person_archive(proposals[0].mentor.user)["matching.ProposalQuestion"]
    assert (row["body"], row["answer"]) == (QUESTION, ANSWER)
    person_erase(user=mentee, by=engineer)
    assert not ProposalQuestion.objects.exists()
    mentee.refresh_from_db()
    assert mentee.civility == ""
