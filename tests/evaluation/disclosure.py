"""A reader of a published table who knows the method: what can each hidden cell be, given the visible
values, « < 5 » (1 to 4), « masqué » (5 or more, or anything from 0 when a whole group is masked)
and the totals? Solved exactly with OR-Tools' CP-SAT (already used by the matching engine): the
smallest and the largest value of each hidden cell. A cell is protected when they differ."""

from ortools.sat.python import cp_model

from evaluation.privacy import COMPLEMENTARY, SMALL, WHOLE


def value_ranges(figures, groups, *, ceiling):
    """{hidden key: (smallest, largest) value consistent with what is shown}."""
    model = cp_model.CpModel()
    cells = {}
    for key, figure in figures.items():
        if not figure.hidden:
            cells[key] = model.NewConstant(int(figure.value))
        elif figure.hidden == SMALL:
            cells[key] = model.NewIntVar(1, 4, str(key))
        elif figure.hidden == COMPLEMENTARY:
            cells[key] = model.NewIntVar(5, ceiling, str(key))
        else:
            assert figure.hidden == WHOLE
            cells[key] = model.NewIntVar(0, ceiling, str(key))
    for members, total in groups:
        model.Add(sum(cells[m] for m in members) == cells[total])
    ranges = {}
    for key, figure in figures.items():
        if not figure.hidden:
            continue
        bounds = []
        for sense in ("min", "max"):
            model.ClearObjective()
            (model.Minimize if sense == "min" else model.Maximize)(cells[key])
            solver = cp_model.CpSolver()
            status = solver.Solve(model)
            assert status == cp_model.OPTIMAL, "the published table has no solution"
            bounds.append(int(solver.ObjectiveValue()))
        ranges[key] = tuple(bounds)
    return ranges
