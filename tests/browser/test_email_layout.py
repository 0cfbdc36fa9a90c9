"""Every e-mail fits a phone: each HTML template of templates/emails/ (the partials and the base
aside), rendered with a context that fills every variable it uses — a 110-character link without a
break, long names — is opened in Chromium at 375 px wide and must not scroll sideways. The account
e-mails of allauth come from their real senders (password reset, sign-up confirmation) and pass the
same check. One browser for the whole module, one page for all the e-mails."""

import copy
import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from candidatures.models import Invitation
from candidatures.relay import invitation_opt_out_url, relay_link_get_or_create
from evaluation.enums import Audience, Phase
from evaluation.models import ReportJob, Survey
from matching.models import MentorRequest
from mentorat.core.emails import render_email
from mentorat.notifications.unsubscribe import unsubscribe_url
from sessions_binome.models import PairFrame
from sessions_binome.models.charter import FrameRhythm
from tests.factories import ApplicationFactory, OrganisationFactory, UserFactory
from tests.notifications.helpers import publish_run
from tests.sessions_binome.pairs import add_session, make_pair

pytestmark = pytest.mark.django_db

PHONE_WIDTH = 375
EMAILS = Path(settings.BASE_DIR) / "templates" / "emails"
# 110 characters without a space or a hyphen, as the application link of an invitation is.
LONG_LINK = ("https://visio.assurance-maladie.fr/rejoindre/" + "Zx8kQ2vLm9" * 7)[:110]
LONG_FIRST_NAME = "Marie-Éléonore-Apolline"
LONG_LAST_NAME = "Wolfeschlegelsteinhausenbergerdorff"
LONG_ORGANISATION = "Caisse primaire d'assurance maladie de la Seine-Saint-Denis et des Hauts-de-Seine réunies"
INVALID = "@@MISSING@@"
# The e-mails that give a session's video link: a link one taps, not text to copy.
VIDEO_LINK_EMAILS = {"session_planned", "session_rescheduled", "reminder_session_tomorrow"}


def email_names():
    return sorted(p.stem for p in EMAILS.glob("*.html") if not p.name.startswith("_") and p.name != "base.html")


def every_email_context(programme):
    """One context that fills every e-mail template: real objects (the templates reverse URLs with
    their keys) with long names, long links and long free text."""
    now = timezone.now()
    home = OrganisationFactory(code="CPAM-93", name=LONG_ORGANISATION)
    away = OrganisationFactory(code="CAF-59", name="Caisse d'allocations familiales du Nord")
    pair = make_pair(programme, mentee_org=home, mentor_org=away, prefix="long", activated_at=now)
    for person in (pair.mentee, pair.mentor):
        person.first_name, person.last_name = LONG_FIRST_NAME, LONG_LAST_NAME
        person.save(update_fields=["first_name", "last_name"])
    session = add_session(pair, when=now + datetime.timedelta(days=1), video_link=LONG_LINK)
    frame = PairFrame.objects.create(
        pair=pair,
        rhythm=FrameRhythm.OTHER,
        rhythm_other="Une séance toutes les trois à quatre semaines, le jeudi matin",
        starts_on=programme.starts_on,
        ends_on=programme.ends_on,
        video=LONG_LINK,
    )
    application = pair.mentee_application
    application.decision_reason = "Motif : " + "l'expérience demandée pour ce parcours n'est pas encore acquise. " * 3
    application.save(update_fields=["decision_reason"])
    free_mentor = ApplicationFactory(programme=programme, user__organisation=away, mentor=True, validated=True)
    waiting = ApplicationFactory(programme=programme, user__organisation=home, validated=True)
    run = publish_run(programme, waiting.track, {waiting: [free_mentor]}, at=now)
    request = MentorRequest.objects.create(
        proposal=run.proposals.get(),
        mentee=waiting,
        mentor=free_mentor,
        deadline=now + datetime.timedelta(days=5),
    )
    survey = Survey.objects.create(
        programme=programme,
        phase=Phase.MID,
        audience=Audience.MENTEE,
        title="Questionnaire de mi-parcours du programme de mentorat interbranches",
        opens_at=now,
        closes_at=now + datetime.timedelta(days=20),
    )
    referent = UserFactory(first_name=LONG_FIRST_NAME, last_name=LONG_LAST_NAME, organisation=home, hr_of=[home])
    invitation = Invitation.objects.create(
        programme=programme,
        organisation=home,
        email="agent.long@assurance-maladie.fr",
        invited_by=referent,
        first_sent_at=now,
        last_sent_at=now,
    )
    relay_link_get_or_create(programme=programme, organisation=home, by=referent)
    return {
        "person": pair.mentee,
        "other": pair.mentor,
        "by": pair.mentor,
        "author": pair.mentor,  # pair_messages_digest
        "count": 3,
        "editions": "Programme de mentorat 2026-2027",
        "url": reverse("sessions_binome:pair_messages", args=[pair.pk]),
        "sender": referent,
        "referent": referent,
        "mentee": pair.mentee,
        "mentor": pair.mentor,
        "pair": pair,
        "frame": frame,
        "session": session,
        "programme": programme,
        "organisation": home,
        "application": application,
        "track": application.track,
        "role_label": "mentoré·e",
        "request": request,
        "survey": survey,
        "remaining": True,
        "since": now - datetime.timedelta(days=45),
        "days": 45,
        "closes_at": programme.call_closes_at,
        "ends_on": programme.ends_on,
        "link_url": LONG_LINK,
        "activation_url": LONG_LINK,
        "opt_out_url": invitation_opt_out_url(invitation),
        "name": f"{LONG_FIRST_NAME} {LONG_LAST_NAME}",  # test_ping
        "subject": "Votre binôme : un message de l'équipe du programme",
        "body": "Bonjour à vous deux, voici le lien du guide : " + LONG_LINK + "\nBonne séance.",
        "news": [{"name": LONG_ORGANISATION, "started": 128, "submitted": 96, "withdrawn": 12, "to_review": 57}],
        "totals": {"started": 128, "submitted": 96, "withdrawn": 12, "to_review": 57},
        "sections": [
            {
                "heading": "Binômes à risque : aucune séance tenue depuis 60 jours",
                "count": 23,
                "items": [
                    {"title": f"{LONG_FIRST_NAME} {LONG_LAST_NAME} / {LONG_FIRST_NAME} {LONG_LAST_NAME}", "url": "/x/"}
                ],
                "more": 22,
                "link": reverse("core:dashboard_engineer"),
                "own_links": True,
                # reminder_hr_digest reads its sections per edition
                "programme": programme,
                "since": now - datetime.timedelta(days=7),
                "call_open": True,
                "news": [
                    {"name": LONG_ORGANISATION, "started": 128, "submitted": 96, "withdrawn": 12, "to_review": 57}
                ],
                "totals": {"started": 128, "submitted": 96, "withdrawn": 12, "to_review": 57},
            }
        ],
        "total": 23,
        "reminder_kind": "pair-inactive",
        "reminder_label": "Binôme sans séance depuis 45 jours",
        "reminder_essential": False,
        "unsubscribe_url": unsubscribe_url(pair.mentee, "pair-inactive"),
        "failures": 7,  # login_failures
        "at": now,
        "engineer_granted": True,  # roles_changed
        "engineer_removed": False,
        "hr_added": [home],
        "hr_removed": [away],
        "job": ReportJob.objects.create(programme=programme),  # report_ready
        "who": "Une mentorée",  # proposal_question
    }


