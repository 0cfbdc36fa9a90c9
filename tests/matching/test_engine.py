"""The matching engine (matching/engine): hard rules, scores and sentences, capacity-aware menus.

Pure Python: no database, no Django settings needed by the engine itself.
"""

import dataclasses
import math
import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from matching.engine import (
    CRITERIA,
    MatchingResult,
    Person,
    ProposalOut,
    Settings,
    check_pair,
    explain_pair,
    fit_text_model,
    run_matching,
    weighted_total,
)
from matching.engine.rules import Eligibility
from matching.engine.scoring import Features

REPO_ROOT = Path(__file__).resolve().parents[2]
THEME_LABELS = {
    "prise-de-poste": "Prise de poste",
    "communication": "Communication professionnelle",
    "animation-equipe": "Animation d'équipe",
    "gestion-conflits": "Gestion des tensions et des conflits",
}
P1 = Settings(require_other_organisation=True, theme_labels=THEME_LABELS)
P2 = Settings(theme_labels=THEME_LABELS)


def mentee(id, **fields):
    defaults = {
        "id": id,
        "email": f"mentore{id}@caf.fr",
        "line_manager_email": "",
        "organisation_id": 1,
        "branch_id": 1,
        "themes": frozenset({"prise-de-poste", "communication"}),
        "text": "Réussir ma prise de poste et animer mon équipe",
        "availability": frozenset({"lun-matin", "mar-aprem"}),
        "years_experience": 3,
    }
    return Person(**{**defaults, **fields})


def mentor(id, **fields):
    defaults = {
        "id": id,
        "email": f"mentor{id}@cpam.fr",
        "line_manager_email": "",
        "organisation_id": 2,
        "branch_id": 2,
        "themes": frozenset({"prise-de-poste", "communication", "animation-equipe"}),
        "text": "J'ai accompagné plusieurs prises de poste et j'anime une équipe de vingt agents",
        "availability": frozenset({"lun-matin", "jeu-aprem"}),
        "years_experience": 15,
        "capacity": 1,
    }
    return Person(**{**defaults, **fields})


def proposed_ids(result, mentee_id):
    return [proposal.mentor_id for proposal in result.proposals[mentee_id]]


def random_programme(seed, n_mentees, n_mentors, capacity_two_share=0.2):
    rng = random.Random(seed)
    themes = sorted(THEME_LABELS) + ["reseau-professionnel", "equilibre-vie", "pilotage-activite"]
    slots = [f"{day}-{half}" for day in ("lun", "mar", "mer", "jeu", "ven") for half in ("matin", "aprem")]
    words = "équipe réunion changement conflit parole priorités réseau carrière outils numériques usagers".split()

    def person(id, is_mentor):
        org = rng.randrange(12)
        return Person(
            id=id,
            email=f"p{id}@org{org}.fr",
            line_manager_email=f"p{id - 1}@org{org}.fr" if rng.random() < 0.1 else "",
            organisation_id=org,
            branch_id=org % 4,
            themes=frozenset(rng.sample(themes, rng.randint(1, 4))),
            text=" ".join(rng.choices(words, k=8)),
            availability=frozenset(rng.sample(slots, rng.randint(1, 6))),
            years_experience=rng.randint(1, 30),
            capacity=(2 if rng.random() < capacity_two_share else 1) if is_mentor else 0,
            prefers_other_branch=not is_mentor and rng.random() < 0.3,
        )

    mentees = [person(id, False) for id in range(1, n_mentees + 1)]
    mentors = [person(id, True) for id in range(1000, 1000 + n_mentors)]
    return mentees, mentors


