"""Two editions in the database: a mentee is never proposed again a mentor they had in an earlier
edition (by person, whatever their applications), unless the engineer allows it; a returning mentor's
past pairs are told in the explanation."""

import datetime
import html

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from candidatures.models import Application
from matching import selectors, services
from matching.enums import RunStatus
from matching.models import FormerMentorAllowance, MatchingRun, Proposal
from mentorat.core.models import Track
from sessions_binome.enums import PairStatus
from sessions_binome.models import Pair
from tests.factories import PARIS, ApplicationFactory, ProgrammeFactory
from tests.html_checker import check_documents
from tests.matching.test_console import start

PAST_SENTENCE = "A déjà accompagné {count} lors d'éditions précédentes"


@pytest.fixture
def earlier_edition(programme):
    """The edition before `programme` (2026-2027, the current one: it starts later)."""
    return ProgrammeFactory(
        slug="2025-2026",
        name="Programme de mentorat 2025-2026",
        call_opens_at=datetime.datetime(2025, 7, 1, tzinfo=PARIS),
        call_closes_at=datetime.datetime(2025, 9, 12, 23, 59, tzinfo=PARIS),
        starts_on=datetime.date(2025, 10, 15),
        ends_on=datetime.date(2026, 5, 15),
        evaluation_ends_on=datetime.date(2026, 6, 30),
    )


def earlier_pair(edition, mentee_user, mentor_user, status=PairStatus.COMPLETED, track_code="P1"):
    """A pair of `edition` between two persons, with their applications to that edition."""
    mentee = ApplicationFactory(programme=edition, user=mentee_user, validated=True, track_code=track_code)
    mentor = Application.objects.filter(programme=edition, user=mentor_user, role="mentor").first()
    if mentor is None:
        mentor = ApplicationFactory(
            programme=edition, user=mentor_user, mentor=True, validated=True, track_code=track_code, capacity=2
        )
    return Pair.objects.create(
        programme=edition,
        track=Track.objects.get(programme=edition, code=track_code),
        mentee=mentee_user,
        mentor=mentor_user,
        mentee_application=mentee,
        mentor_application=mentor,
        status=status,
    )


def proposed(run, mentee):
    return set(Proposal.objects.filter(run=run, mentee=mentee).values_list("mentor_id", flat=True))


@pytest.fixture
def cohort(make_mentee, make_mentor):
    """One mentee and three mentors of P1 this edition; the best-suited mentor had her last year."""
    mentee = make_mentee(organisation="cpam", last_name="Arnaud")
    former = make_mentor(organisation="caf", last_name="Ancien", capacity=2, years_experience=20)
    others = [make_mentor(organisation="urssaf", last_name=name) for name in ("Olivier", "Petit")]
    return {"mentee": mentee, "former": former, "others": others}


def test_a_mentor_of_an_earlier_edition_is_never_proposed_again_to_the_same_mentee(
    client, engineer, p1, earlier_edition, cohort
):
    mentee, former = cohort["mentee"], cohort["former"]
    earlier_pair(earlier_edition, mentee.user, former.user)
    client.force_login(engineer)
    client.reauthenticate(engineer)

    run = start(client, p1)

    assert run.status == RunStatus.DRAFT
    assert former.pk not in proposed(run, mentee)
    assert proposed(run, mentee) == {mentor.pk for mentor in cohort["others"]}


def test_the_rule_holds_for_a_pair_ended_early_and_across_tracks(earlier_edition, programme, p1, cohort):
    mentee, former = cohort["mentee"], cohort["former"]
    earlier_pair(earlier_edition, mentee.user, former.user, status=PairStatus.ENDED, track_code="P2")
    assert (mentee.pk, former.pk) in selectors.forbidden_pairs(programme, [mentee.pk])


def test_the_reverse_pair_is_not_the_same_mentor_again(earlier_edition, programme, cohort):
    """The mentee of last year mentored this year's mentee? Not a former pair: roles are mentee → mentor."""
    mentee, former = cohort["mentee"], cohort["former"]
    earlier_pair(earlier_edition, former.user, mentee.user)
    assert selectors.forbidden_pairs(programme, [mentee.pk]) == set()


def test_a_pair_of_the_current_edition_does_not_count_as_earlier(programme, p1, cohort):
    from matching.former_pairs import former_pairs_by_application

    assert former_pairs_by_application(programme) == set()


def test_adding_a_former_mentor_by_hand_is_refused_until_the_engineer_allows_it(
    client, engineer, p1, earlier_edition, cohort
):
    mentee, former = cohort["mentee"], cohort["former"]
    earlier_pair(earlier_edition, mentee.user, former.user)
    client.force_login(engineer)
    client.reauthenticate(engineer)
    run = start(client, p1)

    with pytest.raises(ValidationError, match="ancien mentor"):
        services.proposal_add(run=run, mentee=mentee, mentor=former)

    response = client.post(
        reverse("matching:former_mentor_allowance", args=[run.pk]), {"mentee": mentee.pk, "allowed": "on"}
    )
    assert response.status_code == 302
    assert FormerMentorAllowance.objects.filter(mentee=mentee, created_by=engineer).exists()
    services.proposal_add(run=run, mentee=mentee, mentor=former)
    assert former.pk in proposed(run, mentee)

    # Forbidding it again takes the former mentor out of the draft.
    client.post(reverse("matching:former_mentor_allowance", args=[run.pk]), {"mentee": mentee.pk})
    assert not FormerMentorAllowance.objects.filter(mentee=mentee).exists()
    assert former.pk not in proposed(run, mentee)


