"""Tag one complaint with taxonomy keys, each backed by the words that triggered it.

Pure and fast: rules and bilingual lexicons (`lexicon.py`), no database, network or model files.
Labels follow the staff rules in LABELLING.md (shared schema); the order of decisions is:

1. actors, from the responsible parties first (the strongest signal), the narrative only when the
   form names nobody usable;
2. areas, mostly from the actors plus narrative cues that need context (conditions in a jail,
   status asked by police, refusal of service by a business);
3. classes, only from constructions that say the treatment was *because of* the class (plus
   immigration status whenever immigration enforcement acted on the person);
4. urgency, from the detention block, court dates and narrative cues;
5. scope, systemic when a government actor is responsible, a class is invoked against an
   organisation, or the text describes a policy or practice hitting more people.

Matching runs on normalised text with the same length as the original (see `normalise`), so an
evidence span is a slice of the field as the person wrote it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from rightsdesk.triage import lexicon as lx
from rightsdesk.triage.results import Evidence, Tagging
from rightsdesk.triage.taxonomy import government_actors

__all__ = ["normalise", "tag_complaint"]

# The organisation works in Mississippi: "today" for court dates is the local calendar day.
_LOCAL_TZ = "America/Chicago"
# Enough evidence to explain a tag without flooding the screen.
_MAX_EVIDENCE_PER_TAG = 2
# How far back a negation or hedge may sit in the same sentence.
_PREFIX_CHARS = 100

# Actors the taxonomy marks as government: they make a complaint systemic (LABELLING).
_GOVERNMENT = government_actors()


# --- Normalisation ----------------------------------------------------------------------------


class _FoldTable(dict[int, str]):
    """str.translate table: lowercase and strip accents, one character in, one character out."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        lower = char.lower()
        base = "".join(
            c for c in unicodedata.normalize("NFKD", lower) if not unicodedata.combining(c)
        )
        value = base if len(base) == 1 else (lower if len(lower) == 1 else char)
        self[code] = value
        return value


_FOLD = _FoldTable(
    {
        0x2018: "'",
        0x2019: "'",
        0x201B: "'",
        0x00B4: "'",
        0x201C: '"',
        0x201D: '"',
        0x00AB: '"',
        0x00BB: '"',
        0x00A0: " ",
        0x2013: "-",
        0x2014: "-",
    }
)
_COMBINING = re.compile(r"[\u0300-\u036f]")


def normalise(text: str) -> str:
    """Casefold and strip accents keeping the length, so spans found here index the original."""
    if text.isascii():
        return text.lower()
    return text.translate(_FOLD)


@dataclass(frozen=True)
class _Field:
    path: str
    orig: str
    norm: str
    # Only for text typed with separate combining accents ("e" + U+0301): norm index -> orig index.
    offsets: tuple[int, ...] | None = None

    @classmethod
    def of(cls, path: str, text: str) -> _Field:
        if _COMBINING.search(text) is None:
            return cls(path, text, normalise(text))
        kept = [i for i, c in enumerate(text) if not unicodedata.combining(c)]
        norm = normalise("".join(text[i] for i in kept))
        return cls(path, text, norm, tuple(kept))

    def span(self, start: int, end: int) -> tuple[int, int]:
        if self.offsets is None:
            return start, end
        orig_end = self.offsets[end] if end < len(self.offsets) else len(self.orig)
        return self.offsets[start], orig_end


@dataclass(frozen=True)
class _Hit:
    field: _Field
    start: int
    end: int
    weak: bool = False

    def evidence(self, group: str, tag: str) -> Evidence:
        start, end = self.field.span(self.start, self.end)
        return Evidence(group, tag, self.field.path, start, end, self.field.orig[start:end])


# --- Compiled lexicon -------------------------------------------------------------------------


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


