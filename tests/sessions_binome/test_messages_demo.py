"""The demo holds messages: a pair's thread with the mentor's last message unread, shorter ones
elsewhere; none left for the digests to send to the demo's fictitious people."""

import pytest
from django.urls import reverse

from candidatures.demo import DEMO_MENTEE, DEMO_MENTOR
from sessions_binome.enums import PairStatus
from sessions_binome.messaging.demo import messages_demo_load
from sessions_binome.messaging.services import digests_send
from sessions_binome.models import Pair, PairMessage

pytestmark = pytest.mark.django_db


def test_the_demo_pairs_talk(seeded_demo, client):
    unread = PairMessage.objects.filter(read_at__isnull=True, pair__status=PairStatus.ACTIVE).select_related("pair")
    [message] = unread
    pair = message.pair
    assert message.author_id == pair.mentor_id
    thread = PairMessage.objects.filter(pair=pair)
    assert thread.count() >= 4 and {m.author_id for m in thread} == {pair.mentee_id, pair.mentor_id}
    assert pair.mentor.first_name in thread.earliest("created_at").body
    assert PairMessage.objects.exclude(pair=pair).filter(pair__status=PairStatus.ACTIVE).exists()
    assert PairMessage.objects.filter(pair__status=PairStatus.FRAME).exists()
    # The README's walkthrough people stay in no pair.
    assert not Pair.objects.filter(mentee__email=DEMO_MENTEE.email).exists()
    assert not Pair.objects.filter(mentor__email=DEMO_MENTOR.email).exists()
    client.force_login(pair.mentee)
    body = client.get(reverse("sessions_binome:pair_detail", args=[pair.pk])).content.decode()
    assert "1 non lu" in body
    assert digests_send() == 0


def test_a_second_load_writes_nothing(seeded_demo):
    before = PairMessage.objects.count()
    assert messages_demo_load(Pair.objects.first().programme) == 0
    assert PairMessage.objects.count() == before