@pytest.fixture
def filled_templates():
    """Templates render a missing variable as INVALID, so that a context that leaves one empty fails."""
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0].setdefault("OPTIONS", {})["string_if_invalid"] = INVALID
    with override_settings(TEMPLATES=templates):
        yield


def overflowing(page, html):
    """(scroll width, the innermost elements that stick out) of an e-mail laid out in the page."""
    page.set_content(html)
    width = page.evaluate("document.documentElement.scrollWidth")
    culprits = page.evaluate(
        """limit => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > limit)
            .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > limit))
            .slice(0, 3).map(e => e.tagName + ': ' + (e.textContent || '').trim().slice(0, 60))""",
        PHONE_WIDTH,
    )
    return width, culprits


def describe(too_wide):
    return "wider than the phone:\n" + "\n".join(
        f"  {name}: {width} px, ends with {culprits}" for name, (width, culprits) in too_wide.items()
    )


def test_every_email_template_fits_a_375_px_phone_screen(browser, programme, filled_templates, screenshot):
    context = every_email_context(programme)
    rendered = {}
    for name in email_names():
        subject, text, html = render_email(name, context)
        missing = [part for part in (subject, text, html) if INVALID in part]
        assert not missing, f"{name}: the context leaves a variable empty"
        rendered[name] = html
    assert len(rendered) >= 34  # the e-mails of the platform, test_ping included
    assert LONG_LINK in rendered["invitation"] and LONG_LINK in rendered["reminder_session_tomorrow"]

    page = browser.new_context(viewport={"width": PHONE_WIDTH, "height": 800}, locale="fr-FR").new_page()
    too_wide = {}
    for name, html in rendered.items():
        width, culprits = overflowing(page, html)
        screenshot(page, f"email-375px-{name}")  # test-artifacts/screenshots/, to look at
        if width > PHONE_WIDTH:
            too_wide[name] = (width, culprits)
        if name in VIDEO_LINK_EMAILS:
            links = page.evaluate("[...document.querySelectorAll('a')].map(a => a.href)")
            assert LONG_LINK in links, f"{name}: the video link is not a link"
    page.context.close()
    assert too_wide == {}, describe(too_wide)


def test_the_account_emails_fit_a_375_px_phone_screen(browser, client, screenshot):
    """allauth's e-mails, from the real flows: password reset, sign-up confirmation, unknown address."""
    UserFactory(email=f"{LONG_LAST_NAME.lower()}@assurance-maladie.fr", first_name=LONG_FIRST_NAME)
    client.post(reverse("account_reset_password"), {"email": f"{LONG_LAST_NAME.lower()}@assurance-maladie.fr"})
    client.post(reverse("account_reset_password"), {"email": "personne.inconnue@assurance-maladie.fr"})
    client.post(
        reverse("account_signup"),
        {
            "first_name": LONG_FIRST_NAME,
            "last_name": LONG_LAST_NAME,
            "email": "nouvelle.personne@assurance-maladie.fr",
            "password1": "Binome-Gironde-2026",
            "password2": "Binome-Gironde-2026",
        },
    )
    messages = {m.subject: m.alternatives[0][0] for m in mail.outbox}
    assert len(messages) == 3
    # The reset and confirmation links are long and unbroken (80 characters and more).
    assert sum(bool(re.search(r"https?://[^\s\"<]{80,}", html)) for html in messages.values()) == 2

    page = browser.new_context(viewport={"width": PHONE_WIDTH, "height": 800}, locale="fr-FR").new_page()
    too_wide = {}
    for number, (subject, html) in enumerate(messages.items()):
        width, culprits = overflowing(page, html)
        screenshot(page, f"email-375px-account-{number}")
        if width > PHONE_WIDTH:
            too_wide[subject] = (width, culprits)
    page.context.close()
    assert too_wide == {}, describe(too_wide)
