"""Browser tests: Playwright (sync API) drives the system's Chromium against pytest-django's live
server. Skipped when Chromium is absent, except under CI where .ci/run installs it."""

import datetime
import os
import shutil
from pathlib import Path

import pytest
from django.utils import timezone

from tests.conftest import UNDER_CI
from tests.factories import OrganisationFactory, ProgrammeFactory, ThemeFactory, UserFactory

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
