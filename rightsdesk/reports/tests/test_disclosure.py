"""Disclosure control: no withheld count can be worked out from what is shown."""

from __future__ import annotations

import random
from itertools import product

import pytest

from rightsdesk.reports.disclosure import DisclosureSettingRefused, checked_k, suppress


def _table(cells: dict[tuple[str, str], int]) -> dict[tuple, int]:
    """A two-way table with its margins, as one complaint per cell would give (additive)."""
    rows = sorted({r for r, _ in cells})
    cols = sorted({c for _, c in cells})
    table = dict(cells)
    for r in rows:
        table[(r, None)] = sum(cells.get((r, c), 0) for c in cols)
    for c in cols:
        table[(None, c)] = sum(cells.get((r, c), 0) for r in rows)
    table[(None, None)] = sum(cells.values())
    return table


def _feasible(shown: dict[tuple, int | None], cells: list[tuple]) -> dict[tuple, set[int]]:
    """What an attacker can know: every non-negative integer filling of the withheld cells that
    agrees with every shown number — each shown row, column and grand total is the sum of its
    cells, so differences of shown numbers are covered too."""
    hidden = [key for key in cells if shown[key] is None]
    known = {key: shown[key] for key in cells if shown[key] is not None}
    # One equation per shown total: its cells add up to it.
    equations = []
    for total, value in shown.items():
        if value is None or total in known:
            continue
        members = [
            key
            for key in cells
            if all(t is None or t == part for t, part in zip(total, key, strict=True))
        ]
        equations.append((members, value - sum(known.get(key, 0) for key in members)))
    slack = sum(known.values()) + 20  # a cell no shown total bounds is free up to here
    bound = {
        key: min([rest for members, rest in equations if key in members] or [slack])
        for key in hidden
    }
    position = {key: i for i, key in enumerate(hidden)}
    # The equation an unknown closes (it is its last unknown): its value is then forced.
    closes: dict[int, list[tuple[list, int]]] = {}
    for members, rest in equations:
        unknowns = [key for key in members if key in position]
        if not unknowns:
            assert rest == 0
            continue
        closes.setdefault(max(position[key] for key in unknowns), []).append(
            ([key for key in unknowns], rest)
        )
    seen: dict[tuple, set[int]] = {key: set() for key in hidden}
    filled: dict[tuple, int] = {}

    def choices(i: int) -> range | list[int]:
        forced = None
        for members, rest in closes.get(i, []):
            need = rest - sum(filled[key] for key in members if key != hidden[i])
            if forced is not None and need != forced:
                return []
            forced = need
        if forced is not None:
            return [forced] if 0 <= forced <= bound[hidden[i]] else []
        return range(bound[hidden[i]] + 1)

    def fill(i: int) -> None:
        if i == len(hidden):
            for key, v in filled.items():
                seen[key].add(v)
            return
        for v in choices(i):
            filled[hidden[i]] = v
            if all(
                sum(filled.get(key, 0) for key in members) <= rest
                for members, rest in equations
                if hidden[i] in members
            ):
                fill(i + 1)
            del filled[hidden[i]]

    fill(0)
    return seen


def test_a_small_cell_is_withheld_with_a_complement_in_its_row_and_column():
    table = _table({("Hinds", "housing"): 3, ("Hinds", "work"): 20, ("Leake", "housing"): 15,
                    ("Leake", "work"): 30})  # fmt: skip
    shown = suppress(table, k=10)
    assert shown[("Hinds", "housing")] is None
    # Hinds' total minus work would give housing: something else in the row is withheld too.
    assert sum(shown[key] is None for key in [("Hinds", "work"), ("Hinds", None)]) >= 1
    assert sum(shown[key] is None for key in [("Leake", "housing"), (None, "housing")]) >= 1
    assert shown[(None, None)] == 68


def test_k_below_five_is_refused_and_the_default_is_ten():
    assert checked_k(None) == 10
    with pytest.raises(DisclosureSettingRefused):
        checked_k(4)


def test_zeros_identify_no_one_and_are_shown():
    shown = suppress(_table({("Hinds", "housing"): 0, ("Hinds", "work"): 40,
                             ("Leake", "housing"): 25, ("Leake", "work"): 12}), k=10)  # fmt: skip
    assert all(value is not None for value in shown.values())


@pytest.mark.parametrize("seed", range(40))
def test_no_withheld_cell_can_be_worked_out_from_totals_rows_or_differences(seed):
    """The adversary's view: from every shown cell and total (and differences of them, which
    the row and column sums give), which values could each withheld cell have? None that was
    below k may be pinned down, nor proved to be below k."""
    rng = random.Random(seed)
    rows = [f"r{i}" for i in range(rng.randint(2, 3))]
    cols = [f"c{j}" for j in range(rng.randint(2, 3))]
    cells = {(r, c): rng.choice([0, 0, 1, 2, 3, 4, 5, 6, 8, 11]) for r, c in product(rows, cols)}
    k = 5
    table = _table(cells)
    shown = suppress(table, k=k)
    for key, value in shown.items():  # what is shown is true, and nothing small is shown
        assert value is None or (value == table[key] and not 0 < value < k)
    small = [key for key in cells if 0 < cells[key] < k]
    if not small:
        return
    possible = _feasible(shown, list(cells))
    for key in small:
        assert cells[key] in possible[key]  # the attacker's model is right
        assert len(possible[key]) > 1, f"{key} is pinned to {possible[key]}"
        assert max(possible[key]) >= k, f"{key} is proved small: {sorted(possible[key])}"


def test_a_three_way_table_is_protected_in_every_direction():
    from rightsdesk.reports.statistics import count_cells

    complaints = (
        [{"language": "es", "source": "online", "incident": {"where": {"county": "Leake"}}}] * 2
        + [{"language": "es", "source": "paper", "incident": {"where": {"county": "Leake"}}}] * 12
        + [{"language": "en", "source": "online", "incident": {"where": {"county": "Hinds"}}}] * 30
        + [{"language": "en", "source": "paper", "incident": {"where": {"county": "Leake"}}}] * 11
    )
    shown = suppress(count_cells(complaints, ["county", "language", "source"]), k=10)
    assert shown[("Leake County", "es", "online")] is None
    # Leake-Spanish total minus Leake-Spanish-paper would give it: one of them must be hidden.
    assert None in (shown[("Leake County", "es", None)], shown[("Leake County", "es", "paper")])
    assert shown[(None, None, None)] == 55
