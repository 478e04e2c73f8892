"""Disclosure control: every number the public or an organiser sees goes through here.

A count of fewer than ``k`` people (default 10, never below 5) can identify someone in a small
county ("one Guatemalan woman complained about the school in Carthage"), so it is withheld
(*primary suppression*). Withholding it is not enough when the table also shows totals: the
missing cell is the total minus the others. So, as the statistical-disclosure-control
literature prescribes (Hundepool et al., *Statistical Disclosure Control*, Wiley 2012, ch. 4,
"cell suppression"; the same rule as Statistics Canada's and the ABS's table guidelines), cells
are also withheld for protection (*secondary* or *complementary suppression*) until in every
line of the table (a row or a column together with its total):

1. no entry is the only one withheld, and
2. when the line's total is shown, the withheld cells add up to at least ``k`` (otherwise the
   difference would tell a reader that each of them is a small group).

Complements are chosen smallest first (least information lost), zeros last; a total is
withheld only when its line has no other cell left to withhold. The rule is applied to every
line of every dimension of one table with all its margins (a dimension's value ``None`` means
"all"), so no published number, total or difference of two published numbers gives away a
withheld one. Pages must therefore publish whole tables from here, never a filtered
recomputation (e.g. "Hinds" next to "Hinds without housing"): a filter is a line of the table.

A complaint can count in several cells of one line (several areas); its total counts it once.
The rule then protects more than needed, never less: the withheld cells' sum can only be
bounded, not computed. Dates should reach this module as months at most, places as counties.

Why not a library: the maintained Python one, ACRO (the SACRO project's output checker), applies
the threshold and dominance rules to pandas tables (primary suppression) for researchers' outputs;
it does not choose complementary cells across all lines and margins, which is the part that
protects people here, and it would bring pandas and statsmodels. sdcMicro and tau-Argus do, but
are R and Java programs.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from itertools import product

K_DEFAULT = 10
K_MINIMUM = 5

Key = tuple[Hashable | None, ...]


class DisclosureSettingRefused(ValueError):
    """A k below the minimum: the numbers would not protect anyone."""


def checked_k(k: int | None) -> int:
    k = K_DEFAULT if k is None else int(k)
    if k < K_MINIMUM:
        raise DisclosureSettingRefused(f"k must be at least {K_MINIMUM} (got {k})")
    return k


def _lines(values: list[list[Hashable]]) -> Iterable[list[Key]]:
    """Every line of the table: for each dimension, each setting of the others (a value or
    None), the keys along that dimension followed by the key of their total."""
    dims = len(values)
    for d in range(dims):
        others = [values[i] + [None] if i != d else [None] for i in range(dims)]
        for fixed in product(*others):
            line = []
            for value in values[d]:
                key = list(fixed)
                key[d] = value
                line.append(tuple(key))
            total = list(fixed)
            total[d] = None
            line.append(tuple(total))
            yield line


def suppress(counts: Mapping[Key, int], *, k: int | None = None) -> dict[Key, int | None]:
    """``counts`` holds every cell and every margin of one table (missing keys count 0); the
    answer maps each key to its count, or None where it must not be shown."""
    k = checked_k(k)
    dims = len(next(iter(counts))) if counts else 0
    values: list[list[Hashable]] = [
        sorted({key[d] for key in counts if key[d] is not None}, key=str) for d in range(dims)
    ]
    lines = [line for line in _lines(values)]
    every_key = {key for line in lines for key in line} | set(counts)
    count = {key: int(counts.get(key, 0)) for key in every_key}
    withheld = {key for key, n in count.items() if 0 < n < k}

    changed = True
    while changed:
        changed = False
        for line in lines:
            total, cells = line[-1], line[:-1]
            hidden = [key for key in line if key in withheld]
            if not hidden:
                continue
            hidden_cells = [key for key in cells if key in withheld]
            too_few = len(hidden) < 2
            too_small = total not in withheld and sum(count[key] for key in hidden_cells) < k
            if not (too_few or too_small):
                continue
            candidates = sorted(
                (key for key in cells if key not in withheld),
                key=lambda key: (count[key] == 0, count[key], str(key)),
            )
            if candidates:
                withheld.add(candidates[0])
            elif total not in withheld:
                withheld.add(total)
            else:
                continue  # everything in the line is withheld already
            changed = True
    return {key: (None if key in withheld else n) for key, n in count.items()}
