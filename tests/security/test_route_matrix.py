"""The permission matrix: every URL of the project × every HTTP method it accepts × every role, on a
world with an object at every stage (tests/security/world.py), answers what `matrix_table.EXPECTED`
says. A POST carries a body that would succeed (`matrix_table.BODIES`); the database is fingerprinted
before and after each request, so that a cell reads e.g. "302+db" (redirected, and something was
written) or "404" (and nothing was). Any refused answer (403, 404, 405, a login page) with a change is a
failure whatever the table says. How the accepted methods are found: tests/security/matrix_engine.py.

The world is built once per module in a transaction rolled back at the end (as `demo_once` does);
each test runs in a savepoint inside it, and each role's request in a savepoint of its own, so that an
allowed write by one role does not change what the next role sees.
"""

import json
import os

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from tests.conftest import StrictClient
from tests.factories import UserFactory
from tests.resources.factories import pdf_bytes
from tests.security import matrix_engine as engine
from tests.security.matrix_table import BODIES, DELEGATED_PREFIXES, EXPECTED, PREPARE, cells, kwargs_for, query_for
from tests.security.routes import walk
from tests.security.world import MATRIX_ROLES, build_matrix_world
from tests.sessions_binome.pairs import paris

NOVEMBER = paris(2026, 11, 16, 9, 0)  # the call has closed, pairs meet
RECORD = os.environ.get("MATRIX_RECORD")  # a path: write what was observed instead of asserting


def routes():
    """(URL name, accepted methods) of every named route, admin and allauth included."""
    found = {}
    for route, name, callback in walk(with_callback=True):
        if name and not route.startswith(DELEGATED_PREFIXES):
            found.setdefault(name, engine.accepted_methods(callback))
    return found


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("matrix-media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media),
        time_machine.travel(NOVEMBER, tick=False),
        transaction.atomic(),
    ):
        from tests.factories import ProgrammeFactory

        programme = ProgrammeFactory()
        engineer = UserFactory(email="ingenieure@ucanss.fr", engineer=True)
        staff = UserFactory(email="admin@ucanss.fr", staff=True)
        built = build_matrix_world(programme, engineer, staff)
        built.media = media
        yield built
        transaction.set_rollback(True)


_observed = {}


def _restore_files(world):
    """Files are not rolled back with the database: put back the PDF an earlier allowed delete took."""
    name = world.objects["resource"].file.name
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(pdf_bytes()))


def _request(client, world, name, method, query, role):
    client.logout()
    if role != "anonymous":
        person = world.people[role]
        client.force_login(person)
        client.reauthenticate(person)  # exports require a recent password
    if name in PREPARE:
        PREPARE[name](world.objects)
    url = reverse(name, kwargs=kwargs_for(name, world.objects)) + query_for(query, world.objects)
    body = BODIES.get((name, query), lambda o: {})(world.objects) if method == "POST" else None
    before = engine.fingerprint()
    response = client.post(url, body) if method == "POST" else client.get(url)
    after = engine.fingerprint()
    got = engine.answer(response)
    engine.close(response)
    changed = engine.changed_tables(before, after)
    return got + (engine.CHANGED if changed else ""), changed


@pytest.mark.parametrize(("name", "method", "query"), cells())
def test_each_role_gets_the_answer_of_the_table(world, db, settings, name, method, query):
    settings.MEDIA_ROOT = world.media
    _restore_files(world)
    client = StrictClient()
    answers, problems = {}, []
    with time_machine.travel(NOVEMBER, tick=False):
        for role in MATRIX_ROLES:
            with transaction.atomic():
                got, changed = _request(client, world, name, method, query, role)
                transaction.set_rollback(True)
            answers[role] = got
            refused = got.split("+")[0] in ("403", "404", "405", engine.LOGIN, engine.ADMIN_LOGIN)
            if refused and changed:
                problems.append(f"{role}: refused ({got}) yet wrote to {changed}")
    if RECORD:
        _observed[f"{name}|{method}|{query}"] = answers
        with open(RECORD, "w") as out:
            json.dump(_observed, out, indent=0)
        return
    assert not problems, problems
    expected = EXPECTED[(name, method, query)]
    assert answers == expected, f"{method} {name}{query}"


def test_every_url_and_method_has_a_row():
    listed = {(name, method) for name, method, _query in EXPECTED}
    missing = [
        (name, method) for name, methods in routes().items() for method in methods if (name, method) not in listed
    ]
    assert not missing, "(URL name, method) without a row in tests/security/matrix_rows.py: " + ", ".join(
        f"({name}, {method})" for name, method in sorted(missing)
    )


def test_the_table_names_only_existing_urls_and_methods():
    known = routes()
    extra = [(name, method) for name, method, _query in EXPECTED if method not in known.get(name, ())]
    assert not extra, extra


@pytest.mark.parametrize(
    "url",
    [
        "sessions_binome:hr_pairs|?organisation={elsewhere}",
        "sessions_binome:hr_pairs|?export=csv&organisation={elsewhere}",
        "sessions_binome:hr_pairs|?export=csv",
    ],
)
def test_a_filter_on_another_organisation_never_widens_what_an_hr_referent_sees(world, db, settings, url):
    """The status code of a query-string row cannot tell a widened view: the other organisation's pair
    is named for its own referent and never for the HR referent of the pair under test."""
    settings.MEDIA_ROOT = world.media
    name, query = url.split("|")
    client = StrictClient()
    stranger = world.objects["other_pair"].mentee.get_full_name()
    seen = {}
    with time_machine.travel(NOVEMBER, tick=False):
        for role in ("hr", "other_hr"):
            client.force_login(world.people[role])
            client.reauthenticate(world.people[role])
            response = client.get(reverse(name) + query_for(query, world.objects))
            assert response.status_code == 200, (role, response.status_code)
            seen[role] = stranger in response.content.decode("utf-8-sig")
    assert seen == {"hr": False, "other_hr": True}


@pytest.mark.parametrize("name", ["candidatures:invitation_opt_out", "notifications:unsubscribe"])
def test_the_one_click_links_take_a_post_without_session_nor_csrf_token(world, db, name):
    """Mail providers post the List-Unsubscribe link with no session and no CSRF token (RFC 8058):
    the signed token is the key, and the post does its work."""
    client = StrictClient(enforce_csrf_checks=True)
    with time_machine.travel(NOVEMBER, tick=False):
        before = engine.fingerprint()
        response = client.post(reverse(name, kwargs=kwargs_for(name, world.objects)))
        assert response.status_code == 200
        assert engine.changed_tables(before, engine.fingerprint())


def test_only_allauth_is_left_out_of_the_matrix():
    delegated = [name for route, name in walk() if name and route.startswith(DELEGATED_PREFIXES)]
    assert delegated  # allauth is mounted
    ours = ("admin:", "core:", "candidatures:", "matching:", "sessions_binome:", "audit:", "resources:")
    ours += ("notifications:", "outbox:", "evaluation:", "privacy:", "sso:")
    assert not [name for name in delegated if name.startswith(ours)]
