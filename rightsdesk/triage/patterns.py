"""Patterns across complaints: many people describing the same agency or practice in a few weeks.

Two kinds of group, both found by bucketing first and then sweeping a date window over each
bucket sorted by incident date, so the cost is one pass plus a sort per bucket (100,000
complaints in seconds, not an all-pairs comparison):

* same entity (``sheriff:hinds``) within ``window_days``;
* same county and same practice (a checkpoint / retén, a raid / redada, ...) within the window,
  even when nobody named an agency.

Incident dates are often vague ("since September", "octubre 2026"). A month or a short range
gets an approximate date and counts like any other; anything vaguer has no date, takes part
only through an entity match, and the reason says so. Pure functions: no database.
"""

from __future__ import annotations

import calendar
import heapq
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from rightsdesk.geo.places import county_by_name, county_for_city
from rightsdesk.triage.entities import EntityIndex, complaint_entities, fold
from rightsdesk.triage.entities import clear_caches as clear_entity_caches

__all__ = [
    "Pattern",
    "When",
    "clear_caches",
    "find_patterns",
    "parse_when",
    "practices",
    "related_complaints",
]


@dataclass(frozen=True)
class Pattern:
    members: list[str]  # complaint ids, dated ones in date order, undated ones last
    entity: str | None  # entity key, or None for a county + practice group
    reason: str  # one readable English sentence
    first: date | None
    last: date | None
    county: str | None  # "Hinds" (most common among members for an entity group)
    size: int
    practice: str | None = None  # "checkpoint", "raid", ... for a practice group
    undated: list[str] = field(default_factory=list)  # members with vague/approximate dates


# --------------------------------------------------------------------------------------------
# Dates


@dataclass(frozen=True)
class When:
    """What incident.when says. ``anchor`` is the date used to place the complaint in time
    (None when too vague); ``lo``/``hi`` bound the period it may refer to (``hi`` None for
    "since ...", still going on)."""

    anchor: date | None
    approximate: bool
    lo: date | None
    hi: date | None


UNKNOWN = When(None, False, None, None)

_MONTHS = {
    "january": 1, "jan": 1, "enero": 1, "ene": 1,
    "february": 2, "feb": 2, "febrero": 2,
    "march": 3, "mar": 3, "marzo": 3,
    "april": 4, "apr": 4, "abril": 4, "abr": 4,
    "may": 5, "mayo": 5,
    "june": 6, "jun": 6, "junio": 6,
    "july": 7, "jul": 7, "julio": 7,
    "august": 8, "aug": 8, "agosto": 8, "ago": 8,
    "september": 9, "sep": 9, "sept": 9, "septiembre": 9, "setiembre": 9,
    "october": 10, "oct": 10, "octubre": 10,
    "november": 11, "nov": 11, "noviembre": 11,
    "december": 12, "dec": 12, "diciembre": 12, "dic": 12,
}  # fmt: skip
_MONTH_RX = "|".join(sorted(_MONTHS, key=len, reverse=True))
_ISO_RX = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_NUMERIC_RX = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
_MONTH_DAY_YEAR_RX = re.compile(rf"\b({_MONTH_RX}) (\d{{1,2}})(?:st|nd|rd|th)? (\d{{4}})\b")
_DAY_MONTH_YEAR_RX = re.compile(rf"\b(\d{{1,2}}) (?:de )?({_MONTH_RX}) (?:de |del )?(\d{{4}})\b")
_MONTH_WORD_RX = re.compile(rf"\b({_MONTH_RX})\b")
_YEAR_RX = re.compile(r"\b(19\d{2}|20\d{2})\b")
_SINCE_RX = re.compile(r"\b(since|desde|starting|beginning|a partir|ongoing|every|cada)\b")
# A month, or a range up to this long, is precise enough to place in a 60-day window.
_MAX_APPROXIMATE_SPAN = 45


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


