import json

from django.urls import reverse

from mentorat.audit.enums import AuditAction
from mentorat.audit.models import AuditEvent
from tests.privacy.conftest import SECRETS


def test_the_download_asks_for_the_password_again(client, pair):
    client.force_login(pair.mentee)
    response = client.get(reverse("privacy:my_data_download"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_reauthenticate"))


def test_the_archive_holds_what_is_linked_to_the_person(client, pair):
    client.force_login(pair.mentee)
    client.reauthenticate(pair.mentee)
    response = client.get(reverse("privacy:my_data_download"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    archive = json.loads(response.content)
    assert archive["accounts.User"][0]["email"] == pair.mentee.email
    assert archive["accounts.User"][0]["password"] == "(non exporté)"
    assert len(archive["candidatures.Application"]) == 1
    assert len(archive["sessions_binome.Pair"]) == 1
    body = response.content.decode()
    assert SECRETS["shared"] in body and SECRETS["preparation"] in body and SECRETS["free_text"] in body
    # The mentor's personal notes are the mentor's, not the mentee's.
    assert SECRETS["mentor_private"] not in body


def test_the_mentor_gets_their_own_private_notes_but_not_the_mentees(client, pair):
    client.force_login(pair.mentor)
    client.reauthenticate(pair.mentor)
    body = client.get(reverse("privacy:my_data_download")).content.decode()
    assert SECRETS["mentor_private"] in body and SECRETS["shared"] in body
    assert SECRETS["preparation"] not in body and SECRETS["free_text"] not in body


def test_the_download_is_audited(client, pair):
    client.force_login(pair.mentee)
    client.reauthenticate(pair.mentee)
    client.get(reverse("privacy:my_data_download"))
    event = AuditEvent.objects.get(action=AuditAction.DATA_EXPORT)
    assert event.actor == pair.mentee and event.target == f"user:{pair.mentee.pk}"


def test_every_logged_in_person_finds_the_page_from_the_footer(client, nobody):
    client.force_login(nobody)
    body = client.get(reverse("privacy:my_data")).content.decode()
    assert reverse("privacy:my_data_download") in body
    assert reverse("privacy:my_data") in client.get(reverse("notifications:list")).content.decode()
