"""Training of mentors: attendance recorded by the engineer, the mentor's dashboard, the warning
before publishing a matching."""

import datetime
import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from matching.enums import RunStatus
from matching.models import MatchingRun, Proposal
from mentorat.core.models import Track
from mentorat.resources.models import TrainingAttendance
from mentorat.resources.selectors import mentor_is_trained, untrained_mentors
from tests.factories import PARIS, ApplicationFactory, UserFactory
from tests.resources.factories import TrainingAttendanceFactory, TrainingSessionFactory

ATTENDANCE_URL = reverse("resources:attendance")


@pytest.fixture
def sessions(programme):
    return [TrainingSessionFactory(programme=programme), TrainingSessionFactory(programme=programme)]


def mentors_on_page(response):
    return [row["mentor"].user for row in response.context["rows"]]


# --- attendance -----------------------------------------------------------------------------------


def test_the_attendance_page_lists_the_validated_mentors_only(
    client, engineer, programme, sessions, make_mentor, mentee
):
    validated = make_mentor(last_name="Valide")
    make_mentor(last_name="Depose", validated=False)
    make_mentor(last_name="Retire", withdrawn=True, validated=False)
    client.force_login(engineer)

    response = client.get(ATTENDANCE_URL)

    assert mentors_on_page(response) == [validated]


def test_ticked_boxes_record_presence_and_unticked_ones_an_absence(client, engineer, programme, sessions, make_mentor):
    alice, bob = make_mentor(last_name="Alice"), make_mentor(last_name="Bob")
    first, second = sessions
    client.force_login(engineer)

    response = client.post(
        ATTENDANCE_URL, {"mentor": [alice.pk, bob.pk], "present": [f"{first.pk}-{alice.pk}", f"{second.pk}-{bob.pk}"]}
    )

    assert response.status_code == 302
    rows = {(row.session_id, row.user_id): row for row in TrainingAttendance.objects.all()}
    assert set(rows) == {(first.pk, alice.pk), (second.pk, bob.pk)}
    assert all(row.attended and row.recorded_by == engineer for row in rows.values())
    assert mentor_is_trained(alice, programme) and mentor_is_trained(bob, programme)

    client.post(ATTENDANCE_URL, {"mentor": [alice.pk, bob.pk], "present": [f"{second.pk}-{bob.pk}"]})

    assert TrainingAttendance.objects.get(session=first, user=alice).attended is False
    assert not mentor_is_trained(alice, programme)
    assert mentor_is_trained(bob, programme)


def test_saving_again_the_same_boxes_writes_nothing(client, engineer, programme, sessions, make_mentor):
    alice = make_mentor()
    first = sessions[0]
    client.force_login(engineer)
    data = {"mentor": [alice.pk], "present": [f"{first.pk}-{alice.pk}"]}
    client.post(ATTENDANCE_URL, data)
    recorded_at = TrainingAttendance.objects.get().recorded_at

    with CaptureQueriesContext(connection) as queries:
        client.post(ATTENDANCE_URL, data)

    assert not [
        q
        for q in queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")) and "resources_" in q["sql"]
    ]
    assert TrainingAttendance.objects.get().recorded_at == recorded_at


def test_mentors_not_on_the_page_are_left_as_they_are(client, engineer, programme, sessions, make_mentor):
    alice, bob = make_mentor(), make_mentor()
    TrainingAttendanceFactory(session=sessions[0], user=bob)
    client.force_login(engineer)

    client.post(ATTENDANCE_URL, {"mentor": [alice.pk], "present": []})

    assert mentor_is_trained(bob, programme)


