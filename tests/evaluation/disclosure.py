"""A brute-force reader of a published table: every assignment of the hidden cells consistent with
what is shown (visible values, « < 5 » in 1..4, « masqué » 5 or more — or anything from 0 when the
whole group is masked —, the totals). Used to prove
that no hidden cell can be worked out."""

import itertools

from evaluation.privacy import COMPLEMENTARY, SMALL, WHOLE


def possible_values(figures, groups, *, ceiling):
    """{hidden key: set of values it can take}. `ceiling` bounds « masqué » cells (the grand total)."""
    hidden = [key for key, figure in figures.items() if figure.hidden]
    ranges = []
    for key in hidden:
        if figures[key].hidden == SMALL:
            ranges.append(range(1, 5))
        elif figures[key].hidden == COMPLEMENTARY:
            ranges.append(range(5, ceiling + 1))
        else:
            assert figures[key].hidden == WHOLE
            ranges.append(range(0, ceiling + 1))
    known = {key: figure.value for key, figure in figures.items() if not figure.hidden}
    seen = {key: set() for key in hidden}
    for values in itertools.product(*ranges):
        cells = {**known, **dict(zip(hidden, values))}
        if all(sum(cells[m] for m in members) == cells[total] for members, total in groups):
            for key, value in zip(hidden, values):
                seen[key].add(value)
    return seen
