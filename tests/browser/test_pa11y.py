"""A second accessibility engine beside axe-core: pa11y with HTML_CodeSniffer (WCAG 2.1 AA) on the
key pages of every role, filled with the demo data (seed_demo) so that tables, charts and lists have
rows. HTML_CodeSniffer checks what axe-core leaves out, such as the cells of a table with two levels
of headers that must name their headers. No error allowed; warnings and notices are counted in
test-artifacts/pa11y-summary.json. One node process and one Chromium check every page."""

import datetime
import io
import json
import subprocess
import time
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from candidatures.demo import DEMO_MENTEE, ENGINEER, HR_REFERENTS, PROGRAMME_SLUG
from candidatures.enums import ApplicationStatus
from candidatures.models import Application
from candidatures.relay import relay_link_get_or_create, relay_link_token
from evaluation.enums import Audience, Phase
from evaluation.models import Response, Survey
from evaluation.selectors import survey_pending_participants
from matching.enums import RequestStatus, RunStatus
from matching.models import MatchingRun, MentorRequest, ProposalQuestion
from matching.services import matching_run_execute
from mentorat.accounts.models import User
from mentorat.core.models import Programme
from mentorat.resources.models import Resource
from sessions_binome.enums import PairStatus, SessionStatus
from sessions_binome.models import MentoringSession, PairTakeaway
from tests.browser.conftest import CHROMIUM, LAUNCH_ARGS, SCREENSHOTS
from tests.external import node_package, program
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

BATCH = Path(__file__).with_name("pa11y_batch.js")
SUMMARY = SCREENSHOTS.parent / "pa11y-summary.json"


def demo_world():
    """seed_demo's programme (its fixed 2026-2027 calendar), with what a few pages need to show
    their working state: a call reopened for a late application, a mid-programme questionnaire
    open, a draft matching run to review."""
    call_command("seed_demo", stdout=io.StringIO())
    now = timezone.now()
    programme = Programme.objects.get(slug=PROGRAMME_SLUG)
    Programme.objects.filter(pk=programme.pk).update(call_closes_at=now + datetime.timedelta(days=20))
    survey = Survey.objects.get(programme=programme, phase=Phase.MID, audience=Audience.MENTEE)
    Survey.objects.filter(pk=survey.pk).update(
        opens_at=now - datetime.timedelta(hours=1), closes_at=now + datetime.timedelta(days=20)
    )
    track = programme.tracks.get(code="P2")
    run = MatchingRun.objects.create(
        programme=programme, track=track, created_by=User.objects.get(email=ENGINEER.email)
    )
    matching_run_execute(run_id=run.pk)

    held = MentoringSession.objects.filter(pair__status=PairStatus.ACTIVE, status=SessionStatus.HELD)
    pair = held.order_by("pair_id").first().pair
    # A session to come whatever the day the tests run: its agenda and cancellation pages.
    planned = MentoringSession.objects.create(
        pair=pair, starts_at=now + datetime.timedelta(days=7), scheduled_by=pair.mentee, agenda="Un point d'étape."
    )
    closed = PairTakeaway.objects.select_related("pair").order_by("pk").first().pair  # closing/demo.py
    respondent = survey_pending_participants(survey).exclude(pk__in=Response.objects.values("respondent_id")).first()
    request = MentorRequest.objects.filter(status=RequestStatus.PENDING).order_by("pk").first()
    hr = User.objects.get(email=HR_REFERENTS[0].email)
    organisation = hr.hr_organisations.order_by("pk").first()
    newcomer = UserFactory(email="nouvelle@assurance-maladie.fr", organisation=organisation)
    applications = Application.objects.filter(organisation=organisation).order_by("pk")
    # The demo's questions to proposed mentors (matching/demo.py): one answered, one waiting.
    answered = ProposalQuestion.objects.filter(answered_at__isnull=False).select_related("mentee__user").first()
    waiting = ProposalQuestion.objects.filter(answered_at__isnull=True).select_related("mentor__user").first()
    return {
        "people": {
            "engineer": User.objects.get(email=ENGINEER.email),
            "hr": hr,
            "mentee": User.objects.get(email=DEMO_MENTEE.email),
            "newcomer": newcomer,
            "pair_mentee": pair.mentee,
            "pair_mentor": pair.mentor,
            "requested_mentor": request.mentor.user,
            "respondent": respondent,
            "closed_mentee": closed.mentee,
            "closed_mentor": closed.mentor,
            "asker": answered.mentee.user,
            "asked_mentor": waiting.mentor.user,
        },
        "closed": closed,
        "waiting_question": waiting,
        "pair": pair,
        "session": held.filter(pair=pair).order_by("starts_at").first(),
        "planned": planned,
        "survey": survey,
        "run": run,
        "published_run": MatchingRun.objects.filter(status=RunStatus.PUBLISHED).order_by("pk").first(),
        "request": request,
        "organisation": organisation,
        "relay_token": relay_link_token(
            relay_link_get_or_create(programme=programme, organisation=organisation, by=hr)
        ),
        "to_review": (applications.filter(status=ApplicationStatus.SUBMITTED) or applications).first(),
        "resource": Resource.objects.order_by("pk").first(),
        "next_edition": Programme.objects.get(slug="2027-2028"),  # in preparation (mentorat/core/editions/demo.py)
    }