def deferred_acceptance(result, mentors, rng):
    """Mentees try their menu in a random order, mentors keep the best-scored candidates."""
    capacity = {person.id: person.capacity for person in mentors}
    lists = {mentee_id: rng.sample(menu, len(menu)) for mentee_id, menu in result.proposals.items()}
    position = dict.fromkeys(lists, 0)
    held = {}
    free = sorted(lists)
    while free:
        mentee_id = free.pop()
        if position[mentee_id] >= len(lists[mentee_id]):
            continue
        proposal = lists[mentee_id][position[mentee_id]]
        position[mentee_id] += 1
        holding = held.setdefault(proposal.mentor_id, [])
        holding.append((proposal.score, -mentee_id))
        holding.sort(reverse=True)
        if len(holding) > capacity[proposal.mentor_id]:
            free.append(-holding.pop()[1])
    return sum(len(holding) for holding in held.values())


# --- Hard rules ---

HARD_RULES = {
    "line manager": (
        {"line_manager_email": "chef@caf.fr"},
        {"email": "chef@caf.fr"},
        P2,
        {},
        "Le mentor est le responsable hiérarchique du mentoré.",
    ),
    "manager's manager": (
        {"line_manager_email": "chef@caf.fr"},
        {"email": "directrice@caf.fr"},
        P2,
        {"chef@caf.fr": "directrice@caf.fr"},
        "Le mentor est le responsable hiérarchique du responsable du mentoré.",
    ),
    "mentee manages the mentor": (
        {"email": "chef@caf.fr"},
        {"line_manager_email": "chef@caf.fr"},
        P2,
        {},
        "Le mentoré est le responsable hiérarchique du mentor.",
    ),
    "mentee manages the mentor's manager": (
        {"email": "directrice@caf.fr"},
        {"line_manager_email": "chef@caf.fr"},
        P2,
        {"chef@caf.fr": "directrice@caf.fr"},
        "Le mentoré est le responsable hiérarchique du responsable du mentor.",
    ),
    "same organisation in P1": (
        {"organisation_id": 7},
        {"organisation_id": 7},
        P1,
        {},
        "Le mentor appartient au même organisme que le mentoré.",
    ),
    "no free place": ({}, {"capacity": 0}, P2, {}, "Le mentor n'a plus de place disponible."),
    "same person": (
        {"email": "camille@caf.fr"},
        {"email": "camille@caf.fr"},
        P2,
        {},
        "Le mentor et le mentoré sont la même personne.",
    ),
}


@pytest.mark.parametrize("case", HARD_RULES, ids=list(HARD_RULES))
def test_check_pair_refuses_each_hard_rule(case):
    mentee_fields, mentor_fields, settings, manager_of, reason = HARD_RULES[case]

    assert check_pair(mentee(1, **mentee_fields), mentor(2, **mentor_fields), settings, manager_of=manager_of) == reason


@pytest.mark.parametrize("case", HARD_RULES, ids=list(HARD_RULES))
def test_run_never_proposes_a_pair_that_breaks_a_hard_rule(case):
    mentee_fields, mentor_fields, settings, manager_of, _reason = HARD_RULES[case]
    other = mentor(3, email="autre@urssaf.fr", organisation_id=9)
    mentors = [mentor(2, **mentor_fields), other]

    result = run_matching([mentee(1, **mentee_fields)], mentors, settings, manager_of=manager_of)

    assert proposed_ids(result, 1) == [3]
    assert result.shortfalls[1].startswith("Seulement 1 mentor compatible sur 2 : 1 ")


def test_the_hierarchy_also_counts_the_managers_declared_in_applications():
    # The mentor's own application names the mentee's manager as their manager: two levels up.
    the_mentor = mentor(2, email="chef@caf.fr", line_manager_email="directrice@caf.fr")
    the_mentee = mentee(1, email="directrice@caf.fr")

    result = run_matching([the_mentee], [the_mentor], P2)

    assert result.proposals[1] == []
    assert "1 lien hiérarchique" in result.shortfalls[1]


def test_same_organisation_is_allowed_outside_p1():
    pair = (mentee(1, organisation_id=7), mentor(2, organisation_id=7))

    assert check_pair(*pair, P2) is None
    assert proposed_ids(run_matching([pair[0]], [pair[1]], P2), 1) == [2]


