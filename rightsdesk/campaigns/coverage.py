"""Whether the place where something happened has a local ordinance that covers it.

Pure functions over plain records, so screening, the command line and reports share them. The
answer is information for staff, never advice to the person.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class OrdinanceRecord:
    municipality: str
    county: str
    adopted_on: str
    protected_classes: tuple[str, ...]
    areas: tuple[str, ...]
    coverage_confirmed: bool
    source_note: str


@dataclass(frozen=True)
class Coverage:
    """has_ordinance: the place has one; covered: it names the complaint's class and area.
    counts_for_campaign: discrimination in a place without a covering ordinance — anonymous
    evidence that one is needed."""

    place: str
    county: str
    has_ordinance: bool
    covered: bool
    covered_classes: list[str]
    covered_areas: list[str]
    ordinance: str | None
    coverage_confirmed: bool
    source_note: str
    counts_for_campaign: bool

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _key(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text or "")
    return " ".join("".join(c for c in folded if not unicodedata.combining(c)).casefold().split())


def records_from_dicts(items: Iterable[Mapping[str, Any]]) -> list[OrdinanceRecord]:
    return [
        OrdinanceRecord(
            municipality=str(item["municipality"]),
            county=str(item.get("county", "")),
            adopted_on=str(item.get("adopted_on", "")),
            protected_classes=tuple(item.get("protected_classes", ())),
            areas=tuple(item.get("areas", ())),
            coverage_confirmed=bool(item.get("coverage_confirmed", False)),
            source_note=str(item.get("source_note", "")),
        )
        for item in items
    ]


@lru_cache(maxsize=1)
def seed_records() -> tuple[OrdinanceRecord, ...]:
    path = Path(__file__).parent / "data" / "ordinances.json"
    return tuple(records_from_dicts(json.loads(path.read_text("utf-8"))["ordinances"]))


def ordinance_coverage(
    complaint: Mapping[str, Any],
    *,
    classes: Iterable[str],
    areas: Iterable[str],
    ordinances: Iterable[OrdinanceRecord],
) -> Coverage:
    where = (complaint.get("incident") or {}).get("where") or {}
    city = str(where.get("city") or "")
    county = str(where.get("county") or "")
    classes, areas = list(classes), list(areas)
    found = next((o for o in ordinances if city and _key(o.municipality) == _key(city)), None)
    if found is None:
        return Coverage(
            place=city,
            county=county,
            has_ordinance=False,
            covered=False,
            covered_classes=[],
            covered_areas=[],
            ordinance=None,
            coverage_confirmed=False,
            source_note="",
            counts_for_campaign=bool(classes),
        )
    covered_classes = [c for c in classes if c in found.protected_classes]
    covered_areas = [a for a in areas if a in found.areas]
    covered = bool(covered_classes and covered_areas)
    return Coverage(
        place=found.municipality,
        county=found.county or county,
        has_ordinance=True,
        covered=covered,
        covered_classes=covered_classes,
        covered_areas=covered_areas,
        ordinance=f"{found.municipality} ({found.adopted_on[:4]})",
        coverage_confirmed=found.coverage_confirmed,
        source_note=found.source_note,
        counts_for_campaign=bool(classes) and not covered,
    )
