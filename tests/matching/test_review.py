"""The review of a run at scale: searches by mentee and by proposed mentor, filters, the summary
and its publish bar, adding a proposal by searching a mentor with the hard rules shown first."""

import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from matching import selectors
from matching.enums import RunStatus
from matching.models import Exclusion, MatchingRun, Proposal
from sessions_binome.enums import PairStatus
from sessions_binome.models import Pair

SAME_ORGANISATION = "Le mentor appartient au même organisme que le mentoré."
NO_PLACE = "Le mentor n'a plus de place disponible."
EXCLUDED = "Cette paire est exclue (exclusion enregistrée ou ancien mentor)."


def detail(client, run, **params):
    return client.get(reverse("matching:run_detail", args=[run.pk]), params)


def names(response):
    return [mentee.user.last_name for mentee in response.context["page"]]


def search_url(run, mentee):
    return reverse("matching:proposal_search", args=[run.pk, mentee.pk])


@pytest.fixture
def draft(client, engineer, p1, p1_cohort):
    client.force_login(engineer)
    client.reauthenticate(engineer)
    response = client.post(reverse("matching:run_start", args=[p1.pk]))
    assert response.status_code == 302
    return MatchingRun.objects.latest("pk")


@pytest.fixture
def cohort(p1_cohort):
    return {application.user.last_name: application for application in p1_cohort["mentees"] + p1_cohort["mentors"]}


# --- searches and filters by mentee -------------------------------------------------------------


def test_the_mentees_are_searched_by_the_mentor_proposed_to_them(client, draft, cohort):
    expected = sorted(
        Proposal.objects.filter(run=draft, mentor=cohort["Quentin"]).values_list("mentee__user__last_name", flat=True)
    )

    response = detail(client, draft, mentor="quent")

    assert expected and names(response) == expected
    assert detail(client, draft, mentor="personne-de-ce-nom").context["page"].paginator.count == 0


def test_the_short_filter_keeps_the_mentees_with_fewer_proposals_than_the_edition_asks(client, draft, cohort):
    assert names(detail(client, draft, filtre="moins")) == []
    Proposal.objects.filter(run=draft, mentee=cohort["Bernard"]).order_by("rank").last().delete()

    response = detail(client, draft, filtre="moins")

    assert names(response) == ["Bernard"]
    assert response.context["summary"]["moins"] == 1


def test_the_exclusion_filter_keeps_the_mentees_with_an_exclusion(client, draft, cohort, engineer):
    Exclusion.objects.create(
        programme=draft.programme, mentee=cohort["Dumas"], mentor=cohort["Roux"], reason="Lien", created_by=engineer
    )

    response = detail(client, draft, filtre="exclusion")

    assert names(response) == ["Dumas"]
    assert response.context["summary"]["exclusion"] == 1


def test_an_unknown_filter_shows_every_mentee(client, draft):
    assert names(detail(client, draft, filtre="<b>")) == ["Arnaud", "Bernard", "Chevalier", "Dumas"]


# --- the mentors' filters -----------------------------------------------------------------------


def test_the_mentors_never_proposed_are_filtered(client, draft, make_mentor):
    newcomer = make_mentor(organisation="urssaf", last_name="Zola")  # validated after the run

    response = client.get(reverse("matching:run_mentors", args=[draft.pk]), {"filtre": "jamais"})

    assert [mentor.pk for mentor in response.context["page"]] == [newcomer.pk]


def test_the_over_exposed_mentors_are_those_in_more_menus_than_their_cap(client, draft):
    # With no demand the cap is the mentor's free places: mentors in more menus than places are over it.
    MatchingRun.objects.filter(pk=draft.pk).update(metrics={**draft.metrics, "exposure_demand": 0})
    exposure = {}
    for proposal in Proposal.objects.filter(run=draft).select_related("mentor"):
        exposure.setdefault(proposal.mentor, 0)
        exposure[proposal.mentor] += 1
    expected = {mentor.pk for mentor, count in exposure.items() if count > selectors.free_places(mentor)}

    response = client.get(reverse("matching:run_mentors", args=[draft.pk]), {"filtre": "surexposes"})

    assert expected and {mentor.pk for mentor in response.context["page"]} == expected
    assert all(mentor.over_cap for mentor in response.context["page"])


# --- summary and publish bar --------------------------------------------------------------------


