"""The two min-cost flows (OR-Tools SimpleMinCostFlow) on the candidate graph; costs SCALE × (1 - score)."""

from typing import NamedTuple

import numpy as np
from ortools.graph.python.min_cost_flow import SimpleMinCostFlow

from .candidates import SCALE

# Penalties far above any gain in score that rerouting a few menus could bring.
RIVAL_COST = 32 * SCALE
OVERFLOW_COST = 8 * RIVAL_COST


def _solver(tails, heads, capacities, costs):
    solver = SimpleMinCostFlow()
    solver.add_arcs_with_capacity_and_unit_cost(
        np.ascontiguousarray(tails, np.int32),
        np.ascontiguousarray(heads, np.int32),
        np.ascontiguousarray(capacities, np.int64),
        np.ascontiguousarray(costs, np.int64),
    )
    return solver


def assign(graph, n, m, capacity):
    """mentee index -> mentor index of a maximum, maximum-score capacity-respecting assignment (-1 if none)."""
    mentee, mentor, score = graph.arcs()
    assigned = np.full(n, -1, np.int64)
    if not len(mentee):
        return assigned
    source, sink = n + m, n + m + 1
    arcs = len(mentee)
    solver = _solver(
        np.concatenate([np.full(n, source), mentee, n + np.arange(m)]),
        np.concatenate([np.arange(n), n + mentor, np.full(m, sink)]),
        np.concatenate([np.ones(n + arcs, np.int64), capacity]),
        np.concatenate([np.zeros(n, np.int64), SCALE - score, np.zeros(m, np.int64)]),
    )
    solver.set_node_supply(source, n)
    solver.set_node_supply(sink, -n)
    status = solver.solve_max_flow_with_min_cost()
    if status != solver.OPTIMAL:
        raise RuntimeError(f"assignment flow failed: {status}")
    chosen = solver.flows(np.arange(n, n + arcs)) > 0
    assigned[mentee[chosen]] = mentor[chosen]
    return assigned


def rival_thresholds(graph, assigned, m):
    """Per mentor, the score from which an extra mentee is a rival of the weakest assigned mentee.

    A rival could take that mentee's place if the mentor kept the best candidates; one unit of
    slack covers rounding. Mentors without assigned mentee have no rival (threshold above SCALE).
    """
    has_assignment = assigned >= 0
    weakest = np.full(m, SCALE + 2, np.int64)
    mentors = assigned[has_assignment]
    np.minimum.at(weakest, mentors, graph.score_of(np.flatnonzero(has_assignment), mentors))
    return weakest - 1


class Menus(NamedTuple):
    pairs: tuple  # (mentee indices, mentor indices), assignment included
    strained: np.ndarray  # mentees with a proposal that exceeds an exposure cap or a rival budget
    open: np.ndarray  # mentors still under their exposure cap
    rival_from: np.ndarray  # per mentor, the score from which a new extra mentee would be a rival


def menus(graph, n, m, k, assigned, capacity, caps):
    """Fill every menu up to min(k, candidates) around the assignment (see the module docstring)."""
    mentee, mentor, score = graph.arcs()
    has_assignment = assigned >= 0
    degree = np.bincount(mentee, minlength=n)
    need = np.minimum(k, degree) - has_assignment
    extra = assigned[mentee] != mentor
    mentee, mentor, score = mentee[extra], mentor[extra], score[extra]
    assigned_count = np.bincount(assigned[has_assignment], minlength=m)
    rival_from = rival_thresholds(graph, assigned, m)
    rival = score >= rival_from[mentor]
    spare = capacity - assigned_count
    pairs_mentee = [np.flatnonzero(has_assignment)]
    pairs_mentor = [assigned[has_assignment]]
    total_need = int(need.sum())
    if not total_need:
        return Menus((pairs_mentee[0], pairs_mentor[0]), np.zeros(0, np.int64), caps > assigned_count, rival_from)

    # Nodes: mentees, mentors, mentors' rival entrances, source, sink.
    main, high = n + np.arange(m), n + m + np.arange(m)
    source, sink = n + 2 * m, n + 2 * m + 1
    arcs = len(mentee)
    zeros = np.zeros(m, np.int64)
    solver = _solver(
        np.concatenate([np.full(n, source), mentee, high, high, main, main]),
        np.concatenate([np.arange(n), np.where(rival, high[mentor], main[mentor]), main, main, np.full(2 * m, sink)]),
        np.concatenate(
            [need, np.ones(arcs, np.int64), spare, np.full(m, total_need), caps - assigned_count]
            + [np.full(m, total_need)]
        ),
        np.concatenate(
            [np.zeros(n, np.int64), SCALE - score, zeros, np.full(m, RIVAL_COST), zeros, np.full(m, OVERFLOW_COST)]
        ),
    )
    solver.set_node_supply(source, total_need)
    solver.set_node_supply(sink, -total_need)
    status = solver.solve()
    if status != solver.OPTIMAL:
        raise RuntimeError(f"menu flow failed: {status}")
    chosen = solver.flows(np.arange(n, n + arcs)) > 0
    pairs_mentee.append(mentee[chosen])
    pairs_mentor.append(mentor[chosen])
    over_rivals = solver.flows(np.arange(n + arcs + m, n + arcs + 2 * m)) > 0
    over_caps = solver.flows(np.arange(n + arcs + 3 * m, n + arcs + 4 * m)) > 0
    strained = np.unique(
        np.concatenate([mentee[chosen & rival & over_rivals[mentor]], mentee[chosen & over_caps[mentor]]])
    )
    exposure = assigned_count + np.bincount(mentor[chosen], minlength=m)
    # Mentors whose rival budget is spent only take new mentees below their weakest assigned one.
    rival_budget_left = spare > np.bincount(mentor[chosen & rival], minlength=m)
    pairs = (np.concatenate(pairs_mentee).astype(np.int64), np.concatenate(pairs_mentor).astype(np.int64))
    return Menus(pairs, strained, exposure < caps, np.where(rival_budget_left, SCALE + 2, rival_from))
