"""The small-group rule, in one place: every indicator page, export and PDF goes through `suppress`.

The rule
--------
Any figure about fewer than 5 people (1 to 4) is shown as « < 5 ». Zero is shown: it describes
nobody. A figure computed from people (a mean, a percentage, a median, an NPS score) is shown only
when it is about 5 people or more, and only when the count it is computed from is itself shown;
otherwise it reads « < 5 pers. » (so that a hidden delay of 12 days does not read « < 5 »).

A hidden figure must not be recoverable from the other figures of the same table. A table declares
its additive groups — "these cells add up to that total" (the cells of a row and the row total, the
rows of a column and the column total...). `suppress` then works as follows:

1. Primary suppression: every count from 1 to 4 is hidden (« < 5 »).
2. Audit: a reader who knows the method knows that « < 5 » lies in 1..4 and that a cell hidden to
   protect another one (« masqué ») is 5 or more. Starting from these bounds and the visible
   values, the audit propagates what each group implies (a cell = its total minus the others'
   bounds; a total = the sum of its cells' bounds), across all groups, until nothing changes.
3. Complementary suppression: when the bounds of a hidden figure about 1 to 4 people shrink to a
   single value, it could be worked out. Among the groups holding such a cell, the smallest visible non-zero cell is hidden
   as well (« masqué »); if they have none, the cell is pinned down through other hidden cells,
   and the search goes on in the groups of those. Totals published elsewhere (the number of pairs, of answers...) are never
   hidden this way, since hiding them would protect nothing: a table names them (`fixed`), by
   default its outermost total. When such a group has no visible non-zero cell left, all its cells
   are masked alike (« masqué », zeros and « < 5 » included), and then a reader can only say that
   each lies between 0 and the total. Back to 2 until every hidden
   figure about 1 to 4 people keeps at least two possible values.

Bounds propagation over the linear groups is what a reader can do with a pencil, and it is exact
when no cell belongs to two groups. In a two-way table a reader can combine rows and columns
further: there, each hidden figure about 1 to 4 people is also checked exactly by integer
programming (« could it take any other value? »). The test suite reads the published tables the
same way, independently.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

THRESHOLD = 5
# Said wherever the rule hides something, in the words of an HR referent (issue 24).
RULE_SENTENCE = _("Les effectifs inférieurs à 5 sont masqués pour qu'on ne puisse pas reconnaître une personne.")
SMALL = "small"
COMPLEMENTARY = "complementary"
WHOLE = "whole"  # masked with the whole of its group: any value from 0 up
FEW = "few"  # a mean, share, delay or score computed from fewer than 5 people
SMALL_LABEL = _("< 5")
FEW_LABEL = _("< 5 pers.")
COMPLEMENTARY_LABEL = _("masqué")
_INFINITY = float("inf")
_MAX_PASSES = 200


@dataclass(frozen=True)
class Figure:
    """A figure as it may be published: its value, or why it is hidden."""

    value: object = None
    hidden: str | None = None
    decimals: int = 0
    suffix: str = ""
    signed: bool = False

    @property
    def shown(self):
        return self.hidden is None and self.value is not None

    @property
    def is_small(self):
        return self.hidden == SMALL

    def __str__(self):
        if self.hidden == SMALL:
            return str(SMALL_LABEL)
        if self.hidden == FEW:
            return str(FEW_LABEL)
        if self.hidden in (COMPLEMENTARY, WHOLE):
            return str(COMPLEMENTARY_LABEL)
        if self.value is None:
            return "—"
        text = _format(self.value, self.decimals)
        if self.signed and self.value > 0:
            text = "+" + text
        return text + self.suffix

    def __html__(self):
        return str(self).replace("<", "&lt;")


MISSING = Figure()


def _format(value, decimals):
    if decimals == 0:
        value = int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    else:
        value = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return number_format(value, decimal_pos=decimals, force_grouping=True)


def _bounds(counts, hidden):
    bounds = {}
    for key, value in counts.items():
        if hidden.get(key) == SMALL:
            bounds[key] = (1, THRESHOLD - 1)
        elif hidden.get(key) == COMPLEMENTARY:
            bounds[key] = (THRESHOLD, _INFINITY)
        elif hidden.get(key) == WHOLE:
            bounds[key] = (0, _INFINITY)
        else:
            bounds[key] = (value, value)
    return bounds


def _propagate(bounds, groups):
    """Tighten the bounds with every group `sum(members) == total` until nothing changes."""
    for _pass in range(_MAX_PASSES):
        changed = False
        for members, total in groups:
            low_sum = sum(bounds[m][0] for m in members)
            high_sum = sum(bounds[m][1] for m in members)
            t_low, t_high = bounds[total]
            new_total = (max(t_low, low_sum), min(t_high, high_sum))
            if new_total != bounds[total]:
                bounds[total], changed = new_total, True
            t_low, t_high = bounds[total]
            for member in members:
                m_low, m_high = bounds[member]
                others_low = low_sum - m_low
                others_high = high_sum - m_high
                new = (max(m_low, t_low - others_high), min(m_high, t_high - others_low))
                if new != (m_low, m_high):
                    bounds[member], changed = new, True
                    low_sum = sum(bounds[m][0] for m in members)
                    high_sum = sum(bounds[m][1] for m in members)
        if not changed:
            return bounds
    return bounds


def _pinned(counts, hidden, groups, keys):
    """The exact reader: which of `keys` have a single possible value, by integer programming
    (OR-Tools CP-SAT, as in the matching engine). One feasibility question per key: « could it be
    anything else? »"""
    from ortools.sat.python import cp_model

    ceiling = max(1, sum(counts.values()))
    pinned = []
    for key in keys:
        model = cp_model.CpModel()
        cells = {}
        for cell, value in counts.items():
            low, high = _bounds({cell: value}, hidden)[cell]
            cells[cell] = model.NewIntVar(int(low), int(min(high, ceiling)), str(cell))
        for members, total in groups:
            model.Add(sum(cells[m] for m in members) == cells[total])
        model.Add(cells[key] != counts[key])
        if cp_model.CpSolver().Solve(model) == cp_model.INFEASIBLE:
            pinned.append(key)
    return pinned


def _exposed(counts, hidden, groups):
    """The hidden figures about 1 to 4 people that a reader could work out. (A masked cell of 0, or
    of 5 or more, could be shown anyway.) Bounds propagation is exact when no cell belongs to two
    groups; when groups overlap (a two-way table) the cells it leaves are checked exactly."""
    bounds = _propagate(_bounds(counts, hidden), groups)
    small = [key for key in counts if key in hidden and 0 < counts[key] < THRESHOLD]
    exposed = [key for key in small if bounds[key][0] >= bounds[key][1]]
    if exposed or not small:
        return exposed
    seen = [cell for members, total in groups for cell in (*members, total)]
    if len(seen) == len(set(seen)):
        return []
    return _pinned(counts, hidden, groups, small)


def _hide_one_more(exposed, counts, hidden, groups, fixed):
    """Hide the smallest visible non-zero cell (not a fixed total) of the groups holding an exposed
    cell. When they have none, the exposed cell is pinned down through other hidden cells: look in
    the groups of those, and so on. Failing that, mask all the cells of such a group alike. False
    when nothing is left to do."""
    order = {key: position for position, key in enumerate(counts)}
    reached, frontier, holding = set(exposed), set(exposed), []
    while frontier:
        layer = [
            (m, t) for m, t in groups if (m, t) not in holding and (t in frontier or any(x in frontier for x in m))
        ]
        holding += layer
        candidates = {
            cell
            for members, _total in layer
            for cell in members
            if cell not in hidden and cell not in fixed and counts[cell] > 0
        }
        if candidates:
            hidden[min(candidates, key=lambda cell: (counts[cell], order[cell]))] = COMPLEMENTARY
            return True
        frontier = {cell for members, total in layer for cell in (*members, total) if cell in hidden} - reached
        reached |= frontier
    for members, _total in holding:
        loose = [cell for cell in members if cell not in fixed]
        if any(hidden.get(cell) != WHOLE for cell in loose):
            for cell in loose:
                hidden[cell] = WHOLE
            return True
    return False


def suppress(counts, groups=(), *, fixed=None, exact=False):
    """THE small-group rule. `counts`: {key: number of people}; `groups`: [(member keys, total key)]
    with `sum(counts[member]) == counts[total]`; `fixed`: totals published elsewhere, never hidden
    to protect another cell (default: the totals that belong to no group). Returns {key: Figure}.

    `exact`: the rule protects nobody from this reader, who already sees each of the people counted
    by name (the programme engineer, on her own pages, for applications, pairs and sessions): every
    figure is shown. Never for survey answers, an HR referent or anything exported."""
    if exact:
        return {key: Figure(value=value) for key, value in counts.items()}
    groups = [(list(members), total) for members, total in groups]
    for members, total in groups:
        if sum(counts[m] for m in members) != counts[total]:
            raise ValueError(f"group does not add up: {members} -> {total}")
    if fixed is None:
        members = {m for group_members, _total in groups for m in group_members}
        fixed = {total for _members, total in groups if total not in members}
    hidden = {key: SMALL for key, value in counts.items() if 0 < value < THRESHOLD}
    while True:
        exposed = _exposed(counts, hidden, groups)
        if not exposed or not _hide_one_more(set(exposed), counts, hidden, groups, set(fixed)):
            break
    return {key: Figure(value=value, hidden=hidden.get(key)) for key, value in counts.items()}


# --- shapes built on `suppress` -----------------------------------------------------------------


def count(value, *, exact=False):
    """A single figure about `value` people."""
    return suppress({"n": value}, exact=exact)["n"]


def breakdown(counts, *, total_key="total", exact=False):
    """A one-way breakdown {category: n} and its total; returns {category: Figure, total_key: Figure}."""
    cells = dict(counts)
    cells[total_key] = sum(counts.values())
    return suppress(cells, [(list(counts), total_key)], exact=exact)


def grid(rows, columns, values, *, row_totals=True, column_totals=True, fixed=None, exact=False):
    """A two-way table {(row, column): n}; totals under the keys (row, "total"), ("total", column)
    and ("total", "total"). Columns add up when `row_totals`; rows add up when `column_totals`.
    `fixed`: the totals also published elsewhere (see `suppress`)."""
    cells = {(r, c): values.get((r, c), 0) for r in rows for c in columns}
    groups = []
    if row_totals:
        for r in rows:
            cells[(r, "total")] = sum(cells[(r, c)] for c in columns)
            groups.append(([(r, c) for c in columns], (r, "total")))
    if column_totals:
        for c in columns:
            cells[("total", c)] = sum(cells[(r, c)] for r in rows)
            groups.append(([(r, c) for r in rows], ("total", c)))
    if row_totals and column_totals:
        cells[("total", "total")] = sum(cells[(r, "total")] for r in rows)
        groups.append(([(r, "total") for r in rows], ("total", "total")))
        groups.append(([("total", c) for c in columns], ("total", "total")))
    return suppress(cells, groups, fixed=fixed, exact=exact)


def total_of(parts, *, exact=False):
    """The sum of figures each already published on its own (the editions of a comparison, the
    mentees' and the mentors' applications). Hiding one of them again here would protect nothing, so
    the total is the figure hidden (« masqué »), whenever a part is: it would give that part away by
    difference. (`exact`: see `suppress`.)"""
    figure = count(sum(part.value or 0 for part in parts), exact=exact)
    if figure.shown and any(part.hidden for part in parts):
        return Figure(value=figure.value, hidden=COMPLEMENTARY)
    return figure


def about(people, value, *, decimals=1, suffix="", exact=False):
    """A figure computed from `people` (a Figure or a number): shown only when they are shown and 5
    or more. A mean, a median, a share, a score. (`exact`: see `suppress`.)"""
    base = people if isinstance(people, Figure) else count(people, exact=exact)
    if base.hidden:
        # « < 5 pers. »: a hidden mean of 3.5 or delay of 12 days must not read « < 5 ».
        return Figure(hidden=FEW if base.hidden == SMALL else base.hidden)
    if not base.value or value is None:
        return MISSING
    return Figure(value=value, decimals=decimals, suffix=suffix)


def share(part, whole, *, decimals=0):
    """`part` out of `whole` as a percentage; hidden with `part` (both Figures from `suppress`)."""
    if part.hidden or whole.hidden:
        kind = part.hidden or whole.hidden
        return Figure(hidden=FEW if kind == SMALL else kind)
    if not whole.value:
        return MISSING
    return Figure(value=100 * part.value / whole.value, decimals=decimals, suffix=" %")


def scale_categories(counts, *, total_key="total"):
    """The categories of an answer scale (disagree / neutral / agree; detractors / passives /
    promoters) and their total, published next to a mean or a score. The mean or score is one more
    equation on the categories: when one category is hidden, all are hidden, so that it cannot be
    solved for the hidden one."""
    figures = breakdown(counts, total_key=total_key)
    if any(f.hidden for key, f in figures.items() if key != total_key):
        figures = {key: f if key == total_key else Figure(value=f.value, hidden=WHOLE) for key, f in figures.items()}
    return figures


def nps_score(total, score):
    """The NPS score (promoters minus detractors, in points), about `total` respondents."""
    figure = about(total, score, decimals=0)
    if figure.shown:
        return Figure(value=figure.value, decimals=0, suffix="", signed=True)
    return figure


def group_is_shown(people):
    """Whether a group (an organisation, a branch in an export) is large enough to be named."""
    return count(people).shown or people == 0
