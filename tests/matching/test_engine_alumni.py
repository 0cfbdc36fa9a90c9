"""The engine and returning mentors: their past pairs are told in the explanation and weigh a little
in the experience criterion; a pair of an earlier edition is never proposed again (pure engine)."""

import dataclasses

import numpy as np

from matching.engine import CRITERIA, check_pair, explain_pair, run_matching
from matching.engine.scoring import Features
from tests.matching.test_engine import P1, P2, mentee, mentor, proposed_ids, random_programme


def test_the_explanation_tells_how_many_mentees_the_mentor_accompanied_before():
    sentence = explain_pair(mentee(1, years_experience=3), mentor(2, years_experience=8, past_mentees=2), P1)
    assert sentence["experience"][1] == (
        "5 ans d'expérience de plus que la personne mentorée. A déjà accompagné 2 personnes lors d'éditions précédentes"
    )
    one = explain_pair(mentee(1, years_experience=3), mentor(2, years_experience=3, past_mentees=1), P1)
    assert one["experience"][1] == (
        "Autant d'années d'expérience que la personne mentorée. A déjà accompagné 1 personne lors d'éditions précédentes"
    )


def test_a_first_time_mentor_gets_no_sentence_about_past_pairs():
    sentence = explain_pair(mentee(1, years_experience=3), mentor(2, years_experience=8), P1)["experience"][1]
    assert "éditions précédentes" not in sentence


def test_past_pairs_add_half_a_year_each_up_to_two():
    values = [
        explain_pair(mentee(1, years_experience=3), mentor(2, years_experience=8, past_mentees=n), P1)["experience"][0]
        for n in (0, 1, 2, 5)
    ]
    assert values == [0.5, 0.55, 0.6, 0.6]


def test_between_equal_mentors_the_returning_one_ranks_first():
    newcomer = mentor(2, capacity=2, years_experience=8)
    returning = mentor(3, capacity=2, years_experience=8, past_mentees=1)
    result = run_matching([mentee(1)], [newcomer, returning], P1)
    assert proposed_ids(result, 1) == [3, 2]


def test_block_scores_still_equal_the_explained_totals_with_past_pairs():
    mentees, mentors = random_programme(seed=5, n_mentees=20, n_mentors=15)
    mentors = [dataclasses.replace(person, past_mentees=index % 4) for index, person in enumerate(mentors)]
    features = Features(mentees, mentors, P2)
    block = features.block(np.arange(len(mentees)))
    a, b = np.divmod(np.arange(len(mentees) * len(mentors)), len(mentors))
    values = features.pair_values(a, b)
    totals = sum(P2.weights[c] * values[c] for c in CRITERIA) / sum(P2.weights.values())
    np.testing.assert_allclose(block.ravel(), totals, atol=1e-5)


def test_a_former_pair_given_as_forbidden_is_refused_and_never_proposed():
    """The service hands the engine the pairs of earlier editions as forbidden pairs (by person)."""
    former = mentor(2, capacity=2, past_mentees=3, years_experience=30)
    result = run_matching([mentee(1)], [former, mentor(3)], P1, forbidden={(1, 2)})
    assert proposed_ids(result, 1) == [3]
    assert check_pair(mentee(1), former, P1, forbidden={(1, 2)}) is not None