@pytest.mark.parametrize("intruder", ["mentee", "other_session"])
def test_a_box_for_someone_or_a_session_outside_the_programme_is_refused_and_nothing_saved(
    client, engineer, programme, sessions, make_mentor, mentee, intruder
):
    from tests.factories import ProgrammeFactory

    alice = make_mentor()
    if intruder == "mentee":
        mentor_ids, present = [alice.pk, mentee.pk], [f"{sessions[0].pk}-{alice.pk}", f"{sessions[0].pk}-{mentee.pk}"]
    else:
        other = TrainingSessionFactory(
            programme=ProgrammeFactory(
                slug="autre", starts_on=datetime.date(2025, 10, 1), ends_on=datetime.date(2026, 5, 1)
            )
        )
        mentor_ids, present = [alice.pk], [f"{sessions[0].pk}-{alice.pk}", f"{other.pk}-{alice.pk}"]
    client.force_login(engineer)

    response = client.post(ATTENDANCE_URL, {"mentor": mentor_ids, "present": present}, follow=True)

    assert "Rechargez la page" in response.content.decode()
    assert not TrainingAttendance.objects.exists()


def test_the_filter_keeps_the_untrained_mentors(client, engineer, programme, sessions, make_mentor):
    trained, untrained = make_mentor(last_name="Forme"), make_mentor(last_name="Pasforme")
    TrainingAttendanceFactory(session=sessions[1], user=trained)
    client.force_login(engineer)

    response = client.get(ATTENDANCE_URL, {"untrained": "on"})

    assert mentors_on_page(response) == [untrained]


def test_the_attendance_page_makes_the_same_number_of_queries_for_3_or_30_mentors(
    client, engineer, programme, sessions, make_mentor
):
    client.force_login(engineer)

    def page_and_save():
        with CaptureQueriesContext(connection) as get:
            response = client.get(ATTENDANCE_URL)
        ids = [user.pk for user in mentors_on_page(response)]
        present = [f"{sessions[index % 2].pk}-{pk}" for index, pk in enumerate(ids)]
        with CaptureQueriesContext(connection) as post:
            client.post(ATTENDANCE_URL, {"mentor": ids, "present": present})
        return len(ids), len(get), len(post)

    for n in range(3):
        TrainingAttendanceFactory(session=sessions[0], user=make_mentor(), attended=n == 0)
    three = page_and_save()
    # Both rounds create some rows and update others.
    for n in range(27):
        TrainingAttendanceFactory(session=sessions[1], user=make_mentor(), attended=n % 2 == 1)
    thirty = page_and_save()

    assert (three[0], thirty[0]) == (3, 30)
    assert three[1:] == thirty[1:], (three, thirty)


def test_the_training_page_counts_the_untrained_mentors(client, engineer, programme, sessions, make_mentor):
    TrainingAttendanceFactory(session=sessions[0], user=make_mentor())
    make_mentor()
    make_mentor()
    client.force_login(engineer)

    response = client.get(reverse("resources:training"))

    assert (response.context["mentors_count"], response.context["untrained_count"]) == (3, 2)
    assert [session.attended_count for session in response.context["sessions"]] == [1, 0]


# --- selectors ------------------------------------------------------------------------------------


def test_untrained_mentors_ignores_absences_and_other_programmes(programme, sessions, make_mentor):
    from tests.factories import ProgrammeFactory

    present, absent, elsewhere = make_mentor(), make_mentor(), make_mentor()
    TrainingAttendanceFactory(session=sessions[0], user=present)
    TrainingAttendanceFactory(session=sessions[0], user=absent, attended=False)
    old = ProgrammeFactory(slug="2025-2026", starts_on=datetime.date(2025, 10, 15), ends_on=datetime.date(2026, 5, 15))
    TrainingAttendanceFactory(session=TrainingSessionFactory(programme=old), user=elsewhere)

    assert list(untrained_mentors(programme, [present.pk, absent.pk, elsewhere.pk])) == sorted(
        [absent, elsewhere], key=lambda user: (user.last_name, user.first_name, user.pk)
    )


# --- the mentor's dashboard -----------------------------------------------------------------------


