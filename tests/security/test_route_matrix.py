"""Route × role matrix: every URL name of the project, requested (GET) by every role on real objects,
answers what the table says. A new URL fails the meta-test until it is listed here.

Codes: LOGIN = redirect to the login page; 200, 403, 404, 405 = that status; "302" = a redirect
elsewhere than the login page (the view sends the person on, e.g. to their own dashboard).
POST-only views answer 405 to a GET once the role check (if it comes first) has passed.
"""

import pytest
import time_machine
from django.urls import reverse

from tests.conftest import StrictClient
from tests.security.routes import DELEGATED_PREFIXES, KWARGS, delegated_names, matrix_names
from tests.security.world import ROLES, build_world
from tests.sessions_binome.pairs import paris

LOGIN = "login"
R = "302"  # redirected elsewhere than the login page


def row(default, *, anonymous=LOGIN, **overrides):
    """Expected answers per role: `default` for every logged-in role unless overridden."""
    unknown = set(overrides) - set(ROLES)
    assert not unknown, unknown
    return {"anonymous": anonymous, **dict.fromkeys(ROLES[1:], default), **overrides}


PUBLIC = row(200, anonymous=200)
EVERYONE = row(200)
POST_ONLY = row(405)
ENGINEER = row(403, engineer=200)
ENGINEER_POST = row(403, engineer=405)
HR = row(403, hr=200, other_hr=200)  # HR pages show only the referent's own organisations
MENTEE = row(403, mentee=200, other_pair=200)
MENTOR = row(403, mentor=200)
OWN_APPLICATION = row(404, mentee=200)
# Pair pages: the two members; anyone else gets 404 (existence is not disclosed).
MEMBERS = row(404, mentee=200, mentor=200)

