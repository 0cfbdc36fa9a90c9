"""The mentee's choice, the mentor's answer, expiry, capacity and change of mentor."""

import datetime
import threading
import uuid

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from matching import services
from matching.enums import RequestStatus, RunStatus
from matching.models import MatchingRun, MentorRequest, Proposal
from sessions_binome.enums import PairStatus
from sessions_binome.models import Pair
from tests.factories import ApplicationFactory, OrganisationFactory, UserFactory


def publish(programme, mentee, mentors, track_code="P2"):
    run = MatchingRun.objects.create(
        programme=programme, track=mentee.track, status=RunStatus.PUBLISHED, published_at=timezone.now()
    )
    for rank, mentor in enumerate(mentors, start=1):
        Proposal.objects.create(
            run=run,
            mentee=mentee,
            mentor=mentor,
            rank=rank,
            score=1 - rank / 10,
            criteria={"themes": [0.5, "2 thèmes en commun : prise de poste, communication"]},
            assigned=rank == 1,
        )
    return run


@pytest.fixture
def mentee_app(mentee):
    return mentee.applications.get()


@pytest.fixture
def mentor_app(mentor):
    return mentor.applications.get()


@pytest.fixture
def second_mentor_app(programme):
    user = UserFactory(email="claire.mentor@urssaf.fr", organisation=OrganisationFactory(code="URSSAF-IDF"))
    return ApplicationFactory(programme=programme, user=user, mentor=True, validated=True)


@pytest.fixture
def proposals(programme, mentee_app, mentor_app, second_mentor_app):
    publish(programme, mentee_app, [mentor_app, second_mentor_app])
    return list(Proposal.objects.filter(mentee=mentee_app).order_by("rank"))


def test_the_mentee_reads_why_each_mentor_is_proposed(client, mentee, proposals):
    client.force_login(mentee)
    response = client.get(reverse("matching:my_proposals"))
    body = response.content.decode()
    assert response.status_code == 200
    first_name = proposals[0].mentor.user.first_name
    # Sentences about people, addressed to the mentee (matching/explain.py), not the engine's own.
    assert f"{first_name} a " in body and " que vous." in body
    assert "thèmes en commun" not in body
    assert proposals[0].mentor.user.get_full_name() in body
    assert proposals[0].mentor.presentation in body


def test_choosing_sends_a_request_to_the_mentor_with_a_deadline(client, mentee, mentor, proposals):
    client.force_login(mentee)
    client.post(
        reverse("matching:choose", args=[proposals[0].pk]), {"message": "Bonjour, j'aimerais travailler avec vous."}
    )
    request = MentorRequest.objects.get()
    assert request.status == RequestStatus.PENDING
    assert abs(request.deadline - request.created_at - datetime.timedelta(days=5)) < datetime.timedelta(seconds=5)
    assert [m.to for m in mail.outbox] == [[mentor.email]]
    assert "vous a choisi" in mail.outbox[0].subject


def test_without_mentor_confirmation_the_pair_starts_at_once(client, programme, mentee, mentor, proposals):
    programme.mentor_confirmation_required = False
    programme.save()
    client.force_login(mentee)
    client.post(reverse("matching:choose", args=[proposals[0].pk]), {})
    pair = Pair.objects.get()
    assert (pair.mentee, pair.mentor, pair.status) == (mentee, mentor, PairStatus.FRAME)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([mentee.email, mentor.email])


def test_a_second_choice_while_a_request_is_pending_is_refused(client, mentee, proposals):
    client.force_login(mentee)
    client.post(reverse("matching:choose", args=[proposals[0].pk]), {})
    response = client.post(reverse("matching:choose", args=[proposals[1].pk]), {}, follow=True)
    assert "déjà une demande en attente" in response.content.decode()
    assert MentorRequest.objects.count() == 1


def test_a_double_click_on_choose_sends_one_request_and_lands_on_it(client, mentee, mentor, proposals):
    client.force_login(mentee)
    data = {"message": "Bonjour", "form_token": str(uuid.uuid4())}

    first = client.post(reverse("matching:choose", args=[proposals[0].pk]), data)
    second = client.post(reverse("matching:choose", args=[proposals[0].pk]), data, follow=True)

    assert MentorRequest.objects.count() == 1
    assert len(mail.outbox) == 1
    assert second.redirect_chain[0][0] == first["Location"]
    assert "Ce formulaire avait déjà été envoyé : voici le résultat." in second.content.decode()
    assert "déjà une demande en attente" not in second.content.decode()


