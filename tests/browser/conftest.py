"""Browser tests: Playwright (sync API) drives the system's Chromium against pytest-django's live
server. Skipped when Chromium is absent, except under CI where .ci/run installs it.

Every page the browser navigates to during a test is also checked by the Nu Html Checker when the
test ends (`_valid_html` below): what axe-core cannot see (duplicate ids, a bare « < », a form
inside a span) fails the test that loaded the page."""

import datetime
import json
import os
import shutil
import threading
from collections import Counter
from pathlib import Path

import pytest
from django.utils import timezone

from tests.conftest import UNDER_CI
from tests.factories import OrganisationFactory, ProgrammeFactory, ThemeFactory, UserFactory
from tests.html_checker import NuService

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


def pytest_collection_modifyitems(config, items):
    # Under CI, .ci/run installs Chromium: a missing browser there is a failure, not a skip.
    if Path(CHROMIUM).exists() or UNDER_CI:
        return
    for item in items:
        if "tests/browser/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.skip(reason=f"no Chromium at {CHROMIUM}"))


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread, so Django would refuse the
    # tests' own synchronous, sequential ORM calls (and pytest-django's database set-up) as "async
    # unsafe". Allowed for the browser modules only: module scope ends the loop and the permission.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "1"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def new_page(browser, live_server):
    """new_page(width=...) opens a fresh context (its own cookies) on the live server."""
    contexts = []

    def make(width=1280, height=900):
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": width, "height": height}, locale="fr-FR"
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


class DocumentRecorder:
    """Wraps the live server's WSGI application and keeps the HTML of every page the browser
    navigates to (`Sec-Fetch-Dest: document`: not fetch() calls, images or the favicon) exactly as
    the server sent it, before any script ran: that is what the checker must read. Form answers
    (POST) and error pages included; redirections have no page."""

    def __init__(self, app):
        self.app = app
        self.pages = None  # a list while a test records
        self.checked = Counter()  # pages checked, per test
        self.lock = threading.Lock()  # the live server answers each request in its own thread

    def __call__(self, environ, start_response):
        if self.pages is None or environ.get("HTTP_SEC_FETCH_DEST") != "document":
            return self.app(environ, start_response)
        answer = {}

        def keep_status(status, headers, exc_info=None):
            answer["status"] = int(status.split()[0])
            answer["type"] = next((value for name, value in headers if name.lower() == "content-type"), "")
            return start_response(status, headers, exc_info)

        result = self.app(environ, keep_status)
        if not answer.get("type", "").startswith("text/html") or 300 <= answer["status"] < 400:
            return result
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()  # Django's request_finished signal
        query = environ.get("QUERY_STRING")
        name = f"{environ['REQUEST_METHOD']} {environ.get('PATH_INFO', '')}{'?' + query if query else ''}"
        with self.lock:
            if self.pages is not None:
                self.pages.append((f"{name} ({answer['status']})", body.decode("utf-8", errors="replace")))
        return [body]


@pytest.fixture(scope="session")
def document_recorder(live_server):
    server = live_server.thread.httpd
    recorder = DocumentRecorder(server.get_app())
    server.set_app(recorder)
    yield recorder
    server.set_app(recorder.app)
    SCREENSHOTS.parent.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS.parent / "html-validity-browser.json").write_text(json.dumps(recorder.checked, indent=1))


@pytest.fixture(scope="session")
def nu_service():
    """The Nu Html Checker's HTTP service, started once for the whole session (Java's start-up and
    the checker's schemas take a few seconds; then a page takes some 20 ms)."""
    service = NuService().start()
    yield service
    service.stop()


@pytest.fixture(autouse=True)
def _valid_html(request, document_recorder, nu_service):
    """Checks, once the test is over, every page it loaded in the browser. A failure is reported as an
    error in the test's teardown, with the page, its line and the checker's message."""
    pages = []
    document_recorder.pages = pages
    yield
    document_recorder.pages = None
    document_recorder.checked[request.node.nodeid] = len(pages)
    if "new_page" in request.fixturenames:
        # Chromium names navigations (Sec-Fetch-Dest) to a trustworthy origin such as localhost only.
        assert pages, "the browser loaded no page that the checker could read: is the live server on localhost?"
    errors = [error for name, html in pages for error in nu_service.check(name, html)]
    assert not errors, (
        f"the Nu Html Checker found {len(errors)} error(s) in the {len(pages)} page(s) this test loaded:\n"
        + "\n".join(map(str, errors))
    )


@pytest.fixture
def screenshot():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name):
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    return take


@pytest.fixture
def open_programme(db):
    """The 2026-2027 programme with its call open now and its pairs starting soon."""
    now = timezone.now()
    today = timezone.localdate()
    return ProgrammeFactory(
        call_opens_at=now - datetime.timedelta(days=10),
        call_closes_at=now + datetime.timedelta(days=20),
        starts_on=today + datetime.timedelta(days=30),
        ends_on=today + datetime.timedelta(days=240),
        evaluation_ends_on=today + datetime.timedelta(days=300),
    )


@pytest.fixture
def cast(open_programme):
    """Alice (mentee) and Hélène (her HR referent) at one organisation, Marc (mentor) at another,
    and Inès (programme engineer)."""
    ThemeFactory(code="prise-de-poste", label="Prise de poste")
    ThemeFactory(code="animation-equipe", label="Animation d'équipe")
    home = OrganisationFactory()
    other = OrganisationFactory()
    return {
        "programme": open_programme,
        "mentee": UserFactory(
            email="alice@assurance-maladie.fr", first_name="Alice", last_name="Martin", organisation=home
        ),
        "hr": UserFactory(
            email="helene@assurance-maladie.fr",
            first_name="Hélène",
            last_name="Durand",
            organisation=home,
            hr_of=[home],
        ),
        "mentor": UserFactory(email="marc@urssaf.fr", first_name="Marc", last_name="Petit", organisation=other),
        "engineer": UserFactory(email="ines@ucanss.fr", first_name="Inès", last_name="Bernard", engineer=True),
    }