SUBMIT = "#contenu form [type=submit]"


def key_pages(world):
    """(who, page name, path, button that sends its form empty or None): the pages each role lives
    on, forms also with the server's error messages."""
    pair, organisation, survey = world["pair"], world["organisation"], world["survey"]
    return [
        (None, "home", "/", None),
        (None, "login", "/comptes/login/", None),
        (None, "login-errors", "/comptes/login/", SUBMIT),
        (None, "signup", "/comptes/signup/", None),
        (None, "signup-errors", "/comptes/signup/", SUBMIT),
        (None, "accessibility", "/accessibilite/", None),
        ("newcomer", "apply-start", "/candidater/", None),
        ("newcomer", "apply-form", "/candidater/mentee/", None),
        ("newcomer", "apply-form-errors", "/candidater/mentee/", "#contenu form button[value=submit]"),
        ("mentee", "dashboard", "/tableau-de-bord/mentore/", None),
        ("mentee", "proposals", "/mes-propositions/", None),
        ("requested_mentor", "requests", "/demandes/", None),
        ("requested_mentor", "request-answer", f"/demandes/{world['request'].pk}/", None),
        ("asker", "proposals-question-answered", "/mes-propositions/", None),
        ("asked_mentor", "question-answer", f"/demandes/questions/{world['waiting_question'].pk}/", None),
        ("asked_mentor", "question-answer-errors", f"/demandes/questions/{world['waiting_question'].pk}/", SUBMIT),
        ("mentee", "profile", "/compte/profil/", None),
        ("pair_mentee", "pair", f"/binomes/{pair.pk}/", None),
        ("pair_mentee", "frame", f"/binomes/{pair.pk}/cadre/", None),
        ("pair_mentee", "session-form", f"/binomes/{pair.pk}/seances/nouvelle/", None),
        ("pair_mentee", "session-held", f"/binomes/{pair.pk}/seances/deja-tenue/", None),
        ("pair_mentee", "session-held-errors", f"/binomes/{pair.pk}/seances/deja-tenue/", SUBMIT),
        ("pair_mentee", "session-cancel", f"/seances/{world['planned'].pk}/annuler/", None),
        ("pair_mentee", "session-agenda", f"/seances/{world['planned'].pk}/ordre-du-jour/?modele=mi-parcours", None),
        ("pair_mentee", "messages", f"/binomes/{pair.pk}/messages/", None),
        ("pair_mentee", "messages-errors", f"/binomes/{pair.pk}/messages/", SUBMIT),
        ("pair_mentor", "mentor-dashboard", "/tableau-de-bord/mentor/", None),
        ("closed_mentee", "pair-closing", f"/binomes/{world['closed'].pk}/cloture/", None),
        ("closed_mentor", "pair-closing-mentor", f"/binomes/{world['closed'].pk}/cloture/", None),
        ("closed_mentee", "pair-archive", f"/binomes/{world['closed'].pk}/archive/", None),
        ("closed_mentee", "closed-messages", f"/binomes/{world['closed'].pk}/messages/", None),
        ("pair_mentor", "session-log", f"/seances/{world['session'].pk}/compte-rendu/", None),
        ("respondent", "surveys", "/questionnaires/", None),
        ("respondent", "survey-answer", f"/questionnaires/{survey.pk}/", None),
        ("respondent", "survey-answer-errors", f"/questionnaires/{survey.pk}/", "#contenu form button[name=send]"),
        ("pair_mentee", "resources", "/ressources/", None),
        ("pair_mentee", "resource", f"/ressources/{world['resource'].slug}/", None),
        ("hr", "hr-dashboard", "/tableau-de-bord/referent-rh/", None),
        ("hr", "hr-relay", "/rh/relais/", None),
        ("hr", "hr-relay-kit", f"/rh/organismes/{organisation.pk}/kit/", None),
        ("hr", "hr-tracking", f"/rh/organismes/{organisation.pk}/suivi/", None),
        ("hr", "hr-pairs", "/rh/binomes/", None),
        ("hr", "hr-indicators", "/rh/evaluation/", None),
        ("hr", "hr-indicators-surveys", "/rh/evaluation/indicateurs/questionnaires/", None),
        ("hr", "hr-editions", "/rh/evaluation/editions/", None),
        ("engineer", "engineer-dashboard", "/tableau-de-bord/pilotage/", None),
        ("engineer", "applications", "/pilotage/candidatures/", None),
        ("engineer", "applications-declined", "/pilotage/candidatures/?status=declined", None),
        ("engineer", "matching-console", "/pilotage/mise-en-relation/", None),
        ("engineer", "matching-draft-run", f"/pilotage/mise-en-relation/{world['run'].pk}/", None),
        ("engineer", "supervision", "/pilotage/binomes/", None),
        ("engineer", "supervision-pair", f"/pilotage/binomes/{pair.pk}/", None),
        ("engineer", "evaluation", "/pilotage/evaluation/", None),
        ("engineer", "survey-settings", f"/pilotage/evaluation/questionnaires/{survey.pk}/", None),
        ("engineer", "indicators", "/pilotage/evaluation/indicateurs/", None),
        ("engineer", "indicators-surveys", "/pilotage/evaluation/indicateurs/questionnaires/", None),
        ("engineer", "editions", "/pilotage/evaluation/editions/", None),
        ("engineer", "resource-library", "/pilotage/ressources/", None),
        # Beyond the key pages: the other pages of each role, cheap to check once the browser is up.
        (None, "sitemap", "/plan-du-site/", None),
        (None, "privacy", "/donnees-personnelles/", None),
        (None, "contact", "/contact/", None),
        (None, "password-reset", "/comptes/password/reset/", None),
        (None, "relay-link", f"/candidater/lien/{world['relay_token']}/", None),
        ("pair_mentee", "application", f"/candidatures/{pair.mentee_application_id}/", None),
        ("pair_mentee", "charter", f"/binomes/{pair.pk}/charte/", None),
        ("pair_mentee", "session-note", f"/seances/{world['session'].pk}/notes/mentee_preparation/", None),
        ("pair_mentee", "change-mentor", f"/mon-binome/{pair.pk}/changer-de-mentor/", None),
        ("pair_mentee", "calendar", "/mon-agenda/", None),
        ("pair_mentee", "notifications", "/notifications/", None),
        ("pair_mentee", "notification-preferences", "/notifications/preferences/", None),
        ("pair_mentee", "my-data", "/mes-donnees/", None),
        ("hr", "hr-review", f"/examen/candidatures/{world['to_review'].pk}/", None),
        ("engineer", "editions", "/pilotage/editions/", None),
        ("engineer", "edition-prepare", "/pilotage/editions/preparer/", None),
        ("engineer", "edition-open", f"/pilotage/editions/{world['next_edition'].pk}/ouvrir/", None),
        ("engineer", "call-settings", "/pilotage/appel/", None),
        ("engineer", "applications-import", "/pilotage/candidatures/import/", None),
        ("engineer", "matching-settings", "/pilotage/mise-en-relation/reglages/", None),
        ("engineer", "matching-run-mentors", f"/pilotage/mise-en-relation/{world['run'].pk}/mentors/", None),
        ("engineer", "matching-published-run", f"/pilotage/mise-en-relation/{world['published_run'].pk}/", None),
        ("engineer", "charters", "/pilotage/charte/", None),
        ("engineer", "charter-new", "/pilotage/charte/nouvelle-version/", None),
        ("engineer", "survey-preview", f"/pilotage/evaluation/questionnaires/{survey.pk}/apercu/", None),
        ("engineer", "question-new", f"/pilotage/evaluation/questionnaires/{survey.pk}/questions/ajouter/", None),
        ("engineer", "resource-new", "/pilotage/ressources/nouvelle/", None),
        ("engineer", "training", "/pilotage/formation/", None),
        ("engineer", "training-attendance", "/pilotage/formation/presences/", None),
        ("engineer", "reminders", "/pilotage/rappels/", None),
        ("engineer", "audit", "/pilotage/journal/", None),
        ("engineer", "erasure", "/pilotage/effacement/", None),
    ]


