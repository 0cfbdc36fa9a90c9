"""axe-core (WCAG 2.1 A/AA and best practices) on the key pages of every role, forms with their
validation errors included: no serious or critical violation. Also the skip link, visible focus,
labels, announced errors, heading order and the 375 px layout."""

import json

import pytest

from tests.browser.conftest import SCREENSHOTS
from tests.browser.helpers import axe_run, blocking_violations, describe, login
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db(transaction=True)

SUMMARY = {}


@pytest.fixture(scope="module", autouse=True)
def _write_summary():
    yield
    SCREENSHOTS.parent.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS.parent / "axe-summary.json").write_text(json.dumps(SUMMARY, indent=1, ensure_ascii=False))


def check_pages(page, screenshot, prefix, visits):
    """visits: (name, path or callable that brings the page to the state to check)."""
    failures = {}
    for name, visit in visits:
        if callable(visit):
            visit(page)
        else:
            response = page.goto(visit)
            assert response.ok, f"{name}: {visit} answered {response.status}"
        page.wait_for_load_state()
        results = axe_run(page)
        blocking = blocking_violations(results)
        SUMMARY[f"{prefix}/{name}"] = {
            "url": page.url,
            "violations": {v["id"]: v["impact"] for v in results["violations"]},
            "passes": len(results["passes"]),
        }
        screenshot(page, f"a11y-{prefix}-{name}")
        if blocking:
            failures[name] = describe(blocking)
    assert not failures, "\n".join(f"{name}: {text}" for name, text in failures.items())


def _login_with_wrong_password(page):
    page.goto("/comptes/login/")
    page.get_by_label("Adresse e-mail").fill("personne@assurance-maladie.fr")
    page.get_by_label("Mot de passe").fill("pas-le-bon")
    page.locator("#contenu form [type=submit]").first.click()
    _wait_for_errors(page)


def _signup_empty(page):
    page.goto("/comptes/signup/")
    # The browser's own checks would stop an empty form: the server's messages are the ones to test.
    page.evaluate("document.querySelector('#contenu form').noValidate = true")
    page.locator("#contenu form [type=submit]").first.click()
    _wait_for_errors(page)


def _application_submitted_empty(page):
    page.goto("/candidater/mentee/")
    page.evaluate("document.querySelector('#contenu form').noValidate = true")
    page.locator("#contenu form button[value=submit]").click()
    _wait_for_errors(page)


def _wait_for_errors(page):
    # The state under test is the form with its errors, not the blank form.
    page.locator("#contenu [aria-invalid=true], #contenu [role=alert]").first.wait_for()


def test_public_pages(new_page, screenshot, open_programme):
    page = new_page()
    check_pages(
        page,
        screenshot,
        "public",
        [
            ("home", "/"),
            ("login", "/comptes/login/"),
            ("login-errors", _login_with_wrong_password),
            ("signup-errors", _signup_empty),
            ("accessibility", "/accessibilite/"),
            ("sitemap", "/plan-du-site/"),
            ("privacy", "/donnees-personnelles/"),
            ("contact", "/contact/"),
        ],
    )


def test_participant_pages(new_page, screenshot, cast):
    page = new_page()
    login(page, cast["mentee"])
    check_pages(
        page,
        screenshot,
        "mentee",
        [
            ("dashboard", "/tableau-de-bord/"),
            ("apply-start", "/candidater/"),
            ("apply-form", "/candidater/mentee/"),
            ("apply-form-errors", _application_submitted_empty),
        ],
    )
    application = ApplicationFactory(user=cast["mentee"], programme=cast["programme"], track_code="P1", validated=True)
    check_pages(
        page,
        screenshot,
        "mentee",
        [
            ("application", f"/candidatures/{application.pk}/"),
            ("dashboard-validated", "/tableau-de-bord/mentore/"),
            ("proposals", "/mes-propositions/"),
            ("surveys", "/questionnaires/"),
            ("resources", "/ressources/"),
            ("notifications", "/notifications/"),
            ("notification-preferences", "/notifications/preferences/"),
        ],
    )


def test_mentor_pages(new_page, screenshot, cast):
    application = ApplicationFactory(
        user=cast["mentor"], programme=cast["programme"], track_code="P1", mentor=True, validated=True
    )
    page = new_page()
    login(page, cast["mentor"])
    check_pages(
        page,
        screenshot,
        "mentor",
        [
            ("dashboard", "/tableau-de-bord/mentor/"),
            ("application", f"/candidatures/{application.pk}/"),
            ("requests", "/demandes/"),
        ],
    )


def test_hr_pages(new_page, screenshot, cast):
    application = ApplicationFactory(user=cast["mentee"], programme=cast["programme"], track_code="P1")
    page = new_page()
    login(page, cast["hr"])
    check_pages(
        page,
        screenshot,
        "hr",
        [
            ("dashboard", "/tableau-de-bord/referent-rh/"),
            ("relay", "/rh/relais/"),
            ("indicators", "/rh/evaluation/"),
            ("review", f"/examen/candidatures/{application.pk}/"),
        ],
    )


def test_engineer_pages(new_page, screenshot, cast):
    page = new_page()
    login(page, cast["engineer"])
    check_pages(
        page,
        screenshot,
        "engineer",
        [
            ("dashboard", "/tableau-de-bord/pilotage/"),
            ("applications", "/pilotage/candidatures/"),
            ("call-settings", "/pilotage/appel/"),
            ("matching-console", "/pilotage/mise-en-relation/"),
            ("evaluation", "/pilotage/evaluation/"),
            ("indicators", "/pilotage/evaluation/indicateurs/"),
            ("audit", "/pilotage/journal/"),
        ],
    )