@dataclass(frozen=True)
class _Cue:
    rx: re.Pattern[str]
    negatable: bool = True
    hedgeable: bool = False
    weak: bool = False
    cased: bool = False
    skip_before: re.Pattern[str] | None = None
    skip_sentence: re.Pattern[str] | None = None
    skip_complaint: re.Pattern[str] | None = None
    # Substrings one of which every match contains: a fast test that skips the regex entirely.
    needles: tuple[str, ...] = ()


def _cue(spec: lx.Cue | str, needles: tuple[str, ...] = (), **overrides: bool) -> _Cue:
    if isinstance(spec, str):
        spec = lx.Cue(spec)
    spec = spec._replace(**overrides)
    return _Cue(
        rx=_rx(spec.pattern),
        negatable=spec.negatable,
        hedgeable=spec.hedgeable,
        weak=spec.weak,
        cased=spec.cased,
        skip_before=_rx(spec.skip_before) if spec.skip_before else None,
        skip_sentence=_rx(spec.skip_sentence) if spec.skip_sentence else None,
        skip_complaint=_rx(spec.skip_complaint) if spec.skip_complaint else None,
        needles=needles,
    )


_NEGATION = _rx(lx.NEGATION)
_HEDGE = _rx(lx.HEDGE)
_BYSTANDER = _rx(lx.BYSTANDER)
_NOT_YET = _rx(lx.NOT_YET)
_NOBODY = _rx(lx.NOBODY)

_ACTOR_NAME = {tag: _rx(lx.ACTOR_NAME[tag]) for tag in lx.ACTOR_ORDER}
_ACTOR_TEXT = {tag: _rx(lx.ACTOR_TEXT[tag]) for tag in lx.ACTOR_ORDER}
_ICE_CASED = _rx(lx.ICE_CASED)
_SHERIFF = _rx(lx.SHERIFF)
_RUNS_JAIL = _rx(lx.RUNS_JAIL)
_PATROL = _rx(lx.PATROL)
_AMBIGUOUS_OWNER = _rx(lx.AMBIGUOUS_OWNER)
_COURT_PARTY = _rx(lx.COURT_PARTY)
_CONJUNCTION = _rx(r"\s+(?:and|y|&)\s+|/|;")

_EMPLOYMENT = _cue(lx.EMPLOYMENT, negatable=False)
_STUDENT = _cue(lx.STUDENT, negatable=False)
_JAIL_CONTEXT = _cue(lx.JAIL_CONTEXT, negatable=False)
_CONDITIONS = _cue(lx.CONDITIONS, negatable=False)
_HOUSING = _cue(lx.HOUSING, negatable=False)
_PUBLIC_SERVICE = _cue(lx.PUBLIC_SERVICE, negatable=False)
_REFUSAL = _cue(lx.REFUSAL, negatable=False)
_POLICING = _cue(lx.POLICING, negatable=False)
_ENFORCEMENT = _cue(
    lx.IMMIGRATION_ENFORCEMENT, needles=lx.IMMIGRATION_ENFORCEMENT_NEEDLES, hedgeable=True
)
_ENFORCEMENT_ICE = _cue(lx.ICE_CASED, hedgeable=True, cased=True)
_STATUS_ASKED = _cue(lx.STATUS_ASKED)
_SURVEILLANCE = _cue(lx.SURVEILLANCE, hedgeable=True)
_COURTS = _cue(lx.COURTS)
_SPEECH = _cue(lx.SPEECH)
_VOTING = _cue(lx.VOTING, negatable=False)

_CLASSES = {tag: tuple(_cue(c) for c in cues) for tag, cues in lx.CLASSES.items()}
_WHITE_COMPARATOR = _cue(lx.WHITE_COMPARATOR)
_BLACK_IDENTITY = _cue(lx.BLACK_IDENTITY)
_ANGLO_COMPARATOR = _cue(lx.ANGLO_COMPARATOR)
_HISPANIC_IDENTITY = _cue(lx.HISPANIC_IDENTITY, negatable=False)
_PARTNER_SAME_SEX = _cue(lx.PARTNER_SAME_SEX, negatable=False)
_MALE_WRITER = _cue(lx.MALE_WRITER, negatable=False)

