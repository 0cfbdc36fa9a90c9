"""Proposals for a whole track: vectorised scoring of candidates, then two min-cost flows.

1. Candidates (candidates.py): every pair is scored block by block with the hard rules as masks, and
   each mentee keeps their best GRAPH_SIZE mentors; nothing else is built for 10,000 × 10,000.
2. Assignment (flows.assign): source -> mentee (1) -> mentor (1 per arc) -> sink (free capacity),
   solved as a maximum flow of minimum cost SCALE × (1 - score): a capacity-respecting assignment of
   maximum size and, among those, of maximum total score. Unmatched mentees are scored again against
   the mentors with a place left, and the flow is solved again.
3. Exposure caps: demand = proposals_per_mentee × mentees / total free capacity (menu slots per free
   place); cap_j = max(capacity_j, ceil(exposure_factor × capacity_j × demand)). With
   exposure_factor = 1 each place is shown as often as the average place; the engineer raises it to
   give popular mentors more room.
4. Menus (flows.menus): a second min-cost flow fills the other slots of each menu (min(proposals_per_
   mentee, eligible mentors) minus the assigned mentor) with maximum total score, under cap_j minus
   the assignment's use, one arc per (mentee, mentor) so that no mentor repeats in a menu. It also
   keeps the assignment safe: a mentor is shown to at most (capacity - assigned) "rivals", extra
   mentees who score at least as high with them as their weakest assigned mentee. If mentors keep
   the best-scored candidates, every mentee therefore still gets at least their assigned mentor,
   whatever order they try their menu in (deferred acceptance within menus matches all of them).
   Both limits are soft, priced above any score gain, so a mentee is never left with fewer proposals
   than eligible mentors; the mentees concerned are first scored again against the mentors that
   still have room, and `metrics["overflow"]` counts what was left above a cap.
Mentees and mentors are sorted by id first, ties go to the lower id and nothing is random: the same
input gives the same output.
"""

import time

import numpy as np

from .candidates import CandidateGraph
from .flows import assign, menus
from .rules import Eligibility, shortfall_sentence
from .scoring import SENTENCES, Features, weighted_total
from .types import MatchingResult, ProposalOut

GRAPH_SIZE = 40  # arcs per mentee the flows start with (at least 2 × proposals_per_mentee)
REPAIR_ROUNDS = 4


