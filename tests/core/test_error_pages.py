"""The demo (scripts/demo.sh runs with DEBUG on) answers a missing page or a crash with the
platform's own 404 and 500 pages, not Django's debug pages that list every URL, the settings and
the code; a developer gets the debug pages back with SHOW_DEBUG_PAGES."""

import logging

import pytest
from django.core.signals import got_request_exception
from django.test import Client
from django.urls import reverse

from tests.conftest import StrictClient
from tests.core.test_settings_env import run
from tests.html_checker import check_documents
from tests.sessions_binome.pairs import make_pair

pytestmark = pytest.mark.django_db

MISSING = "/cette-page-n-existe-pas/"
DEBUG_PAGE_MARKS = ("URLconf", "Traceback", "DEBUG = True", "Django settings", "Request Method")


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    settings.SHOW_DEBUG_PAGES = False
    return settings


@pytest.fixture
def crash(monkeypatch):
    """The home page's query fails, as a view would if the database broke under it."""

    def broken():
        raise RuntimeError("la base ne répond plus")

    monkeypatch.setattr("mentorat.core.views._public_edition", broken)


def no_debug_page(text):
    return not [mark for mark in DEBUG_PAGE_MARKS if mark in text]


def test_a_missing_url_shows_the_platforms_404_page(client, demo, mentee):
    for person in (None, mentee):
        if person:
            client.force_login(person)
        response = client.get(MISSING)
        text = response.content.decode()
        assert response.status_code == 404
        assert "Page introuvable" in text and "Retour à l'accueil" in text
        assert no_debug_page(text), text[:500]


def test_an_object_out_of_reach_shows_the_platforms_404_page(client, demo, programme, mentee, organisation):
    # A pair page of someone else: the view raises Http404.
    pair = make_pair(programme, mentee_org=organisation, mentor_org=organisation, prefix="autre")
    client.force_login(mentee)
    response = client.get(reverse("sessions_binome:pair_detail", args=[pair.pk]))
    text = response.content.decode()
    assert response.status_code == 404
    assert "Page introuvable" in text and no_debug_page(text), text[:500]


def test_the_slash_redirect_still_works(client, demo):
    response = client.get("/contact")
    assert response.status_code == 301 and response["Location"] == "/contact/"


def test_an_error_shows_the_platforms_500_page_and_logs_the_traceback(demo, crash, caplog):
    signalled = []

    def listener(sender, request, **kwargs):
        signalled.append(request.path)

    got_request_exception.connect(listener, dispatch_uid="test-500")
    try:
        with caplog.at_level(logging.ERROR, logger="django.request"):
            response = StrictClient(raise_request_exception=False).get("/")
    finally:
        got_request_exception.disconnect(dispatch_uid="test-500")
    text = response.content.decode()
    assert response.status_code == 500
    assert "Une erreur est survenue" in text and "la base ne répond plus" not in text
    assert no_debug_page(text), text[:500]
    # The developer still reads what happened on the console, and error reporting still hears of it.
    [record] = [r for r in caplog.records if r.name == "django.request" and r.levelno == logging.ERROR]
    assert record.exc_info and "la base ne répond plus" in str(record.exc_info[1])
    assert signalled == ["/"]


def test_a_developer_can_ask_for_the_debug_pages(demo, crash):
    demo.SHOW_DEBUG_PAGES = True
    # Django's client: its debug pages carry inline styles, which the strict client refuses.
    assert "URLconf" in Client().get(MISSING).content.decode()
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 500 and "la base ne répond plus" in response.content.decode()


def test_without_debug_nothing_changes(client, settings):
    settings.DEBUG = False
    response = client.get(MISSING)
    assert response.status_code == 404 and "Page introuvable" in response.content.decode()


def test_the_error_pages_are_valid_html(client, demo, crash):
    pages = {
        "404": client.get(MISSING).content.decode(),
        "500": StrictClient(raise_request_exception=False).get("/").content.decode(),
    }
    assert "Page introuvable" in pages["404"] and "Une erreur est survenue" in pages["500"]
    errors = check_documents(pages)
    assert not errors, "\n".join(map(str, errors))


@pytest.mark.parametrize(("env", "debug_page"), [({}, False), ({"SHOW_DEBUG_PAGES": "true"}, True)])
def test_the_demo_shows_the_debug_pages_only_when_asked(env, debug_page, tmp_path):
    """The settings as scripts/demo.sh reads them (DEBUG=true), in a fresh process."""
    code = (
        "import django; django.setup()\n"
        "from django.test import Client\n"
        f"response = Client(HTTP_HOST='127.0.0.1').get('{MISSING}')\n"
        "print(response.status_code, 'URLconf' in response.content.decode())\n"
    )
    result = run(["-c", code], {"DEBUG": "true", "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}", **env})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["404", str(debug_page)]