def test_a_new_run_proposes_the_former_mentor_once_allowed(client, engineer, p1, earlier_edition, cohort):
    mentee, former = cohort["mentee"], cohort["former"]
    earlier_pair(earlier_edition, mentee.user, former.user)
    FormerMentorAllowance.objects.create(mentee=mentee, created_by=engineer)
    client.force_login(engineer)
    client.reauthenticate(engineer)

    run = start(client, p1)

    assert former.pk in proposed(run, mentee)


def test_the_review_page_shows_the_former_mentor_and_the_allowance_checkbox(
    client, engineer, p1, earlier_edition, cohort
):
    mentee, former = cohort["mentee"], cohort["former"]
    earlier_pair(earlier_edition, mentee.user, former.user)
    client.force_login(engineer)
    client.reauthenticate(engineer)
    run = start(client, p1)

    page = client.get(reverse("matching:run_detail", args=[run.pk])).content.decode()
    content = html.unescape(page)

    assert "Ancien mentor lors d'une édition précédente :" in content
    assert former.user.get_full_name() in content
    assert f'<label class="form-check-label" for="ancien-mentor-{mentee.pk}">Autoriser un ancien mentor</label>' in (
        content
    )
    assert check_documents({"run_detail": page}) == []


def test_the_allowance_of_a_mentee_outside_the_track_is_refused(client, engineer, p1, make_mentee, cohort):
    other_track_mentee = make_mentee(track="P2")
    client.force_login(engineer)
    client.reauthenticate(engineer)
    run = start(client, p1)

    response = client.post(
        reverse("matching:former_mentor_allowance", args=[run.pk]),
        {"mentee": other_track_mentee.pk, "allowed": "on"},
        follow=True,
    )

    assert "Ce mentoré ne fait pas partie de ce parcours." in html.unescape(response.content.decode())
    assert not FormerMentorAllowance.objects.exists()


def test_the_explanation_counts_the_mentors_past_pairs(client, engineer, p1, earlier_edition, cohort, make_mentee):
    """Two mentees accompanied last year (completed, or still active), one pair ended early: 2 count."""
    former = cohort["former"]
    for status in (PairStatus.COMPLETED, PairStatus.ACTIVE, PairStatus.ENDED):
        past_mentee = make_mentee(organisation="urssaf")
        earlier_pair(earlier_edition, past_mentee.user, former.user, status=status)
        past_mentee.delete()  # they do not apply this year
    client.force_login(engineer)
    client.reauthenticate(engineer)
    run = start(client, p1)

    proposal = Proposal.objects.get(run=run, mentee=cohort["mentee"], mentor=former)
    sentence = proposal.criteria["experience"][1]
    assert sentence.endswith(PAST_SENTENCE.format(count="2 personnes"))
    others = Proposal.objects.filter(run=run, mentor__in=cohort["others"])
    assert all("éditions précédentes" not in p.criteria["experience"][1] for p in others)


def test_the_mentee_reads_the_past_pairs_sentence_on_the_proposals_page(
    client, engineer, p1, earlier_edition, cohort, make_mentee
):
    former, mentee = cohort["former"], cohort["mentee"]
    past_mentee = make_mentee(organisation="urssaf")
    earlier_pair(earlier_edition, past_mentee.user, former.user)
    past_mentee.delete()
    client.force_login(engineer)
    client.reauthenticate(engineer)
    run = start(client, p1)
    services.matching_run_publish(run=run, by=engineer)

    client.force_login(mentee.user)
    content = html.unescape(client.get(reverse("matching:my_proposals")).content.decode())

    # The mentee reads a sentence about people, the engineer the engine's (below).
    assert "a déjà accompagné une personne lors d'une édition précédente." in content


def test_the_review_page_makes_the_same_number_of_queries_for_5_or_30_mentees_with_former_pairs(
    client, engineer, p1, earlier_edition, make_mentee, make_mentor
):
    def add(count):
        for _n in range(count):
            mentee = make_mentee(organisation="cpam")
            mentor = make_mentor(organisation="caf")
            earlier_pair(earlier_edition, mentee.user, mentor.user)

    client.force_login(engineer)
    client.reauthenticate(engineer)
    add(5)
    small = start(client, p1)
    FormerMentorAllowance.objects.create(mentee=Proposal.objects.filter(run=small).first().mentee)
    with CaptureQueriesContext(connection) as five:
        assert client.get(reverse("matching:run_detail", args=[small.pk])).status_code == 200
    add(25)
    large = start(client, p1)
    with CaptureQueriesContext(connection) as thirty:
        response = client.get(reverse("matching:run_detail", args=[large.pk]))

    assert response.status_code == 200
    assert sum(1 for mentee in response.context["page"] if mentee.former_mentors) >= 20
    assert len(thirty) == len(five), "\n".join(query["sql"] for query in thirty.captured_queries)
    assert MatchingRun.objects.filter(pk=large.pk, status=RunStatus.DRAFT).exists()