@lru_cache(maxsize=16384)
def parse_when(text: str) -> When:
    """Read incident.when: an ISO date, a written date, a month, a range or free text."""
    if not isinstance(text, str) or not text.strip():
        return UNKNOWN
    raw = text.strip()[:200]
    folded = fold(raw)
    since = bool(_SINCE_RX.search(folded))

    found: date | None = None
    exact = False
    match = _ISO_RX.search(raw)
    if match:
        found = _date(int(match[1]), int(match[2]), int(match[3]))
        exact = match.group(0) == raw
    if found is None:
        match = _NUMERIC_RX.search(raw)
        if match:
            a, b, year = int(match[1]), int(match[2]), int(match[3])
            # US order unless impossible; Spanish writers use day/month, so flag ambiguity.
            found = _date(year, a, b) if a <= 12 else _date(year, b, a)
            exact = match.group(0) == raw and (a > 12 or b > 12 or a == b)
    if found is None:
        match = _MONTH_DAY_YEAR_RX.search(folded)
        if match:
            found = _date(int(match[3]), _MONTHS[match[1]], int(match[2]))
        else:
            match = _DAY_MONTH_YEAR_RX.search(folded)
            if match:
                found = _date(int(match[3]), _MONTHS[match[2]], int(match[1]))
        exact = found is not None and not since
    if found is not None:
        if exact:
            return When(found, False, found, found)
        return When(found, True, found, None if since else found)

    years = [int(y) for y in _YEAR_RX.findall(folded)]
    if not years:
        return UNKNOWN
    months = [_MONTHS[m] for m in _MONTH_WORD_RX.findall(folded)]
    if months:
        lo = date(years[0], months[0], 1)
        hi = _month_end(years[-1], months[-1])
        if hi < lo:  # "November - January 2027": the first month is in the year before
            lo = date(years[-1] - 1, months[0], 1)
    else:
        lo, hi = date(min(years), 1, 1), date(max(years), 12, 31)
    if since:
        return When(None, True, lo, None)
    if (hi - lo).days <= _MAX_APPROXIMATE_SPAN:
        return When(lo + (hi - lo) / 2, True, lo, hi)
    return When(None, True, lo, hi)


# --------------------------------------------------------------------------------------------
# Practices


# key -> (words for a reason, pattern on folded text)
_PRACTICES: dict[str, tuple[str, re.Pattern[str]]] = {
    "checkpoint": (
        "a checkpoint",
        re.compile(
            r"\b(?:check ?points?|road ?blocks?|license checks?|safety checks?|retenes|reten|"
            r"puntos? de control|puestos? de control|revision de licencias?)\b"
        ),
    ),
    "raid": (
        "a raid",
        re.compile(r"\b(?:raids?|raided|redadas?|operativos?|immigration sweeps?)\b"),
    ),
    "home_arrest": (
        "officers coming to people's homes",
        re.compile(
            r"\b(?:(?:came|showed up|knocked|waited|waiting) (?:to |at |on |outside )?"
            r"(?:my|our|the|his|her) (?:house|home|door|apartment|trailer)|"
            r"(?:llegaron|vinieron|esperaron|tocaron) (?:a |en |afuera de )?"
            r"(?:mi|la|nuestra|su) (?:casa|puerta|apartamento|traila)|afuera de la casa)\b"
        ),
    ),
    "traffic_stop": (
        "traffic stops",
        re.compile(
            r"\b(?:traffic stops?|pulled (?:me |us |him |her |them )?over|"
            r"(?:me|nos|lo|la|los|les) (?:pararon|paran|paro|detuvieron|detienen))\b"
        ),
    ),
    "status_questions": (
        "questions about immigration status",
        re.compile(
            r"\b(?:immigration status|(?:asked|ask|asking) (?:if|whether|about|for) .{0,30}"
            r"(?:papers|status|citizen|citizenship)|papeles|estatus|status migratorio|"
            r"de que pais)\b"
        ),
    ),
    "tow": (
        "cars being towed",
        re.compile(
            r"\b(?:towed|tow truck|grua|se llevaron (?:el|mi|su|los) (?:carro|coche|auto|carros))\b"
        ),
    ),
    "force": (
        "use of force",
        re.compile(
            r"\b(?:tased|taser|pepper spray|choked|beat (?:me|him|her|us|them)|k ?9|police dog|"
            r"golpearon|me pegaron|chokehold)\b"
        ),
    ),
}
PRACTICE_LABELS = {key: words for key, (words, _) in _PRACTICES.items()}


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _incident(complaint: Mapping[str, Any]) -> Mapping[str, Any]:
    incident = complaint.get("incident")
    return incident if isinstance(incident, Mapping) else {}


