"""Filing-deadline estimates: which rules apply to a complaint and, where the complaint gives an
exact date to count from, when each deadline falls.

Pure functions over plain data (no database, no network), so the CLI, tasks, views and tests all
call the same code. Every result is an estimate for an attorney to confirm, shown beside its rule
and citation.

The guiding principle is that staff must never miss a deadline, so when in doubt this module says
"date_needed" rather than guessing: a vague, ambiguous, invalid or future date computes nothing, and
a rule that counts from something other than the incident (a decision, an arrival) is always listed,
never skipped.
"""

from __future__ import annotations

import calendar
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from rightsdesk.triage.results import DeadlineEstimate
from rightsdesk.triage.taxonomy import government_actors

RULES_PATH = Path(__file__).parent / "data" / "deadlines.json"

INCIDENT = "incident"
# Fewer days left than this is "soon".
SOON_DAYS = 30

# Condition keys a rule's "when" may use. Anything else is refused when the rule is built: a typo
# such as "area" silently ignored would make a rule match every complaint (or none).
CONDITIONS = frozenset(
    {"areas", "classes", "any_class", "any_of_classes", "government_actor", "actors", "mentions"}
)
_LIST_CONDITIONS = CONDITIONS - {"any_class", "government_actor"}

# Phrases in the rules data and the other ways people write them, above all in Spanish. Keys and
# values are compared after folding (case and accents ignored), so "deportacion" matches too.
# Kept broad on purpose: a wrong match only adds a "date_needed" line for staff to dismiss, while a
# missed match can hide a 30-day appeal deadline.
EQUIVALENT_PHRASES: dict[str, tuple[str, ...]] = {
    "asylum": ("asilo",),
    "removal order": (
        "order of removal",
        "deportation order",
        "ordered deported",
        "ordered removed",
        "orden de deportación",
        "orden de remoción",
        "orden de expulsión",
    ),
    "immigration judge decision": (
        "immigration judge",
        "decisión del juez de inmigración",
        "el juez de inmigración",
        "juez de inmigración",
        "jueza de inmigración",
    ),
    "denied asylum": (
        "asylum denied",
        "asylum was denied",
        "negaron el asilo",
        "negaron mi asilo",
        "asilo negado",
        "negaron mi caso de asilo",
    ),
}


@dataclass(frozen=True)
class DeadlineRule:
    """One filing-deadline rule (from data/deadlines.json or the admin-editable table).

    The period is either `days` (calendar days, as the statutes and regulations state it) or
    `months` (calendar months, clamped to the month's end); a months rule has days=0. `count_from`
    is "incident" or, in words, what else the period runs from ("decision date")."""

    key: str
    name: str
    when: dict[str, Any] = field(hash=False)
    days: int
    citation: str
    note: str
    count_from: str = INCIDENT
    months: int | None = None

    def __post_init__(self) -> None:
        # Refuse a broken rule loudly when it is loaded rather than mis-estimate later.
        if not self.key or not self.name:
            raise ValueError("A deadline rule needs a key and a name.")
        if not self.citation or not self.citation.strip():
            raise ValueError(f"Deadline rule {self.key!r} has no citation; staff must see one.")
        if self.months is None:
            if not isinstance(self.days, int) or not 0 < self.days <= 36_500:
                raise ValueError(f"Deadline rule {self.key!r}: days must be 1 to 36500.")
        elif self.days != 0 or not isinstance(self.months, int) or not 0 < self.months <= 1_200:
            raise ValueError(
                f"Deadline rule {self.key!r}: give either days or months (1 to 1200), not both."
            )
        _check_conditions(self.key, self.when)

    @property
    def counts_from_incident(self) -> bool:
        return _fold(self.count_from) in {"incident", "incident date", "the incident date"}

    @property
    def period(self) -> str:
        """The period in words, as the rule states it ("180 days", "6 months")."""
        if self.months is not None:
            return f"{self.months} month{'s' if self.months != 1 else ''}"
        return f"{self.days} day{'s' if self.days != 1 else ''}"

    def due_from(self, start: date) -> date:
        if self.months is not None:
            return add_months(start, self.months)
        return add_days(start, self.days)


def _check_conditions(key: str, when: Mapping[str, Any]) -> None:
    if not isinstance(when, Mapping):
        raise ValueError(f"Deadline rule {key!r}: 'when' must be an object.")
    unknown = set(when) - CONDITIONS
    if unknown:
        raise ValueError(f"Deadline rule {key!r}: unknown condition(s) {sorted(unknown)}.")
    for name in _LIST_CONDITIONS & set(when):
        value = when[name]
        # An empty list would make "any of these" impossible: a rule that silently never applies.
        if (
            isinstance(value, str)
            or not isinstance(value, list | tuple)
            or not value
            or not all(isinstance(item, str) and item.strip() for item in value)
        ):
            raise ValueError(f"Deadline rule {key!r}: {name!r} must be a non-empty list of text.")
    for name in ("any_class", "government_actor"):
        if name in when and not isinstance(when[name], bool):
            raise ValueError(f"Deadline rule {key!r}: {name!r} must be true or false.")


