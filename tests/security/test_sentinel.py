"""Confidential content never leaks (issue 9).

A unique string is planted in every confidential field through the services the application uses
(session agenda and notes, private notes, preparation and reflections, the reason of a change of
mentor, a mentor's decline reason and the mentee's message, the free-text survey answers of a mentee
and of a mentor, the pair's frame, an application's objectives and a mentor's presentation, the
engineer's message to a pair, the messages of a pair's own thread). Then every role crawls every URL of the project resolved on real objects, and every link of
those pages (exports and PDFs included, after a fresh password): a sentinel appears only to the
people listed as its owners in tests/security/sentinels.py, never in an email to anyone else, and
never in the logs nor the audit trail, which operators read. The roles that need two-factor
authentication (one HR referent, the engineer, the site admin) log in through the real login, TOTP
and re-authentication pages rather than force_login.
"""

import logging

import pytest
import time_machine
from django.apps import apps
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.db import connection
from django.urls import reverse

from evaluation.enums import ReportJobStatus
from evaluation.models import ReportJob
from mentorat.audit.models import AuditEvent
from sessions_binome.enums import NoteKind
from tests.factories import DEFAULT_PASSWORD, TOTP_SECRET, current_totp_code
from tests.security.routes import matrix_names
from tests.security.sentinels import (
    EXPECTED_ALSO,
    EXPECTED_AT,
    NOTE_SENTINELS,
    ONLY_AT,
    OWNERS,
    ROLES,
    SENTINELS,
    STORED_IN,
    T_CRAWL,
    crawl,
    email_parts,
    encrypted_fields,
    found,
    plant,
    planted_urls,
    seed_urls,
    stored_values,
)

pytestmark = pytest.mark.django_db

# Roles that must use two-factor authentication log in as a person does: the allauth login form,
# then the TOTP step with the code an authenticator app shows now, so that the crawl sees what a
# really logged-in session sees (no force_login, no forged re-authentication).
REAL_LOGIN = ("hr", "engineer", "staff")  # one role of each kind that needs TOTP