def test_a_forbidden_pair_is_refused_and_never_proposed():
    forbidden = frozenset({(1, 2)})

    assert check_pair(mentee(1), mentor(2), P1, forbidden=forbidden) == (
        "Cette paire est exclue (exclusion enregistrée ou ancien mentor)."
    )
    assert check_pair(mentee(1), mentor(3), P1, forbidden=forbidden) is None
    result = run_matching([mentee(1), mentee(4)], [mentor(2), mentor(3)], P1, forbidden=forbidden)
    assert proposed_ids(result, 1) == [3]
    assert sorted(proposed_ids(result, 4)) == [2, 3]


def test_a_mentee_whose_only_compatible_mentors_are_forbidden_gets_none_and_a_reason():
    mentors = [mentor(2), mentor(3), mentor(4, organisation_id=1)]

    result = run_matching([mentee(1)], mentors, P1, forbidden=frozenset({(1, 2), (1, 3)}))

    assert result.proposals[1] == []
    assert result.shortfalls[1] == (
        "Aucun mentor compatible sur 3 : 1 du même organisme, 2 exclusions ou anciens mentors."
    )


# --- Scores and sentences ---


def test_sentences_name_shared_themes_with_their_labels():
    criteria = explain_pair(mentee(1), mentor(2), P1)

    assert criteria["themes"] == (1.0, "2 thèmes en commun : prise de poste, communication professionnelle")


def test_sentences_say_when_no_theme_is_shared():
    criteria = explain_pair(mentee(1, themes=frozenset({"gestion-conflits"})), mentor(2), P1)

    assert criteria["themes"] == (0.0, "Aucun thème en commun")


def test_sentences_list_the_shared_slots_or_say_there_is_none():
    shared = explain_pair(mentee(1), mentor(2), P1)["availability"]
    none = explain_pair(mentee(1, availability=frozenset({"ven-aprem"})), mentor(2), P1)["availability"]

    assert shared == (0.5, "1 créneau commun : lundi matin")  # 1 shared / 2 slots each
    assert none == (0.0, "Aucun créneau commun")


def test_sentences_name_the_other_branch():
    settings = dataclasses.replace(P1, branch_labels={1: "Famille", 2: "Maladie"})

    other = explain_pair(mentee(1), mentor(2), settings)["branch"]
    same = explain_pair(mentee(1), mentor(2, branch_id=1), settings)["branch"]

    assert other == (1.0, "Mentor d'une autre branche (Maladie)")
    assert same == (0.0, "Mentor de la même branche (Famille)")


def test_branch_is_neutral_outside_p1_and_the_mentee_preference_counts_there():
    settings = dataclasses.replace(P2, branch_labels={1: "Famille", 2: "Maladie"})
    wants_other = mentee(1, prefers_other_branch=True)

    assert explain_pair(wants_other, mentor(2), settings)["branch"][0] == 0.5
    assert explain_pair(wants_other, mentor(2), settings)["preferences"] == (
        1.0,
        "Répond au souhait d'un mentor d'une autre branche",
    )
    assert explain_pair(wants_other, mentor(2, branch_id=1), settings)["preferences"][0] == 0.0
    no_preference = explain_pair(mentee(1), mentor(2, branch_id=1), settings)["preferences"]
    assert no_preference == (1.0, "Aucune préférence exprimée")


def test_experience_gap_is_linear_up_to_ten_years():
    assert explain_pair(mentee(1, years_experience=3), mentor(2, years_experience=8), P1)["experience"] == (
        0.5,
        "5 ans d'expérience de plus que la personne mentorée",
    )
    assert explain_pair(mentee(1, years_experience=3), mentor(2, years_experience=30), P1)["experience"][0] == 1.0
    assert explain_pair(mentee(1, years_experience=9), mentor(2, years_experience=8), P1)["experience"] == (
        0.0,
        "1 an d'expérience de moins que la personne mentorée",
    )