def session_cookies(people):
    """{role: the Django session cookie of a signed-in session}, as a browser would hold it after
    the password and the second factor."""
    cookies = {}
    for role, person in people.items():
        client = Client()
        client.force_login(person)
        cookies[role] = [
            {"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value}
        ]
    return cookies


def pa11y_run(pages):
    node = program("node")
    node_package("pa11y")
    request = {"chromium": CHROMIUM, "args": LAUNCH_ARGS, "standard": "WCAG2AA", "pages": pages}
    finished = subprocess.run(
        [node, str(BATCH)], input=json.dumps(request), capture_output=True, text=True, timeout=240, check=False
    )
    assert finished.returncode == 0, finished.stderr[-3000:]
    return json.loads(finished.stdout)


def describe(issue, page):
    return (
        f"{page['name']} ({page['url']}): {issue['code']}\n"
        f"    {issue['message']}\n"
        f"    at {issue['selector']}: {issue['context']}"
    )


def summarise(report, seconds):
    """What test-artifacts/pa11y-summary.json keeps: versions, time, and per page its counts and
    warnings (mostly contrasts HTML_CodeSniffer cannot compute, over gradients or transparency)."""
    summary = {"versions": report["versions"], "seconds": round(seconds, 1), "pages": {}}
    warnings = Counter()
    for page in report["pages"]:
        issues = page["issues"]
        summary["pages"][page["name"]] = {
            "url": page["url"],
            "ms": page["milliseconds"],
            "two_level_tables": page["tablesWithTwoHeaderRows"],
            **{kind: sum(issue["type"] == kind for issue in issues) for kind in ("error", "warning", "notice")},
            "warnings": [
                {key: issue[key] for key in ("code", "message", "selector", "context")}
                for issue in issues
                if issue["type"] == "warning"
            ],
        }
        warnings.update(issue["code"] for issue in issues if issue["type"] == "warning")
    summary["warnings_by_code"] = dict(warnings.most_common())
    return summary


def test_key_pages_have_no_html_codesniffer_error(live_server):
    world = demo_world()
    cookies = session_cookies(world["people"])
    pages = [
        {"name": name, "url": live_server.url + path, "cookies": cookies[who] if who else [], "submitEmpty": button}
        for who, name, path, button in key_pages(world)
    ]
    started = time.monotonic()
    report = pa11y_run(pages)
    summary = summarise(report, time.monotonic() - started)
    SUMMARY.parent.mkdir(parents=True, exist_ok=True)
    SUMMARY.write_text(json.dumps(summary, indent=1, ensure_ascii=False))

    sent_empty = {page["name"] for page in pages if page["submitEmpty"]}
    unreached = [
        f"{page['name']}: {page['url']} gave {page['status']} at {page['finalUrl']}"
        for page in report["pages"]
        if page["status"] != 200 or page["finalUrl"] != page["url"]
    ] + [
        f"{page['name']}: the form sent empty came back without an error message"
        for page in report["pages"]
        if page["name"] in sent_empty and not page["errorsShown"]
    ]
    assert not unreached, "\n".join(unreached)
    # The pages hold what HTML_CodeSniffer is here for, which axe-core does not check: the benefits
    # table and its two levels of column headers (on the questionnaires' theme page).
    two_levels = {name for name, figures in summary["pages"].items() if figures["two_level_tables"]}
    assert {"indicators-surveys", "hr-indicators-surveys"} <= two_levels, two_levels
    errors = [describe(issue, page) for page in report["pages"] for issue in page["issues"] if issue["type"] == "error"]
    assert not errors, f"{len(errors)} HTML_CodeSniffer error(s):\n" + "\n".join(errors)
