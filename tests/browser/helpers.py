"""What the browser tests share: signing in (with the second factor), running axe-core."""

import json
from pathlib import Path

import axe_playwright_python

from tests.factories import DEFAULT_PASSWORD, TOTP_SECRET, current_totp_code

AXE_SOURCE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()
# WCAG 2.1 A and AA, which the RGAA 4.1 follows, plus axe's best practices (landmarks, headings).
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}}
BLOCKING = {"serious", "critical"}


def login(page, user, *, totp=None):
    page.goto("/comptes/login/")
    page.get_by_label("Adresse e-mail").fill(user.email)
    page.get_by_label("Mot de passe").fill(DEFAULT_PASSWORD)
    page.locator("#contenu form [type=submit]").first.click()
    if totp is None:
        totp = user.is_programme_engineer or user.is_staff or user.hr_organisations.exists()
    if totp:
        page.locator("#contenu input[name=code]").fill(current_totp_code(TOTP_SECRET))
        page.get_by_role("button", name="Connexion").click()
    page.wait_for_load_state()


def axe_run(page):
    """axe-core's results on the page as it is now. Evaluated through the DevTools protocol, which
    the page's Content Security Policy does not restrict, so the policy stays on for the test."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE)
    return page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)


def blocking_violations(results):
    return [v for v in results["violations"] if v["impact"] in BLOCKING]


def describe(violations):
    return json.dumps(
        [
            {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"][:5]]}
            for v in violations
        ],
        indent=1,
        ensure_ascii=False,
    )