def _account_text(complaint: Mapping[str, Any]) -> str:
    """The narrative plus the place and what each party did: where practices are told."""
    incident = _incident(complaint)
    where = incident.get("where")
    parts = [_text(incident.get("what"))[:20000]]
    if isinstance(where, Mapping):
        parts.append(_text(where.get("place")))
    parties = complaint.get("responsible_parties")
    if isinstance(parties, list):
        parts.extend(_text(p.get("role")) for p in parties if isinstance(p, Mapping))
    return " ".join(p for p in parts if p)


def practices(complaint: Mapping[str, Any], folded: str | None = None) -> list[str]:
    """Practice keys the account describes ("checkpoint", "raid", ...), in a fixed order."""
    text = folded if folded is not None else fold(_account_text(complaint))
    return [key for key, (_, pattern) in _PRACTICES.items() if pattern.search(text)]


# --------------------------------------------------------------------------------------------
# Per-complaint facts


@lru_cache(maxsize=4096)
def _county_name(county: str, city: str) -> str | None:
    found = county_by_name(county) if county else None
    if found is None and city:
        found = county_for_city(city)
    return found.name if found else None


def _complaint_county(complaint: Mapping[str, Any]) -> str | None:
    where = _incident(complaint).get("where")
    if not isinstance(where, Mapping):
        return None
    return _county_name(_text(where.get("county")).strip(), _text(where.get("city")).strip())


def _complaint_when(complaint: Mapping[str, Any]) -> When:
    return parse_when(_text(_incident(complaint).get("when")))


@dataclass(frozen=True, slots=True)
class _Item:
    id: str
    when: When
    county: str | None


# --------------------------------------------------------------------------------------------
# Sweeping


def _windows(items: list[_Item], window_days: int, min_size: int) -> list[list[_Item]]:
    """Groups of at least min_size dated items, each spanning at most window_days.

    Two pointers over the items sorted by date: from the first start that has enough items
    within the window, the start is moved forward while that gains items (so a burst is not
    cut by a stray earlier complaint), the window is taken, and the sweep goes on after it.
    Every pointer only moves forward: linear after the sort.
    """
    items.sort(key=lambda item: (item.when.anchor, item.id))
    days = [item.when.anchor.toordinal() for item in items]  # type: ignore[union-attr]
    n = len(items)
    groups: list[list[_Item]] = []
    i = end = 0
    while i < n:
        end = max(end, i)
        while end < n and days[end] - days[i] <= window_days:
            end += 1
        if end - i < min_size:
            i += 1
            continue
        best_start, best_end = i, end
        k, k_end = i + 1, end
        while k < end:
            while k_end < n and days[k_end] - days[k] <= window_days:
                k_end += 1
            if k_end - k > best_end - best_start:
                best_start, best_end = k, k_end
            k += 1
        if best_start - i >= min_size:
            # Left behind by the move forward but a group on its own.
            groups.append(items[i:best_start])
        groups.append(items[best_start:best_end])
        i = end = best_end
    return groups


def _span(first: date | None, last: date | None) -> str:
    if first is None or last is None:
        return "with unclear dates"
    if first == last:
        return f"on {first.isoformat()}"
    return f"between {first.isoformat()} and {last.isoformat()}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _caveats(approximate: int, unclear: int) -> str:
    notes = []
    if approximate:
        notes.append(f"{approximate} with an approximate date")
    if unclear:
        notes.append(
            f"{unclear} with an unclear date, included because "
            f"{'it names' if unclear == 1 else 'they name'} the same party"
        )
    return f" ({'; '.join(notes)})" if notes else ""


