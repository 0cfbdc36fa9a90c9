"""The programme engineer's matching console: run, follow, review, correct, publish, export."""

import csv
import html
import io
import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from matching import selectors, services
from matching.enums import RunStatus
from matching.models import Exclusion, MatchingRun, MatchingSettings, Proposal
from mentorat.core.models import Programme, Track
from sessions_binome.enums import PairStatus
from sessions_binome.models import Pair

CONSOLE_URL = reverse("matching:console")
SAME_ORGANISATION = "Le mentor appartient au même organisme que le mentoré."


def start(client, track):
    """Start a run from the console; the test client commits, so the (eager) task computes it."""
    response = client.post(reverse("matching:run_start", args=[track.pk]))
    run = MatchingRun.objects.latest("pk")
    assert response.status_code == 302
    assert response.url == reverse("matching:run_detail", args=[run.pk])
    return MatchingRun.objects.get(pk=run.pk)


def proposals_of(run, mentee):
    return list(Proposal.objects.filter(run=run, mentee=mentee).order_by("rank").values_list("mentor_id", flat=True))


def text(response):
    return html.unescape(response.content.decode())


def published_emails():
    return sorted(message.to[0] for message in mail.outbox if "propositions de mentors" in message.subject)


@pytest.fixture
def draft(client, engineer, p1, p1_cohort):
    client.force_login(engineer)
    client.reauthenticate(engineer)
    run = start(client, p1)
    mail.outbox.clear()
    return run


# --- console and settings ------------------------------------------------------------------------


def test_the_console_shows_each_track_with_its_waiting_mentees_and_mentors_with_free_places(
    client, engineer, p1_cohort
):
    client.force_login(engineer)
    client.reauthenticate(engineer)

    response = client.get(CONSOLE_URL)

    body = response.content.decode()
    assert response.status_code == 200
    p1_item, p2_item = response.context["tracks"]
    assert (p1_item["waiting"], p1_item["mentors_free"], p1_item["places_free"]) == (4, 6, 8)
    assert (p2_item["waiting"], p2_item["mentors_free"]) == (0, 0)
    assert body.count("Lancer la mise en relation") == 2
    assert reverse("matching:settings") in body


def test_the_console_warns_while_a_run_is_computing(client, engineer, programme, p1):
    running = MatchingRun.objects.create(programme=programme, track=p1, status=RunStatus.RUNNING, progress=40)
    client.force_login(engineer)
    client.reauthenticate(engineer)

    body = client.get(CONSOLE_URL).content.decode()

    assert "Un calcul est en cours pour ce parcours." in body
    assert reverse("matching:run_detail", args=[running.pk]) in body


def test_the_settings_save_the_weights_and_the_programme_settings_together(client, engineer, programme):
    client.force_login(engineer)
    client.reauthenticate(engineer)
    data = {
        "weight_themes": "3",
        "weight_objectives": "1",
        "weight_branch": "0.5",
        "weight_experience": "1",
        "weight_availability": "0",
        "weight_preferences": "2",
        "exposure_factor": "2",
        "proposals_per_mentee": "5",
        "mentor_confirmation_days": "7",
    }

    response = client.post(reverse("matching:settings"), data)

    assert response.status_code == 302
    settings = MatchingSettings.objects.get(programme=programme)
    assert (settings.weight_themes, settings.weight_availability, settings.exposure_factor) == (3, 0, 2)
    programme.refresh_from_db()
    assert (
        programme.proposals_per_mentee,
        programme.mentor_confirmation_required,
        programme.mentor_confirmation_days,
    ) == (5, False, 7)


