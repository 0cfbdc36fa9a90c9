import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from candidatures.demo import DEMO_PASSWORD, demo_plan
from candidatures.eligibility import eligibility_hints
from candidatures.enums import AVAILABILITY_CODES, ApplicationRole, ApplicationStatus
from candidatures.models import Application
from mentorat.accounts.demo import DEMO_TOTP_SECRET
from mentorat.accounts.models import User
from mentorat.core.models import Branch, Organisation, Programme, Theme, Track
from tests.factories import current_totp_code

PARIS = ZoneInfo("Europe/Paris")
CALL_OPENS = datetime.datetime(2026, 7, 1, tzinfo=PARIS)
CALL_CLOSES = datetime.datetime(2026, 9, 12, 23, 59, 59, tzinfo=PARIS)

pytestmark = pytest.mark.django_db


def seed_demo():
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def output(seeded_demo):
    return seeded_demo


def snapshot():
    """Every row the seed writes, field by field."""
    models = [Branch, Organisation, Theme, Programme, Track, User, EmailAddress, Application,
              Application.themes.through, User.hr_organisations.through]  # fmt: skip
    return {model.__name__: sorted(model.objects.values_list(), key=lambda row: row[0]) for model in models}


def test_it_creates_enough_mentors_mentees_and_hr_referents(output):
    applications = Application.objects.filter(programme__slug="2026-2027")
    assert applications.filter(role=ApplicationRole.MENTOR).count() >= 60
    assert applications.filter(role=ApplicationRole.MENTEE).count() >= 70
    assert Organisation.objects.filter(hr_referents__isnull=False).distinct().count() >= 6
    assert User.objects.filter(is_programme_engineer=True).count() == 1
    assert User.objects.filter(hr_organisations__code="CPAM-33").filter(hr_organisations__code="CAF-33").exists()


def test_every_status_exists_for_both_roles_and_both_tracks(output):
    combinations = set(Application.objects.values_list("role", "track__code", "status"))
    for role in ApplicationRole.values:
        for track in ("P1", "P2"):
            for status in ApplicationStatus.values:
                assert (role, track, status) in combinations


def test_applicants_are_spread_over_organisations_and_branches(output):
    assert Application.objects.values("organisation").distinct().count() >= 30
    assert Application.objects.values("organisation__branch").distinct().count() == Branch.objects.count()


def test_every_person_has_a_verified_primary_email_and_the_demo_password(output):
    users = User.objects.all()
    assert users.count() >= 140
    verified = set(EmailAddress.objects.filter(verified=True, primary=True).values_list("user_id", "email"))
    assert verified == set(users.values_list("id", "email"))
    assert all(email.endswith("@demo.mentorat.fr") for email in users.values_list("email", flat=True))
    assert all(user.check_password(DEMO_PASSWORD) for user in users)


def test_applications_are_valid_and_follow_the_tracks_rules(output):
    for application in Application.objects.select_related("track", "user").prefetch_related("themes"):
        application.full_clean()
        assert application.user.first_name and application.user.last_name
        assert application.organisation_id == application.user.organisation_id
        assert 2 <= application.themes.count() <= 4
        assert application.availability and set(application.availability) <= AVAILABILITY_CODES
        assert application.objectives
        assert all(getattr(application, f) for f in ("ack_duration", "ack_rhythm", "ack_working_time",
                                                    "ack_volunteering", "ack_confidentiality", "ack_change_mentor"))  # fmt: skip
        assert application.data_consent_at is not None
        is_mentor = application.role == ApplicationRole.MENTOR
        assert (application.capacity in (1, 2)) if is_mentor else application.capacity is None
        assert bool(application.presentation) == is_mentor
        if application.status == ApplicationStatus.DECLINED:
            continue  # declined applications are the ones that miss the track's profile
        if application.track.code == "P1" and not is_mentor:
            assert application.is_manager
            assert application.manager_since >= datetime.date(2024, 9, 1)
        if application.track.code == "P1" and is_mentor:
            assert application.is_manager
            assert application.manager_since <= datetime.date(2021, 9, 1)
        if application.track.code == "P2" and is_mentor:
            assert application.years_experience >= 8


def test_eligibility_hints_agree_with_the_decisions(output):
    applications = Application.objects.select_related("programme", "track").exclude(role="mentee", track__code="P2")
    for application in applications:
        eligible = all(hint.ok for hint in eligibility_hints(application))
        assert eligible == (application.status != ApplicationStatus.DECLINED), application.decision_reason


