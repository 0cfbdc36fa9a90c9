"""The staff pages at 390 px and 1280 px, with a person whose name is as long as the platform
accepts and two editions side by side: nothing widens the page, the account menu and the edition
selector work on a phone, and a screenshot of each page is kept (test-artifacts/screenshots)."""

import pytest

from tests.browser.helpers import login
from tests.factories import ApplicationFactory, UserFactory, next_edition
from tests.sessions_binome.pairs import make_pair

pytestmark = pytest.mark.django_db(transaction=True)

# 100 characters, the longest name the profile accepts (letters and hyphens).
LONG_LAST_NAME = "-".join(["Montmorency", "Laval", "Beaufremont", "Courtenay", "Rochechouart", "Mortemart"] * 2)[:100]

ENGINEER_PAGES = {
    "dashboard": "/tableau-de-bord/pilotage/",
    "editions": "/pilotage/editions/",
    "applications": "/pilotage/candidatures/",
    "call": "/pilotage/appel/",
    "matching": "/pilotage/mise-en-relation/",
    "pairs": "/pilotage/binomes/",
    "evaluation": "/pilotage/evaluation/",
    "indicators": "/pilotage/evaluation/indicateurs/",
    "indicators-funnel": "/pilotage/evaluation/indicateurs/etapes/",
    "indicators-pairs": "/pilotage/evaluation/indicateurs/binomes/",
    "indicators-surveys": "/pilotage/evaluation/indicateurs/questionnaires/",
    "indicators-report": "/pilotage/evaluation/indicateurs/rapport/",
    "reminders": "/pilotage/rappels/",
    "outbox": "/pilotage/envois/",
    "people": "/pilotage/personnes/",
    "profile": "/compte/profil/",
}
HR_PAGES = {
    "dashboard": "/tableau-de-bord/referent-rh/",
    "pairs": "/rh/binomes/",
    "indicators": "/rh/evaluation/",
    "indicators-funnel": "/rh/evaluation/indicateurs/etapes/",
    "indicators-pairs": "/rh/evaluation/indicateurs/binomes/",
    "indicators-surveys": "/rh/evaluation/indicateurs/questionnaires/",
}


@pytest.fixture
def staff_world(cast):
    programme = cast["programme"]
    next_edition()
    long_named = UserFactory(
        email="long.nom@assurance-maladie.fr",
        first_name="Marie-Hélène",
        last_name=LONG_LAST_NAME,
        organisation=cast["hr"].organisation,
    )
    ApplicationFactory(programme=programme, user=long_named, organisation=long_named.organisation)
    pair = make_pair(programme, mentee_org=cast["hr"].organisation, mentor_org=cast["mentor"].organisation, prefix="l")
    pair.mentee.last_name = LONG_LAST_NAME
    pair.mentee.save(update_fields=["last_name"])
    cast["engineer"].last_name = LONG_LAST_NAME
    cast["engineer"].save(update_fields=["last_name"])
    return cast


@pytest.mark.parametrize("width", [390, 1280])
def test_the_engineers_pages_fit_and_keep_their_menu(new_page, staff_world, screenshot, width):
    page = new_page(width=width, height=800)
    login(page, staff_world["engineer"], totp=True)
    too_wide = {}
    for name, path in ENGINEER_PAGES.items():
        page.goto(path)
        assert page.locator("h1").count() == 1, name
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > width:
            too_wide[name] = scroll_width
        screenshot(page, f"{width}px-engineer-{name}")
    assert not too_wide, too_wide
    # Two editions: the dashboard opens on the other one by its address.
    page.goto(ENGINEER_PAGES["dashboard"] + "?edition=2027-2028")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # The account menu opens (through the folded navigation on a phone) and shows its entries.
    toggler = page.locator(".navbar-toggler")
    if toggler.is_visible():
        toggler.click()
    page.locator("#menu-compte").click()
    page.get_by_role("link", name="Mon profil").wait_for(state="visible")
    assert page.get_by_role("button", name="Se déconnecter").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(page, f"{width}px-engineer-account-menu")


@pytest.mark.parametrize("width", [390, 1280])
def test_the_hr_pages_fit(new_page, staff_world, screenshot, width):
    page = new_page(width=width, height=800)
    login(page, staff_world["hr"], totp=True)
    for name, path in HR_PAGES.items():
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, name
        screenshot(page, f"{width}px-hr-{name}")