def test_a_wrong_setting_is_shown_next_to_its_field_and_nothing_is_saved(client, engineer, programme):
    client.force_login(engineer)
    client.reauthenticate(engineer)

    response = client.post(
        reverse("matching:settings"),
        {
            **{
                f"weight_{name}": "2"
                for name in ("themes", "objectives", "branch", "experience", "availability", "preferences")
            },
            "exposure_factor": "1.5",
            "proposals_per_mentee": "8",
            "mentor_confirmation_days": "5",
        },
    )

    assert response.status_code == 200
    assert "proposals_per_mentee" in response.context["programme_form"].errors
    assert MatchingSettings.objects.get(programme=programme).weight_themes == 1.0
    assert Programme.objects.get(pk=programme.pk).proposals_per_mentee == 4


# --- a run: computation and progress -------------------------------------------------------------


def test_a_run_becomes_a_draft_with_explained_proposals_that_respect_p1(draft, p1_cohort):
    cpam_mentor = p1_cohort["mentors"][0]

    assert draft.status == RunStatus.DRAFT
    assert draft.progress == 100
    for mentee in p1_cohort["mentees"]:
        mentors = proposals_of(draft, mentee)
        assert len(mentors) == 4
        if mentee.organisation.code == "CPAM-33":
            assert cpam_mentor.pk not in mentors
    assert Proposal.objects.filter(run=draft, assigned=True).count() == 4
    assert draft.metrics["proposals_min"] == 4


def test_the_draft_page_shows_metrics_ranks_sentences_and_the_assignment(client, draft, p1_cohort):
    response = client.get(reverse("matching:run_detail", args=[draft.pk]))

    body = response.content.decode()
    assert response.status_code == 200
    assert "Propositions par mentoré : minimum" in body
    assert "thème en commun : prise de poste" in body
    assert "attribué" in body
    assert body.count("Retirer") == Proposal.objects.filter(run=draft).count()
    assert "prévenir 4 mentorés par courriel" in body
    assert [mentee.user.last_name for mentee in response.context["page"]] == ["Arnaud", "Bernard", "Chevalier", "Dumas"]


def test_the_draft_page_suggests_mentors_by_name_up_to_a_limit(client, draft, monkeypatch):
    from matching.views.engineer import review as views

    body = client.get(reverse("matching:run_detail", args=[draft.pk])).content.decode()
    suggestions = re.findall(
        r'<option value="([^"]+@[^"]+)">', body.split('<datalist id="mentors-parcours">')[1].split("</datalist>")[0]
    )
    mentors = list(
        selectors.validated_mentors(draft.track)
        .order_by("user__last_name", "user__first_name")
        .values_list("user__email", flat=True)
    )
    assert suggestions == mentors and len(mentors) >= 3
    monkeypatch.setattr(views, "MENTOR_SUGGESTIONS", 2)  # a track with more mentors than the page suggests
    body = client.get(reverse("matching:run_detail", args=[draft.pk])).content.decode()
    assert body.split('<datalist id="mentors-parcours">')[1].split("</datalist>")[0].count("<option") == 2


def test_the_draft_page_searches_mentees_by_name(client, draft):
    response = client.get(reverse("matching:run_detail", args=[draft.pk]), {"q": "cheval"})

    assert [mentee.user.last_name for mentee in response.context["page"]] == ["Chevalier"]


def test_the_progress_endpoint_answers_json(client, engineer, programme, p1):
    run = MatchingRun.objects.create(
        programme=programme, track=p1, status=RunStatus.RUNNING, progress=35, progress_message="Calcul des scores"
    )
    client.force_login(engineer)
    client.reauthenticate(engineer)

    response = client.get(reverse("matching:run_progress", args=[run.pk]))

    assert response.status_code == 200
    assert response.json() == {
        "status": "running",
        "status_label": "En cours",
        "progress": 35,
        "message": "Calcul des scores",
        "done": False,
    }


def test_a_computing_run_shows_a_progress_bar_and_loads_the_polling_script(client, engineer, programme, p1):
    run = MatchingRun.objects.create(programme=programme, track=p1, status=RunStatus.QUEUED)
    client.force_login(engineer)
    client.reauthenticate(engineer)

    body = client.get(reverse("matching:run_detail", args=[run.pk])).content.decode()

    assert f'data-progress-url="{reverse("matching:run_progress", args=[run.pk])}"' in body
    assert '<progress id="avancement"' in body
    assert "js/run_progress" in body
    assert "<script>" not in body  # no inline script: the CSP forbids them