def rules_from_dicts(items: Iterable[Mapping[str, Any]]) -> list[DeadlineRule]:
    """Build rules from plain dicts shaped like the entries of data/deadlines.json (the database
    layer passes its admin-edited rows this way). Raises ValueError on a malformed rule or a
    repeated key."""
    rules: list[DeadlineRule] = []
    seen: set[str] = set()
    for item in items:
        key = str(item.get("key") or "")
        if key in seen:
            raise ValueError(f"Deadline rule {key!r} appears twice.")
        seen.add(key)
        months = item.get("months")
        days = item.get("days")
        if days is None and months is not None:
            days = 0  # a months rule (an admin table may store the unused column as null)
        rules.append(
            DeadlineRule(
                key=key,
                name=str(item.get("name") or ""),
                when=dict(item.get("when") or {}),
                days=days,  # None (no days, no months) is refused by DeadlineRule
                citation=str(item.get("citation") or ""),
                note=str(item.get("note") or ""),
                count_from=str(item.get("count_from") or INCIDENT),
                months=months,
            )
        )
    return rules


def load_rules(path: Path | None = None) -> list[DeadlineRule]:
    """Read the rules file (data/deadlines.json by default): {"rules": [...]} or a bare list."""
    data = json.loads((path or RULES_PATH).read_text("utf-8"))
    items = data["rules"] if isinstance(data, dict) else data
    return rules_from_dicts(items)


# --- Matching -------------------------------------------------------------------------------------


