"""The matcher: which volunteers to suggest for a facility visit, best first, each with its
reasons. Pure functions over plain dataclasses (visits/selectors.py loads them), so the pages,
the `rightsdesk volunteers match` command, the tests and the benchmark call the same code.

How a suggestion ranks, in this order:
1. Someone missing a required training is never hidden, but always ranked after everyone who
   has them all, and the missing trainings are named in the reasons.
2. Within each of those groups, by score (higher first), then by id so the order is stable:
   - availability on the date: free for the whole time window 40, for part of it 15, no time
     given for that day 0;
   - language (interpreters; attorneys only get a bonus when they speak a language the visit
     needs): the level times 8, using the verified level when there is one, plus 6 for a
     verified level, so a verified level beats the same level self-rated;
   - travel: up to 20, minus one point per 20 km from their home county to the facility's;
   - spreading the load: up to 10, one point per 9 days since their last visit (never went: 10).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, time
from operator import itemgetter

from django.utils.translation import gettext as _

from rightsdesk.network.dates import day_in_words
from rightsdesk.network.languages import language_name
from rightsdesk.network.models.volunteers import LEVEL_RANK, LanguageLevel
from rightsdesk.network.visits.travel import county_distance_km

ATTORNEY = "attorney"
INTERPRETER = "interpreter"

AVAILABLE_ALL = 40
AVAILABLE_PART = 15
LEVEL_POINTS = 8
VERIFIED_POINTS = 6
ATTORNEY_LANGUAGE_BONUS = 4
TRAVEL_POINTS = 20
KM_PER_TRAVEL_POINT = 20
RECENCY_POINTS = 10
DAYS_PER_RECENCY_POINT = 9


@dataclass(frozen=True)
class Skill:
    self_level: str
    verified_level: str = ""

    @property
    def level(self) -> str:
        return self.verified_level or self.self_level

    @property
    def verified(self) -> bool:
        return bool(self.verified_level)


# Not frozen: a match builds thousands, and a frozen dataclass takes 2.5 times as long to make.
@dataclass(slots=True)
class Candidate:
    """One approved volunteer as the matcher sees them: no name, no contact. The selector
    builds them with positional arguments, so keep the fields in this order."""

    id: int
    reference: str
    kind: str  # Volunteer.Kind
    county: str = ""
    last_visit_on: date | None = None
    languages: Mapping[str, Skill] = field(default_factory=dict)
    # Their free time on the visit's date (weekly rows for that weekday and rows for the date).
    # The selector passes only the times that overlap the visit, and says with ``busy_during``
    # that they gave other times that day.
    windows: Sequence[tuple[time, time]] = ()
    busy_during: bool = False
    # Names of the required trainings they have not attended.
    missing: Sequence[str] = ()


@dataclass(frozen=True)
class Need:
    """What a visit still needs: attorney places and languages no interpreter covers yet."""

    on: date
    facility_county: str
    attorneys: int = 0
    languages: Sequence[str] = ()
    starts: time | None = None
    ends: time | None = None


@dataclass(frozen=True)
class Suggestion:
    volunteer_id: int
    reference: str
    role: str  # ATTORNEY or INTERPRETER
    language: str  # the language an interpreter would cover; "" for attorneys
    score: int
    reasons: tuple[str, ...]
    missing_requirements: tuple[str, ...]

    def as_dict(self) -> dict[str, object]:
        return {
            "volunteer_id": self.volunteer_id,
            "reference": self.reference,
            "role": self.role,
            "language": self.language,
            "score": self.score,
            "reasons": list(self.reasons),
            "missing_requirements": list(self.missing_requirements),
        }


def _clock(value: time) -> str:
    return value.strftime("%H:%M")


# Each part gives its points and, only when asked, the reason in words: translating and
# formatting dates is the slow part, so it is done only for the suggestions that are returned.
Part = tuple[int, str]


def _day(need: Need) -> str:
    return day_in_words(need.on, in_sentence=True)


def _availability(candidate: Candidate, need: Need, words: bool) -> Part:
    if not candidate.windows:
        if candidate.busy_during:
            return 0, _("not free during the visit on %(day)s") % {
                "day": _day(need)
            } if words else ""
        return 0, _("no time given for %(day)s") % {"day": _day(need)} if words else ""
    if need.starts is None or need.ends is None:
        return AVAILABLE_ALL, _("free on %(day)s") % {"day": _day(need)} if words else ""
    starts, ends = need.starts, need.ends
    best: tuple[time, time] | None = None
    for s, e in candidate.windows:
        if s <= starts and e >= ends:
            text = _("free on %(day)s for the whole visit") if words else ""
            return AVAILABLE_ALL, text % {"day": _day(need)} if words else ""
        if s < ends and e > starts and (best is None or min(e, ends) > min(best[1], ends)):
            best = (s, e)
    if best is not None:
        if not words:
            return AVAILABLE_PART, ""
        return AVAILABLE_PART, _("free on %(day)s only %(starts)s–%(ends)s") % {
            "day": _day(need),
            "starts": _clock(max(best[0], starts)),
            "ends": _clock(min(best[1], ends)),
        }
    return 0, _("not free during the visit on %(day)s") % {"day": _day(need)} if words else ""


def _language(skill: Skill, code: str, words: bool) -> Part:
    points = LEVEL_RANK[skill.level] * LEVEL_POINTS + (VERIFIED_POINTS if skill.verified else 0)
    if not words:
        return points, ""
    level = str(LanguageLevel(skill.level).label).lower()
    if skill.verified:
        text = _("speaks %(language)s (%(level)s, verified)")
    else:
        text = _("speaks %(language)s (%(level)s, self-rated)")
    return points, text % {"language": language_name(code, in_sentence=True), "level": level}


def _travel(candidate: Candidate, need: Need, words: bool) -> Part:
    km = county_distance_km(candidate.county, need.facility_county) if candidate.county else None
    if km is None:
        return 0, _("home county not given") if words else ""
    points = max(0, TRAVEL_POINTS - int(km // KM_PER_TRAVEL_POINT))
    if not words:
        return points, ""
    if km < 15:
        return points, _("lives near the facility")
    return points, _("lives about %(km)d km away") % {"km": round(km / 5) * 5}


def _recency(candidate: Candidate, need: Need, words: bool) -> Part:
    last = candidate.last_visit_on
    if last is None:
        return RECENCY_POINTS, _("has not been on a visit yet") if words else ""
    days = (need.on - last).days
    points = max(0, min(RECENCY_POINTS, days // DAYS_PER_RECENCY_POINT))
    return points, _("last visit %(days)d days before") % {"days": max(days, 0)} if words else ""


def _needed_spoken(candidate: Candidate, need: Need) -> list[str]:
    """The languages the visit still needs that the candidate speaks."""
    return [code for code in need.languages if code in candidate.languages]


def _role_parts(
    candidate: Candidate, need: Need, role: str, language: str, words: bool
) -> list[Part]:
    """The language points: an interpreter's level in the language they would cover, or an
    attorney's bonus for speaking one the visit needs."""
    if role == INTERPRETER:
        return [_language(candidate.languages[language], language, words)]
    spoken = _needed_spoken(candidate, need)
    if not spoken:
        return []
    best = max(spoken, key=lambda c: LEVEL_RANK[candidate.languages[c].level])
    return [(ATTORNEY_LANGUAGE_BONUS, _language(candidate.languages[best], best, words)[1])]