def test_the_mentor_accepts_and_the_pair_appears_for_both(client, mentee, mentor, proposals):
    client.force_login(mentee)
    client.post(reverse("matching:choose", args=[proposals[0].pk]), {})
    request = MentorRequest.objects.get()
    client.force_login(mentor)
    response = client.post(reverse("matching:request_answer", args=[request.pk]), {"answer": "accept"})
    assert response.status_code == 302
    pair = Pair.objects.get()
    assert pair.mentor == mentor
    assert mentee.get_full_name() in client.get(reverse("core:dashboard_mentor")).content.decode()
    client.force_login(mentee)
    assert mentor.get_full_name() in client.get(reverse("core:dashboard_mentee")).content.decode()


def test_declining_needs_a_reason_only_the_engineer_sees(client, mentee, mentor, engineer, proposals):
    client.force_login(mentee)
    client.post(reverse("matching:choose", args=[proposals[0].pk]), {})
    request = MentorRequest.objects.get()
    client.force_login(mentor)
    response = client.post(reverse("matching:request_answer", args=[request.pk]), {"answer": "decline", "reason": ""})
    assert "motif" in " ".join(response.context["form"].errors["reason"])
    mail.outbox.clear()
    client.post(
        reverse("matching:request_answer", args=[request.pk]), {"answer": "decline", "reason": "SECRET-REFUS-9"}
    )
    request.refresh_from_db()
    assert request.status == RequestStatus.DECLINED
    assert [m.to for m in mail.outbox] == [[mentee.email]]
    assert "SECRET-REFUS-9" not in mail.outbox[0].body
    client.force_login(mentee)
    body = client.get(reverse("matching:my_proposals")).content.decode()
    assert "SECRET-REFUS-9" not in body
    assert "pas disponible pour vous" in body  # the declining mentor can no longer be chosen
    # The programme team reads it on the run's page, next to the mentee's proposals.
    client.force_login(engineer)
    body = client.get(reverse("matching:run_detail", args=[proposals[0].run_id])).content.decode()
    assert "SECRET-REFUS-9" in body and mentor.get_full_name() in body


def test_an_expired_request_returns_the_mentee_to_the_remaining_proposals(
    mentee_app, proposals, django_capture_on_commit_callbacks
):
    request = services.mentor_choose(mentee=mentee_app, proposal=proposals[0])
    assert services.requests_expire(now=request.deadline - datetime.timedelta(seconds=1)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert services.requests_expire(now=request.deadline) == 1
    assert services.requests_expire(now=request.deadline) == 0  # idempotent
    request.refresh_from_db()
    assert request.status == RequestStatus.EXPIRED
    assert "expiré" in mail.outbox[-1].subject
    with pytest.raises(ValidationError):
        services.request_accept(request=request, mentor_user=request.mentor.user)
    second = services.mentor_choose(mentee=mentee_app, proposal=proposals[1])
    assert second.status == RequestStatus.PENDING


def test_capacity_is_never_exceeded(programme, mentor_app, proposals):
    other = ApplicationFactory(
        programme=programme, user=UserFactory(organisation=OrganisationFactory(code="CAF-13")), validated=True
    )
    publish(programme, other, [mentor_app])
    services.mentor_choose(mentee=proposals[0].mentee, proposal=proposals[0])
    with pytest.raises(ValidationError, match="plus de place"):
        services.mentor_choose(mentee=other, proposal=Proposal.objects.get(mentee=other))


def test_a_mentor_with_capacity_2_takes_two_mentees(programme, mentor_app, proposals):
    mentor_app.capacity = 2
    mentor_app.save()
    other = ApplicationFactory(
        programme=programme, user=UserFactory(organisation=OrganisationFactory(code="CAF-13")), validated=True
    )
    publish(programme, other, [mentor_app])
    services.mentor_choose(mentee=proposals[0].mentee, proposal=proposals[0])
    services.mentor_choose(mentee=other, proposal=Proposal.objects.get(mentee=other))
    assert MentorRequest.objects.filter(mentor=mentor_app, status=RequestStatus.PENDING).count() == 2


@pytest.mark.parametrize("role", ["mentor", "hr_referent", "engineer"])
def test_only_mentees_reach_their_proposals(client, request, role, proposals):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("matching:my_proposals")).status_code == 403