def test_a_failed_run_shows_its_error_to_the_engineer(client, engineer, programme, p1):
    run = MatchingRun.objects.create(
        programme=programme, track=p1, status=RunStatus.FAILED, error="RuntimeError('menu flow failed')"
    )
    client.force_login(engineer)
    client.reauthenticate(engineer)

    body = client.get(reverse("matching:run_detail", args=[run.pk])).content.decode()

    assert "Le calcul a échoué" in body
    assert "menu flow failed" in body


def test_the_mentors_page_shows_capacity_free_places_and_exposure(client, draft, p1_cohort):
    response = client.get(reverse("matching:run_mentors", args=[draft.pk]))

    assert response.status_code == 200
    rows = {mentor.user.last_name: mentor for mentor in response.context["page"]}
    assert set(rows) == {"Martin", "Nicolas", "Olivier", "Petit", "Quentin", "Roux"}
    assert sum(mentor.exposure for mentor in rows.values()) == Proposal.objects.filter(run=draft).count()
    assert (rows["Nicolas"].capacity, rows["Nicolas"].free) == (2, 2)
    assert all(mentor.cap is not None and not mentor.over_cap for mentor in rows.values())


# --- corrections of the draft --------------------------------------------------------------------


def test_adding_a_mentor_of_the_same_organisation_in_p1_is_refused_with_the_reason(client, draft, p1_cohort):
    arnaud = p1_cohort["mentees"][0]  # CPAM-33
    martin = p1_cohort["mentors"][0]  # CPAM-33 too
    before = Proposal.objects.filter(run=draft).count()

    response = client.post(
        reverse("matching:proposal_add", args=[draft.pk]), {"mentee": arnaud.pk, "mentor_email": martin.user.email}
    )

    assert response.status_code == 200
    assert response.context["page"].object_list[0] == arnaud
    assert SAME_ORGANISATION in response.content.decode()
    assert Proposal.objects.filter(run=draft).count() == before


def test_adding_a_proposal_by_hand_appends_it_with_its_explanation(
    client, engineer, programme, p1, make_mentee, make_mentor
):
    mentee = make_mentee(organisation="cpam", last_name="Arnaud")
    for name in ("Nicolas", "Olivier", "Petit", "Quentin"):
        make_mentor(organisation="caf", last_name=name)
    client.force_login(engineer)
    client.reauthenticate(engineer)
    run = start(client, p1)
    extra = make_mentor(organisation="carsat", last_name="Roux")

    response = client.post(
        reverse("matching:proposal_add", args=[run.pk]),
        {
            "mentee": mentee.pk,
            "mentor_email": extra.user.email.upper(),
            "next": reverse("matching:run_detail", args=[run.pk]),
        },
    )

    assert response.status_code == 302
    assert response.url == reverse("matching:run_detail", args=[run.pk]) + f"#mentore-{mentee.pk}"
    added = Proposal.objects.get(run=run, mentor=extra)
    assert (added.rank, added.added_by_hand, added.assigned) == (5, True, False)
    assert added.criteria["themes"][1] == "1 thème en commun : prise de poste"


def test_an_unknown_mentor_address_is_refused_next_to_the_field(client, draft, p1_cohort):
    response = client.post(
        reverse("matching:proposal_add", args=[draft.pk]),
        {"mentee": p1_cohort["mentees"][0].pk, "mentor_email": "personne@nulle-part.fr"},
    )

    assert response.status_code == 200
    assert "Aucun mentor validé de ce parcours n'a cette adresse." in text(response)