def test_most_mentors_accompany_one_mentee(output):
    capacities = list(Application.objects.filter(role=ApplicationRole.MENTOR).values_list("capacity", flat=True))
    assert 0.65 <= capacities.count(1) / len(capacities) <= 0.95


def test_dates_follow_the_call_calendar_and_the_status(output):
    for application in Application.objects.filter(programme__slug="2026-2027"):
        assert CALL_OPENS <= application.created_at <= CALL_CLOSES
        if application.status == ApplicationStatus.DRAFT:
            assert application.submitted_at is None
        else:
            assert application.created_at < application.submitted_at <= CALL_CLOSES
        if application.status in (ApplicationStatus.VALIDATED, ApplicationStatus.DECLINED):
            assert application.submitted_at < application.decided_at < datetime.datetime(2026, 10, 1, tzinfo=PARIS)
            assert application.decided_by is not None
        else:
            assert application.decided_at is None and application.decided_by is None
        assert bool(application.decision_reason) == (application.status == ApplicationStatus.DECLINED)
        assert (application.withdrawn_at is not None) == (application.status == ApplicationStatus.WITHDRAWN)
        last_event = max(d for d in (application.created_at, application.submitted_at, application.decided_at,
                                     application.withdrawn_at) if d)  # fmt: skip
        assert application.updated_at == last_event


def test_matching_runs_were_launched_and_computed_before_their_publication(output):
    from matching.models import MatchingRun

    runs = list(MatchingRun.objects.exclude(published_at=None))
    assert runs
    for run in runs:
        assert run.created_at < run.finished_at < run.published_at


def test_decisions_are_taken_by_the_organisations_hr_referent_or_the_engineer(output):
    decided = Application.objects.exclude(decided_by=None).select_related("decided_by")
    for application in decided:
        decider = application.decided_by
        assert decider.is_programme_engineer or decider.hr_organisations.filter(pk=application.organisation_id).exists()


def test_the_demo_mentee_and_mentor_are_validated_in_p1_across_organisations_and_branches(output):
    mentee = Application.objects.get(user__email="mentoree@demo.mentorat.fr")
    mentor = Application.objects.get(user__email="mentor@demo.mentorat.fr", programme__slug="2026-2027")
    assert (mentee.role, mentee.track.code, mentee.status, mentee.organisation.code) == (
        "mentee", "P1", "validated", "CPAM-33",
    )  # fmt: skip
    assert (mentor.role, mentor.track.code, mentor.status) == ("mentor", "P1", "validated")
    assert mentor.organisation.branch != mentee.organisation.branch


def test_2027_2028_is_prepared_from_2026_2027_and_stays_in_preparation(output):
    from evaluation.models import Survey
    from mentorat.audit.models import AuditEvent
    from mentorat.core.editions.selection import default_edition
    from mentorat.core.enums import ProgrammeStatus
    from sessions_binome.models import Charter

    running, next_one = Programme.objects.get(slug="2026-2027"), Programme.objects.get(slug="2027-2028")
    assert (running.status, next_one.status) == (ProgrammeStatus.LIVE, ProgrammeStatus.PREPARATION)
    assert default_edition(list(Programme.objects.order_by("-starts_on"))) == running
    assert (next_one.call_opens_at, next_one.call_closes_at) == (
        datetime.datetime(2027, 7, 1, tzinfo=PARIS), datetime.datetime(2027, 9, 12, 23, 59, 59, tzinfo=PARIS),
    )  # fmt: skip
    assert (next_one.starts_on, next_one.ends_on) == (datetime.date(2027, 10, 15), datetime.date(2028, 5, 15))
    assert sorted(next_one.tracks.values_list("code", flat=True)) == ["P1", "P2"]
    assert Charter.objects.get(programme=next_one).is_published
    assert Survey.objects.filter(programme=next_one).count() == Survey.objects.filter(programme=running).count() > 0
    event = AuditEvent.objects.get(action="edition_prepared")
    assert event.actor.email == "ingenieure@demo.mentorat.fr" and event.details["source"] == "2026-2027"


def test_the_engineer_sees_both_editions(client, output):
    client.force_login(User.objects.get(email="ingenieure@demo.mentorat.fr"))
    page = client.get(reverse("core:edition_list")).content.decode()
    assert "Programme de mentorat 2026-2027" in page and "Programme de mentorat 2027-2028" in page
    assert "En préparation" in page


