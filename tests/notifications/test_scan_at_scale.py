"""The scan at national scale: its queries do not grow with the number of people concerned (a fixed
number per kind and per batch of reminders), and the batch reads decide as the one-person reads."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from candidatures import services as candidatures_services
from candidatures.enums import ApplicationStatus
from candidatures.models import Application
from matching import services as matching_services
from matching.models import Proposal
from matching.selectors import open_choices, open_choices_of_mentees, proposals_for_mentee
from mentorat.notifications import scan as scan_module
from mentorat.notifications.models import ReminderClaim
from mentorat.notifications.scan import reminders_scan
from mentorat.notifications.selectors import mentees_with_open_choice
from tests.factories import ApplicationFactory, OrganisationFactory, UserFactory
from tests.notifications.helpers import paris, publish_run

pytestmark = pytest.mark.django_db

PUBLISHED = paris(2026, 9, 24, 10)
DAY_11 = paris(2026, 10, 5, 10)  # a Monday: the 7-day reminder to each mentee, the 10-day alert to the engineer
# A batch reads its claims (one query) and confirms its mentees' open choice (four queries).
QUERIES_PER_BATCH = 5


def offer_mentors(programme, count):
    """`count` validated mentees, each offered two mentors with a free place by a run published on
    24 September."""
    mentees = ApplicationFactory.create_batch(count, programme=programme, validated=True)
    mentors = ApplicationFactory.create_batch(2 * count, programme=programme, mentor=True, validated=True)
    offers = {mentee: mentors[2 * i : 2 * i + 2] for i, mentee in enumerate(mentees)}
    publish_run(programme, mentees[0].track, offers, at=PUBLISHED)
    return mentees


def dry_run(moment):
    """(number of queries, report) of a dry run of the scan at `moment`."""
    ContentType.objects.clear_cache()  # each run reads the content types it needs, as a new worker would
    with CaptureQueriesContext(connection) as queries:
        report = reminders_scan(now=moment, dry_run=True)
    return len(queries), report


def test_the_scan_makes_as_many_queries_for_40_waiting_mentees_as_for_5(programme, engineer, clock):
    clock.move_to(PUBLISHED)
    offer_mentors(programme, 5)
    few, report = dry_run(DAY_11)
    assert report.counts["proposals-waiting"]["due"] == 10

    offer_mentors(programme, 35)
    many, report = dry_run(DAY_11)

    assert report.counts["proposals-waiting"]["due"] == 80
    assert many == few


def test_past_a_batch_the_queries_grow_by_batch_not_by_reminder(programme, engineer, clock, monkeypatch):
    monkeypatch.setattr(scan_module, "BATCH_SIZE", 10)
    clock.move_to(PUBLISHED)
    offer_mentors(programme, 5)
    one_batch, _report = dry_run(DAY_11)

    offer_mentors(programme, 35)
    eight_batches, report = dry_run(DAY_11)

    assert report.counts["proposals-waiting"]["due"] == 80
    assert eight_batches == one_batch + 7 * QUERIES_PER_BATCH


def hr_referents_with_news(programme, count):
    """`count` HR referents, each of an organisation where a draft was started on 1 September."""
    for index in range(count):
        organisation = OrganisationFactory(code=f"ORG-{index}")
        UserFactory(organisation=organisation, hr_of=[organisation])
        ApplicationFactory(programme=programme, draft=True, user__organisation=organisation)


def test_the_monday_digests_take_as_many_queries_for_10_referents_as_for_2(programme, clock):
    clock.move_to(paris(2026, 9, 1, 10))
    hr_referents_with_news(programme, 2)
    few, report = dry_run(paris(2026, 9, 7, 10))
    assert report.counts["hr-digest"]["due"] == 2

    hr_referents_with_news(programme, 8)
    many, report = dry_run(paris(2026, 9, 7, 10))

    assert report.counts["hr-digest"]["due"] == 10
    assert many == few


def test_a_referent_gets_a_digest_only_when_something_is_new_since_the_last_one(programme, clock, scan):
    clock.move_to(paris(2026, 8, 25, 10))
    hr_referents_with_news(programme, 2)
    scan(paris(2026, 8, 31, 10))  # the first digest of each, for the drafts
    quiet, busy = Application.objects.order_by("pk")
    # Only a submission is new for the second organisation: it counts as news.
    Application.objects.filter(pk=busy.pk).update(
        status=ApplicationStatus.SUBMITTED, submitted_at=paris(2026, 9, 2, 15)
    )

    scan(paris(2026, 9, 7, 10))

    digests = ReminderClaim.objects.filter(kind="hr-digest")
    assert sorted(digests.values_list("recipient__hr_organisations", "occurrence")) == sorted([
        (quiet.organisation_id, "hebdo@2026-W36"),
        (busy.organisation_id, "hebdo@2026-W36"),
        (busy.organisation_id, "hebdo@2026-W37"),
    ])  # fmt: skip


# --- the batch read of "a mentor left to choose" agrees with the mentee's proposals page -----------


@pytest.fixture
def situations(programme, clock):
    """Mentees in front of proposals, one per reason for having, or not, a mentor left to choose."""
    clock.move_to(PUBLISHED)
    people = {
        name: ApplicationFactory(programme=programme, validated=True)
        for name in ("free", "full", "refused", "withdrawn", "former", "stale", "taker")
    }
    mentors = {
        name: ApplicationFactory(programme=programme, mentor=True, validated=True)
        for name in ("free", "full", "refused", "withdrawn", "former", "old")
    }
    track = people["free"].track
    publish_run(programme, track, {people["stale"]: [mentors["old"]]}, at=paris(2026, 9, 20, 10))
    publish_run(
        programme, track,
        {
            people["free"]: [mentors["full"], mentors["free"]], people["full"]: [mentors["full"]],
            people["refused"]: [mentors["refused"]], people["withdrawn"]: [mentors["withdrawn"]],
            people["former"]: [mentors["former"]], people["stale"]: [mentors["withdrawn"]], people["taker"]: [mentors["full"]],
        },
        at=PUBLISHED,
    )  # fmt: skip

    def choose(mentee, mentor):
        proposal = Proposal.objects.get(mentee=people[mentee], mentor=mentors[mentor])
        return matching_services.mentor_choose(mentee=people[mentee], proposal=proposal, now=PUBLISHED)

    choose("taker", "full")  # the pending request takes the mentor's only place
    refused = choose("refused", "refused")
    matching_services.request_decline(
        request=refused, mentor_user=mentors["refused"].user, reason="Pas disponible.", now=PUBLISHED
    )
    candidatures_services.application_withdraw(application=mentors["withdrawn"])
    former = choose("former", "former")
    matching_services.request_accept(request=former, mentor_user=mentors["former"].user, now=PUBLISHED)
    pair = people["former"].pairs_as_mentee.get()
    matching_services.pair_end(pair=pair, by=pair.mentee, reason="Mutation.", now=PUBLISHED)
    return people


def test_only_a_mentee_with_a_mentor_left_to_choose_is_reminded_to_choose(situations, django_assert_num_queries):
    with django_assert_num_queries(4):  # former pairs, proposals, places taken, refusals
        assert mentees_with_open_choice(situations.values()) == {situations["free"].pk}


def test_the_batch_read_offers_the_mentors_of_the_proposals_page(situations):
    choices = open_choices_of_mentees([mentee.pk for mentee in situations.values()])

    for mentee in situations.values():
        _run, proposals = proposals_for_mentee(mentee)
        assert sorted(choices[mentee.pk]) == sorted(proposal.mentor_id for proposal in open_choices(proposals))