def _common_parts(candidate: Candidate, need: Need, words: bool) -> list[Part]:
    """The points that do not depend on the place: availability, travel, spreading the load."""
    return [
        _availability(candidate, need, words),
        _travel(candidate, need, words),
        _recency(candidate, need, words),
    ]


def _common_points(
    candidate: Candidate, need: Need, travel: dict[str, int], recency: dict[date | None, int]
) -> int:
    """The sum of the common parts without words, the travel and recency points remembered by
    county and by last visit (a visit's thousand candidates share a few dozen of each)."""
    points = travel.get(candidate.county)
    if points is None:
        points = travel[candidate.county] = _travel(candidate, need, False)[0]
    last = recency.get(candidate.last_visit_on)
    if last is None:
        last = recency[candidate.last_visit_on] = _recency(candidate, need, False)[0]
    return _availability(candidate, need, False)[0] + points + last


def _parts(candidate: Candidate, need: Need, role: str, language: str, words: bool) -> list[Part]:
    return _role_parts(candidate, need, role, language, words) + _common_parts(
        candidate, need, words
    )


def _suggestion(candidate: Candidate, need: Need, role: str, language: str) -> Suggestion:
    parts = _parts(candidate, need, role, language, words=True)
    reasons = [text for _points, text in parts]
    missing = tuple(candidate.missing)
    if missing:
        reasons.insert(
            0,
            _("has not done the required training: %(trainings)s")
            % {"trainings": ", ".join(missing)},
        )
    return Suggestion(
        volunteer_id=candidate.id,
        reference=candidate.reference,
        role=role,
        language=language,
        score=sum(points for points, _text in parts),
        reasons=tuple(reasons),
        missing_requirements=missing,
    )


def rank(
    candidates: Iterable[Candidate], need: Need, *, limit: int | None = None
) -> list[Suggestion]:
    """Suggestions for every open place in ``need``, best first.

    Attorneys are suggested for attorney places; interpreters for each language still
    uncovered that they speak (one suggestion per language, so the coordinator sees who could
    cover K'iche' and who Mam). Volunteers of other kinds are not suggested."""
    scored: list[tuple[bool, int, int, str, Candidate, str]] = []
    travel: dict[str, int] = {}
    recency: dict[date | None, int] = {}
    # Skills are shared instances (the selector makes one per level pair), so their points
    # are worked out once per match.
    level_points: dict[Skill, int] = {}
    for candidate in candidates:
        missing = bool(candidate.missing)
        if candidate.kind == ATTORNEY:
            if need.attorneys <= 0:
                continue
            points = _common_points(candidate, need, travel, recency)
            if _needed_spoken(candidate, need):
                points += ATTORNEY_LANGUAGE_BONUS
            # Sorts: everyone with their trainings first, then by score, then by id.
            scored.append((missing, -points, candidate.id, "", candidate, ATTORNEY))
        elif candidate.kind == INTERPRETER:
            codes = _needed_spoken(candidate, need)
            if not codes:
                continue
            common = _common_points(candidate, need, travel, recency)
            for code in codes:
                skill = candidate.languages[code]
                points = level_points.get(skill)
                if points is None:
                    points = level_points[skill] = _language(skill, code, False)[0]
                scored.append(
                    (missing, -(common + points), candidate.id, code, candidate, INTERPRETER)
                )
    key = itemgetter(0, 1, 2, 3)
    best = heapq.nsmallest(limit, scored, key=key) if limit is not None else sorted(scored, key=key)
    return [_suggestion(c, need, role, language) for _m, _p, _i, language, c, role in best]
