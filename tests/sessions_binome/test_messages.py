"""The pair's private thread (issue 23 item 1): members only, encrypted at rest, read-only once the
pair has ended, told to the other member by a digest that carries no content, at most once an hour."""

import datetime
import re
import uuid

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentorat.notifications.models import Notification
from mentorat.outbox.models import OutboxEmail
from sessions_binome.enums import PairStatus
from sessions_binome.messaging import services
from sessions_binome.messaging.tasks import send_message_digests
from sessions_binome.models import Pair, PairMessage
from tests.factories import OrganisationFactory, UserFactory
from tests.sessions_binome.pairs import make_pair, paris

NOW = paris(2026, 11, 16, 9, 0)
SECRET = "Peux-tu relire ma note de service avant jeudi ?"


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
        prefix="x",
    )


def url(pair):
    return reverse("sessions_binome:pair_messages", args=[pair.pk])


def post(pair, author, body, now):
    return services.message_post(pair=pair, author=author, body=body, now=now)


def run_digests(django_capture_on_commit_callbacks, now):
    with django_capture_on_commit_callbacks(execute=True):
        return services.digests_send(now=now)


# --- writing and reading ---------------------------------------------------------------------------


def test_a_member_writes_and_the_other_reads(client, pair):
    client.force_login(pair.mentee)
    response = client.post(url(pair), {"body": SECRET, "form_token": str(uuid.uuid4())})
    assert response.status_code == 302 and response.url == url(pair)
    message = PairMessage.objects.get()
    assert (message.author, message.body, message.read_at) == (pair.mentee, SECRET, None)
    client.force_login(pair.mentor)
    page = client.get(url(pair))
    assert "Peux-tu relire ma note de service avant jeudi" in page.content.decode()
    message.refresh_from_db()
    assert message.read_at == NOW  # opening the thread reads it
    assert mail.outbox == []  # no e-mail at once: the digest comes later


def test_the_body_is_encrypted_at_rest(pair):
    message = post(pair, pair.mentee, SECRET, NOW)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT body FROM {PairMessage._meta.db_table} WHERE id = %s", [message.pk])
        [raw] = cursor.fetchone()
    assert raw.startswith("fernet:") and "relire" not in raw
    assert PairMessage.objects.get().body == SECRET


def test_a_double_submit_writes_one_message(client, pair):
    client.force_login(pair.mentee)
    data = {"body": SECRET, "form_token": str(uuid.uuid4())}
    assert client.post(url(pair), data).status_code == 302
    assert client.post(url(pair), data).status_code == 302
    assert PairMessage.objects.count() == 1


def test_an_empty_message_is_refused_next_to_the_field(client, pair):
    client.force_login(pair.mentee)
    response = client.post(url(pair), {"body": "   "})
    assert response.status_code == 200
    assert "Écrivez votre message" in " ".join(response.context["form"].errors["body"])
    assert not PairMessage.objects.exists()


def test_an_ended_pairs_thread_is_read_only(client, pair):
    post(pair, pair.mentee, SECRET, NOW - datetime.timedelta(days=1))
    Pair.objects.filter(pk=pair.pk).update(status=PairStatus.ENDED)
    client.force_login(pair.mentor)
    page = client.get(url(pair))
    assert page.status_code == 200 and not page.context["can_write"]
    assert "<textarea" not in page.content.decode()
    assert "Peux-tu relire" in page.content.decode()
    response = client.post(url(pair), {"body": "Encore un mot"})
    assert response.status_code == 200
    assert "terminé" in " ".join(response.context["form"].non_field_errors())
    assert PairMessage.objects.count() == 1


@pytest.mark.parametrize("who", ["outsider", "other_pair", "hr_referent", "engineer", "staff"])
def test_anyone_but_the_members_gets_404(client, pair, other_pair, hr_referent, engineer, who):
    post(pair, pair.mentee, SECRET, NOW)
    people = {
        "outsider": UserFactory(email="dora.autre@urssaf.fr"),
        "other_pair": other_pair.mentee,
        "hr_referent": hr_referent,  # HR referent of the mentee's organisation
        "engineer": engineer,
        "staff": UserFactory(email="admin@ucanss.fr", staff=True),
    }
    client.force_login(people[who])
    assert client.get(url(pair)).status_code == 404
    assert client.post(url(pair), {"body": "Intrusion"}).status_code == 404
    assert PairMessage.objects.count() == 1
    assert PairMessage.objects.get().read_at is None


def test_anonymous_people_are_sent_to_login(client, pair):
    response = client.get(url(pair))
    assert response.status_code == 302 and "/comptes/login/" in response.url


def test_the_service_refuses_someone_outside_the_pair(pair, other_pair):
    with pytest.raises(ValidationError):
        post(pair, other_pair.mentee, "Bonjour", NOW)


# --- the pair's page: contact card -------------------------------------------------------------------


def test_the_pair_page_shows_the_partners_contact_and_the_unread_count(client, pair):
    pair.mentor.phone = "01 23 45 67 89"
    pair.mentor.save(update_fields=["phone"])
    post(pair, pair.mentor, "Bonjour !", NOW)
    post(pair, pair.mentor, "Quand es-tu disponible ?", NOW)
    client.force_login(pair.mentee)
    body = client.get(reverse("sessions_binome:pair_detail", args=[pair.pk])).content.decode()
    assert f'href="mailto:{pair.mentor.email}"' in body
    assert 'href="tel:0123456789"' in body
    assert f'href="{url(pair)}"' in body and "2 non lus" in body
    # The mentor gave no phone: the mentee's card shows none.
    client.force_login(pair.mentor)
    body = client.get(reverse("sessions_binome:pair_detail", args=[pair.pk])).content.decode()
    assert f'href="mailto:{pair.mentee.email}"' in body and "tel:" not in body and "non lu" not in body