EXPECTED = {
    # --- public and everyone ---
    "healthz": PUBLIC,
    "favicon": row(R, anonymous=R),  # to the static icon
    "core:home": row(R, anonymous=200),
    "core:accessibility": PUBLIC,
    "core:privacy": PUBLIC,
    "core:contact": PUBLIC,
    "core:sitemap": PUBLIC,
    "core:dashboard": row(R, staff=200),
    "core:dashboard_mentee": MENTEE,
    "core:dashboard_mentor": MENTOR,
    "core:dashboard_hr": HR,
    "core:dashboard_engineer": ENGINEER,
    # --- applications ---
    "candidatures:apply_from_link": row(R, anonymous=200),
    "candidatures:invitation_opt_out": PUBLIC,  # the signed link of an invitation email; GET only asks
    "candidatures:start": EVERYONE,
    "candidatures:new": row(R),  # the call has closed (November): back to the start page
    "candidatures:detail": OWN_APPLICATION,
    "candidatures:edit": row(404, mentee=R),  # a submitted application goes back to its page
    "candidatures:withdraw": OWN_APPLICATION,
    "candidatures:reopen": POST_ONLY,
    "candidatures:relay_home": row(403, hr=R, other_hr=R),  # to the referent's own kit
    "candidatures:relay_kit": row(403, hr=200, other_hr=404),
    "candidatures:relay_link_regenerate": POST_ONLY,
    "candidatures:tracking": row(403, hr=200, other_hr=404),
    "candidatures:review": row(403, hr=200, other_hr=404, engineer=200),
    "candidatures:bulk_validate": POST_ONLY,
    "candidatures:engineer_list": ENGINEER,
    "candidatures:call_settings": ENGINEER,
    "candidatures:import": ENGINEER,
    # --- matching ---
    "matching:my_proposals": MENTEE,
    "matching:choose": POST_ONLY,
    "matching:cancel_request": POST_ONLY,
    "matching:change_mentor": row(403, mentee=200, other_pair=404),
    "matching:mentor_end_pair": MENTOR,
    "matching:mentor_requests": MENTOR,
    "matching:request_answer": MENTOR,
    "matching:console": ENGINEER,
    "matching:settings": ENGINEER,
    "matching:run_start": ENGINEER_POST,
    "matching:run_detail": ENGINEER,
    "matching:run_progress": ENGINEER,
    "matching:run_mentors": ENGINEER,
    "matching:proposal_add": ENGINEER_POST,
    "matching:proposal_remove": ENGINEER_POST,
    "matching:exclusion_add": ENGINEER_POST,
    "matching:run_publish": ENGINEER_POST,
    "matching:run_export": ENGINEER,
    "matching:engineer_pair_end": ENGINEER,
    # --- pairs, sessions, frame and charter ---
    "sessions_binome:my_pairs": row(200, mentee=R, mentor=R, other_pair=R),  # members go to their pair
    "sessions_binome:pair_detail": MEMBERS,
    # Only once the pair has ended (here it is active): 404 for everyone, members included.
    "sessions_binome:final_assessment": row(404),
    "sessions_binome:certificate": row(404),
    "sessions_binome:session_new": MEMBERS,
    "sessions_binome:session_edit": MEMBERS,
    "sessions_binome:session_cancel": POST_ONLY,
    "sessions_binome:session_log": row(404, mentor=200),  # the mentor writes the log
    "sessions_binome:session_note": row(404, mentee=200),  # a private note: its author only
    "sessions_binome:session_ics": MEMBERS,
    "sessions_binome:my_calendar": EVERYONE,
    "sessions_binome:my_calendar_regenerate": POST_ONLY,
    "sessions_binome:calendar_feed": PUBLIC,  # the random token is the key
    "sessions_binome:hr_pairs": HR,
    "sessions_binome:engineer_pairs": ENGINEER,
    "sessions_binome:engineer_pair_detail": ENGINEER,
    "sessions_binome:engineer_pair_message": ENGINEER,
    "sessions_binome:frame": MEMBERS,
    "sessions_binome:frame_confirm": POST_ONLY,
    "sessions_binome:charter": MEMBERS,
    "sessions_binome:charter_pdf": row(404),  # only once both have signed (not yet here)
    "sessions_binome:engineer_charters": ENGINEER,
    "sessions_binome:engineer_charter_new": ENGINEER,
    "sessions_binome:engineer_charter_detail": ENGINEER,
    "sessions_binome:engineer_charter_edit": row(403, engineer=R),  # a published version is read-only
    "sessions_binome:engineer_charter_publish": POST_ONLY,
    # --- audit ---
    "audit:list": ENGINEER,
    # --- resources and training ---
    "resources:list": EVERYONE,
    "resources:detail": EVERYONE,
    "resources:file": EVERYONE,
    "resources:manage": ENGINEER,
    "resources:create": ENGINEER,
    "resources:edit": ENGINEER,
    "resources:publish": ENGINEER_POST,
    "resources:delete": ENGINEER,
    "resources:training": ENGINEER,
    "resources:training_create": ENGINEER,
    "resources:training_edit": ENGINEER,
    "resources:training_delete": ENGINEER,
    "resources:attendance": ENGINEER,
    # --- notifications ---
    "notifications:list": EVERYONE,
    "notifications:open": row(404, mentee=R),  # one's own notification, then its link
    "notifications:mark_all_read": POST_ONLY,
    "notifications:preferences": EVERYONE,
    "notifications:unsubscribe": PUBLIC,  # the signed link of a reminder email; GET only asks
    "notifications:engineer_reminders": ENGINEER,
    "outbox:engineer_outbox": ENGINEER,
    "candidatures:import_job": ENGINEER,
    "outbox:resend": POST_ONLY,
    # --- evaluation ---
    "evaluation:my_surveys": EVERYONE,
    "evaluation:answer": row(404, mentee=200, other_pair=200),  # a questionnaire for mentees
    "evaluation:my_response": row(404, mentee=R),  # a draft goes back to the form
    "evaluation:engineer_home": ENGINEER,
    "evaluation:defaults_create": POST_ONLY,
    "evaluation:survey_detail": ENGINEER,
    "evaluation:survey_preview": ENGINEER,
    "evaluation:question_create": row(403, engineer=R),  # the survey has answers: locked
    "evaluation:question_edit": row(403, engineer=R),
    "evaluation:question_delete": POST_ONLY,
    "evaluation:question_move": POST_ONLY,
    "evaluation:engineer_indicators": ENGINEER,
    "evaluation:engineer_editions": ENGINEER,
    "evaluation:engineer_report": ENGINEER,
    "evaluation:data_csv": ENGINEER,
    "evaluation:free_text_csv": ENGINEER,
    "evaluation:data_xlsx": ENGINEER,
    "evaluation:report_job_create": POST_ONLY,
    "evaluation:report_job_progress": ENGINEER,
    "evaluation:report_job_download": row(403, engineer=404),  # the job has not finished
    "evaluation:hr_indicators": HR,
    "evaluation:hr_editions": HR,
    "evaluation:hr_report": HR,
    # --- personal data ---
    "privacy:my_data": EVERYONE,
    "privacy:my_data_download": EVERYONE,  # after a fresh password (tests/privacy/test_download.py)
    "privacy:erasure_list": ENGINEER,
    "privacy:erasure_confirm": ENGINEER,
    # --- people and roles (never in the admin) ---
    "accounts:people": ENGINEER,
    "accounts:person_roles": ENGINEER,
    "accounts:person_password_reset": ENGINEER_POST,
}