def test_objectives_quote_shared_words_despite_accents_and_plurals():
    objectives = explain_pair(
        mentee(1, text="Animer mon équipe pendant les réorganisations"),
        mentor(2, text="J'ai animé des equipes et conduit trois réorganisations"),
        P1,
    )["objectives"]
    unrelated = explain_pair(mentee(1, text="Prendre la parole en public"), mentor(2, text="Tableaux de bord"), P1)

    assert objectives[0] > 0.5
    assert objectives[1].startswith("Objectifs et présentation du mentor en écho : ")
    assert set(objectives[1].split(" : ")[1].split(", ")) == {"animer", "équipe", "réorganisations"}
    assert unrelated["objectives"] == (0.0, "Aucun mot commun entre les objectifs et la présentation du mentor")


def test_words_of_duration_are_not_an_echo():
    # Almost every text says how long: "ans" in common says nothing of what they share.
    objectives = explain_pair(
        mentee(1, text="En poste depuis deux ans, je veux déléguer"),
        mentor(2, text="J'ai 28 ans d'expérience, dont 19 ans à l'accueil"),
        P1,
    )["objectives"]
    assert objectives == (0.0, "Aucun mot commun entre les objectifs et la présentation du mentor")


def test_the_score_is_the_weighted_average_of_the_criteria():
    criteria = explain_pair(mentee(1), mentor(2), P1)
    weights = {**dict.fromkeys(CRITERIA, 0.0), "themes": 3.0, "availability": 1.0}

    expected = (3 * criteria["themes"][0] + criteria["availability"][0]) / 4
    assert weighted_total(criteria, weights) == pytest.approx(expected)
    assert weighted_total(criteria, dict.fromkeys(CRITERIA, 0.0)) == 0.0


def test_weights_change_the_ranking():
    themes_first = mentor(2, availability=frozenset({"ven-aprem"}))
    slots_first = mentor(3, themes=frozenset({"gestion-conflits"}), availability=frozenset({"lun-matin", "mar-aprem"}))

    def ranking(weights):
        settings = dataclasses.replace(P1, weights=weights)
        return proposed_ids(run_matching([mentee(1)], [themes_first, slots_first], settings), 1)

    assert ranking({"themes": 5.0}) == [2, 3]
    assert ranking({"availability": 5.0}) == [3, 2]


def test_run_scores_agree_with_explain_pair_given_the_same_text_model():
    mentees, mentors = random_programme(seed=3, n_mentees=30, n_mentors=20)
    result = run_matching(mentees, mentors, P2)
    model = fit_text_model(mentees + mentors)
    by_id = {person.id: person for person in mentees + mentors}

    for mentee_id, menu in result.proposals.items():
        for proposal in menu:
            criteria = explain_pair(by_id[mentee_id], by_id[proposal.mentor_id], P2, text_model=model)
            assert criteria == proposal.criteria
            assert proposal.score == round(weighted_total(criteria, P2.weights), 4)


def test_block_scores_used_for_the_search_equal_the_explained_totals():
    mentees, mentors = random_programme(seed=4, n_mentees=40, n_mentors=30)
    settings = dataclasses.replace(P1, weights={"themes": 2.0, "objectives": 1.5, "experience": 0.5})
    features = Features(mentees, mentors, settings)
    block = features.block(np.arange(len(mentees)))
    a, b = np.divmod(np.arange(len(mentees) * len(mentors)), len(mentors))
    values = features.pair_values(a, b)

    totals = sum(settings.weights[c] * values[c] for c in CRITERIA) / sum(settings.weights.values())

    np.testing.assert_allclose(block.ravel(), totals, atol=1e-5)


# --- Proposals ---


