"""Every HTML page that any role can reach is valid HTML for the Nu Html Checker (issue 19).

The world of the sentinel test (tests/security/sentinels.py: a pair with its frame, signed charter,
held session and notes, an ended pair, a declined request, a questionnaire answer, reports) is
crawled by every role from every URL name of the project and every link of the pages it reads:
error pages (403, 404), forms, PDF reports as HTML and the admin for the site administrator
included. All pages go to one run of vnu.jar; each error is listed with its role, URL and line.
"""

import datetime
import json

import pytest
import time_machine
from django.urls import reverse

from evaluation.enums import Audience, Phase, QuestionKind
from evaluation.models import Question, Survey
from tests.external import REPO_ROOT
from tests.html_checker import check_documents
from tests.security.sentinels import ROLES, T_CRAWL, crawl, plant, planted_urls, seed_urls

pytestmark = pytest.mark.django_db

ARTIFACTS = REPO_ROOT / "test-artifacts"

# HTML pages (any status) each crawl must hand to the checker: a crawl that stopped early, or a
# change that stopped pages from being text/html, would otherwise pass unseen.
MIN_HTML_PAGES = {"anonymous": 15}  # the rest of its pages send it to the login page
MIN_HTML_PAGES_DEFAULT = 80

# A page with the mistakes axe-core does not see, checked in the same run: the check can fail.
CONTROL = "control page"
CONTROL_HTML = (
    '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Contrôle</title></head><body>'
    '<h1 id="titre">Effectif</h1><p id="titre">« < 5 »</p><span><form action="/"></form></span></body></html>'
)
CONTROL_ERRORS = ("Duplicate ID", "Unescaped “<”", "Element “form” not allowed as child of element “span”")


def _is_html_document(page):
    if not page.content_type.startswith("text/html") or 300 <= page.status < 400:
        return False  # a redirection has no page
    # A POST-only view answers a GET with Django's empty 405 (require_POST): no document to check.
    return not (page.status == 405 and not page.text)


def _unanswered_questionnaire(programme):
    """The world's questionnaire has an answer, so its questions are locked: this one still shows the
    buttons that move and delete its questions."""
    survey = Survey.objects.create(
        programme=programme,
        phase=Phase.END,
        audience=Audience.MENTOR,
        title="Fin de programme",
        opens_at=T_CRAWL + datetime.timedelta(days=100),
        closes_at=T_CRAWL + datetime.timedelta(days=130),
    )
    for position in (1, 2):
        Question.objects.create(survey=survey, position=position, kind=QuestionKind.TEXT, text=f"Question {position} ?")
    return reverse("evaluation:survey_detail", args=[survey.pk])


def test_every_page_of_every_role_is_valid_html(client, programme, engineer, staff):
    planted = plant(programme, engineer, staff)
    seeds, _unresolved = seed_urls(
        planted.objects, [*planted_urls(planted.objects), _unanswered_questionnaire(programme)]
    )
    documents, counts = {CONTROL: CONTROL_HTML}, {}
    for role in ROLES:
        client.logout()
        with time_machine.travel(T_CRAWL, tick=False):
            if role != "anonymous":
                person = planted.people[role]
                client.force_login(person)
                client.reauthenticate(person)  # exports and the data download need a fresh password
            pages = [page for page in crawl(client, seeds) if _is_html_document(page)]
        counts[role] = len(pages)
        documents.update({f"{role} {page.url} ({page.status})": page.text for page in pages})

    errors = check_documents(documents)
    control = [error.message for error in errors if error.page == CONTROL]
    errors = [error for error in errors if error.page != CONTROL]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "html-validity-crawl.json").write_text(json.dumps({"pages": counts, "errors": len(errors)}, indent=1))

    for expected in CONTROL_ERRORS:
        assert any(expected in message for message in control), f"the checker missed « {expected} »: {control}"
    too_few = {role: n for role, n in counts.items() if n < MIN_HTML_PAGES.get(role, MIN_HTML_PAGES_DEFAULT)}
    assert not too_few, f"HTML pages crawled per role: {counts}"
    assert not errors, f"{len(errors)} HTML error(s) in {len(documents) - 1} pages:\n" + "\n".join(map(str, errors))