def test_the_draft_keeps_the_publish_action_in_a_sticky_bar_with_the_summary(client, draft):
    response = detail(client, draft)
    body = html.unescape(response.content.decode())

    assert response.context["summary"] == {
        "mentees": 4,
        "moins": 0,
        "exclusion": 0,
        "proposals": 16,
        "mentees_emailed": 4,
        "surexposes": response.context["summary"]["surexposes"],
        "jamais": 0,
    }
    bar = body[body.index('class="sticky-bottom review-publish') :]
    assert reverse("matching:run_publish", args=[draft.pk]) in bar
    assert "prévenir 4 mentorés par courriel" in bar
    # The bar is the last thing of the review, after the list and its pagination: it sticks to the
    # bottom of the screen as long as the review is on it.
    assert body.index('id="mentore-') < body.index("review-publish")


def test_a_published_run_has_no_publish_bar(client, draft):
    MatchingRun.objects.filter(pk=draft.pk).update(status=RunStatus.PUBLISHED)

    body = detail(client, draft).content.decode()

    assert "review-publish" not in body
    assert reverse("matching:run_publish", args=[draft.pk]) not in body


# --- adding a proposal by searching a mentor ----------------------------------------------------


def test_the_mentor_search_flags_each_hard_rule_before_adding(client, draft, cohort, engineer, make_mentor, p1):
    arnaud = cohort["Arnaud"]  # CPAM-33
    excluded = make_mentor(organisation="urssaf", last_name="Zorglub")
    Exclusion.objects.create(
        programme=draft.programme, mentee=arnaud, mentor=excluded, reason="Lien", created_by=engineer
    )
    full = make_mentor(organisation="carsat", last_name="Zeller", capacity=1)
    Pair.objects.create(
        programme=draft.programme,
        track=p1,
        mentee=cohort["Dumas"].user,
        mentor=full.user,
        mentee_application=cohort["Dumas"],
        mentor_application=full,
        status=PairStatus.ACTIVE,
    )
    free = make_mentor(organisation="carsat", last_name="Zidane")

    response = client.get(search_url(draft, arnaud), {"q": "z"})
    rows = {mentor.user.last_name: mentor for mentor in response.context["page"]}
    martin = client.get(search_url(draft, arnaud), {"q": "martin"}).context["page"].object_list[0]

    assert response.status_code == 200
    assert set(rows) == {"Zorglub", "Zeller", "Zidane"}
    assert rows["Zorglub"].blocks == [EXCLUDED]
    assert rows["Zeller"].blocks == [NO_PLACE]
    assert rows["Zidane"].blocks == []
    assert martin.blocks == [SAME_ORGANISATION]
    body = html.unescape(response.content.decode())
    assert body.count('name="mentor"') == 1 and f'value="{free.pk}"' in body
    assert EXCLUDED in body and NO_PLACE in body


def test_the_mentor_search_finds_mentors_by_organisation_and_marks_those_already_proposed(client, draft, cohort):
    proposed = set(Proposal.objects.filter(run=draft, mentee=cohort["Chevalier"]).values_list("mentor_id", flat=True))

    response = client.get(search_url(draft, cohort["Chevalier"]), {"q": "CARSAT"})

    assert {mentor.user.last_name for mentor in response.context["page"]} == {"Quentin", "Roux"}
    assert {mentor.pk for mentor in response.context["page"] if mentor.already} == proposed & {
        cohort["Quentin"].pk,
        cohort["Roux"].pk,
    }


def test_adding_a_searched_mentor_appends_a_proposal_and_goes_back_to_the_review(client, draft, cohort, make_mentor):
    extra = make_mentor(organisation="carsat", last_name="Zidane")
    back = reverse("matching:run_detail", args=[draft.pk]) + "?filtre=moins&page=1"

    response = client.post(search_url(draft, cohort["Arnaud"]) + "?q=zid", {"mentor": extra.pk, "next": back})

    assert response.status_code == 302
    assert response.url == f"{back}#mentore-{cohort['Arnaud'].pk}"
    added = Proposal.objects.get(run=draft, mentee=cohort["Arnaud"], mentor=extra)
    assert (added.rank, added.added_by_hand) == (5, True)


def test_a_refused_add_shows_the_french_reason_and_adds_nothing(client, draft, cohort):
    before = Proposal.objects.filter(run=draft).count()

    response = client.post(search_url(draft, cohort["Arnaud"]), {"mentor": cohort["Martin"].pk})

    assert response.status_code == 200
    assert f"ne peut pas être proposé·e : {SAME_ORGANISATION}" in html.unescape(response.content.decode())
    assert Proposal.objects.filter(run=draft).count() == before


def test_a_mentor_of_another_track_is_refused(client, draft, cohort, make_mentor):
    other = make_mentor(track="P2", organisation="urssaf", last_name="Ailleurs")

    response = client.post(search_url(draft, cohort["Arnaud"]), {"mentor": other.pk})

    assert response.status_code == 200
    assert "n'est pas un mentor validé de ce parcours" in html.unescape(response.content.decode())
    assert not Proposal.objects.filter(mentor=other).exists()