def test_another_mentee_gets_404_on_these_proposals_and_requests(client, programme, proposals, mentee_app):
    intruder = UserFactory(organisation=OrganisationFactory(code="CAF-13"))
    ApplicationFactory(programme=programme, user=intruder, validated=True)
    client.force_login(intruder)
    assert client.post(reverse("matching:choose", args=[proposals[0].pk]), {}).status_code == 404
    request = services.mentor_choose(mentee=mentee_app, proposal=proposals[0])
    assert client.post(reverse("matching:cancel_request", args=[request.pk])).status_code == 404
    assert not MentorRequest.objects.exclude(status=RequestStatus.PENDING).exists()


def test_another_mentor_gets_404_on_the_request(client, mentee_app, proposals, second_mentor_app):
    request = services.mentor_choose(mentee=mentee_app, proposal=proposals[0])
    client.force_login(second_mentor_app.user)
    assert client.get(reverse("matching:request_answer", args=[request.pk])).status_code == 404
    assert client.post(reverse("matching:request_answer", args=[request.pk]), {"answer": "accept"}).status_code == 404
    assert not Pair.objects.exists()


def test_changing_mentor_ends_the_pair_neutrally_and_frees_the_place(
    client, programme, mentee, mentor, mentee_app, mentor_app, proposals
):
    programme.mentor_confirmation_required = False
    programme.save()
    services.mentor_choose(mentee=mentee_app, proposal=proposals[0])
    pair = Pair.objects.get()
    mail.outbox.clear()
    client.force_login(mentee)
    response = client.post(
        reverse("matching:change_mentor", args=[pair.pk]), {"reason": "SECRET-CHANGEMENT-3", "confirm": "on"}
    )
    assert response.status_code == 302
    pair.refresh_from_db()
    assert pair.status == PairStatus.ENDED and pair.end_reason == "SECRET-CHANGEMENT-3"
    to_mentor = [m for m in mail.outbox if m.to == [mentor.email]]
    assert len(to_mentor) == 1 and "SECRET-CHANGEMENT-3" not in to_mentor[0].body
    from matching.selectors import free_places

    assert free_places(mentor_app) == 1