def test_the_demo_mentor_returns_with_a_draft_to_2027_2028_and_their_pages_still_show_2026_2027(client, output):
    draft = Application.objects.get(user__email="mentor@demo.mentorat.fr", programme__slug="2027-2028")
    previous = Application.objects.get(user__email="mentor@demo.mentorat.fr", programme__slug="2026-2027")
    assert (draft.role, draft.status, draft.track.code, draft.track.programme_id) == (
        "mentor", "draft", "P1", draft.programme_id,
    )  # fmt: skip
    assert set(draft.themes.all()) == set(previous.themes.all()) and draft.presentation == previous.presentation
    client.force_login(draft.user)
    for url in (reverse("core:dashboard_mentor"), reverse("candidatures:start"), reverse("matching:mentor_requests"),
                reverse("candidatures:detail", args=[draft.pk]), reverse("candidatures:detail", args=[previous.pk]),
                reverse("privacy:my_data")):  # fmt: skip
        assert client.get(url).status_code == 200, url
    dashboard = client.get(reverse("core:dashboard_mentor")).content.decode()
    assert "2026-2027" in dashboard and "2027-2028" not in dashboard


def test_the_plan_is_the_same_on_every_run():
    assert demo_plan() == demo_plan()


def test_a_second_run_changes_nothing(output):
    before = snapshot()
    with CaptureQueriesContext(connection) as queries:
        seed_demo()
    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert writes == []
    after = snapshot()
    assert {name: len(rows) for name, rows in after.items()} == {name: len(rows) for name, rows in before.items()}
    assert after == before  # includes updated_at and the password hashes


def test_it_prints_one_login_per_role_and_the_shared_password(output):
    for email in ("ingenieure@demo.mentorat.fr", "rh@demo.mentorat.fr", "mentor@demo.mentorat.fr",
                  "mentoree@demo.mentorat.fr", "admin@demo.mentorat.fr"):  # fmt: skip
        assert email in output
    assert "Mot de passe commun : Mentorat-demo-2026!" in output


def test_it_keeps_a_password_the_person_changed(output):
    user = User.objects.get(email="mentor@demo.mentorat.fr")
    user.set_password("Un-autre-mot-de-passe-2026")
    user.save()
    seed_demo()
    user.refresh_from_db()
    assert user.check_password("Un-autre-mot-de-passe-2026")


@pytest.mark.parametrize(
    "email, dashboard",
    [
        ("ingenieure@demo.mentorat.fr", "core:dashboard_engineer"),
        ("rh@demo.mentorat.fr", "core:dashboard_hr"),
        ("mentor@demo.mentorat.fr", "core:dashboard_mentor"),
        ("mentoree@demo.mentorat.fr", "core:dashboard_mentee"),
    ],
)
def test_demo_logins_log_in_and_reach_their_dashboard(client, output, email, dashboard):
    response = client.post(reverse("account_login"), {"login": email, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    if response.url == reverse("mfa_authenticate"):
        # Engineer and HR referents have a second factor: the demo secret gives today's code.
        response = client.post(response.url, {"code": current_totp_code(DEMO_TOTP_SECRET)})
        assert response.status_code == 302
    response = client.get(response.url)
    assert response.status_code == 302 and response.url == reverse(dashboard)
    page = client.get(response.url)
    assert page.status_code == 200
    assert "À faire maintenant" in page.content.decode()


def test_demo_admin_logs_in_and_reaches_the_django_admin(client, output):
    assert client.login(email="admin@demo.mentorat.fr", password=DEMO_PASSWORD)
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("core:dashboard")).status_code == 200


def test_it_refuses_to_run_in_production(tmp_path):
    """With production settings (DEBUG=false), the demo accounts and their published password and TOTP
    key are never created: the command stops before writing anything."""
    import subprocess
    import sys
    from pathlib import Path

    database = tmp_path / "production.sqlite3"
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "mentorat.settings",
        "DEBUG": "false",
        "SECRET_KEY": "x" * 60 + "abcdefghij",
        "FIELD_ENCRYPTION_KEYS": "Xr2QkOq0xk3ZC0rX4pd3mJ3F0m5k2l3h0n5b6v7c8x0=",
        "EMAIL_URL": "smtp://h:25",
        "ALLOWED_HOSTS": "mentorat.example.fr",
        "DATABASE_URL": f"sqlite:///{database}",
    }
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "manage.py", "seed_demo"], env=env, cwd=root, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "seed_demo refuse de s'exécuter avec DEBUG=false" in result.stderr
    assert "manage.py seed_reference" in result.stderr
    assert not database.exists() or database.stat().st_size == 0