def test_the_mentor_search_of_a_mentee_outside_the_run_answers_404(client, draft, make_mentee):
    stranger = make_mentee(organisation="caf", last_name="Horsrun")

    assert client.get(search_url(draft, stranger)).status_code == 404
    assert client.post(search_url(draft, stranger), {"mentor": 1}).status_code == 404


def test_a_published_run_offers_no_add(client, draft, cohort, make_mentor):
    extra = make_mentor(organisation="carsat", last_name="Zidane")
    MatchingRun.objects.filter(pk=draft.pk).update(status=RunStatus.PUBLISHED)

    page = client.get(search_url(draft, cohort["Arnaud"]), {"q": "zid"})
    response = client.post(search_url(draft, cohort["Arnaud"]), {"mentor": extra.pk})

    assert 'name="mentor"' not in page.content.decode()
    assert response.status_code == 302
    assert not Proposal.objects.filter(mentor=extra).exists()


# --- queries ------------------------------------------------------------------------------------


def _draft_of(programme, track, mentees, mentors, asked=4):
    """A draft as the engine leaves it, written directly: `asked` proposals per mentee but the
    first, which is short of one; every third mentor never proposed."""
    run = MatchingRun.objects.create(
        programme=programme, track=track, status=RunStatus.DRAFT, metrics={"exposure_demand": 1.2}
    )
    proposed = [mentor for number, mentor in enumerate(mentors) if number % 3]
    Proposal.objects.bulk_create(
        Proposal(
            run=run,
            mentee=mentee,
            mentor=proposed[(number + rank) % len(proposed)],
            rank=rank + 1,
            score=1.0,
            criteria={"themes": [0.5, "1 thème en commun : prise de poste"]},
        )
        for number, mentee in enumerate(mentees)
        for rank in range(asked if number else asked - 1)
    )
    run.shortfalls = {str(mentees[0].pk): "Seulement 3 mentors compatibles."}
    run.save(update_fields=["shortfalls"])
    return run


def _queries(client, run, mentee):
    """{page: number of queries} over the review's pages, with their searches and filters."""
    pages = {
        "detail": (reverse("matching:run_detail", args=[run.pk]), {}),
        "detail_search": (reverse("matching:run_detail", args=[run.pk]), {"q": "Camille", "mentor": "Camille"}),
        "detail_short": (reverse("matching:run_detail", args=[run.pk]), {"filtre": "moins"}),
        "detail_exclusion": (reverse("matching:run_detail", args=[run.pk]), {"filtre": "exclusion"}),
        "mentors": (reverse("matching:run_mentors", args=[run.pk]), {}),
        "mentors_over": (reverse("matching:run_mentors", args=[run.pk]), {"filtre": "surexposes"}),
        "mentors_never": (reverse("matching:run_mentors", args=[run.pk]), {"filtre": "jamais"}),
        "search": (search_url(run, mentee), {"q": "Camille"}),
    }
    counts = {}
    # The first visit of a run records its edition in the session and creates the edition's
    # matching settings: a one-off, left out of the count.
    client.get(pages["detail"][0])
    for name, (url, params) in pages.items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, params)
        assert response.status_code == 200, name
        assert len(response.context["page"]) > 0, name
        counts[name] = len(queries)
    return counts


def test_the_review_pages_make_the_same_number_of_queries_for_20_or_200_mentees(
    client, engineer, programme, p1, make_mentee, make_mentor
):
    client.force_login(engineer)
    client.reauthenticate(engineer)
    organisations = ["cpam", "caf", "urssaf", "carsat"]
    mentees = [make_mentee(organisation=organisations[n % 4]) for n in range(20)]
    mentors = [make_mentor(organisation=organisations[(n + 1) % 4], capacity=2) for n in range(12)]
    Exclusion.objects.create(programme=programme, mentee=mentees[1], mentor=mentors[0], reason="Lien")
    small = _queries(client, _draft_of(programme, p1, mentees, mentors), mentees[0])
    mentees += [make_mentee(organisation=organisations[n % 4]) for n in range(180)]
    mentors += [make_mentor(organisation=organisations[(n + 1) % 4], capacity=2) for n in range(108)]
    Exclusion.objects.create(programme=programme, mentee=mentees[150], mentor=mentors[100], reason="Lien")

    large = _queries(client, _draft_of(programme, p1, mentees, mentors), mentees[0])

    assert large == small