def test_five_mentees_for_four_places_get_a_maximum_assignment_within_caps():
    mentees = [mentee(i, email=f"m{i}@caf.fr") for i in range(1, 6)]
    mentors = [mentor(10), mentor(11), mentor(12, capacity=2)]

    result = run_matching(mentees, mentors, P1)

    assert result.metrics["assignment_size"] == 4
    assigned = [p.mentor_id for menu in result.proposals.values() for p in menu if p.assigned]
    assert sorted(assigned) == [10, 11, 12, 12]
    assert all(len(menu) == 3 for menu in result.proposals.values())  # only three mentors exist
    # demand = 4 slots × 5 mentees / 4 places = 5: caps 8 (capacity 1) and 15 (capacity 2).
    assert result.metrics["max_exposure_over_cap"] <= 1
    assert result.metrics["exposure_demand"] == 5.0


def test_each_menu_holds_the_mentees_assigned_mentor_and_no_mentor_twice():
    mentees, mentors = random_programme(seed=5, n_mentees=60, n_mentors=50)

    result = run_matching(mentees, mentors, P2)

    assigned_count = {}
    for menu in result.proposals.values():
        assert len({p.mentor_id for p in menu}) == len(menu)
        assert sum(p.assigned for p in menu) == 1
        assert [p.rank for p in menu] == list(range(1, len(menu) + 1))
        assert [p.score for p in menu] == sorted((p.score for p in menu), reverse=True)
        for p in menu:
            assigned_count[p.mentor_id] = assigned_count.get(p.mentor_id, 0) + p.assigned
    capacity = {person.id: person.capacity for person in mentors}
    assert all(count <= capacity[mentor_id] for mentor_id, count in assigned_count.items())
    assert result.metrics["assignment_size"] == 60


def test_exposure_caps_are_respected():
    mentees, mentors = random_programme(seed=6, n_mentees=120, n_mentors=100)
    settings = dataclasses.replace(P2, exposure_factor=1.2)

    result = run_matching(mentees, mentors, settings)

    demand = 4 * 120 / sum(person.capacity for person in mentors)
    exposure = {}
    for menu in result.proposals.values():
        for p in menu:
            exposure[p.mentor_id] = exposure.get(p.mentor_id, 0) + 1
    for person in mentors:
        cap = max(person.capacity, math.ceil(1.2 * person.capacity * demand - 1e-9))
        assert exposure.get(person.id, 0) <= cap
    assert result.metrics["overflow"] == 0
    assert result.metrics["proposals_min"] == 4


def test_the_maximum_assignment_beats_picking_each_mentees_best_mentor():
    # Both mentees prefer Claire; greedy per mentee would give her to the first and leave the second,
    # who can only have Claire, unmatched.
    claire = mentor(10, themes=frozenset({"prise-de-poste", "communication"}))
    bruno = mentor(11, themes=frozenset({"animation-equipe"}))
    first, second = mentee(1), mentee(2)
    settings = dataclasses.replace(P1, proposals_per_mentee=3)

    result = run_matching([first, second], [claire, bruno], settings, forbidden=frozenset({(2, 11)}))

    assert proposed_ids(result, 1) == [10, 11]
    assert [p.mentor_id for p in result.proposals[1] if p.assigned] == [11]
    assert [p.mentor_id for p in result.proposals[2] if p.assigned] == [10]
    assert result.metrics["assignment_size"] == 2


def test_too_few_mentors_yields_a_shortfall_with_the_reasons():
    mentors = [mentor(2), mentor(3), mentor(4, organisation_id=1), mentor(5, capacity=0)]

    result = run_matching([mentee(1)], mentors, P1)

    assert sorted(proposed_ids(result, 1)) == [2, 3]
    assert result.shortfalls == {
        1: "Seulement 2 mentors compatibles sur 4 : 1 sans place disponible, 1 du même organisme."
    }
    assert result.metrics["proposals_max"] == 2