# --- the digest ------------------------------------------------------------------------------------------


def test_several_messages_make_one_email_without_their_content(pair, django_capture_on_commit_callbacks):
    for minute in (0, 1, 2):
        post(pair, pair.mentee, f"{SECRET} ({minute})", NOW + datetime.timedelta(minutes=minute))
    # Ten minutes later all three are DIGEST_DELAY old: they go together.
    later = NOW + datetime.timedelta(minutes=10)
    assert run_digests(django_capture_on_commit_callbacks, later) == 1
    [email] = mail.outbox
    assert email.to == [pair.mentor.email]
    first_name = pair.mentee.first_name
    assert f"Vous avez 3 nouveaux messages de {first_name}" in email.subject
    assert f"{settings.SITE_URL}{url(pair)}" in email.body
    html = email.alternatives[0][0]
    for part in (email.subject, email.body, html):
        assert "relire" not in part and "note de service" not in part
    # In-app too, without content.
    [notification] = Notification.objects.filter(user=pair.mentor)
    assert notification.url == url(pair) and "relire" not in notification.title + notification.body
    # A second run sends nothing.
    assert run_digests(django_capture_on_commit_callbacks, later + datetime.timedelta(minutes=5)) == 0
    assert len(mail.outbox) == 1


def test_at_most_one_email_an_hour(pair, django_capture_on_commit_callbacks):
    post(pair, pair.mentee, "Un", NOW)
    assert run_digests(django_capture_on_commit_callbacks, NOW + datetime.timedelta(minutes=6)) == 1
    post(pair, pair.mentee, "Deux", NOW + datetime.timedelta(minutes=10))
    assert run_digests(django_capture_on_commit_callbacks, NOW + datetime.timedelta(minutes=30)) == 0
    assert run_digests(django_capture_on_commit_callbacks, NOW + datetime.timedelta(minutes=65)) == 0
    assert run_digests(django_capture_on_commit_callbacks, NOW + datetime.timedelta(minutes=67)) == 1
    subjects = [email.subject for email in mail.outbox]
    assert len(subjects) == 2 and "1 nouveau message de" in subjects[1]


def test_a_message_read_before_the_digest_is_never_told(client, pair, django_capture_on_commit_callbacks):
    post(pair, pair.mentee, SECRET, NOW)
    client.force_login(pair.mentor)
    client.get(url(pair))
    assert run_digests(django_capture_on_commit_callbacks, NOW + datetime.timedelta(minutes=10)) == 0
    assert mail.outbox == []


def test_each_member_is_told_of_the_others_messages_only(pair, django_capture_on_commit_callbacks):
    post(pair, pair.mentee, "Bonjour", NOW)
    post(pair, pair.mentor, "Bonjour à toi", NOW)
    assert run_digests(django_capture_on_commit_callbacks, NOW + datetime.timedelta(minutes=10)) == 2
    assert sorted(email.to[0] for email in mail.outbox) == sorted([pair.mentee.email, pair.mentor.email])


def test_the_digest_goes_through_the_outbox_once(pair, django_capture_on_commit_callbacks):
    message = post(pair, pair.mentee, SECRET, NOW)
    run_digests(django_capture_on_commit_callbacks, NOW + datetime.timedelta(minutes=10))
    [row] = OutboxEmail.objects.filter(kind="pair_messages_digest")
    assert row.key == f"pair-messages:{pair.pk}:{pair.mentor.pk}:{message.pk}"
    # The same messages told again (a retried task after the e-mail was written) write nothing.
    PairMessage.objects.update(notified_at=None)
    run_digests(django_capture_on_commit_callbacks, NOW + datetime.timedelta(hours=3))
    assert OutboxEmail.objects.filter(kind="pair_messages_digest").count() == 1


def test_the_task_sends_the_due_digests(pair):
    post(pair, pair.mentee, SECRET, NOW)
    with time_machine.travel(NOW + datetime.timedelta(minutes=10), tick=False):
        send_message_digests.delay(pair_id=pair.pk)
    assert PairMessage.objects.get().notified_at is not None


def test_opening_the_thread_reads_the_notification(client, pair, django_capture_on_commit_callbacks):
    post(pair, pair.mentee, SECRET, NOW)
    run_digests(django_capture_on_commit_callbacks, NOW + datetime.timedelta(minutes=10))
    client.force_login(pair.mentor)
    page = client.get(url(pair))
    assert re.search(r"badge[^>]*>nouveau<", page.content.decode())
    assert Notification.objects.get(user=pair.mentor).read_at is not None


def test_the_threads_queries_do_not_grow_with_its_messages(client, pair):
    client.force_login(pair.mentee)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(pair)).status_code == 200
        return len(queries)

    for minute in range(3):
        post(pair, pair.mentor, f"Message {minute}", NOW)
    few = count()
    for minute in range(30):
        post(pair, pair.mentor, f"Message {minute}", NOW)
    assert count() == few