_DETAINED_NOW = _cue(lx.DETAINED_NOW)
_ARRESTED = _cue(lx.ARRESTED)
_RELEASED = _cue(lx.RELEASED, negatable=False)
_RELATIVE = _rx(lx.RELATIVE)
_NOT_RELATIVE = _rx(lx.NOT_RELATIVE)
_COURT_TEXT = _cue(lx.COURT_TEXT)
_REMOVAL = _cue(lx.REMOVAL, hedgeable=True)
_ONGOING = _cue(lx.ONGOING, negatable=False)
_POLICY = _cue(lx.POLICY, negatable=False)


# --- Reading the complaint --------------------------------------------------------------------


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _items(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


@dataclass
class _Party:
    index: int
    name: _Field | None
    role: _Field | None


@dataclass
class _Complaint:
    narrative: list[_Field] = field(default_factory=list)  # what the person says happened
    story: list[_Field] = field(default_factory=list)  # the parts that tell what happened now
    requests: list[_Field] = field(default_factory=list)  # what they ask for
    parties: list[_Party] = field(default_factory=list)
    roles: list[_Field] = field(default_factory=list)
    names: list[_Field] = field(default_factory=list)
    facility: _Field | None = None
    relationships: list[_Field] = field(default_factory=list)
    is_detained: bool | None = None
    involves_police: bool | None = None
    court_dates: list[tuple[int, str]] = field(default_factory=list)
    language: str = ""

    @property
    def all_text(self) -> list[_Field]:
        return self.narrative + self.requests + self.roles


def _read(complaint: dict[str, Any]) -> _Complaint:
    c = _Complaint(language=_text(complaint.get("language")))

    def add(bucket: list[_Field], path: str, value: Any) -> None:
        text = _text(value)
        if text.strip():
            bucket.append(_Field.of(path, text))

    incident = _mapping(complaint.get("incident"))
    add(c.story, "incident.what", incident.get("what"))
    add(c.story, "incident.why", incident.get("why"))
    add(c.story, "incident.who", incident.get("who"))
    add(c.story, "why_explanation_inadequate", complaint.get("why_explanation_inadequate"))
    add(c.story, "explanation_given", complaint.get("explanation_given"))
    c.narrative.extend(c.story)
    add(c.narrative, "incident.where.place", _mapping(incident.get("where")).get("place"))
    add(c.narrative, "media_coverage", complaint.get("media_coverage"))
    for i, action in enumerate(_items(complaint.get("prior_actions"))):
        action = _mapping(action)
        add(c.narrative, f"prior_actions.{i}.description", action.get("description"))
        add(c.narrative, f"prior_actions.{i}.status", action.get("status"))
    add(c.requests, "requested_help", complaint.get("requested_help"))

    for i, party in enumerate(_items(complaint.get("responsible_parties"))):
        name_path = f"responsible_parties.{i}.name"
        if isinstance(party, str):  # tolerate a bare name instead of {"name": ...}
            party, name_path = {"name": party}, f"responsible_parties.{i}"
        party = _mapping(party)
        name_text, role_text = _text(party.get("name")), _text(party.get("role"))
        name = _Field.of(name_path, name_text) if name_text.strip() else None
        role = _Field.of(f"responsible_parties.{i}.role", role_text) if role_text.strip() else None
        if name is None and role is None:
            continue
        c.parties.append(_Party(i, name, role))
        if name is not None:
            c.names.append(name)
        if role is not None:
            c.roles.append(role)

    detention = _mapping(complaint.get("detention"))
    facility = _text(detention.get("facility"))
    if facility.strip():
        c.facility = _Field.of("detention.facility", facility)
    if isinstance(detention.get("is_detained"), bool):
        c.is_detained = detention["is_detained"]
    add(
        c.relationships,
        "detention.relative.relationship",
        _mapping(detention.get("relative")).get("relationship"),
    )
    on_behalf = _mapping(complaint.get("on_behalf"))
    add(c.relationships, "on_behalf.relationship", on_behalf.get("relationship"))
    if isinstance(complaint.get("involves_police"), bool):
        c.involves_police = complaint["involves_police"]

    for i, entry in enumerate(_items(complaint.get("court_dates"))):
        raw = _mapping(entry).get("date")
        if isinstance(raw, str | date):
            c.court_dates.append((i, raw if isinstance(raw, str) else raw.isoformat()))
        court_note = _mapping(entry).get("note")
        add(c.narrative, f"court_dates.{i}.note", court_note)
    return c


# --- Matching ---------------------------------------------------------------------------------


def _sentence_prefix(norm: str, start: int) -> str:
    lo = max(0, start - _PREFIX_CHARS)
    segment = norm[lo:start]
    cut = max(segment.rfind(mark) for mark in ".!?;\n")
    return segment[cut + 1 :]


def _sentence(norm: str, start: int, end: int) -> str:
    prefix = _sentence_prefix(norm, start)
    tail = norm[end : end + 200]
    stops = [i for i in (tail.find(mark) for mark in ".!?;\n") if i >= 0]
    return prefix + norm[start:end] + tail[: min(stops) if stops else len(tail)]


def _find(cue: _Cue, fields: Sequence[_Field], *, first: bool = False) -> list[_Hit]:
    """Every match of `cue` in `fields` that survives its negation, hedge and skip rules."""
    hits: list[_Hit] = []
    for f in fields:
        if cue.needles and not any(n in f.norm for n in cue.needles):
            continue
        if cue.cased and f.offsets is not None:
            continue  # acronyms carry no accents; such a field is matched case-blind elsewhere
        for m in cue.rx.finditer(f.orig if cue.cased else f.norm):
            start, end = m.span()
            if _rejected(cue, f.norm, start, end):
                continue
            hits.append(_Hit(f, start, end, cue.weak))
            if first:
                break
        if first and hits:
            break
    if hits and cue.skip_complaint is not None:
        if any(cue.skip_complaint.search(f.norm) for f in fields):
            return []
    return hits


def _rejected(cue: _Cue, norm: str, start: int, end: int) -> bool:
    if cue.negatable or cue.hedgeable:
        prefix = _sentence_prefix(norm, start)
        # The match itself may carry the denial ("no nos preguntaron nada de papeles").
        if cue.negatable and _NEGATION.search(prefix + norm[start:end]):
            return True
        if cue.hedgeable and _HEDGE.search(prefix):
            return True
    if cue.skip_before is not None and cue.skip_before.search(norm[max(0, start - 40) : start]):
        return True
    return cue.skip_sentence is not None and bool(
        cue.skip_sentence.search(_sentence(norm, start, end))
    )


def _find_any(cues: Sequence[_Cue], fields: Sequence[_Field]) -> list[_Hit]:
    hits: list[_Hit] = []
    for cue in cues:
        hits.extend(_find(cue, fields))
    return hits


# --- Collecting tags with their evidence ------------------------------------------------------


@dataclass
class _Tags:
    hits: dict[str, list[_Hit | Evidence]] = field(default_factory=dict)

    def add(self, tag: str, evidence: Iterable[_Hit | Evidence]) -> None:
        items = list(evidence)
        if not items:
            return
        bucket = self.hits.setdefault(tag, [])
        bucket.extend(items[: max(0, _MAX_EVIDENCE_PER_TAG - len(bucket))])

    def drop(self, tag: str) -> None:
        self.hits.pop(tag, None)

    def __contains__(self, tag: object) -> bool:
        return tag in self.hits

    def keys(self) -> list[str]:
        return list(self.hits)

    def evidence(self, group: str) -> list[Evidence]:
        out: list[Evidence] = []
        for tag, items in self.hits.items():
            for item in items:
                out.append(
                    item.evidence(group, tag)
                    if isinstance(item, _Hit)
                    else _regroup(item, group, tag)
                )
        return out


def _regroup(item: Evidence, group: str, tag: str) -> Evidence:
    return Evidence(group, tag, item.field, item.start, item.end, item.text)


def _value_evidence(group: str, tag: str, path: str, value: object) -> Evidence:
    text = str(value)
    return Evidence(group, tag, path, 0, len(text), text)


# --- Actors -----------------------------------------------------------------------------------


def _classify(f: _Field, patterns: dict[str, re.Pattern[str]]) -> tuple[str, _Hit] | None:
    for tag in lx.ACTOR_ORDER:
        if tag == "federal_immigration" and f.offsets is None:
            m = _ICE_CASED.search(f.orig)
            if m:
                return tag, _Hit(f, m.start(), m.end())
        m = patterns[tag].search(f.norm)
        if m:
            return tag, _Hit(f, m.start(), m.end())
    return None


def _party_actors(party: _Party) -> list[tuple[str, _Hit]]:
    found: list[tuple[str, _Hit]] = []
    name = party.name
    if name is not None and not _NOBODY.match(name.norm):
        primary = _classify(name, _ACTOR_NAME)
        if primary is not None:
            found.append(primary)
            # "ICE y HSI", "the sheriff and ICE": a second agency in the same name.
            if name.offsets is None and _CONJUNCTION.search(name.norm):
                found.extend(_second_agencies(name, primary[0]))
    if not found and party.role is not None:
        guess = _classify(party.role, _ACTOR_NAME)
        if guess is not None and guess[0] != "individual":
            found.append(guess)
    return found


def _second_agencies(name: _Field, primary: str) -> list[tuple[str, _Hit]]:
    extra: list[tuple[str, _Hit]] = []
    start = 0
    for sep in [*_CONJUNCTION.finditer(name.norm), None]:
        end = sep.start() if sep else len(name.norm)
        piece = _Field(name.path, name.orig[start:end], name.norm[start:end])
        guess = _classify(piece, _ACTOR_NAME)
        if guess and guess[0] in _GOVERNMENT and guess[0] != primary:
            hit = guess[1]
            extra.append((guess[0], _Hit(name, hit.start + start, hit.end + start)))
        start = sep.end() if sep else end
    return extra


def _actors(c: _Complaint, *, employment: bool, jail_context: bool) -> _Tags:
    actors = _Tags()
    resolved: list[tuple[str, _Hit, _Party | None]] = []
    for party in c.parties:
        resolved.extend((tag, hit, party) for tag, hit in _party_actors(party))

    if not resolved:
        # Nobody usable was named: read the narrative, skipping bystanders.
        for tag in lx.ACTOR_ORDER:
            if tag == "jail_prison" and not jail_context:
                continue  # a jail named as the place someone is held is not the one responsible
            for f in c.story:
                m = _ACTOR_TEXT[tag].search(f.norm)
                if tag == "federal_immigration" and not m and f.offsets is None:
                    m = _ICE_CASED.search(f.orig)
                if m and not _BYSTANDER.search(_sentence(f.norm, m.start(), m.end())):
                    resolved.append((tag, _Hit(f, m.start(), m.end()), None))
                    break
        if any(tag in _GOVERNMENT for tag, _, _ in resolved):
            # "Deputies came to the Mexican store": the store is the scene, not the one responsible.
            resolved = [r for r in resolved if r[0] in _GOVERNMENT]
        elif len(resolved) > 1:
            resolved = [r for r in resolved if r[0] != "individual"]

    patrol = any(_PATROL.search(f.norm) for f in c.story)
    housing_context = bool(_find(_HOUSING, c.story, first=True))
    for tag, hit, party in resolved:
        party_text = " ".join(f.norm for f in (party.name, party.role) if f) if party else ""
        if tag == "police" and _SHERIFF.search(hit.field.norm):
            # The sheriff runs the county jail: jail_prison unless deputies were out on patrol.
            runs_jail = bool(party_text) and _RUNS_JAIL.search(party_text) is not None
            if runs_jail or (jail_context and not patrol):
                tag = "jail_prison"
        elif tag == "business" and employment:
            tag = "employer"
        elif (
            tag == "business"
            and housing_context
            and _AMBIGUOUS_OWNER.fullmatch(hit.field.norm[hit.start : hit.end])
        ):
            tag = "housing_provider"
        actors.add(tag, [hit])

    if not actors.keys() and c.involves_police:
        actors.add("police", [_value_evidence("actors", "police", "involves_police", True)])
    return actors


# --- Areas ------------------------------------------------------------------------------------


def _areas(
    c: _Complaint,
    actors: _Tags,
    *,
    employment_hits: list[_Hit],
    student_hits: list[_Hit],
    conditions_hits: list[_Hit],
    class_found: bool,
) -> _Tags:
    areas = _Tags()
    tags = set(actors.keys())
    story = c.narrative  # what happened, without the wish list
    government = bool(tags & _GOVERNMENT)

    if "police" in tags:
        areas.add("policing", actors.hits["police"])
    elif c.involves_police:
        areas.add("policing", _find(_POLICING, c.story, first=True))

    if "federal_immigration" in tags:
        areas.add("immigration_enforcement", actors.hits["federal_immigration"])
    areas.add(
        "immigration_enforcement", _find(_ENFORCEMENT, story) + _find(_ENFORCEMENT_ICE, story)
    )
    if "police" in tags:
        areas.add("immigration_enforcement", _find(_STATUS_ASKED, story + c.roles))

    if conditions_hits:
        areas.add("detention", conditions_hits)

    areas.add("surveillance_privacy", _find(_SURVEILLANCE, story + c.roles))

    court_parties = [n for n in c.names if _COURT_PARTY.search(n.norm)]
    for name in court_parties:
        m = _COURT_PARTY.search(name.norm)
        if m:
            areas.add("courts_due_process", [_Hit(name, m.start(), m.end())])
    areas.add("courts_due_process", _find(_COURTS, story + c.roles))

    if government:
        areas.add("speech_religion", _find(_SPEECH, story + c.roles))

    areas.add("voting", _find(_VOTING, story + c.roles))

    if "housing_provider" in tags:
        areas.add("housing", actors.hits["housing_provider"])
    if not tags or tags & {
        "housing_provider",
        "federal_other",
        "state_government",
        "local_government",
        "individual",
    }:
        areas.add("housing", _find(_HOUSING, story + c.roles))

    if "employer" in tags:
        areas.add("employment", actors.hits["employer"])
    if not tags or tags & {
        "employer",
        "school",
        "local_government",
        "state_government",
        "federal_other",
    }:
        areas.add("employment", employment_hits)

    if "school" in tags and (student_hits or not employment_hits):
        areas.add("education", actors.hits["school"])
    elif not tags:
        areas.add("education", student_hits)

    refusal = _find(_REFUSAL, story)
    if "business" in tags and (class_found or refusal):
        areas.add("public_accommodations", actors.hits["business"])
    # A city or county service open to the public, unless the complaint is about something more
    # specific that the same office does (a polling place, a court, a council meeting).
    specific = {"voting", "courts_due_process", "speech_religion", "policing"}
    if "local_government" in tags and not specific & set(areas.keys()):
        areas.add("public_accommodations", _find(_PUBLIC_SERVICE, story + c.roles + c.names))
    if not tags:
        areas.add("public_accommodations", refusal)
    return areas


# --- Classes ----------------------------------------------------------------------------------


def _classes(c: _Complaint, actors: _Tags) -> _Tags:
    classes = _Tags()
    fields = c.narrative + c.requests + c.roles
    tags = set(actors.keys())
    weak_ok = bool(tags & (_GOVERNMENT | {"employer"}))

    for tag, cues in _CLASSES.items():
        hits = [h for h in _find_any(cues, fields) if weak_ok or not h.weak]
        classes.add(tag, hits)

    # Whites treated better: race when the people hurt are Black, national origin when Latino.
    comparators = _find(_WHITE_COMPARATOR, fields)
    if comparators and _find(_BLACK_IDENTITY, fields, first=True):
        classes.add("race", comparators)
    if c.language == "es" or _find(_HISPANIC_IDENTITY, fields, first=True):
        classes.add("national_origin", _find(_ANGLO_COMPARATOR, fields))
    # Lighter skin preferred among people of one race is colour, not race (LABELLING).
    if "color" in classes and "race" in classes and not comparators:
        classes.drop("race")
    if "sexual_orientation" not in classes and _find(_MALE_WRITER, fields, first=True):
        classes.add("sexual_orientation", _find(_PARTNER_SAME_SEX, fields))
    return classes


# --- Urgency ----------------------------------------------------------------------------------


def _parse_date(raw: str) -> date | None:
    raw = raw.strip()[:32]
    for fmt in ("%Y-%m-%d", "%m/%d/%Y", "%m-%d-%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(raw, fmt).date()  # noqa: DTZ007 - a calendar date, no time
        except ValueError:
            continue
    return None


def _urgency(c: _Complaint, today: date, *, taken_by_ice: bool) -> _Tags:
    urgency = _Tags()
    if c.is_detained:
        urgency.add(
            "detained", [_value_evidence("urgency", "detained", "detention.is_detained", True)]
        )
    elif c.is_detained is None:
        relative_named = bool(c.relationships) or any(_RELATIVE.search(f.norm) for f in c.story)
        if relative_named:
            held = [
                h
                for h in _find(_DETAINED_NOW, c.story)
                if not _NOT_RELATIVE.search(_sentence(h.field.norm, h.start, h.end))
            ]
            urgency.add("detained", held)
            # Taken by ICE and no release described: held now.
            if not held and taken_by_ice and not _find(_RELEASED, c.story, first=True):
                urgency.add("detained", _find(_ARRESTED, c.story, first=True))

    valid_dates = False
    for i, raw in c.court_dates:
        parsed = _parse_date(raw)
        if parsed is None:
            continue
        valid_dates = True
        if parsed >= today:
            urgency.add(
                "court_date",
                [_value_evidence("urgency", "court_date", f"court_dates.{i}.date", raw)],
            )
    if not valid_dates:
        urgency.add("court_date", _find(_COURT_TEXT, c.story))

    urgency.add("removal_risk", _find(_REMOVAL, c.narrative + c.requests + c.roles))

    ongoing = [h for h in _find(_ONGOING, c.story) if not _is_not_yet(h)]
    urgency.add("ongoing", ongoing)
    return urgency


def _is_not_yet(hit: _Hit) -> bool:
    word = hit.field.norm[hit.start : hit.end]
    if word not in {"todavia", "aun", "still"}:
        return False
    return _NOT_YET.search(_sentence_prefix(hit.field.norm, hit.start)) is not None


# --- Public entry point -----------------------------------------------------------------------


def _today() -> date:
    try:
        return datetime.now(ZoneInfo(_LOCAL_TZ)).date()
    except Exception:  # noqa: BLE001 - no tz database installed: UTC is close enough for a day
        return datetime.now(UTC).date()


def tag_complaint(complaint: dict[str, Any], *, today: date | None = None) -> Tagging:
    """Tag one complaint (complaint.schema.json shape) for screening.

    Tolerates missing fields and wrong types: what cannot be read is ignored. `today` decides
    which court dates are still pending (default: today in Mississippi).
    """
    if not isinstance(complaint, dict):
        return Tagging()
    today = today if isinstance(today, date) else _today()
    c = _read(complaint)

    employment_hits = _find(_EMPLOYMENT, c.story + c.roles)
    student_hits = _find(_STUDENT, c.narrative)
    jail_words = _find(
        _JAIL_CONTEXT, c.narrative + ([c.facility] if c.facility else []), first=True
    )
    jail_context = bool(jail_words) or bool(c.is_detained)

    actors = _actors(
        c,
        employment=bool(employment_hits),
        jail_context=jail_context and bool(_find(_CONDITIONS, c.story, first=True)),
    )

    # Conditions count when the jail is in play: its operator is responsible or someone is held;
    # otherwise only in a sentence that itself names a jail.
    conditions_hits: list[_Hit] = []
    if "jail_prison" in actors or c.is_detained:
        conditions_hits = _find(_CONDITIONS, c.story)
    elif jail_words:
        conditions_hits = [
            h
            for h in _find(_CONDITIONS, c.story)
            if _JAIL_CONTEXT.rx.search(_sentence(h.field.norm, h.start, h.end))
        ]
    if conditions_hits and "jail_prison" not in actors and c.facility is not None:
        m = _JAIL_CONTEXT.rx.search(c.facility.norm)
        start, end = (m.start(), m.end()) if m else (0, len(c.facility.norm))
        actors.add("jail_prison", [_Hit(c.facility, start, end)])

    classes = _classes(c, actors)

    areas = _areas(
        c,
        actors,
        employment_hits=employment_hits,
        student_hits=student_hits,
        conditions_hits=conditions_hits,
        class_found=bool(classes.keys()),
    )
    # Enforcement against someone (an ICE arrest, a hold, a removal) is about their status even
    # when the word never appears (LABELLING: "ICE called").
    if "immigration_enforcement" in areas:
        classes.add("immigration_status", areas.hits["immigration_enforcement"])
    if "religion" in classes and set(actors.keys()) & _GOVERNMENT:
        # Religious practice against a public body is also free exercise (LABELLING).
        areas.add("speech_religion", classes.hits["religion"])
    if not areas.keys() and actors.keys():
        first_actor = next(iter(actors.hits.values()))
        areas.add("other", first_actor)

    urgency = _urgency(c, today, taken_by_ice="federal_immigration" in actors)

    scope, scope_evidence = _scope(c, actors, classes)

    evidence = (
        classes.evidence("classes")
        + areas.evidence("areas")
        + actors.evidence("actors")
        + urgency.evidence("urgency")
        + scope_evidence
    )
    return Tagging(
        classes=_ordered("classes", classes.keys()),
        areas=_ordered("areas", areas.keys()),
        actors=_ordered("actors", actors.keys()),
        urgency=_ordered("urgency", urgency.keys()),
        scope=scope,
        evidence=evidence,
    )


def _scope(c: _Complaint, actors: _Tags, classes: _Tags) -> tuple[str, list[Evidence]]:
    tags = set(actors.keys())
    for tag in lx.ACTOR_ORDER:
        if tag in _GOVERNMENT and tag in tags:
            return "systemic", _as_scope(actors.hits[tag])
    if classes.keys() and tags - {"individual"}:
        return "systemic", _as_scope(next(iter(classes.hits.values())))
    policy = _find(_POLICY, c.story)
    if policy:
        return "systemic", _as_scope(policy)
    return "individual", []


def _as_scope(items: Iterable[_Hit | Evidence]) -> list[Evidence]:
    out = []
    for item in list(items)[:_MAX_EVIDENCE_PER_TAG]:
        out.append(
            item.evidence("scope", "systemic")
            if isinstance(item, _Hit)
            else _regroup(item, "scope", "systemic")
        )
    return out


_ORDER = {
    "classes": lx.CLASSES.keys(),
    "areas": (
        "housing",
        "employment",
        "education",
        "public_accommodations",
        "policing",
        "immigration_enforcement",
        "detention",
        "surveillance_privacy",
        "courts_due_process",
        "speech_religion",
        "voting",
        "other",
    ),
    "actors": lx.ACTOR_ORDER,
    "urgency": ("detained", "court_date", "removal_risk", "ongoing"),
}


def _ordered(group: str, tags: Iterable[str]) -> list[str]:
    present = set(tags)
    return [t for t in _ORDER[group] if t in present]