def test_every_mentee_is_present_even_without_proposal():
    result = run_matching([mentee(1), mentee(2)], [], P1)

    assert result.proposals == {1: [], 2: []}
    assert result.shortfalls == dict.fromkeys([1, 2], "Aucun mentor disponible dans le parcours.")


def test_menus_keep_every_assignment_safe_whatever_order_mentees_try_them_in():
    # Mentors keep their best-scored candidates: a mentee is never pushed out of their assigned mentor.
    mentees, mentors = random_programme(seed=7, n_mentees=120, n_mentors=120, capacity_two_share=0.2)
    result = run_matching(mentees, mentors, P2)
    rng = random.Random(1)

    assert result.metrics["assignment_size"] == 120
    for _attempt in range(5):
        assert deferred_acceptance(result, mentors, rng) == 120


def test_same_input_gives_the_same_output_whatever_the_order():
    mentees, mentors = random_programme(seed=8, n_mentees=80, n_mentors=60)
    shuffled_mentees, shuffled_mentors = mentees[:], mentors[:]
    random.Random(2).shuffle(shuffled_mentees)
    random.Random(3).shuffle(shuffled_mentors)

    first = run_matching(mentees, mentors, P1)
    second = run_matching(shuffled_mentees, shuffled_mentors, P1)

    assert first.proposals == second.proposals
    assert first.shortfalls == second.shortfalls


def test_ties_go_to_the_lower_mentor_id():
    twins = [mentor(id, email=f"jumeau{id}@cpam.fr") for id in (13, 11, 12)]
    settings = dataclasses.replace(P1, proposals_per_mentee=1)

    result = run_matching([mentee(1)], twins, settings)

    assert proposed_ids(result, 1) == [11]


def test_progress_is_reported_from_zero_to_one():
    calls = []

    run_matching([mentee(1)], [mentor(2)], P1, progress=lambda fraction, message: calls.append((fraction, message)))

    fractions = [fraction for fraction, _message in calls]
    assert fractions == sorted(fractions) and fractions[0] == 0.0 and fractions[-1] == 1.0
    assert calls[-1][1] == "Terminé"


def test_the_result_has_the_documented_shape():
    result = run_matching([mentee(1)], [mentor(2)], P1)

    assert isinstance(result, MatchingResult)
    assert isinstance(result.proposals[1][0], ProposalOut)
    assert set(result.proposals[1][0].criteria) == set(CRITERIA)
    expected = {
        "mentees", "mentors", "proposals_min", "proposals_mean", "proposals_max", "mentors_proposed_share",
        "assignment_size", "total_score", "max_exposure_over_cap", "seconds",
    }  # fmt: skip
    assert expected <= set(result.metrics)


def test_eligibility_counts_match_the_pairwise_check():
    mentees, mentors = random_programme(seed=9, n_mentees=40, n_mentors=40)
    mentors[0] = dataclasses.replace(mentors[0], capacity=0)
    forbidden = frozenset({(mentees[0].id, mentors[1].id), (mentees[1].id, mentors[2].id)})
    manager_of = {p.email: p.line_manager_email for p in mentees + mentors if p.line_manager_email}

    eligibility = Eligibility(mentees, mentors, P1, forbidden=forbidden, manager_of=manager_of)

    for i, person in enumerate(mentees):
        allowed = sum(
            check_pair(person, other, P1, forbidden=forbidden, manager_of=manager_of) is None for other in mentors
        )
        assert eligibility.eligible_count[i] == allowed


@pytest.mark.parametrize(
    "fields",
    [{"proposals_per_mentee": 0}, {"exposure_factor": 0.5}, {"weights": {"unknown": 1.0}}, {"weights": {"themes": -1}}],
)
def test_settings_refuse_invalid_values(fields):
    with pytest.raises(ValueError):
        Settings(**fields)


def test_the_engine_runs_without_django():
    code = "import sys, matching.engine; assert not any(name.startswith('django') for name in sys.modules)"

    completed = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, env={})

    assert completed.returncode == 0, completed.stderr