def _most_common_county(items: Iterable[_Item]) -> str | None:
    counts = Counter(item.county for item in items if item.county)
    return counts.most_common(1)[0][0] if counts else None


def _entity_patterns(
    key: str, label: str, items: list[_Item], window_days: int, min_size: int
) -> list[Pattern]:
    dated = [item for item in items if item.when.anchor is not None]
    vague = [item for item in items if item.when.anchor is None]
    windows = _windows(dated, window_days, min_size)
    starts = [window[0].when.anchor for window in windows]
    ends = [window[-1].when.anchor for window in windows]
    candidates: list[list[_Item]] = [[] for _ in windows]
    leftover: list[_Item] = []
    for item in vague:
        # The latest window the vague period overlaps ("since September" overlaps every
        # window from September on); with no period at all, the latest window, as the
        # current run of complaints about the party is the likeliest home.
        target: int | None = None
        if item.when.lo is None:
            target = len(windows) - 1 if windows else None
        else:
            # Windows are disjoint and in order: the last one starting by the period's end
            # is the only candidate that can still reach back to its start.
            hi = item.when.hi or date.max
            index = bisect_right(starts, hi) - 1  # type: ignore[arg-type]
            end = ends[index] if index >= 0 else None
            if end is not None and end >= item.when.lo:
                target = index
        if target is None:
            leftover.append(item)
        else:
            candidates[target].append(item)
    attached: list[list[_Item]] = []
    for window, extra in zip(windows, candidates, strict=True):
        # Undated complaints may not outnumber the dated ones that make the window, or a
        # year of vague reports would swamp three weeks of dated ones. Bounded periods go
        # first (they at least overlap); the rest join the "unclear dates" group below.
        extra.sort(key=lambda item: (item.when.lo is None, item.id))
        attached.append(extra[: len(window)])
        leftover.extend(extra[len(window) :])

    out: list[Pattern] = []
    for window, extra in zip(windows, attached, strict=True):
        first, last = window[0].when.anchor, window[-1].when.anchor
        approximate = [item.id for item in window if item.when.approximate]
        members = [item.id for item in window] + sorted(item.id for item in extra)
        reason = (
            f"{len(members)} complaints about {label} {_span(first, last)}"
            f"{_caveats(len(approximate), len(extra))}"
        )
        out.append(
            Pattern(
                members=members,
                entity=key,
                reason=reason,
                first=first,
                last=last,
                county=_most_common_county(window + extra),
                size=len(members),
                undated=approximate + sorted(item.id for item in extra),
            )
        )
    if len(leftover) >= min_size:
        # Several people name the party but none says when precisely enough to compare.
        members = sorted(item.id for item in leftover)
        out.append(
            Pattern(
                members=members,
                entity=key,
                reason=f"{len(members)} complaints about {label}, all with unclear dates",
                first=None,
                last=None,
                county=_most_common_county(leftover),
                size=len(members),
                undated=members,
            )
        )
    return out


def _practice_patterns(
    county: str, practice: str, items: list[_Item], window_days: int, min_size: int
) -> list[Pattern]:
    out = []
    for window in _windows(items, window_days, min_size):
        first, last = window[0].when.anchor, window[-1].when.anchor
        approximate = [item.id for item in window if item.when.approximate]
        members = [item.id for item in window]
        reason = (
            f"{len(members)} complaints describing {PRACTICE_LABELS[practice]} in {county} "
            f"County {_span(first, last)}{_caveats(len(approximate), 0)}"
        )
        out.append(
            Pattern(
                members=members,
                entity=None,
                reason=reason,
                first=first,
                last=last,
                county=county,
                size=len(members),
                practice=practice,
                undated=approximate,
            )
        )
    return out


