"""What one complaint adds to the pre-aggregated tallies: plain values in, tally keys out.

The same function feeds the live upkeep (``services.facts_refresh``), the full rebuild and the
benchmark's million complaints, so they cannot disagree."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from rightsdesk.reports.statistics import UNKNOWN, cell_keys

# (cube, period, a, b); "" in a or b means "all".
TallyKey = tuple[str, str, str, str]

PUBLIC = "public"
MONTH = "month"
ANSWER = "answer"

# The dashboard's "by" choices, in the order the page offers them.
DIMENSIONS = ("area", "class", "actor", "county", "language", "source", "kind", "outcome")
FIRST_ANSWER = "first_answer"
DECISION = "decision"
WAITING = "waiting"


@dataclass(frozen=True)
class Facts:
    received: date  # in the organisation's time zone
    county: str  # a county's name, or "unknown"
    areas: tuple[str, ...]
    classes: tuple[str, ...]
    actors: tuple[str, ...]
    language: str
    source: str
    kind: str
    outcome: str  # the latest decision's outcome, or "waiting"
    first_answer_days: int | None  # receipt to the first decision of any kind
    decision_days: int | None  # receipt to the first accept, refer or decline

    def values(self, dimension: str) -> tuple[str, ...]:
        one = {
            "county": self.county,
            "language": self.language,
            "source": self.source,
            "kind": self.kind,
            "outcome": self.outcome,
        }
        if dimension in one:
            return (one[dimension] or UNKNOWN,)
        return getattr(self, {"area": "areas", "class": "classes", "actor": "actors"}[dimension])


def month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def fact_keys(facts: Facts) -> set[TallyKey]:
    """Every tally one complaint counts in, each once (a complaint about housing and
    employment counts in both areas, and once in every total)."""
    year, month = f"{facts.received.year:04d}", month_of(facts.received)
    keys: set[TallyKey] = {(MONTH, month, "", "")}
    for county, area in cell_keys([[facts.county], list(facts.areas) or [UNKNOWN]]):
        keys.add((PUBLIC, year, str(county or ""), str(area or "")))
    for dimension in DIMENSIONS:
        for value in set(facts.values(dimension)) or {UNKNOWN}:
            keys.add((MONTH, month, dimension, value[:100]))
    for name, days in ((FIRST_ANSWER, facts.first_answer_days), (DECISION, facts.decision_days)):
        if days is not None:
            keys.add((ANSWER, month, name, str(max(days, 0))))
    return keys


def percentile_days(histogram: Mapping[int, int], fraction: float) -> int | None:
    """The nearest-rank percentile of a histogram {days: complaints}: the smallest number of
    days within which at least ``fraction`` of them were answered."""
    total = sum(histogram.values())
    if not total:
        return None
    rank = max(1, -(-int(round(fraction * total * 1000)) // 1000))  # ceil without float drift
    seen = 0
    for days in sorted(histogram):
        seen += histogram[days]
        if seen >= rank:
            return days
    return max(histogram)  # unreachable: seen ends at total >= rank
