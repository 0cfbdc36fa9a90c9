"""The small-group rule (evaluation.privacy): 4 hidden, 5 shown, complementary suppression across a
breakdown, nothing recoverable from the totals — checked by a brute-force reader."""

import random

import pytest

from evaluation import privacy
from evaluation.privacy import COMPLEMENTARY, SMALL, WHOLE
from tests.evaluation.disclosure import value_ranges


def _grid_groups(rows, columns):
    groups = [([(r, c) for c in columns], (r, "total")) for r in rows]
    groups += [([(r, c) for r in rows], ("total", c)) for c in columns]
    groups.append(([(r, "total") for r in rows], ("total", "total")))
    groups.append(([("total", c) for c in columns], ("total", "total")))
    return groups


def assert_nothing_recoverable(figures, groups):
    """No hidden figure about 1 to 4 people can be worked out (a masked 0, or 5 or more, may)."""
    for key, (low, high) in value_ranges(figures, groups, ceiling=1000).items():
        if 0 < figures[key].value < 5:
            assert low < high, f"{key} can be worked out: it is {low}"


def test_four_people_are_hidden_and_five_are_shown():
    assert str(privacy.count(4)) == "< 5"
    assert privacy.count(4).hidden == SMALL
    assert str(privacy.count(5)) == "5"
    assert privacy.count(5).shown


def test_one_is_hidden_and_zero_is_shown():
    assert str(privacy.count(1)) == "< 5"
    assert str(privacy.count(0)) == "0"


def test_a_mean_about_four_people_is_hidden_and_about_five_is_shown():
    assert str(privacy.about(4, 3.75)) == "< 5 pers."  # not « < 5 »: the mean is not below 5
    assert str(privacy.about(5, 3.75)) == "3,8"  # French decimal comma, half up


def test_a_share_is_hidden_with_its_count():
    figures = privacy.breakdown({"yes": 3, "no": 12})
    assert not privacy.share(figures["yes"], figures["total"]).shown
    assert not privacy.share(figures["no"], figures["total"]).shown


def test_a_single_hidden_cell_of_a_breakdown_brings_the_next_smallest_with_it():
    figures = privacy.breakdown({"maladie": 12, "famille": 3, "retraite": 7, "recouvrement": 20})
    assert figures["famille"].hidden == SMALL
    # Otherwise 42 - 12 - 7 - 20 = 3 would give it away: the next smallest goes too.
    assert figures["retraite"].hidden == COMPLEMENTARY
    assert str(figures["retraite"]) == "masqué"
    assert figures["maladie"].shown and figures["recouvrement"].shown
    assert str(figures["total"]) == "42"
    assert_nothing_recoverable(figures, [(["maladie", "famille", "retraite", "recouvrement"], "total")])


def test_two_small_cells_protect_each_other_when_their_sum_leaves_several_possibilities():
    figures = privacy.breakdown({"a": 2, "b": 3, "c": 9})
    assert (figures["a"].hidden, figures["b"].hidden, figures["c"].hidden) == (SMALL, SMALL, None)
    assert_nothing_recoverable(figures, [(["a", "b", "c"], "total")])


def test_two_small_cells_that_the_total_pins_down_are_protected_further():
    # 1 + 1 = 2 is the only way for two « < 5 » cells to make 12 - 10: hiding 10 as well.
    figures = privacy.breakdown({"a": 1, "b": 1, "c": 10})
    assert figures["c"].hidden == COMPLEMENTARY
    assert_nothing_recoverable(figures, [(["a", "b", "c"], "total")])


def test_totals_are_never_hidden_to_protect_a_cell_the_group_is_masked_instead():
    # « < 5 » in 1..4 and « masqué » of 5 or more would leave 1 + 5 = 6 as the only way: every cell is masked alike.
    figures = privacy.breakdown({"a": 1, "b": 5})
    assert str(figures["total"]) == "6"
    assert figures["a"].hidden == WHOLE and figures["b"].hidden == WHOLE
    assert str(figures["a"]) == str(figures["b"]) == "masqué"
    assert_nothing_recoverable(figures, [(["a", "b"], "total")])


def test_complementary_suppression_across_a_two_way_breakdown():
    rows, columns = ["P1", "P2"], ["frame", "active", "completed", "ended"]
    values = {("P1", "frame"): 2, ("P1", "active"): 10, ("P1", "ended"): 1,
              ("P2", "frame"): 4, ("P2", "active"): 9, ("P2", "completed"): 1}  # fmt: skip
    figures = privacy.grid(rows, columns, values)
    hidden = {key for key, figure in figures.items() if figure.hidden}
    assert {("P1", "frame"), ("P1", "ended"), ("P2", "frame"), ("P2", "completed")} <= hidden
    # The « Ensemble » row would give 27 - 19 - 6 = 2 for completed + ended, i.e. 1 and 1: one more cell goes.
    assert figures[("total", "frame")].hidden == COMPLEMENTARY
    assert str(figures[("total", "total")]) == "27"
    assert_nothing_recoverable(figures, _grid_groups(rows, columns))


def test_no_hidden_cell_can_be_worked_out_on_random_tables():
    rng = random.Random(8)
    checked = 0
    while checked < 120:
        rows, columns = list(range(rng.randint(1, 4))), list(range(rng.randint(2, 5)))
        values = {(r, c): rng.choice([0, 0, 1, 2, 3, 4, 5, 6, 7, 9, 12, 30]) for r in rows for c in columns}
        assert_nothing_recoverable(privacy.grid(rows, columns, values), _grid_groups(rows, columns))
        checked += 1


def test_the_categories_of_a_scale_are_masked_together_next_to_a_mean():
    figures = privacy.scale_categories({"low": 1, "mid": 3, "high": 11})
    assert [str(figures[k]) for k in ("low", "mid", "high", "total")] == ["masqué", "masqué", "masqué", "15"]
    figures = privacy.scale_categories({"low": 5, "mid": 5, "high": 11})
    assert [str(figures[k]) for k in ("low", "mid", "high")] == ["5", "5", "11"]


def test_a_group_is_named_in_an_export_only_from_five_people():
    assert not privacy.group_is_shown(4)
    assert privacy.group_is_shown(5)


@pytest.mark.parametrize("value, text", [(1234, "1 234"), (2.25, "2,3"), (-12, "-12")])
def test_figures_read_in_french(value, text):
    decimals = 1 if isinstance(value, float) else 0
    assert str(privacy.Figure(value=value, decimals=decimals)).replace("\xa0", " ") == text


def test_totals_published_elsewhere_are_never_hidden_to_protect_a_cell():
    rows, columns = ["P1", "P2"], ["frame", "active", "completed", "ended"]
    values = {("P1", "frame"): 2, ("P1", "active"): 6, ("P2", "frame"): 1, ("P2", "active"): 5, ("P2", "ended"): 5}
    fixed = {("P1", "total"), ("P2", "total"), ("total", "total"), ("total", "active")}
    figures = privacy.grid(rows, columns, values, fixed=fixed)
    assert [str(figures[key]) for key in sorted(fixed)] == ["8", "11", "11", "19"]
    assert_nothing_recoverable(figures, _grid_groups(rows, columns))