def _merge_practice_groups(
    entity_groups: list[Pattern], practice_groups: list[Pattern]
) -> list[Pattern]:
    """Drop practice groups that add nothing (all their members are in one entity group, or
    in a bigger practice group) and merge those with the very same members into one reason
    ("describing a checkpoint and cars being towed")."""
    by_members: dict[frozenset[str], list[Pattern]] = {}
    for group in practice_groups:
        by_members.setdefault(frozenset(group.members), []).append(group)
    merged: list[Pattern] = []
    for same in by_members.values():
        head = same[0]
        if len(same) > 1:
            words = [PRACTICE_LABELS[g.practice or ""] for g in same]
            described = ", ".join(words[:-1]) + " and " + words[-1]
            head = Pattern(
                members=head.members,
                entity=None,
                reason=head.reason.replace(PRACTICE_LABELS[head.practice or ""], described, 1),
                first=head.first,
                last=head.last,
                county=head.county,
                size=head.size,
                practice=head.practice,
                undated=head.undated,
            )
        merged.append(head)

    # Member id -> member sets of the groups holding it; a superset of a group must hold its
    # first member, so only those few sets are compared (near-linear, not all pairs).
    entity_sets: defaultdict[str, list[frozenset[str]]] = defaultdict(list)
    practice_sets: defaultdict[str, list[frozenset[str]]] = defaultdict(list)
    for groups, sets in ((entity_groups, entity_sets), (merged, practice_sets)):
        for group in groups:
            member_set = frozenset(group.members)
            for member in group.members:
                sets[member].append(member_set)
    kept = []
    for group in merged:
        mine = frozenset(group.members)
        first = group.members[0]
        if any(mine <= other for other in entity_sets.get(first, ())):
            continue
        if any(mine < other for other in practice_sets.get(first, ())):
            continue
        kept.append(group)
    return kept


def _order(patterns: list[Pattern]) -> list[Pattern]:
    def key(pattern: Pattern) -> tuple[int, int, str]:
        last = pattern.last.toordinal() if pattern.last else 0
        return (-pattern.size, -last, pattern.reason)

    return sorted(patterns, key=key)


def find_patterns(
    complaints: Iterable[tuple[str, Mapping[str, Any]]],
    *,
    window_days: int = 60,
    min_size: int = 3,
    overrides: Mapping[str, str] | None = None,
) -> list[Pattern]:
    """Groups of at least ``min_size`` complaints naming the same entity, or describing the same
    practice in the same county, within ``window_days``; largest first, then most recent.

    ``overrides`` are staff merges/splits of entity keys (see ``entities.apply_overrides``).
    """
    index = EntityIndex(overrides=overrides)
    by_entity: defaultdict[str, list[_Item]] = defaultdict(list)
    by_practice: defaultdict[tuple[str, str], list[_Item]] = defaultdict(list)
    for complaint_id, complaint in complaints:
        if not isinstance(complaint, Mapping):
            continue
        item = _Item(str(complaint_id), _complaint_when(complaint), _complaint_county(complaint))
        # Two names of one complaint can fuzzy-merge into one entity: count the complaint once.
        for key in dict.fromkeys(index.add(e).key for e in complaint_entities(complaint)):
            by_entity[key].append(item)
        if item.county is not None and item.when.anchor is not None:
            for practice in practices(complaint):
                by_practice[(item.county, practice)].append(item)

    entity_groups: list[Pattern] = []
    for key, items in by_entity.items():
        if len(items) < min_size:
            continue
        entity = index.entity(key)
        label = entity.label if entity else key
        entity_groups.extend(_entity_patterns(key, label, items, window_days, min_size))
    practice_groups: list[Pattern] = []
    for (county, practice), items in by_practice.items():
        if len(items) >= min_size:
            practice_groups.extend(
                _practice_patterns(county, practice, items, window_days, min_size)
            )
    return _order(entity_groups + _merge_practice_groups(entity_groups, practice_groups))


# --------------------------------------------------------------------------------------------
# Related complaints

