"""The sitemap: everything for a visitor, and for a logged-in person the pages of their roles only —
no link that answers "access refused"."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def sitemap_links(client):
    page = client.get(reverse("core:sitemap")).content.decode()
    article = page[page.index("<article") : page.index("</article>")]
    return re.findall(r'href="([^"]+)"', article)


def test_a_visitor_sees_every_section(client):
    links = sitemap_links(client)
    for name in (
        "matching:my_proposals",
        "matching:mentor_requests",
        "core:dashboard_hr",
        "sessions_binome:hr_pairs",
        "audit:list",
    ):
        assert reverse(name) in links


@pytest.mark.parametrize("who", ["nobody", "mentee", "mentor", "hr_referent", "engineer"])
def test_a_logged_in_person_gets_no_link_that_refuses_them(client, request, programme, who):
    client.force_login(request.getfixturevalue(who))
    links = sitemap_links(client)
    assert reverse("notifications:preferences") in links
    for link in links:
        assert client.get(link).status_code not in (403, 404), link


def test_each_role_finds_its_own_pages(client, mentor, engineer):
    client.force_login(mentor)
    links = sitemap_links(client)
    assert reverse("matching:mentor_requests") in links and reverse("matching:my_proposals") not in links
    client.force_login(engineer)
    assert reverse("sessions_binome:engineer_pairs") in sitemap_links(client)
