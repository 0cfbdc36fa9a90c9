"""What the pair's page says of the frame to its members, and what followers (HR, engineer) may know:
the status only."""

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sessions_binome.models import Pair
from sessions_binome.selectors import follow_up_rows
from sessions_binome.selectors_frame import charter_signed_on, frame_progress
from tests.factories import OrganisationFactory
from tests.sessions_binome.pairs import make_pair

pytestmark = pytest.mark.django_db


def pair_page(client, pair, person):
    client.force_login(person)
    return client.get(reverse("sessions_binome:pair_detail", args=[pair.pk])).content.decode()


def test_the_pair_page_tells_each_member_the_next_step(client, frame_pair, programme):
    body = pair_page(client, frame_pair, frame_pair.mentee)
    assert "Écrivez vos objectifs et proposez le cadre" in body
    assert reverse("sessions_binome:frame", args=[frame_pair.pk]) in body
    assert "proposer le rythme, les dates" in pair_page(client, frame_pair, frame_pair.mentor)


def test_the_pair_page_shows_objectives_signatures_and_the_pdf_link(client, half_signed_pair):
    body = pair_page(client, half_signed_pair, half_signed_pair.mentor)
    assert "Trouver ma posture de manager." in body
    assert "lisez la charte avec le cadre et signez-la" in body
    assert f"signée par {half_signed_pair.mentee.get_full_name()} le 14 octobre 2026" in body
    assert reverse("sessions_binome:charter_pdf", args=[half_signed_pair.pk]) not in body
    assert "doit la signer à son tour" in pair_page(client, half_signed_pair, half_signed_pair.mentee)


def test_a_signed_pair_links_the_pdf_and_a_completed_one_the_certificate(client, completed_pair):
    body = pair_page(client, completed_pair, completed_pair.mentee)
    assert reverse("sessions_binome:charter_pdf", args=[completed_pair.pk]) in body
    assert reverse("sessions_binome:certificate", args=[completed_pair.pk]) in body
    assert "signée par vous deux le 14 octobre 2026 (version 1)" in body


def test_followers_read_signee_le_and_nothing_of_the_content(signed_pair):
    text = render_to_string("sessions_binome/charter_status.html", {"pair": signed_pair})
    assert text.strip() == "Charte signée le 14 octobre 2026"
    assert charter_signed_on(signed_pair) == signed_pair.activated_at
    assert charter_signed_on(follow_up_rows(Pair.objects.filter(pk=signed_pair.pk))[0]) == signed_pair.activated_at


@pytest.mark.parametrize(
    "fixture, expected",
    [
        ("frame_pair", "Cadre en préparation"),
        ("confirmed_pair", "Cadre confirmé, charte à signer"),
        ("half_signed_pair", "Charte signée par un membre sur deux"),
        ("signed_pair", "Charte signée le 14 octobre 2026"),
    ],
)
def test_the_progress_sentence_at_each_stage(request, fixture, expected):
    pair = request.getfixturevalue(fixture)
    assert frame_progress(pair) == expected
    row = follow_up_rows(Pair.objects.filter(pk=pair.pk))[0]  # the follow-up lists' reading
    assert frame_progress(row) == expected


def test_the_follow_up_rows_read_the_charter_of_every_pair_in_three_queries(signed_pair, programme):
    for prefix in ("x", "y", "z"):
        make_pair(
            programme,
            mentee_org=OrganisationFactory(code=f"CAF-{prefix}"),
            mentor_org=OrganisationFactory(code=f"CNAV-{prefix}"),
            prefix=prefix,
            status="frame",
        )
    Pair.objects.filter(status="frame").update(activated_at=None)
    with CaptureQueriesContext(connection) as queries:
        rows = follow_up_rows(Pair.objects.all())
        sentences = [render_to_string("sessions_binome/charter_status.html", {"pair": pair}) for pair in rows]
    assert len(queries) == 3  # pairs with their organisations, sessions, frames and signatures
    assert sorted(s.strip() for s in sentences) == ["Cadre en préparation"] * 3 + ["Charte signée le 14 octobre 2026"]


def test_hr_gets_404_on_every_frame_and_charter_page(client, signed_pair, hr_referent):
    client.force_login(hr_referent)
    for name in ("frame", "charter", "charter_pdf", "certificate"):
        assert client.get(reverse(f"sessions_binome:{name}", args=[signed_pair.pk])).status_code == 404
