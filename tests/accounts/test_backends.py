"""The person of each request is read with their roles, TOTP device and unread notifications
(mentorat/accounts/backends.py); the permissions give the same answers as when they query."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from candidatures.enums import ApplicationStatus
from mentorat.accounts import perms
from mentorat.accounts.backends import ModelBackend
from mentorat.core.enums import ProgrammeStatus, Role, TrackCode
from mentorat.notifications.models import Notification
from tests.factories import ApplicationFactory, ProgrammeFactory, UserFactory, next_edition

pytestmark = pytest.mark.django_db


def _answers(user):
    return {
        "roles": perms.user_roles(user),
        "hr": perms.is_hr_referent(user),
        "mfa": perms.mfa_required(user),
    }


def _fresh(user):
    """The person as another part of the code would load them: no values read in advance."""
    return get_user_model().objects.get(pk=user.pk)


@pytest.mark.parametrize(
    "case", ["mentee", "mentor", "both", "withdrawn", "old_programme", "preparation", "hr", "engineer", "nobody"]
)
def test_the_loaded_person_gets_the_same_answers_as_a_person_loaded_otherwise(case, programme, organisation):
    user = UserFactory(hr_of=[organisation] if case == "hr" else None, engineer=case == "engineer")
    if case in ("mentee", "both"):
        ApplicationFactory(programme=programme, user=user)
    if case in ("mentor", "both"):
        ApplicationFactory(programme=programme, user=user, mentor=True, track_code=TrackCode.P1)
    if case == "withdrawn":
        ApplicationFactory(programme=programme, user=user, withdrawn=True)
    if case == "old_programme":
        older = ProgrammeFactory(
            slug="edition-2025", starts_on=programme.starts_on.replace(year=programme.starts_on.year - 1)
        )
        ApplicationFactory(programme=older, user=user)
    if case == "preparation":
        ApplicationFactory(programme=next_edition(status=ProgrammeStatus.PREPARATION), user=user, mentor=True)

    loaded = ModelBackend().get_user(str(user.pk))

    assert _answers(loaded) == _answers(_fresh(user))
    assert type(perms.is_hr_referent(loaded)) is bool  # SQLite gives EXISTS as 0 or 1
    expected_roles = {
        "mentee": {Role.MENTEE},
        "mentor": {Role.MENTOR},
        "both": {Role.MENTEE, Role.MENTOR},
        # Roles come from every opened edition: a mentee of an earlier edition keeps her space (and
        # what is hers in it); an edition in preparation gives no role (issue 22).
        "old_programme": {Role.MENTEE},
        "hr": {Role.HR_REFERENT},
        "engineer": {Role.PROGRAMME_ENGINEER},
    }.get(case, set())
    assert perms.user_roles(loaded) == expected_roles


def test_the_loaded_person_answers_the_roles_without_a_query(programme, organisation):
    user = UserFactory(hr_of=[organisation])
    ApplicationFactory(programme=programme, user=user, mentor=True)
    loaded = ModelBackend().get_user(user.pk)

    with CaptureQueriesContext(connection) as queries:
        roles = perms.user_roles(loaded)
        required = perms.mfa_required(loaded)

    assert roles == {Role.MENTOR, Role.HR_REFERENT}
    assert required
    assert len(queries) == 0


def test_an_unknown_or_inactive_or_malformed_key_gives_no_person():
    inactive = UserFactory(is_active=False)
    backend = ModelBackend()
    assert backend.get_user(inactive.pk) is None
    assert backend.get_user(987654321) is None
    assert backend.get_user("not-a-key") is None


def test_a_withdrawn_application_no_longer_gives_the_role_at_the_next_request(programme):
    user = UserFactory()
    application = ApplicationFactory(programme=programme, user=user, validated=True)
    assert perms.user_roles(ModelBackend().get_user(user.pk)) == {Role.MENTEE}

    application.status = ApplicationStatus.WITHDRAWN
    application.save(update_fields=["status"])

    assert perms.user_roles(ModelBackend().get_user(user.pk)) == set()


def test_the_header_counts_the_unread_notifications_read_with_the_person(client, programme):
    user = UserFactory()
    for index in range(3):
        Notification.objects.create(user=user, kind="test", title=f"Rappel {index}")
    Notification.objects.create(user=user, kind="test", title="Déjà lue", read_at="2026-10-01T10:00:00+02:00")
    Notification.objects.create(user=UserFactory(), kind="test", title="Celle d'un autre")
    client.force_login(user)

    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("core:contact")).text

    assert BADGE.format(3) in page
    # Counted in the statement that reads the person, not by a query of its own.
    assert [query["sql"] for query in queries if "notifications_notification" in query["sql"]] == [
        query["sql"]
        for query in queries
        if "accounts_user" in query["sql"] and "notifications_notification" in query["sql"]
    ]

    client.post(reverse("notifications:mark_all_read"))
    assert "non lues" not in client.get(reverse("core:contact")).text


BADGE = '<span class="badge rounded-pill text-bg-danger">{}<span class="visually-hidden"> non lues</span></span>'


def test_a_person_with_a_second_factor_role_and_no_device_is_sent_to_set_it_up(client, organisation):
    user = UserFactory(hr_of=[organisation], totp=False)
    client.force_login(user)
    response = client.get(reverse("notifications:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))