def run_matching(mentees, mentors, settings, *, forbidden=frozenset(), manager_of=None, progress=None):
    """Ranked, explained, capacity-aware proposals for every mentee (see the module docstring)."""
    started = time.perf_counter()

    def report(fraction, key):
        if progress is not None:
            progress(fraction, SENTENCES[key])

    report(0.0, "progress_prepare")
    mentees = sorted(mentees, key=lambda person: person.id)
    mentors = sorted(mentors, key=lambda person: person.id)
    _check_unique(mentees, "mentee")
    _check_unique(mentors, "mentor")
    n, m = len(mentees), len(mentors)
    k = settings.proposals_per_mentee
    features = Features(mentees, mentors, settings)
    eligibility = Eligibility(mentees, mentors, settings, forbidden=forbidden, manager_of=manager_of)
    capacity = np.array([max(person.capacity, 0) for person in mentors], np.int64)

    report(0.1, "progress_score")
    graph = CandidateGraph(features, eligibility, size=max(GRAPH_SIZE, 2 * k))

    report(0.5, "progress_assign")
    assigned = assign(graph, n, m, capacity)
    for _round in range(REPAIR_ROUNDS):
        free = capacity > np.bincount(assigned[assigned >= 0], minlength=m)
        unmatched = np.flatnonzero((assigned < 0) & (eligibility.eligible_count > 0))
        if not len(unmatched) or not free.any() or not graph.widen(unmatched, columns=free):
            break
        assigned = assign(graph, n, m, capacity)

    report(0.7, "progress_menus")
    total_capacity = int(capacity.sum())
    demand = k * n / total_capacity if total_capacity else 0.0
    caps = np.maximum(capacity, np.ceil(settings.exposure_factor * capacity * demand - 1e-9).astype(np.int64))
    result = menus(graph, n, m, k, assigned, capacity, caps)
    for _round in range(REPAIR_ROUNDS):
        if not len(result.strained) or not graph.widen(result.strained, columns=result.open, below=result.rival_from):
            break
        result = menus(graph, n, m, k, assigned, capacity, caps)
    pairs = result.pairs

    report(0.85, "progress_explain")
    proposals, scores = _explain(features, settings, mentees, mentors, pairs, assigned)
    shortfalls = {}
    for i, mentee in enumerate(mentees):
        if len(proposals[mentee.id]) < k:
            shortfalls[mentee.id] = shortfall_sentence(
                int(eligibility.eligible_count[i]), m, eligibility.reason_counts(i)
            )

    exposure = np.bincount(pairs[1], minlength=m)
    counts = np.array([len(proposals[mentee.id]) for mentee in mentees], np.int64)
    open_mentors = capacity > 0
    metrics = {
        "mentees": n,
        "mentors": m,
        "proposals_min": int(counts.min()) if n else 0,
        "proposals_mean": round(float(counts.mean()), 3) if n else 0.0,
        "proposals_max": int(counts.max()) if n else 0,
        # Share of the mentors with a free place who appear in at least one menu.
        "mentors_proposed_share": round(float((exposure[open_mentors] > 0).mean()), 4) if open_mentors.any() else 0.0,
        "assignment_size": int((assigned >= 0).sum()),
        "total_score": round(float(sum(scores)), 4),
        # Appearances in menus / exposure cap; above 1 only when a cap had to give way (see "overflow").
        "max_exposure_over_cap": round(float((exposure[open_mentors] / caps[open_mentors]).max()), 4)
        if open_mentors.any()
        else 0.0,
        "max_exposure_over_capacity": round(float((exposure[open_mentors] / capacity[open_mentors]).max()), 4)
        if open_mentors.any()
        else 0.0,
        "exposure_demand": round(demand, 4),
        "simulated_first_round_success": _first_round_success(proposals, mentors),
        "overflow": int(np.maximum(exposure - caps, 0).sum()),
        "candidate_arcs": len(graph.keys),
        "seconds": 0.0,
    }
    metrics["seconds"] = round(time.perf_counter() - started, 3)
    report(1.0, "progress_done")
    return MatchingResult(proposals=proposals, shortfalls=shortfalls, metrics=metrics)


def _check_unique(persons, kind):
    ids = [person.id for person in persons]
    if len(set(ids)) != len(ids):
        raise ValueError(f"duplicate {kind} ids")


def _first_round_success(proposals, mentors):
    """Share of mentees matched when each tries their menu best first and each mentor keeps the
    best-scored candidates up to capacity (mentee-proposing deferred acceptance within menus)."""
    if not proposals:
        return 1.0
    capacity = {mentor.id: mentor.capacity for mentor in mentors}
    next_choice = dict.fromkeys(proposals, 0)
    held = {}
    waiting = sorted(proposals, reverse=True)
    while waiting:
        mentee_id = waiting.pop()
        menu = proposals[mentee_id]
        if next_choice[mentee_id] >= len(menu):
            continue
        proposal = menu[next_choice[mentee_id]]
        next_choice[mentee_id] += 1
        holding = held.setdefault(proposal.mentor_id, [])
        holding.append((proposal.score, -mentee_id))
        if len(holding) > capacity[proposal.mentor_id]:
            holding.sort(reverse=True)
            waiting.append(-holding.pop()[1])
    return round(sum(len(holding) for holding in held.values()) / len(proposals), 4)


def _explain(features, settings, mentees, mentors, menus, assigned):
    """ProposalOut lists per mentee id, best first, and the list of all proposal scores."""
    menu_mentee, menu_mentor = menus
    values = features.pair_values(menu_mentee, menu_mentor)
    proposals = {mentee.id: [] for mentee in mentees}
    rows = []
    for position, (i, j) in enumerate(zip(menu_mentee.tolist(), menu_mentor.tolist(), strict=True)):
        criteria = features.explain(i, j, {criterion: value[position] for criterion, value in values.items()})
        score = round(weighted_total(criteria, settings.weights), 4)
        rows.append((i, -score, mentors[j].id, j, score, criteria))
    rows.sort(key=lambda row: row[:3])
    scores = []
    for i, _negative, mentor_id, j, score, criteria in rows:
        menu = proposals[mentees[i].id]
        menu.append(ProposalOut(mentor_id, len(menu) + 1, score, criteria, bool(assigned[i] == j)))
        scores.append(score)
    return proposals, scores
