"""The staff lists in a browser: on a phone (390 px) the filters fold behind « Filtrer » and each row is
a card whose alerts stay in sight; on a desktop (1280 px) the filters are open, a header sorts the
list and one box selects every application of the page for the bulk validation. Screenshots are kept
(test-artifacts/screenshots)."""

import pytest

from sessions_binome.enums import PairStatus
from tests.browser.helpers import login
from tests.factories import ApplicationFactory, UserFactory
from tests.sessions_binome.pairs import make_pair

pytestmark = pytest.mark.django_db(transaction=True)

PAIRS = "/pilotage/binomes/"
APPLICATIONS = "/pilotage/candidatures/?status=submitted"


@pytest.fixture
def lists_world(cast):
    programme = cast["programme"]
    home, other = cast["hr"].organisation, cast["mentor"].organisation
    for prefix in ("a", "b"):
        make_pair(programme, mentee_org=home, mentor_org=other, prefix=prefix, status=PairStatus.FRAME)
    for last_name in ("Arnaud", "Berger", "Chevalier"):
        ApplicationFactory(programme=programme, user=UserFactory(last_name=last_name, organisation=home))
    return cast


def test_on_a_phone_a_list_is_cards_with_their_alerts_and_folded_filters(new_page, lists_world, screenshot):
    page = new_page(width=390, height=800)
    login(page, lists_world["engineer"], totp=True)
    page.goto(PAIRS)

    filters = page.locator("#filtres")
    assert not filters.is_visible()
    toggle = page.locator(".filters-toggle")
    assert toggle.inner_text() == "Filtrer"
    assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    # The first screen shows the list, not six selects.
    first_card = page.locator("table.table-cards tbody tr").first
    assert first_card.bounding_box()["y"] < 800
    assert first_card.evaluate("row => getComputedStyle(row).display") == "block"
    # The header row stays for screen readers only (visually hidden: one pixel, clipped).
    assert page.locator("table.table-cards thead").first.bounding_box()["height"] <= 1
    alert = first_card.locator(".cell-alerts .badge")
    assert alert.is_visible() and alert.inner_text() == "charte non signée"
    box = alert.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    label = first_card.locator(".cell-alerts").evaluate("cell => getComputedStyle(cell, '::before').content")
    assert label == '"Alertes"'
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "390px-engineer-pairs-cards")

    toggle.click()
    filters.locator("select").first.wait_for(state="visible")
    assert toggle.get_attribute("aria-expanded") == "true"
    screenshot(page, "390px-engineer-pairs-filters-open")


def test_on_a_desktop_the_filters_are_open_and_a_header_sorts_the_list(new_page, lists_world, screenshot):
    page = new_page(width=1280, height=900)
    login(page, lists_world["engineer"], totp=True)
    page.goto(APPLICATIONS)

    assert page.locator("#filtres select").first.is_visible()
    assert not page.locator(".filters-toggle").is_visible()
    names = page.locator("table.table-cards tbody td.cell-title")
    assert names.all_inner_texts()[0].endswith("Arnaud")

    page.locator("th[aria-sort='ascending'] a.sort-link").click()
    page.wait_for_url("**tri=-nom**")
    assert page.locator("th[aria-sort='descending']").inner_text().startswith("Nom")
    assert names.all_inner_texts()[0].endswith("Chevalier")
    screenshot(page, "1280px-engineer-applications-sorted")


def test_one_box_selects_every_application_of_the_page(new_page, lists_world, screenshot):
    page = new_page(width=1280, height=900)
    login(page, lists_world["engineer"], totp=True)
    page.goto(APPLICATIONS)

    rows = page.locator("input[name='application']")
    assert rows.count() == 3
    select_all = page.get_by_label("Tout sélectionner sur cette page")
    select_all.check()
    assert all(rows.nth(i).is_checked() for i in range(3))
    rows.first.uncheck()
    assert select_all.evaluate("box => box.indeterminate") and not select_all.is_checked()
    select_all.check()
    page.get_by_role("button", name="Valider les candidatures sélectionnées").click()
    page.get_by_text("3 candidatures validées ; les personnes sont prévenues.").wait_for()
    screenshot(page, "1280px-engineer-applications-validated")
