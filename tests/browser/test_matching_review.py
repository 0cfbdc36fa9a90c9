"""The review of a big draft at 390 px and 1280 px: the publish action is on screen when the page
opens and stays there while the engineer reads the list; adding a proposal goes through the mentor
search. Screenshots kept (test-artifacts/screenshots)."""

import pytest

from matching.enums import RunStatus
from matching.models import MatchingRun, Proposal
from mentorat.core.models import Track
from tests.browser.helpers import axe_run, blocking_violations, describe, login
from tests.factories import ApplicationFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def big_draft(cast):
    """A P2 draft of 40 mentees (two pages) with four proposals each, among 12 mentors."""
    programme = cast["programme"]
    organisations = [OrganisationFactory() for _n in range(4)]
    mentors = [
        ApplicationFactory(
            programme=programme,
            user=UserFactory(last_name=f"Mentor{n:02d}", organisation=organisations[n % 4]),
            mentor=True,
            validated=True,
            capacity=2,
        )
        for n in range(12)
    ]
    mentees = [
        ApplicationFactory(
            programme=programme,
            user=UserFactory(last_name=f"Mentore{n:02d}", organisation=organisations[(n + 1) % 4]),
            validated=True,
        )
        for n in range(40)
    ]
    run = MatchingRun.objects.create(
        programme=programme,
        track=Track.objects.get(programme=programme, code="P2"),
        status=RunStatus.DRAFT,
        progress=100,
        metrics={"exposure_demand": 1.2, "mentees": 40},
    )
    Proposal.objects.bulk_create(
        Proposal(
            run=run,
            mentee=mentee,
            mentor=mentors[(number + rank) % 12],
            rank=rank + 1,
            score=0.8,
            criteria={"themes": [0.5, "1 thème en commun : prise de poste"]},
        )
        for number, mentee in enumerate(mentees)
        for rank in range(4)
    )
    extra = ApplicationFactory(
        programme=programme,
        user=UserFactory(last_name="Zidane", organisation=organisations[0]),
        mentor=True,
        validated=True,
        capacity=2,
    )
    return {"run": run, "mentees": mentees, "extra": extra}


@pytest.mark.parametrize("width", [390, 1280])
def test_the_publish_action_stays_on_screen_while_reviewing(new_page, cast, big_draft, screenshot, width):
    run = big_draft["run"]
    page = new_page(width=width, height=844 if width == 390 else 900)
    login(page, cast["engineer"], totp=True)

    page.goto(f"/pilotage/mise-en-relation/{run.pk}/")
    publish = page.get_by_role("button", name="Publier les propositions")
    viewport = page.viewport_size

    def on_screen(locator):
        box = locator.bounding_box()
        return box is not None and 0 <= box["y"] and box["y"] + box["height"] <= viewport["height"]

    assert on_screen(publish)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    violations = blocking_violations(axe_run(page))
    assert not violations, describe(violations)
    page.screenshot(path=str(_path(f"{width}px-matching-review-top")))
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight / 2)")
    assert on_screen(publish)
    assert on_screen(page.get_by_label("J'ai relu les propositions"))
    page.screenshot(path=str(_path(f"{width}px-matching-review-scrolled")))
    screenshot(page, f"{width}px-matching-review")

    # Adding a proposal: search a mentor by name, the hard rules shown, « Ajouter ».
    page.get_by_role("link", name="Ajouter une proposition à").first.click()
    page.get_by_label("Rechercher un mentor du parcours").fill("zidane")
    page.get_by_role("button", name="Rechercher").click()
    screenshot(page, f"{width}px-matching-review-mentor-search")
    violations = blocking_violations(axe_run(page))
    assert not violations, describe(violations)
    page.locator("#contenu form button", has_text="Ajouter").first.click()
    page.wait_for_load_state()
    assert "est proposé·e à" in page.locator("#contenu").inner_text()
    assert Proposal.objects.filter(run=run, mentor=big_draft["extra"], added_by_hand=True).count() == 1


def _path(name):
    from tests.browser.conftest import SCREENSHOTS

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS / f"{name}.png"