def test_another_mentee_gets_404_on_change_of_mentor(client, programme, mentee_app, proposals):
    programme.mentor_confirmation_required = False
    programme.save()
    services.mentor_choose(mentee=mentee_app, proposal=proposals[0])
    intruder = UserFactory(organisation=OrganisationFactory(code="CAF-13"))
    ApplicationFactory(programme=programme, user=intruder, validated=True)
    client.force_login(intruder)
    pair = Pair.objects.get()
    assert (
        client.post(reverse("matching:change_mentor", args=[pair.pk]), {"reason": "x", "confirm": "on"}).status_code
        == 404
    )
    pair.refresh_from_db()
    assert pair.is_open


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_mentees_racing_for_the_last_place_always_make_exactly_one_request(monkeypatch):
    import time

    from matching import selectors
    from tests.factories import ProgrammeFactory

    # Widen the window between counting the places and taking one, so that without the row lock
    # both threads would count a free place (checked: removing select_for_update fails this test).
    original_free_places = selectors.free_places

    def slow_free_places(*args, **kwargs):
        time.sleep(0.05)
        return original_free_places(*args, **kwargs)

    monkeypatch.setattr(selectors, "free_places", slow_free_places)

    programme = ProgrammeFactory()
    mentor = ApplicationFactory(
        programme=programme,
        user=UserFactory(organisation=OrganisationFactory(code="CAF-59")),
        mentor=True,
        validated=True,
    )
    for attempt in range(20):
        mentees = [
            ApplicationFactory(
                programme=programme,
                validated=True,
                user=UserFactory(
                    email=f"course{attempt}-{i}@assurance-maladie.fr",
                    organisation=OrganisationFactory(code=f"CPAM-R{i}"),
                ),
            )
            for i in range(2)
        ]
        proposals = [publish(programme, m, [mentor]).proposals.get() for m in mentees]
        barrier = threading.Barrier(2)
        outcomes = []

        def choose(mentee, proposal, barrier=barrier, outcomes=outcomes):
            try:
                barrier.wait()
                services.mentor_choose(mentee=mentee, proposal=proposal)
                outcomes.append("ok")
            except ValidationError:
                outcomes.append("full")
            finally:
                connection.close()

        threads = [threading.Thread(target=choose, args=pair) for pair in zip(mentees, proposals, strict=True)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(outcomes) == ["full", "ok"], f"attempt {attempt}: {outcomes}"
        assert MentorRequest.objects.filter(mentor=mentor, status=RequestStatus.PENDING).count() == 1
        MentorRequest.objects.update(status=RequestStatus.CANCELLED)


def test_after_a_change_the_mentee_gets_new_proposals_without_the_former_mentor(
    programme, mentee_app, mentor_app, second_mentor_app, proposals, django_capture_on_commit_callbacks
):
    programme.mentor_confirmation_required = False
    programme.save()
    services.mentor_choose(mentee=mentee_app, proposal=proposals[0])
    pair = Pair.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        services.pair_end(pair=pair, by=mentee_app.user, reason="Pas de déclic.")
    from matching.selectors import proposals_for_mentee

    run, new = proposals_for_mentee(mentee_app)
    assert run.kind == "individual"
    assert [p.mentor_id for p in new] == [second_mentor_app.pk]
    assert any("propositions" in m.subject.lower() for m in mail.outbox if m.to == [mentee_app.user.email])


def test_a_decline_leaving_no_choice_brings_new_proposals(
    programme, mentee_app, mentor_app, django_capture_on_commit_callbacks
):
    publish(programme, mentee_app, [mentor_app])
    proposal = Proposal.objects.get(mentee=mentee_app)
    request = services.mentor_choose(mentee=mentee_app, proposal=proposal)
    third = ApplicationFactory(
        programme=programme,
        user=UserFactory(organisation=OrganisationFactory(code="CARSAT-HDF")),
        mentor=True,
        validated=True,
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.request_decline(request=request, mentor_user=mentor_app.user, reason="Indisponible")
    from matching.selectors import proposals_for_mentee

    _run, new = proposals_for_mentee(mentee_app)
    assert [p.mentor_id for p in new] == [third.pk]


def test_the_mentor_may_end_the_pair_and_the_mentee_is_told_neutrally(
    client, programme, mentee, mentor, mentee_app, proposals
):
    programme.mentor_confirmation_required = False
    programme.save()
    services.mentor_choose(mentee=mentee_app, proposal=proposals[0])
    pair = Pair.objects.get()
    mail.outbox.clear()
    client.force_login(mentor)
    response = client.post(
        reverse("matching:mentor_end_pair", args=[pair.pk]), {"reason": "SECRET-FIN-MENTOR", "confirm": "on"}
    )
    assert response.status_code == 302
    pair.refresh_from_db()
    assert pair.status == PairStatus.ENDED and pair.ended_by == mentor
    to_mentee = [m for m in mail.outbox if m.to == [mentee.email]]
    assert to_mentee and all("SECRET-FIN-MENTOR" not in m.body for m in mail.outbox)


def test_a_mentee_cannot_use_the_mentors_end_page(client, programme, mentee, mentee_app, proposals):
    programme.mentor_confirmation_required = False
    programme.save()
    services.mentor_choose(mentee=mentee_app, proposal=proposals[0])
    client.force_login(mentee)
    assert client.get(reverse("matching:mentor_end_pair", args=[Pair.objects.get().pk])).status_code == 403


def test_a_mentor_who_withdrew_can_no_longer_be_chosen(mentee_app, mentor_app, proposals):
    from candidatures.services import application_withdraw

    application_withdraw(application=mentor_app)
    with pytest.raises(ValidationError, match="plus de place"):
        services.mentor_choose(mentee=mentee_app, proposal=proposals[0])
    from matching.selectors import proposals_for_mentee

    _run, shown = proposals_for_mentee(mentee_app)
    assert shown[0].free_places == 0


def test_no_new_proposals_for_a_mentee_who_withdrew(mentee_app, mentor_app, programme):
    from candidatures.services import application_withdraw

    application_withdraw(application=mentee_app)
    assert services.reproposals_generate(mentee=mentee_app) is None
