"""The pair's messages in « Mes données » (the person's own only) and in an erasure (the thread goes)."""

import json

from django.urls import reverse

from sessions_binome.messaging.services import message_post
from sessions_binome.models import PairMessage

MINE = "MESSAGE-MENTORE-RGPD"
THEIRS = "MESSAGE-MENTOR-RGPD"


def _talk(pair):
    message_post(pair=pair, author=pair.mentee, body=MINE)
    message_post(pair=pair, author=pair.mentor, body=THEIRS)


def test_the_archive_holds_the_persons_own_messages_only(client, pair):
    _talk(pair)
    client.force_login(pair.mentee)
    client.reauthenticate(pair.mentee)
    response = client.get(reverse("privacy:my_data_download"))
    archive = json.loads(response.content)
    assert [row["body"] for row in archive["sessions_binome.PairMessage"]] == [MINE]
    assert THEIRS not in response.content.decode()


def test_erasure_deletes_the_thread_of_the_persons_pairs(client, pair, engineer):
    _talk(pair)
    client.force_login(engineer)
    client.reauthenticate(engineer)
    assert client.post(reverse("privacy:erasure_confirm", args=[pair.mentor.pk])).status_code == 302
    assert not PairMessage.objects.exists()