def _fold(text: str) -> str:
    """Lower case, no accents, punctuation as spaces, single spaces ("Deportación," ->
    "deportacion"). Apostrophes become spaces so "judge's" still contains the word "judge"."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", stripped).split())


@lru_cache(maxsize=512)
def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    """Whole words only ("asilo" is not found in "Basilio"), allowing a plural ending."""
    forms = {_fold(phrase)}
    for canonical, others in EQUIVALENT_PHRASES.items():
        group = {_fold(canonical), *(_fold(other) for other in others)}
        if forms & group:
            forms |= group
    forms.discard("")
    alternatives = "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<![0-9a-z])(?:{alternatives})(?:e?s)?(?![0-9a-z])")


def mentions_any(text: str, phrases: Iterable[str]) -> bool:
    """Does the text mention any of the phrases or their equivalents (case/accent-insensitive)?"""
    folded = _fold(text)
    return any(_phrase_pattern(phrase).search(folded) for phrase in phrases)


def rule_matches(
    rule: DeadlineRule,
    *,
    classes: Iterable[str],
    areas: Iterable[str],
    actors: Iterable[str],
    text: str,
) -> bool:
    """Do all of the rule's conditions hold for a complaint with these tags and this free text?

    - "areas": the complaint has at least one of these areas.
    - "classes": the complaint has every one of these classes ("any_of_classes" is the "one of").
    - "any_class": true: at least one protected class.
    - "any_of_classes": at least one of these classes.
    - "government_actor": true: at least one actor the taxonomy marks as government.
    - "actors": at least one of these actors.
    - "mentions": the text mentions at least one of these phrases (or an equivalent).
    A false "any_class"/"government_actor" sets no condition; a rule without conditions matches
    every complaint."""
    class_set, area_set, actor_set = set(classes), set(areas), set(actors)
    when = rule.when
    if "areas" in when and not area_set & set(when["areas"]):
        return False
    if "classes" in when and not set(when["classes"]) <= class_set:
        return False
    if when.get("any_class") and not class_set:
        return False
    if "any_of_classes" in when and not class_set & set(when["any_of_classes"]):
        return False
    if when.get("government_actor") and not actor_set & government_actors():
        return False
    if "actors" in when and not actor_set & set(when["actors"]):
        return False
    return not ("mentions" in when and not mentions_any(text, when["mentions"]))


# --- Dates ----------------------------------------------------------------------------------------

_MONTHS = {
    "january": 1, "jan": 1, "enero": 1,
    "february": 2, "feb": 2, "febrero": 2,
    "march": 3, "mar": 3, "marzo": 3,
    "april": 4, "apr": 4, "abril": 4,
    "may": 5, "mayo": 5,
    "june": 6, "jun": 6, "junio": 6,
    "july": 7, "jul": 7, "julio": 7,
    "august": 8, "aug": 8, "agosto": 8,
    "september": 9, "sept": 9, "sep": 9, "septiembre": 9, "setiembre": 9,
    "october": 10, "oct": 10, "octubre": 10,
    "november": 11, "nov": 11, "noviembre": 11,
    "december": 12, "dec": 12, "diciembre": 12,
}  # fmt: skip
_WEEKDAYS = {
    "monday": 0, "mon": 0, "lunes": 0,
    "tuesday": 1, "tue": 1, "tues": 1, "martes": 1,
    "wednesday": 2, "wed": 2, "miercoles": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "jueves": 3,
    "friday": 4, "fri": 4, "viernes": 4,
    "saturday": 5, "sat": 5, "sabado": 5,
    "sunday": 6, "sun": 6, "domingo": 6,
}  # fmt: skip
_MONTH = "(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + ")"
_WEEKDAY = "(?:(?P<weekday>" + "|".join(sorted(_WEEKDAYS, key=len, reverse=True)) + ") )?"
_DAY = r"(?P<day>\d{1,2})(?: ?(?:st|nd|rd|th|ro|er|o))?"
_ISO_RE = re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})")
_NUMERIC_US_RE = re.compile(r"(?P<month>\d{1,2})([/-])(?P<day>\d{1,2})\2(?P<year>\d{4})")
_WORD_RES = (
    # "March 3, 2026", "Tuesday, March 3rd 2026", "marzo 3, 2026"
    re.compile(rf"{_WEEKDAY}{_MONTH} {_DAY} (?P<year>\d{{4}})"),
    # "3 de marzo de 2026", "martes, 3 de marzo del 2026", "3 March 2026", "1ro de marzo de 2026"
    re.compile(rf"{_WEEKDAY}(?:el )?{_DAY} (?:de )?{_MONTH} (?:(?:de|del) )?(?P<year>\d{{4}})"),
)
# Years before this are typing mistakes, not incidents anyone can still act on by these rules.
_EARLIEST_YEAR = 1900


def parse_incident_date(when: str | None, *, today: date) -> date | None:
    """The exact incident date, or None when the complaint does not give one.

    Accepted: ISO "2026-03-14"; "March 3, 2026" / "3 de marzo de 2026" (English or Spanish month
    names, optional weekday, which must agree); "03/14/2026" read as month/day/year. Anything else
    is vague ("last spring", "August - November 2026", "since 2026-11-09", "around March 3, 2026",
    "hace dos semanas") and gives None, as do invalid dates (2026-02-30) and future dates.

    A numeric date that reads as a different valid date day-first ("03/04/2026": 4 March or 3 April)
    also gives None: many of the people writing in use day/month/year, and a wrong start date could
    put a deadline after the real one."""
    if not when or not when.strip():
        return None
    raw = when.strip().rstrip(".").strip()
    found = _parse_exact(raw)
    if found is None or found.year < _EARLIEST_YEAR or found > today:
        return None
    return found


def _parse_exact(raw: str) -> date | None:
    if match := _ISO_RE.fullmatch(raw):
        return _make_date(int(match["year"]), int(match["month"]), int(match["day"]))
    if match := _NUMERIC_US_RE.fullmatch(raw):
        month, day, year = int(match["month"]), int(match["day"]), int(match["year"])
        if month != day and month <= 12 and day <= 12:
            return None  # day-first reading is a different valid date
        return _make_date(year, month, day)
    folded = _fold(raw)
    for pattern in _WORD_RES:
        if match := pattern.fullmatch(folded):
            found = _make_date(int(match["year"]), _MONTHS[match["month"]], int(match["day"]))
            weekday = match["weekday"]
            if found is not None and weekday and _WEEKDAYS[weekday] != found.weekday():
                return None  # "Tuesday, March 4": one of the two is wrong, and we can't tell which
            return found
    return None


def _make_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def add_days(start: date, days: int) -> date:
    """Plain calendar-day arithmetic: the rules state their periods in calendar days, so weekends
    and holidays count and a leap day is one more day (2024-02-29 + 365 days = 2025-02-28). Whether
    a last day on a weekend or holiday rolls forward depends on the forum; that is for the
    attorney, so the earlier (unrolled) date is shown."""
    return start + timedelta(days=days)


def add_months(start: date, months: int) -> date:
    """The same day `months` calendar months later, or the month's last day when that month is
    shorter (2026-01-31 + 1 month = 2026-02-28; 2028-01-31 + 1 month = 2028-02-29)."""
    year, month_index = divmod(start.year * 12 + start.month - 1 + months, 12)
    month = month_index + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


@lru_cache(maxsize=64)
def _fewest_days_in(months: int) -> int:
    # For a months rule with no start date, report the shortest that period can be, so a reader of
    # `days` never thinks there is more time than there might be. Four years cover every pattern of
    # month lengths (2100 is not a leap year, but a common year is already in the span).
    first = date(2025, 1, 1)
    return min(
        (add_months(first + timedelta(n), months) - (first + timedelta(n))).days
        for n in range(4 * 366)
    )


# --- Estimates ------------------------------------------------------------------------------------

_STATUS_ORDER = {"soon": 0, "ok": 0, "date_needed": 1, "passed": 2}


def complaint_text(complaint: Mapping[str, Any]) -> str:
    """All of a complaint's free text, one field per line, for "mentions" conditions."""
    incident = complaint.get("incident") or {}
    parts: list[Any] = [
        incident.get("what"),
        incident.get("when"),
        incident.get("who"),
        incident.get("why"),
        (incident.get("where") or {}).get("place"),
        complaint.get("explanation_given"),
        complaint.get("why_explanation_inadequate"),
        complaint.get("media_coverage"),
        complaint.get("requested_help"),
    ]
    for party in complaint.get("responsible_parties") or []:
        parts += [party.get("name"), party.get("role")]
    for action in complaint.get("prior_actions") or []:
        parts += [action.get("description"), action.get("status")]
    for court_date in complaint.get("court_dates") or []:
        parts += [court_date.get("court"), court_date.get("note")]
    return "\n".join(part for part in parts if isinstance(part, str) and part.strip())