def log_in_with_totp(client, person):
    response = client.post(reverse("account_login"), {"login": person.email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 302 and response.url == reverse("mfa_authenticate"), response
    response = client.post(reverse("mfa_authenticate"), {"code": current_totp_code(TOTP_SECRET)})
    assert response.status_code == 302, response
    assert not response.url.startswith(reverse("mfa_authenticate")), response.url
    # Exports ask for the password again even right after logging in (allauth counts only an explicit
    # re-authentication): typed on the real page, as the person does when an export asks for it.
    response = client.post(reverse("account_reauthenticate"), {"password": DEFAULT_PASSWORD})
    assert response.status_code == 302 and not response.url.startswith(reverse("account_reauthenticate")), response


# Pages (any status) each crawl must at least read: a crawl that stops early proves nothing.
MIN_PAGES = {"anonymous": 60, "engineer": 150, "staff": 150}
MIN_PAGES_DEFAULT = 100
# Pages that must answer 200 to the role (the crawl really got in, not only 403/404/login).
MIN_OK_PAGES = {"anonymous": 5, "engineer": 75, "staff": 75}
MIN_OK_PAGES_DEFAULT = 15
# The PDFs each role must have read as text: the signed charter and the certificates of the members,
# the evaluation reports (the engineer's, built in the background job too, and the HR one).
_CHARTER, _CERTIFICATE = "sessions_binome:charter_pdf", "sessions_binome:certificate"
PDFS = {
    "mentee": lambda o: [reverse(_CHARTER, args=[o["pair"].pk]), reverse(_CERTIFICATE, args=[o["pair"].pk])],
    "mentor": lambda o: [reverse(_CHARTER, args=[o["pair"].pk]), reverse(_CERTIFICATE, args=[o["pair"].pk])],
    "engineer": lambda o: [
        reverse(_CHARTER, args=[o["pair"].pk]),
        reverse("evaluation:engineer_report"),
        reverse("evaluation:report_job_download", kwargs={"job_id": o["free_text_job"].pk, "kind": "pdf"}),
    ],
    "hr": lambda o: [reverse("evaluation:hr_report")],
    "hr_mentors": lambda o: [reverse("evaluation:hr_report")],
    "other_hr": lambda o: [reverse("evaluation:hr_report")],
}


class _Records(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.records = []
        self.formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")

    def emit(self, record):
        self.records.append(record)


@pytest.fixture
def log_records():
    """Every record that reaches the root logger at DEBUG level, as operators would read them."""
    handler, root = _Records(), logging.getLogger()
    previous = root.level
    root.setLevel(logging.DEBUG)
    root.addHandler(handler)
    yield handler
    root.removeHandler(handler)
    root.setLevel(previous)


def log_text(handler, record):
    parts = [handler.format(record), repr(record.args), record.exc_text or "", repr(vars(record))]
    if record.exc_info and not record.exc_text:
        parts.append(logging.Formatter().formatException(record.exc_info))
    return "\n".join(parts)


@pytest.fixture
def planted(programme, engineer, staff, log_records):
    world = plant(programme, engineer, staff)
    world.emails = list(mail.outbox)
    world.log_count = len(log_records.records)
    return world


def roles_of(planted, address):
    return {role for role, person in planted.people.items() if person.email.lower() == address.lower()}


def email_leaks(planted, messages):
    leaks = []
    for message in messages:
        parts = email_parts(message)
        for address in [*message.to, *message.cc, *message.bcc]:
            owned = {name for name, owners in OWNERS.items() if owners & roles_of(planted, address)}
            for name, sentinel in SENTINELS.items():
                if name in owned:
                    continue
                leaks += [
                    f"{name} in the {where} of « {message.subject} » to {address}"
                    for where, text in parts
                    if found(sentinel, text)
                ]
    return leaks


def log_leaks(handler, records):
    return [
        f"{name} in a log record of {record.name}: {record.getMessage()[:200]}"
        for record in records
        for name, sentinel in SENTINELS.items()
        if found(sentinel, log_text(handler, record))
    ]


def audit_leaks():
    rows = list(AuditEvent.objects.values())
    assert rows, "the audit trail recorded nothing: the check would prove nothing"
    return [
        f"{name} in audit event {row['id']} ({row['action']})"
        for row in rows
        for name, sentinel in SENTINELS.items()
        if found(sentinel, repr(row))
    ]


# --- the sentinels cover every confidential field ----------------------------------------------------


def test_every_encrypted_field_of_the_project_gets_a_sentinel():
    missing = set(encrypted_fields()) - set(STORED_IN)
    assert not missing, f"confidential fields with no sentinel in tests/security/sentinels.py: {sorted(missing)}"
    assert encrypted_fields(), "no EncryptedTextField found: the introspection is broken"


def test_every_kind_of_private_note_gets_a_sentinel():
    assert set(NOTE_SENTINELS) == set(NoteKind)


def test_every_sentinel_has_owners_and_a_field():
    assert set(OWNERS) == set(SENTINELS) == {name for names in STORED_IN.values() for name in names}
    assert all(owners <= set(ROLES) for owners in OWNERS.values())
    assert len(set(SENTINELS.values())) == len(SENTINELS)


def test_planting_stored_each_sentinel_encrypted(planted):
    stored = stored_values(planted)
    assert {name: value.split(" ")[0] for name, value in stored.items()} == SENTINELS
    # The background job really built the engineer's report (PDF, XLSX with the free text, CSV).
    job = ReportJob.objects.get(pk=planted.objects["free_text_job"].pk)
    assert job.status == ReportJobStatus.DONE and job.pdf and job.xlsx and job.csv, job.error
    # At rest the columns hold ciphertext only.
    for label, column in encrypted_fields():
        table = apps.get_model(label)._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(f'SELECT "{column}" FROM "{table}"')  # noqa: S608 - names from the models
            raw = " ".join(value or "" for (value,) in cursor.fetchall())
        assert not [name for name, sentinel in SENTINELS.items() if sentinel in raw], (
            f"{label}.{column} is stored in clear"
        )


def test_the_emails_sent_while_planting_reach_no_one_but_the_owners(planted):
    subjects = [message.subject for message in planted.emails]
    # Signatures, invitation, request, decline, end of pair, reminders (the session of tomorrow with
    # its invitation, questionnaires, a mentee who has not chosen), certificates: all really emailed.
    assert len(planted.emails) >= 15, subjects
    ics = [text for message in planted.emails for where, text in email_parts(message) if where.startswith("attachment")]
    assert any("BEGIN:VCALENDAR" in text for text in ics), "the calendar invitation was not read"
    leaks = email_leaks(planted, planted.emails)
    assert not leaks, "\n".join(leaks)


def test_the_logs_and_audit_trail_of_planting_hold_no_sentinel(planted, log_records):
    assert planted.log_count, "no log record captured: the check would prove nothing"
    leaks = log_leaks(log_records, log_records.records[: planted.log_count]) + audit_leaks()
    assert not leaks, "\n".join(leaks)


def test_the_email_check_reads_attachments_and_html(planted):
    """The checks themselves can fail: a sentinel in an invitation or an HTML part sent to a
    non-owner is reported."""
    message = EmailMultiAlternatives(subject="Séance", body="Bonjour", to=[planted.people["hr"].email])
    message.attach_alternative(f"<p>{SENTINELS['shared_notes']}</p>", "text/html")
    message.attach("seance.ics", f"BEGIN:VCALENDAR\nDESCRIPTION:{SENTINELS['agenda']}\nEND:VCALENDAR", "text/calendar")
    leaks = email_leaks(planted, [message])
    assert any(leak.startswith("shared_notes in the alternative") for leak in leaks), leaks
    assert any(leak.startswith("agenda in the attachment seance.ics") for leak in leaks), leaks
    # Sent to an owner, it is not a leak.
    message.to = [planted.people["mentee"].email]
    assert not email_leaks(planted, [message])


def test_the_log_check_reads_arguments_and_tracebacks(log_records):
    logger = logging.getLogger("mentorat.test")
    logger.debug("note %s", SENTINELS["mentor_private"])
    try:
        raise ValueError(SENTINELS["decline_reason"])
    except ValueError:
        logger.exception("échec")
    leaks = log_leaks(log_records, log_records.records)
    assert [leak.split(" ")[0] for leak in leaks] == ["mentor_private", "decline_reason"], leaks


# --- each role crawls everything it can reach ----------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_each_role_reads_only_the_confidential_content_it_owns(client, planted, log_records, role):
    objects = planted.objects
    seeds, unresolved = seed_urls(objects, planted_urls(objects))
    assert not set(unresolved) & set(matrix_names()), "every URL of the project is crawled"
    with time_machine.travel(T_CRAWL, tick=False):
        if role in REAL_LOGIN:
            log_in_with_totp(client, planted.people[role])
        elif role != "anonymous":
            person = planted.people[role]
            client.force_login(person)
            client.reauthenticate(person)  # exports answer only after a fresh password
        pages = crawl(client, seeds)

    seen, leaks = {name: set() for name in SENTINELS}, []
    for page in pages:
        for name, sentinel in SENTINELS.items():
            if not found(sentinel, page.text):
                continue
            seen[name].add(page.url)
            only_at = ONLY_AT.get((name, role))
            if role not in OWNERS[name] or (only_at and not only_at(planted)(page.url)):
                leaks.append(f"{name} on {page.url} ({page.status}, {page.kind})")
    assert not leaks, f"{role} reads what is not theirs:\n" + "\n".join(leaks)

    # The crawl walked the role's world, PDFs and spreadsheets included.
    ok = [page for page in pages if page.status == 200]
    assert len(pages) >= MIN_PAGES.get(role, MIN_PAGES_DEFAULT), len(pages)
    assert len(ok) >= MIN_OK_PAGES.get(role, MIN_OK_PAGES_DEFAULT), [page.url for page in ok]
    for page in ok:
        if page.kind == "pdf" and not page.url.startswith("/ressources/"):
            assert "mentorat" in page.text.lower(), f"no text read from the PDF {page.url}"
    pdfs = {page.url for page in ok if page.kind == "pdf"}
    assert set(PDFS.get(role, lambda o: [])(objects)) <= pdfs, sorted(pdfs)

    # Owners do read their sentinels where they should: the check can fail.
    for (name, owner), url in EXPECTED_AT.items():
        if owner == role:
            assert url(objects) in seen[name], (
                f"{role} should read {name} on {url(objects)}; read on {sorted(seen[name])}"
            )
    for (name, owner), urls in EXPECTED_ALSO.items():
        if owner == role:
            for url in urls(objects):
                assert url in seen[name], f"{role} should read {name} in {url}"

    # Nothing confidential leaves by email, nor reaches the logs or the audit trail, while browsing.
    leaks = (
        email_leaks(planted, mail.outbox[len(planted.emails) :])
        + log_leaks(log_records, log_records.records[planted.log_count :])
        + audit_leaks()
    )
    assert not leaks, "\n".join(leaks)
    if role != "anonymous":  # its pages are redirections to the login page: nothing is logged
        assert len(log_records.records) > planted.log_count, "no log record captured while crawling"