# POST answers of the routes that take a public POST: the one-click unsubscribe links, which mail
# providers post without a session or a CSRF token (RFC 8058). The signed token is the key.
EXPECTED_POST = {
    "candidatures:invitation_opt_out": PUBLIC,
    "notifications:unsubscribe": PUBLIC,
}

# Guarded by the admin and allauth themselves (login, MFA, rate limits; see tests/accounts/ and
# tests/security/test_admin_login.py): listed by prefix so that the matrix stays about our views.
DELEGATED = DELEGATED_PREFIXES


def _answer(response):
    if response.status_code == 302:
        return LOGIN if response.url.startswith(reverse("account_login")) else R
    return response.status_code


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_route_answers_each_role_as_the_table_says(client, programme, engineer, staff, name):
    with time_machine.travel(paris(2026, 11, 16, 9, 0), tick=False):  # the call has closed, pairs meet
        _check(client, programme, engineer, staff, name)


def _close(response):
    """Close file responses (open PDFs) without the request_finished signal closing the database
    connection in the middle of the test's transaction (it does on PostgreSQL)."""
    from django.core.signals import request_finished
    from django.db import close_old_connections

    if not hasattr(response, "close"):
        return
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)


def _check(client, programme, engineer, staff, name, method="get", expected=EXPECTED):
    world = build_world(programme, engineer, staff)
    url = reverse(name, kwargs=KWARGS.get(name, lambda o: {})(world.objects))
    answers = {}
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            person = world.people[role]
            client.force_login(person)
            client.reauthenticate(person)  # exports require a recent password
        response = getattr(client, method)(url)
        answers[role] = _answer(response)
        _close(response)
    assert answers == expected[name], url


@pytest.mark.parametrize("name", sorted(EXPECTED_POST))
def test_public_post_answers_each_role_as_the_table_says(programme, engineer, staff, name):
    client = StrictClient(enforce_csrf_checks=True)  # as a mail provider posts: no CSRF token
    with time_machine.travel(paris(2026, 11, 16, 9, 0), tick=False):
        _check(client, programme, engineer, staff, name, method="post", expected=EXPECTED_POST)


def test_every_url_name_is_in_the_table():
    missing = set(matrix_names()) - set(EXPECTED)
    assert not missing, f"URL names missing from the route × role matrix: {sorted(missing, key=str)}"


def test_the_table_names_only_existing_urls():
    assert set(EXPECTED) <= set(matrix_names())


def test_delegated_routes_are_only_the_admin_and_allauth():
    assert delegated_names()  # the admin and allauth are mounted
    ours = (
        "core:",
        "candidatures:",
        "matching:",
        "sessions_binome:",
        "audit:",
        "resources:",
        "notifications:",
        "evaluation:",
        "privacy:",
    )
    assert not [name for name in delegated_names() if name and name.startswith(ours)]
