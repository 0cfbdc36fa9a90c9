"""Confidential content of sessions never reaches HR referents nor the programme engineer.

A unique string is planted in every confidential field of a session; each role then crawls every
page it can reach from its dashboard (following links, including CSV exports) and the string must
never appear."""

import re
from urllib.parse import urljoin, urlsplit

import pytest
import time_machine
from django.urls import reverse

from sessions_binome import services_sessions
from sessions_binome.enums import NoteKind, SessionStatus
from tests.sessions_binome.pairs import add_session, make_pair, paris

SENTINELS = {
    "agenda": "SENTINELLE-ORDRE-DU-JOUR-7f3a",
    "shared": "SENTINELLE-NOTES-PARTAGEES-7f3a",
    "private": "SENTINELLE-NOTES-MENTOR-7f3a",
    "preparation": "SENTINELLE-PREPARATION-7f3a",
    "reflection": "SENTINELLE-REFLEXIONS-7f3a",
}
SKIP = ("/comptes/logout", "/admin/", "/static/", "/media/")
HREF = re.compile(r'href="([^"#]+)"')


@pytest.fixture
def planted(programme, organisation, other_organisation):
    with time_machine.travel(paris(2026, 11, 16, 9, 0), tick=False):
        pair = make_pair(programme, mentee_org=organisation, mentor_org=other_organisation)
        held = add_session(pair, when=paris(2026, 11, 10, 10, 0), agenda=SENTINELS["agenda"])
        services_sessions.session_log(
            session=held, by=pair.mentor, status=SessionStatus.HELD, actual_duration_minutes=60,
            shared_notes=SENTINELS["shared"], private_notes=SENTINELS["private"],
        )
        services_sessions.note_save(session=held, author=pair.mentee, kind=NoteKind.MENTEE_PREPARATION, text=SENTINELS["preparation"])
        services_sessions.note_save(session=held, author=pair.mentee, kind=NoteKind.MENTEE_REFLECTION, text=SENTINELS["reflection"])
        add_session(pair, when=paris(2026, 12, 10, 10, 0), agenda=SENTINELS["agenda"])
    return pair


def crawl(client, start_urls, limit=200):
    seen, queue, pages = set(), list(start_urls), 0
    while queue and pages < limit:
        url = queue.pop(0)
        if url in seen or url.startswith(SKIP):
            continue
        seen.add(url)
        response = client.get(url)
        pages += 1
        if response.status_code in (301, 302) and response.url.startswith("/"):
            queue.append(response.url)
            continue
        if response.status_code != 200:
            continue
        body = response.content.decode("utf-8", errors="replace")
        yield url, body
        if response["Content-Type"].startswith("text/html"):
            for href in HREF.findall(body):
                href = href.replace("&amp;", "&")
                absolute = urljoin(url, href)
                parts = urlsplit(absolute)
                if parts.netloc and parts.netloc != "testserver":
                    continue
                path = parts.path + (f"?{parts.query}" if parts.query else "")
                if path not in seen:
                    queue.append(path)


@pytest.mark.parametrize("role", ["hr_referent", "engineer"])
def test_no_confidential_string_reaches_hr_or_the_engineer(client, request, role, planted):
    client.force_login(request.getfixturevalue(role))
    client.reauthenticate(request.getfixturevalue(role))
    start = [
        reverse("core:dashboard"),
        reverse("sessions_binome:hr_pairs") + "?export=csv",
        reverse("sessions_binome:engineer_pairs") + "?export=csv",
        reverse("sessions_binome:engineer_pair_detail", args=[planted.pk]),
    ]
    visited = 0
    for url, body in crawl(client, start):
        visited += 1
        for name, sentinel in SENTINELS.items():
            assert sentinel not in body, f"{name} leaked to {role} on {url}"
    assert visited >= 5  # the crawl really walked the role's pages


def test_the_members_do_see_what_is_theirs(client, planted):
    client.force_login(planted.mentor)
    client.reauthenticate(planted.mentor)
    body = client.get(reverse("sessions_binome:pair_detail", args=[planted.pk])).content.decode()
    assert SENTINELS["shared"] in body and SENTINELS["private"] in body and SENTINELS["agenda"] in body
    assert SENTINELS["preparation"] not in body and SENTINELS["reflection"] not in body
    client.force_login(planted.mentee)
    client.reauthenticate(planted.mentee)
    body = client.get(reverse("sessions_binome:pair_detail", args=[planted.pk])).content.decode()
    assert SENTINELS["preparation"] in body and SENTINELS["reflection"] in body
    assert SENTINELS["private"] not in body