def test_removing_a_proposal_keeps_the_ranks_contiguous(client, draft, p1_cohort):
    mentee = p1_cohort["mentees"][2]
    first, second, *rest = Proposal.objects.filter(run=draft, mentee=mentee).order_by("rank")

    response = client.post(reverse("matching:proposal_remove", args=[first.pk]))

    assert response.status_code == 302
    remaining = list(Proposal.objects.filter(run=draft, mentee=mentee).order_by("rank").values_list("pk", "rank"))
    assert remaining == [(proposal.pk, rank) for rank, proposal in enumerate([second, *rest], start=1)]


def test_an_exclusion_removes_the_draft_proposal_and_a_new_run_never_proposes_that_pair(
    client, engineer, draft, p1, p1_cohort
):
    mentee = p1_cohort["mentees"][2]
    proposal = Proposal.objects.filter(run=draft, mentee=mentee).order_by("rank").first()

    response = client.post(
        reverse("matching:exclusion_add", args=[draft.pk]),
        {"mentee": mentee.pk, "mentor_email": proposal.mentor.user.email, "reason": "Lien hiérarchique non déclaré."},
    )

    assert response.status_code == 302
    assert Exclusion.objects.get().reason == "Lien hiérarchique non déclaré."
    assert not Proposal.objects.filter(pk=proposal.pk).exists()
    new_run = start(client, p1)
    assert new_run.status == RunStatus.DRAFT
    assert proposal.mentor_id not in proposals_of(new_run, mentee)
    assert len(proposals_of(new_run, mentee)) == 4


def test_an_exclusion_needs_a_reason(client, draft, p1_cohort):
    mentee = p1_cohort["mentees"][2]
    proposal = Proposal.objects.filter(run=draft, mentee=mentee).first()

    response = client.post(
        reverse("matching:exclusion_add", args=[draft.pk]),
        {"mentee": mentee.pk, "mentor_email": proposal.mentor.user.email, "reason": "   "},
    )

    assert response.status_code == 200
    assert "Indiquez le motif de l'exclusion." in text(response)
    assert not Exclusion.objects.exists()
    assert Proposal.objects.filter(pk=proposal.pk).exists()


def test_a_published_run_can_no_longer_be_corrected(client, draft, p1_cohort):
    services.matching_run_publish(run=draft, by=None)
    proposal = Proposal.objects.filter(run=draft).first()

    removed = client.post(reverse("matching:proposal_remove", args=[proposal.pk]), follow=True)
    added = client.post(
        reverse("matching:proposal_add", args=[draft.pk]),
        {"mentee": p1_cohort["mentees"][2].pk, "mentor_email": p1_cohort["mentors"][0].user.email},
        follow=True,
    )

    assert "Seul un brouillon de mise en relation peut être modifié." in removed.content.decode()
    assert "Seul un brouillon de mise en relation peut être modifié." in added.content.decode()
    assert Proposal.objects.filter(pk=proposal.pk).exists()
    assert "Retirer" not in client.get(reverse("matching:run_detail", args=[draft.pk])).content.decode()


# --- publication and superseding ----------------------------------------------------------------


def test_publishing_needs_the_confirmation(client, draft):
    response = client.post(reverse("matching:run_publish", args=[draft.pk]), {})

    assert response.status_code == 200
    assert "Cochez la case pour confirmer la publication." in response.content.decode()
    assert MatchingRun.objects.get(pk=draft.pk).status == RunStatus.DRAFT
    assert mail.outbox == []


def test_publishing_emails_every_mentee_once_and_supersedes_the_previous_published_run(client, draft, p1, p1_cohort):
    client.post(reverse("matching:run_publish", args=[draft.pk]), {"confirm": "on"})
    second = start(client, p1)
    mail.outbox.clear()

    response = client.post(reverse("matching:run_publish", args=[second.pk]), {"confirm": "on"})

    assert response.status_code == 302
    assert MatchingRun.objects.get(pk=second.pk).status == RunStatus.PUBLISHED
    assert MatchingRun.objects.get(pk=draft.pk).status == RunStatus.SUPERSEDED
    assert published_emails() == sorted(mentee.user.email for mentee in p1_cohort["mentees"])


