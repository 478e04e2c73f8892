"""Counts of complaints by county, area and the other screening keys, with disclosure control,
for the public statistics and the command line (`rightsdesk statistics`).

A complaint counts once in each cell it belongs to (a complaint about housing and employment
counts in both), and once in every total. Places are counties, dates are years: nothing finer
ever leaves this module."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from itertools import product
from typing import Any

from rightsdesk.geo.places import county_by_name, county_for_city, county_for_zip
from rightsdesk.reports.disclosure import Key, suppress
from rightsdesk.triage.tagging import tag_complaint

UNKNOWN = "unknown"
_ISO_YEAR = re.compile(r"\s*((?:19|20)\d\d)-\d\d-\d\d")


def _where(complaint: dict[str, Any]) -> dict[str, Any]:
    incident = complaint.get("incident")
    where = incident.get("where") if isinstance(incident, dict) else None
    return where if isinstance(where, dict) else {}


def complaint_county(complaint: dict[str, Any]) -> str:
    """The county's name where it happened (or where the person lives), else "unknown"."""
    where = _where(complaint)
    county = None
    if isinstance(where.get("county"), str):
        county = county_by_name(where["county"])
    if county is None and isinstance(where.get("city"), str):
        county = county_for_city(where["city"])
    contact = complaint.get("contact")
    address = contact.get("mailing_address") if isinstance(contact, dict) else None
    if county is None and isinstance(address, dict) and isinstance(address.get("zip"), str):
        county = county_for_zip(address["zip"])
    return str(county) if county else UNKNOWN


def _year(complaint: dict[str, Any]) -> str:
    incident = complaint.get("incident")
    when = incident.get("when") if isinstance(incident, dict) else None
    found = _ISO_YEAR.match(when) if isinstance(when, str) else None
    return found.group(1) if found else UNKNOWN


def _text(complaint: dict[str, Any], name: str) -> str:
    value = complaint.get(name)
    return value if isinstance(value, str) and value else UNKNOWN


# Each key gives the values one complaint has for it (several for the screening tags).
def _tags(field: str) -> Callable[[dict[str, Any]], list[str]]:
    def read(complaint: dict[str, Any]) -> list[str]:
        return getattr(tag_complaint(complaint), field) or [UNKNOWN]

    return read


KEYS: dict[str, Callable[[dict[str, Any]], list[str]]] = {
    "county": lambda c: [complaint_county(c)],
    "area": _tags("areas"),
    "class": _tags("classes"),
    "actor": _tags("actors"),
    "language": lambda c: [_text(c, "language")],
    "source": lambda c: [_text(c, "source")],
    "year": lambda c: [_year(c)],
}


class UnknownKey(ValueError):
    pass


def count_cells(complaints: Iterable[dict[str, Any]], by: list[str]) -> Counter[Key]:
    """Every cell and every margin (None = all) of the table by ``by``."""
    unknown = [name for name in by if name not in KEYS]
    if unknown or not by:
        raise UnknownKey(
            f"unknown key {', '.join(unknown) or '(none)'}: choose from {', '.join(KEYS)}"
        )
    counts: Counter[Key] = Counter()
    for complaint in complaints:
        # Tagging is the slow part: read each key once per complaint.
        counts.update(cell_keys([KEYS[name](complaint) for name in by]))
    return counts


def cell_keys(values: list[list[str]]) -> set[Key]:
    """The cells and margins one complaint counts in, given its values for each key (several
    for tags): each once, however many of its values share a margin."""
    keys: set[Key] = set()
    for combination in product(*(sorted(set(v)) for v in values)):
        for mask in product((False, True), repeat=len(values)):
            keys.add(tuple(None if m else v for v, m in zip(combination, mask, strict=True)))
    return keys


def statistics_rows(
    complaints: Iterable[dict[str, Any]], by: list[str], *, k: int | None = None
) -> Iterator[dict[str, Any]]:
    """One row per cell and margin: {key: value or None (all), ..., "count": N or None}."""
    shown = suppress(count_cells(complaints, by), k=k)
    order = sorted(shown, key=lambda key: tuple((part is None, str(part)) for part in key))
    for key in order:
        yield {**dict(zip(by, key, strict=True)), "count": shown[key]}