def estimate_deadlines(
    complaint: Mapping[str, Any],
    *,
    classes: Iterable[str],
    areas: Iterable[str],
    actors: Iterable[str],
    rules: Iterable[DeadlineRule],
    today: date,
    text: str | None = None,
) -> list[DeadlineEstimate]:
    """One estimate per matching rule.

    Order, most pressing first: dated deadlines still open ("soon", then "ok"), soonest due first;
    then "date_needed", shortest period first (they may be the most urgent of all: the 30-day appeal
    is one); then "passed", most recently passed first."""
    class_set, area_set, actor_set = set(classes), set(areas), set(actors)
    if text is None:
        text = complaint_text(complaint)
    when = (complaint.get("incident") or {}).get("when")
    incident_date = parse_incident_date(when if isinstance(when, str) else None, today=today)

    estimates = [
        _estimate(rule, incident_date=incident_date, today=today)
        for rule in rules
        if rule_matches(rule, classes=class_set, areas=area_set, actors=actor_set, text=text)
    ]
    return sorted(estimates, key=_sort_key)


def _estimate(rule: DeadlineRule, *, incident_date: date | None, today: date) -> DeadlineEstimate:
    note = rule.note
    if rule.months is not None:
        # DeadlineEstimate has only `days`; say the real period in words so it is never lost.
        note = f"Period: {rule.period}. {note}".strip()
    if not rule.counts_from_incident:
        # The complaint form never asks for this date: list the rule so staff ask for it.
        return _undated(rule, note=note, count_from=rule.count_from)
    if incident_date is None:
        # Not the person's words: they may hold details that must not be copied around.
        return _undated(rule, note=note, count_from="the incident date (no exact date given)")

    due = rule.due_from(incident_date)
    days_left = (due - today).days
    if days_left < 0:
        status = "passed"
    elif days_left < SOON_DAYS:
        status = "soon"
    else:
        status = "ok"
    return DeadlineEstimate(
        rule=rule.key,
        name=rule.name,
        days=(due - incident_date).days,
        citation=rule.citation,
        note=note,
        count_from=f"the incident date ({incident_date.isoformat()})",
        due=due,
        days_left=days_left,
        status=status,
    )


def _undated(rule: DeadlineRule, *, note: str, count_from: str) -> DeadlineEstimate:
    days = rule.days if rule.months is None else _fewest_days_in(rule.months)
    return DeadlineEstimate(
        rule=rule.key,
        name=rule.name,
        days=days,
        citation=rule.citation,
        note=note,
        count_from=count_from,
        due=None,
        days_left=None,
        status="date_needed",
    )


def _sort_key(estimate: DeadlineEstimate) -> tuple[int, int, str]:
    group = _STATUS_ORDER[estimate.status]
    if estimate.status == "date_needed":
        return (group, estimate.days, estimate.rule)
    # Open ones: fewest days left first. Passed ones: most recently passed (least negative) first.
    days_left = estimate.days_left or 0
    order = days_left if group == 0 else -days_left
    return (group, order, estimate.rule)
