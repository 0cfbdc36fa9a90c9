import io
import os
import re

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.http import HttpRequest
from django.test import Client, TestCase, override_settings

from tests.factories import (
    ApplicationFactory,
    OrganisationFactory,
    ProgrammeFactory,
    UserFactory,
)

UNDER_CI = os.environ.get("CI", "").lower() == "true"
# Executable inline code; JSON data blocks (type="application/json") are not executed and are allowed.
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\b(?:src=|type=\"application/json\"))[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style[\s>]|<[^>]+\sstyle\s*=", re.IGNORECASE)


class StrictClient(Client):
    """A test client that runs on-commit callbacks (emails, tasks) as a real commit would, and fails
    when a page shows an unrendered template tag."""

    def request(self, **request):
        with TestCase.captureOnCommitCallbacks(execute=True):
            response = super().request(**request)
        content_type = response.get("Content-Type", "")
        if content_type.startswith("text/html") and not getattr(response, "streaming", False):
            body = response.content.decode(errors="replace")
            path = request.get("PATH_INFO")
            assert "{{" not in body and "{%" not in body, f"unrendered template tag in {path}"
            # The Content Security Policy forbids inline code: fail early, before a browser does.
            assert not INLINE_SCRIPT.search(body), f"inline <script> in {path}"
            assert not EVENT_HANDLER.search(body), f"inline event handler (on...=) in {path}"
            assert not INLINE_STYLE.search(body), f"inline <style> or style= in {path}"
        return response

    def login(self, **credentials):
        # django-axes checks each password against the address it comes from: Django's test client
        # authenticates without a request, which axes refuses.
        credentials.setdefault("request", HttpRequest())
        return super().login(**credentials)

    def reauthenticate(self, user):
        """As if `user` had just typed the password again (allauth's re-authentication), which
        exports and the data download require."""
        import time

        from allauth.account.internal.flows.login import (
            _AUTHENTICATION_METHODS_USER_SESSION_KEY,
            AUTHENTICATION_METHODS_SESSION_KEY,
            user_id_to_str,
        )

        session = self.session
        session[AUTHENTICATION_METHODS_SESSION_KEY] = [
            {"method": "password", "at": time.time(), "reauthenticated": True}
        ]
        session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = user_id_to_str(user)
        session.save()


@pytest.fixture
def client():
    return StrictClient()


@pytest.fixture(scope="module")
def demo_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """`seed_demo` run once for a test module (5 to 10 s) rather than once per test: written in a
    transaction rolled back after the module's last test, each test running in a savepoint inside
    it (pytest-django's `db`), so that what a test writes is undone as usual. Tests ask for
    `seeded_demo`. For modules whose tests all use `db`: a `transactional_db` test would commit
    through it and flush it."""
    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        out = io.StringIO()
        call_command("seed_demo", stdout=out)
        yield {"output": out.getvalue(), "media_root": media}
        transaction.set_rollback(True)


@pytest.fixture
def seeded_demo(demo_once, db, settings):
    """The module's demo (see `demo_once`), with the files it wrote: what `seed_demo` printed."""
    settings.MEDIA_ROOT = demo_once["media_root"]
    return demo_once["output"]


@pytest.fixture(autouse=True)
def _clear_cache():
    # Rate limits and cached role lookups must not leak from one test to the next.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _french(settings):
    settings.LANGUAGE_CODE = "fr"


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    # Uploaded and generated files (resources, demo PDF) never land in the checkout.
    settings.MEDIA_ROOT = tmp_path / "media"


# --- marker handling: postgres / redis -------------------------------------------------------


def pytest_runtest_setup(item):
    if item.get_closest_marker("postgres") and connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL=postgres://...); the embedded SQLite has no row locks")
    if item.get_closest_marker("redis") and not os.environ.get("REDIS_URL"):
        pytest.skip("needs a Redis server (set REDIS_URL=redis://...)")


_skipped = []


def pytest_runtest_logreport(report):
    if report.skipped:
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session, exitstatus):
    # Under CI every test must run: a skip there hides a missing service, so it fails the run.
    if UNDER_CI and _skipped and exitstatus == 0:
        print(f"\nCI=true: {len(_skipped)} test(s) skipped, which counts as a failure:")
        for nodeid in _skipped:
            print(f"  {nodeid}")
        session.exitstatus = 1


# --- people and objects -----------------------------------------------------------------------


@pytest.fixture
def programme(db):
    return ProgrammeFactory()


@pytest.fixture
def next_programme(programme):
    """2027-2028, opened, beside `programme` (2026-2027): two live editions at once."""
    from tests.factories import next_edition

    return next_edition()


@pytest.fixture
def prepared_programme(programme):
    """2027-2028 still in preparation beside `programme` (2026-2027)."""
    from mentorat.core.enums import ProgrammeStatus
    from tests.factories import next_edition

    return next_edition(status=ProgrammeStatus.PREPARATION)


@pytest.fixture
def organisation(db):
    return OrganisationFactory(code="CPAM-33", name="CPAM de la Gironde")


@pytest.fixture
def other_organisation(db):
    return OrganisationFactory(code="CAF-59", name="CAF du Nord")


@pytest.fixture
def engineer(db):
    return UserFactory(email="ingenieure@ucanss.fr", engineer=True)


@pytest.fixture
def hr_referent(organisation):
    return UserFactory(email="rh.gironde@assurance-maladie.fr", organisation=organisation, hr_of=[organisation])


@pytest.fixture
def other_hr_referent(other_organisation):
    return UserFactory(email="rh.nord@caf.fr", organisation=other_organisation, hr_of=[other_organisation])


@pytest.fixture
def mentee(programme, organisation):
    user = UserFactory(email="alice.mentoree@assurance-maladie.fr", organisation=organisation)
    ApplicationFactory(programme=programme, user=user, validated=True)
    return user


@pytest.fixture
def mentor(programme, other_organisation):
    user = UserFactory(email="bob.mentor@caf.fr", organisation=other_organisation)
    ApplicationFactory(programme=programme, user=user, mentor=True, validated=True)
    return user


@pytest.fixture
def staff(db):
    return UserFactory(email="admin@ucanss.fr", staff=True)


@pytest.fixture
def nobody(db):
    """A logged-in person with no role at all."""
    return UserFactory(email="charlie@urssaf.fr")