def test_a_new_run_supersedes_a_draft_but_not_a_published_run(client, draft, p1, p2, make_mentee, make_mentor):
    make_mentee(track="P2", last_name="Garnier")
    make_mentor(track="P2", last_name="Hubert")
    p2_published = start(client, p2)
    services.matching_run_publish(run=p2_published, by=None)

    replacing = start(client, p1)
    start(client, p2)

    assert MatchingRun.objects.get(pk=draft.pk).status == RunStatus.SUPERSEDED
    assert replacing.status == RunStatus.DRAFT
    assert MatchingRun.objects.get(pk=p2_published.pk).status == RunStatus.PUBLISHED


def test_the_engine_computes_a_run_only_once(engineer, programme, p1, p1_cohort, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run = services.matching_run_start(programme=programme, track=p1, by=engineer)
    first = list(Proposal.objects.filter(run=run).values_list("pk", flat=True))

    services.matching_run_execute(run_id=run.pk)  # a retried task, or the `match` command

    assert MatchingRun.objects.get(pk=run.pk).status == RunStatus.DRAFT
    assert list(Proposal.objects.filter(run=run).values_list("pk", flat=True)) == first


# --- export --------------------------------------------------------------------------------------


def test_the_export_has_one_row_per_proposal_best_first(client, draft, p1_cohort):
    response = client.get(reverse("matching:run_export", args=[draft.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content, newline=""), delimiter=";"))
    assert rows[0][:4] == ["mentee_email", "rank", "mentor_email", "score"]
    assert len(rows) == 1 + Proposal.objects.filter(run=draft).count()
    arnaud = p1_cohort["mentees"][0].user.email
    ranks = [int(row[1]) for row in rows[1:] if row[0] == arnaud]
    assert ranks == [1, 2, 3, 4]
    scores = [float(row[3].replace(",", ".")) for row in rows[1:] if row[0] == arnaud]
    assert scores == sorted(scores, reverse=True)


# --- ending a pair -------------------------------------------------------------------------------


def test_the_engineer_ends_a_pair_with_a_reason(client, engineer, programme, p1, p1_cohort):
    mentee, mentor = p1_cohort["mentees"][2], p1_cohort["mentors"][2]
    pair = Pair.objects.create(
        programme=programme,
        track=p1,
        mentee=mentee.user,
        mentor=mentor.user,
        mentee_application=mentee,
        mentor_application=mentor,
    )
    client.force_login(engineer)
    client.reauthenticate(engineer)

    refused = client.post(reverse("matching:engineer_pair_end", args=[pair.pk]), {"reason": ""})
    response = client.post(
        reverse("matching:engineer_pair_end", args=[pair.pk]), {"reason": "Incompatibilité d'agenda durable."}
    )

    assert refused.status_code == 200
    assert "Indiquez le motif" in refused.content.decode()
    assert response.status_code == 302
    pair.refresh_from_db()
    assert (pair.status, pair.end_reason, pair.ended_by) == (
        PairStatus.ENDED,
        "Incompatibilité d'agenda durable.",
        engineer,
    )
    assert [message.to for message in mail.outbox if "Incompatibilité" in message.body] == []


# --- permissions ---------------------------------------------------------------------------------


@pytest.fixture
def console_objects(programme, p1, p1_cohort):
    run = MatchingRun.objects.create(programme=programme, track=p1, status=RunStatus.DRAFT)
    mentee, mentor = p1_cohort["mentees"][2], p1_cohort["mentors"][2]
    proposal = Proposal.objects.create(run=run, mentee=mentee, mentor=mentor, rank=1, score=0.5)
    pair = Pair.objects.create(
        programme=programme,
        track=p1,
        mentee=mentee.user,
        mentor=mentor.user,
        mentee_application=mentee,
        mentor_application=mentor,
    )
    return {"run": run, "track": p1, "proposal": proposal, "pair": pair}


CONSOLE_ROUTES = [
    ("get", "console", None),
    ("get", "settings", None),
    ("post", "run_start", "track"),
    ("get", "run_detail", "run"),
    ("get", "run_progress", "run"),
    ("get", "run_mentors", "run"),
    ("post", "proposal_add", "run"),
    ("post", "proposal_remove", "proposal"),
    ("post", "exclusion_add", "run"),
    ("post", "run_publish", "run"),
    ("get", "run_export", "run"),
    ("get", "engineer_pair_end", "pair"),
    ("post", "engineer_pair_end", "pair"),
]


def _url(name, kind, objects):
    return reverse(f"matching:{name}", args=[objects[kind].pk] if kind else [])


@pytest.mark.parametrize("someone", ["mentee", "mentor", "hr_referent", "nobody"])
@pytest.mark.parametrize("method, name, kind", CONSOLE_ROUTES)
def test_only_the_engineer_reaches_the_console(client, request, console_objects, someone, method, name, kind):
    client.force_login(request.getfixturevalue(someone))
    client.reauthenticate(request.getfixturevalue(someone))

    response = getattr(client, method)(_url(name, kind, console_objects))

    assert response.status_code == 403
    assert MatchingRun.objects.count() == 1
    assert Proposal.objects.count() == 1


@pytest.mark.parametrize("method, name, kind", CONSOLE_ROUTES)
def test_anonymous_people_are_sent_to_the_login_page(client, console_objects, method, name, kind):
    response = getattr(client, method)(_url(name, kind, console_objects))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("method, name, kind", [route for route in CONSOLE_ROUTES if route[2]])
def test_objects_of_an_older_edition_open_in_their_own_edition(
    client, engineer, console_objects, next_programme, method, name, kind
):
    # 2027-2028 is opened beside 2026-2027: the objects above still belong to 2026-2027 and their
    # pages open (in their edition) rather than answering 404 as when the latest edition won.
    client.force_login(engineer)
    client.reauthenticate(engineer)

    response = getattr(client, method)(_url(name, kind, console_objects))

    assert response.status_code in (200, 302)
    if name not in ("run_progress", "run_export"):
        assert response.wsgi_request.edition_selector.current == console_objects["run"].programme


@pytest.mark.parametrize("method, name, kind", [route for route in CONSOLE_ROUTES if route[2]])
def test_missing_objects_answer_404(client, engineer, console_objects, method, name, kind):
    client.force_login(engineer)
    client.reauthenticate(engineer)

    response = getattr(client, method)(reverse(f"matching:{name}", args=[999999]))

    assert response.status_code == 404


# --- queries -------------------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["run_detail", "run_mentors"])
def test_the_review_pages_make_the_same_number_of_queries_for_5_or_30_mentees(
    client, engineer, p1, make_mentee, make_mentor, page
):
    def add(count):
        for _n in range(count):
            make_mentee(organisation="cpam")
            make_mentor(organisation="caf")

    client.force_login(engineer)

    client.reauthenticate(engineer)
    add(5)
    small = start(client, p1)
    with CaptureQueriesContext(connection) as five:
        assert client.get(reverse(f"matching:{page}", args=[small.pk])).status_code == 200
    add(25)
    large = start(client, p1)
    with CaptureQueriesContext(connection) as thirty:
        response = client.get(reverse(f"matching:{page}", args=[large.pk]))

    assert response.status_code == 200
    assert response.context["page"].paginator.count == 30
    assert len(thirty) == len(five), "\n".join(query["sql"] for query in thirty.captured_queries)


def test_runs_are_listed_per_track_with_a_link_to_the_published_one(client, engineer, programme, p1):
    published = MatchingRun.objects.create(
        programme=programme, track=p1, status=RunStatus.PUBLISHED, published_at=timezone.now()
    )
    client.force_login(engineer)
    client.reauthenticate(engineer)

    response = client.get(CONSOLE_URL)

    assert response.context["tracks"][0]["published"] == published
    assert reverse("matching:run_detail", args=[published.pk]) in response.content.decode()
    assert Track.objects.filter(programme=programme).count() == len(response.context["tracks"])