def test_a_trained_mentor_sees_the_date_of_the_training(client, programme, mentor, sessions):
    sessions[0].starts_at = datetime.datetime(2026, 9, 29, 14, 0, tzinfo=PARIS)
    sessions[0].save()
    TrainingAttendanceFactory(session=sessions[0], user=mentor)
    client.force_login(mentor)

    body = client.get(reverse("core:dashboard_mentor")).content.decode()

    assert "Formation suivie le 29 septembre 2026." in body
    assert "suivre la formation des mentors" not in body


def test_an_untrained_mentor_sees_the_next_sessions(client, programme, mentor):
    soon = timezone.now() + datetime.timedelta(days=10)
    TrainingSessionFactory(
        programme=programme, starts_at=timezone.now() - datetime.timedelta(days=3), title="Session passée"
    )
    TrainingSessionFactory(programme=programme, starts_at=soon, title="Session à venir")
    client.force_login(mentor)

    response = client.get(reverse("core:dashboard_mentor"))
    body = response.content.decode()

    assert "pas encore suivi la formation" in body
    assert "suivre la formation des mentors" in body
    assert "Session à venir" in body and "Session passée" not in body
    assert "https://visio.example.fr/formation" in body


def test_an_untrained_mentor_without_upcoming_session_is_told_a_date_will_come(client, programme, mentor):
    client.force_login(mentor)

    body = html.unescape(client.get(reverse("core:dashboard_mentor")).content.decode())

    assert "Aucune session n'est programmée pour le moment" in body


# --- the matching run page ------------------------------------------------------------------------


@pytest.fixture
def draft_run(programme, make_mentor):
    track = Track.objects.get(programme=programme, code="P2")
    run = MatchingRun.objects.create(programme=programme, track=track, status=RunStatus.DRAFT)
    mentee_application = ApplicationFactory(programme=programme, user=UserFactory(), validated=True)
    mentors = {name: make_mentor(last_name=name) for name in ("Formee", "Pasformee", "Absente")}
    for rank, user in enumerate(mentors.values(), start=1):
        Proposal.objects.create(
            run=run, mentee=mentee_application, mentor=user.applications.get(), rank=rank, score=1.0 / rank
        )
    return run, mentors


def test_the_run_page_lists_the_untrained_mentors_before_publishing(
    client, engineer, programme, sessions, draft_run, make_mentor
):
    run, mentors = draft_run
    TrainingAttendanceFactory(session=sessions[0], user=mentors["Formee"])
    TrainingAttendanceFactory(session=sessions[0], user=mentors["Absente"], attended=False)
    not_proposed = make_mentor(last_name="Nonpropose")
    client.force_login(engineer)

    response = client.get(reverse("matching:run_detail", args=[run.pk]))

    untrained = response.context["untrained"]
    assert untrained["count"] == 2
    assert untrained["mentors"] == [mentors["Absente"], mentors["Pasformee"]]
    body = html.unescape(response.content.decode())
    assert "2 mentors proposés n'ont pas encore suivi la formation" in body
    section = body[body.index('id="avant-publier-titre"') :]
    section = section[: section.index("</section>")]
    assert "Pasformee" in section and "Absente" in section
    assert "Formee ·" not in section and not_proposed.last_name not in section


def test_the_run_page_has_no_warning_when_every_proposed_mentor_is_trained(
    client, engineer, programme, sessions, draft_run
):
    run, mentors = draft_run
    for user in mentors.values():
        TrainingAttendanceFactory(session=sessions[1], user=user)
    client.force_login(engineer)

    body = client.get(reverse("matching:run_detail", args=[run.pk])).content.decode()

    assert "pas encore suivi la formation" not in body


def test_a_malformed_box_is_refused_and_nothing_saved(client, engineer, programme, sessions, make_mentor):
    alice = make_mentor()
    client.force_login(engineer)

    response = client.post(
        ATTENDANCE_URL, {"mentor": [alice.pk], "present": [f"{sessions[0].pk}-{alice.pk}", "abc"]}, follow=True
    )

    assert "Le formulaire est incomplet" in response.content.decode()
    assert not TrainingAttendance.objects.exists()