_SIMILARITY_STOP = frozenset(
    """
    that this with from they them their there were have been when what which about would could
    after before into because also only just then than said told says tell asked over other
    some more when where while your yours ours mine very still even each every since until
    para pero como cuando porque este esta estos estas ellos ellas nosotros nuestro nuestra
    tiene tienen estaba estaban fueron desde donde hasta sobre tambien todos todas muy nada
    dijo dijeron pregunto aqui alli entonces despues antes solo
    """.split()
)
_SIMILAR_THRESHOLD = 0.25
_SIMILAR_MIN_SHARED = 5


def _account_words(complaint: Mapping[str, Any]) -> frozenset[str]:
    words = fold(_text(_incident(complaint).get("what"))[:20000]).split()
    # Crude stemming ("checkpoints" ~ "checkpoint") keeps this cheap and language-agnostic.
    return frozenset(
        w[:-1] if len(w) > 4 and w.endswith("s") else w
        for w in words
        if len(w) >= 4 and w not in _SIMILARITY_STOP and not w.isdigit()
    )


@dataclass
class _Facts:
    entities: dict[str, str]  # canonical key -> label
    when: When
    county: str | None
    practices: frozenset[str]
    words: frozenset[str]


def _facts(complaint: Mapping[str, Any], index: EntityIndex) -> _Facts:
    entities = {}
    for entity in complaint_entities(complaint):
        canonical = index.add(entity)
        entities[canonical.key] = canonical.label
    return _Facts(
        entities=entities,
        when=_complaint_when(complaint),
        county=_complaint_county(complaint),
        practices=frozenset(practices(complaint)),
        words=_account_words(complaint),
    )


def related_complaints(
    target: tuple[str, Mapping[str, Any]],
    others: Iterable[tuple[str, Mapping[str, Any]]],
    *,
    window_days: int = 90,
    limit: int = 10,
) -> list[tuple[str, str]]:
    """Up to ``limit`` (id, reason) pairs for complaints related to ``target``: naming the same
    entity, in the same county within ``window_days``, or telling a similar account (shared
    distinctive words). Strongest first."""
    target_id, target_complaint = target
    index = EntityIndex()
    mine = _facts(target_complaint, index)
    scored: list[tuple[float, str, str]] = []
    for other_id, complaint in others:
        if str(other_id) == str(target_id) or not isinstance(complaint, Mapping):
            continue
        theirs = _facts(complaint, index)
        reasons: list[str] = []
        score = 0.0
        for key in mine.entities.keys() & theirs.entities.keys():
            reasons.append(f"names the same party: {mine.entities[key]}")
            score += 3.0
        a, b = mine.when.anchor, theirs.when.anchor
        if mine.county and mine.county == theirs.county and a and b:
            apart = abs((a - b).days)
            if apart <= window_days:
                reasons.append(f"same county ({mine.county} County), {_plural(apart, 'day')} apart")
                score += 1.0 + (1.0 - apart / max(window_days, 1))
                shared = sorted(mine.practices & theirs.practices)
                if shared:
                    reasons.append(
                        "both describe " + " and ".join(PRACTICE_LABELS[p] for p in shared)
                    )
                    score += 1.5
        if mine.words and theirs.words:
            common = len(mine.words & theirs.words)
            similarity = common / len(mine.words | theirs.words)
            if common >= _SIMILAR_MIN_SHARED and similarity >= _SIMILAR_THRESHOLD:
                reasons.append(f"a similar account ({round(similarity * 100)}% of words shared)")
                score += 4.0 * similarity
        if reasons:
            reason = "; ".join(reasons)
            scored.append((score, str(other_id), reason[0].upper() + reason[1:]))
    best = heapq.nsmallest(limit, scored, key=lambda entry: (-entry[0], entry[1]))
    return [(other_id, reason) for _, other_id, reason in best]


def clear_caches() -> None:
    """Forget memoised dates, counties and entity resolutions (for cold-start benchmarks)."""
    parse_when.cache_clear()
    _county_name.cache_clear()
    clear_entity_caches()
