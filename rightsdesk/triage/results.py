"""Plain data shared by the pure screening modules, the command line and the database layer."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Evidence:
    """The words that made a tag: where they are (a field path such as "incident.what" or
    "responsible_parties.0.name") and their character span in that field's text."""

    group: str
    tag: str
    field: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Tagging:
    classes: list[str] = field(default_factory=list)
    areas: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    urgency: list[str] = field(default_factory=list)
    scope: str = "individual"
    evidence: list[Evidence] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class DeadlineEstimate:
    """One filing-deadline rule applied to one complaint. An estimate for an attorney to confirm.

    status: "ok", "soon" (under 30 days left), "passed", or "date_needed" (the date to count from
    is unknown or vague, so nothing was computed)."""

    rule: str
    name: str
    days: int
    citation: str
    note: str
    count_from: str
    due: date | None
    days_left: int | None
    status: str

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["due"] = self.due.isoformat() if self.due else None
        return data
