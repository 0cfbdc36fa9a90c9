"""What axe cannot see alone: the skip link with the keyboard, a visible focus, errors tied to their
fields and announced, heading order, and the layout at 375 px (a small phone)."""

import pytest

from tests.browser.helpers import login

pytestmark = pytest.mark.django_db(transaction=True)

HEADING_LEVELS = "() => [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => Number(h.tagName[1]))"


def test_the_skip_link_is_the_first_tab_stop_and_moves_to_the_main_content(new_page, open_programme):
    page = new_page()
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => [document.activeElement.textContent.trim(), document.activeElement.getAttribute('href')]"
    )
    assert focused == ["Aller au contenu", "#contenu"]
    # Hidden until focused, then shown.
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"
    page.keyboard.press("Tab")
    assert page.evaluate("document.getElementById('contenu').contains(document.activeElement)")


def test_the_keyboard_focus_is_visible(new_page, open_programme):
    page = new_page()
    page.goto("/comptes/login/")
    field = page.get_by_label("Adresse e-mail")
    before = field.evaluate("el => getComputedStyle(el).boxShadow + getComputedStyle(el).outlineStyle")
    page.keyboard.press("Tab")
    while not field.evaluate("el => el === document.activeElement"):
        page.keyboard.press("Tab")
    after = field.evaluate("el => getComputedStyle(el).boxShadow + getComputedStyle(el).outlineStyle")
    assert after != before, "no outline or shadow on the focused field"
    link = page.get_by_role("link", name="Mot de passe oublié ?")
    link.focus()
    outline = link.evaluate("el => [getComputedStyle(el).outlineStyle, getComputedStyle(el).boxShadow]")
    assert outline[0] != "none" or outline[1] != "none", outline


def test_form_errors_are_tied_to_their_fields_and_announced(new_page, cast):
    page = new_page()
    login(page, cast["mentee"])
    page.goto("/candidater/mentee/")
    page.evaluate("document.querySelector('#contenu form').noValidate = true")
    page.locator("#contenu form button[value=submit]").click()
    page.wait_for_load_state()
    # Every field has a label (or, for a group, a legend).
    unlabelled = page.evaluate(
        """() => [...document.querySelectorAll('#contenu input:not([type=hidden]), #contenu select, #contenu textarea')]
              .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                            && !el.getAttribute('aria-labelledby')).map(el => el.name)"""
    )
    assert unlabelled == []
    # The summary is announced; each invalid field points to its message.
    assert page.locator("#contenu [role=alert], #contenu [aria-live]").first.is_visible()
    # A field, or the fieldset of a group of radios or checkboxes, points to its message.
    untied = page.evaluate(
        """() => [...document.querySelectorAll('#contenu [aria-invalid=true]')].filter(el => {
              const owner = el.closest('fieldset[aria-describedby]') || el;
              const ids = (owner.getAttribute('aria-describedby') || '').split(/\\s+/).filter(Boolean);
              return !ids.some(id => (document.getElementById(id) || {}).textContent?.trim());
           }).map(el => el.name)"""
    )
    assert page.locator("#contenu [aria-invalid=true]").count() >= 2
    assert untied == []


@pytest.mark.parametrize("path", ["/", "/comptes/login/", "/accessibilite/", "/plan-du-site/"])
def test_public_headings_start_at_one_and_never_skip_a_level(new_page, open_programme, path):
    page = new_page()
    page.goto(path)
    levels = page.evaluate(HEADING_LEVELS)
    assert levels and levels.count(1) == 1 and levels[0] == 1, levels
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), levels


def test_pages_fit_a_375_px_screen(new_page, cast, screenshot):
    page = new_page(width=375, height=740)
    pages = {"home": "/", "login": "/comptes/login/", "accessibility": "/accessibilite/", "sitemap": "/plan-du-site/"}
    for name, path in pages.items():
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, name
        screenshot(page, f"375px-{name}")
    login(page, cast["mentee"])
    for name, path in {"dashboard": "/tableau-de-bord/", "apply-form": "/candidater/mentee/"}.items():
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, name
        screenshot(page, f"375px-mentee-{name}")
    # The navigation folds into a menu button that the keyboard can open.
    toggler = page.locator(".navbar-toggler")
    if toggler.count():
        toggler.focus()
        page.keyboard.press("Enter")
        page.get_by_role("link", name="Ressources").wait_for(state="visible")


def test_a_wide_table_scrolls_inside_itself_on_a_phone(new_page, cast, screenshot):
    """Visually hidden texts in a table (caption, a button's label) are absolutely positioned: without a
    positioned scrolling box they widened the whole page (the outbox page was 550 px on a 390 px phone)."""
    from mentorat.outbox.enums import EmailState
    from mentorat.outbox.models import OutboxEmail

    for number in range(3):
        OutboxEmail.objects.create(
            kind="invitation",
            to=[f"une.adresse.particulierement.longue.{number}@assurance-maladie.fr"],
            subject="s",
            text_body="t",
            state=EmailState.FAILED,
            reason="Adresse refusée par le serveur de messagerie (code 550).",
        )
    page = new_page(width=390, height=740)
    login(page, cast["engineer"])
    page.goto("/pilotage/envois/")

    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "390px-engineer-outbox")
