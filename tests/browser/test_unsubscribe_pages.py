"""The unsubscribe pages as a person opens them from an e-mail, in Chromium, without being logged in:
the question, the button, the answer; axe-core finds no serious or critical violation and the page
fits 375 px."""

import pytest

from candidatures.models import Invitation, InvitationOptOut
from candidatures.relay import invitation_opt_out_url
from mentorat.notifications.selectors import disabled_kinds
from mentorat.notifications.unsubscribe import unsubscribe_url
from tests.browser.helpers import axe_run, blocking_violations, describe
from tests.factories import OrganisationFactory, ProgrammeFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _path(url, settings):
    return url.removeprefix(settings.SITE_URL)


def _check(page, screenshot, name):
    blocking = blocking_violations(axe_run(page))
    assert not blocking, f"{name}: {describe(blocking)}"
    assert page.evaluate("document.documentElement.scrollWidth") <= 375, name
    screenshot(page, f"375px-{name}")


def test_a_person_turns_a_reminder_off_from_the_link_with_one_button(new_page, screenshot, settings):
    person = UserFactory(first_name="Zoé")
    page = new_page(width=375)

    page.goto(_path(unsubscribe_url(person, "session-tomorrow"), settings))
    assert page.get_by_role("heading", level=1).inner_text() == "Ne plus recevoir ce rappel"
    assert disabled_kinds(person) == set()  # opening the link changed nothing
    _check(page, screenshot, "unsubscribe-reminder-ask")

    page.get_by_role("button", name="Ne plus recevoir ce rappel").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Vous ne recevrez plus ce rappel"
    assert disabled_kinds(person) == {"session-tomorrow"}
    _check(page, screenshot, "unsubscribe-reminder-done")

    tampered = _path(unsubscribe_url(person, "pair-inactive"), settings).replace("pair-inactive", "first-session")
    response = page.goto(tampered)
    assert response.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "Lien de désabonnement non valide"
    _check(page, screenshot, "unsubscribe-reminder-invalid")


def test_an_invited_person_asks_not_to_be_invited_again(new_page, screenshot, settings):
    organisation = OrganisationFactory(name="CPAM de la Gironde")
    referent = UserFactory(organisation=organisation, hr_of=[organisation])
    invitation = Invitation.objects.create(
        programme=ProgrammeFactory(),
        organisation=organisation,
        email="agent@assurance-maladie.fr",
        invited_by=referent,
        first_sent_at="2026-07-02T10:00:00+02:00",
        last_sent_at="2026-07-02T10:00:00+02:00",
    )
    page = new_page(width=375)

    page.goto(_path(invitation_opt_out_url(invitation), settings))
    assert "CPAM de la Gironde" in page.locator("main").inner_text()
    _check(page, screenshot, "invitation-opt-out-ask")
    assert not InvitationOptOut.objects.exists()

    page.get_by_role("button", name="Ne plus être invité·e").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Vous ne serez plus invité·e"
    assert InvitationOptOut.objects.get().email == "agent@assurance-maladie.fr"
    _check(page, screenshot, "invitation-opt-out-done")
