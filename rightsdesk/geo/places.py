"""Mississippi counties, ZIP codes and postal place names, fully offline.

County identity comes from the hand-checked FIPS table in ``county_names``;
ZIP and city data come from the ``zipcodes`` package, which embeds its
dataset (no network, no database). Everything is loaded lazily on first use
and cached for the life of the process.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rightsdesk.geo.county_names import MS_COUNTY_NAMES

__all__ = [
    "County",
    "counties",
    "county_by_fips",
    "county_by_name",
    "county_for_city",
    "county_for_zip",
    "municipalities",
]

# "39201", "39201-1234", "39201 1234" or "392011234"; anything else is not a ZIP.
_ZIP_RE = re.compile(r"(\d{5})(?:[-\s]?\d{4})?")
_FIPS_RE = re.compile(r"\d{5}")
# Only after a comma, so the place "Mississippi State" is left alone.
_STATE_SUFFIX_RE = re.compile(r",\s*(?:ms|miss\.?|mississippi)\s*$", re.IGNORECASE)

# Words that only say "this is a county", in the forms people actually type
# (English and Spanish); removed before comparing names.
_COUNTY_NOISE_RE = re.compile(r"\b(?:county|cnty|co|condado(?:\s+de)?)\b\.?")
# Postal data abbreviates some place names; expand so "Mt Olive" == "Mount Olive".
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "n": "north"}


@dataclass(frozen=True, slots=True)
class County:
    fips: str  # 5 digits, e.g. "28049"
    name: str  # without the word "County", e.g. "Hinds"

    def __str__(self) -> str:
        return f"{self.name} County"


def _fold(text: str) -> str:
    """Case- and accent-insensitive form, punctuation turned into spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # Apostrophes and periods join rather than split ("D'Lo" == "D LO" == "Dlo").
    stripped = re.sub(r"['\u2019.]", "", stripped.casefold())
    return re.sub(r"[^a-z0-9]+", " ", stripped).strip()


def _county_key(name: str) -> str:
    # Spaces are dropped because sources disagree: "DeSoto" / "De Soto".
    return _COUNTY_NOISE_RE.sub(" ", _fold(name)).replace(" ", "")


def _place_key(name: str) -> str:
    # Postal names are inconsistent about spacing ("Mc Adams", "Newhebron"),
    # so compare with spaces removed after expanding abbreviations.
    words = _fold(name).split()
    return "".join(_ABBREVIATIONS.get(word, word) for word in words)


@lru_cache(maxsize=1)
def _counties_by_fips() -> dict[str, County]:
    return {fips: County(fips, name) for fips, name in MS_COUNTY_NAMES.items()}


@lru_cache(maxsize=1)
def _counties_by_key() -> dict[str, County]:
    return {_county_key(c.name): c for c in _counties_by_fips().values()}


@lru_cache(maxsize=1)
def _ms_zip_records() -> tuple[dict[str, Any], ...]:
    # Imported here so importing this module stays cheap and does not require
    # the dependency until ZIP/city data is actually needed.
    import zipcodes

    records = tuple(zipcodes.filter_by(state="MS"))
    unknown = {r["county"] for r in records if county_by_name(r["county"]) is None}
    if unknown:
        # A new or renamed county name in a zipcodes release must be noticed,
        # not silently turned into "no county".
        raise RuntimeError(f"zipcodes county names not in FIPS table: {sorted(unknown)}")
    return records


@lru_cache(maxsize=1)
def _zip_index() -> dict[str, County]:
    index: dict[str, County] = {}
    for record in _ms_zip_records():
        county = county_by_name(record["county"])
        if county is not None:
            index[record["zip_code"]] = county
    return index


@lru_cache(maxsize=1)
def _city_index() -> dict[str, County | None]:
    """Place key -> county, or None when the name spans several counties."""
    standard: defaultdict[str, set[str]] = defaultdict(set)
    any_type: defaultdict[str, set[str]] = defaultdict(set)
    alternates: defaultdict[str, set[str]] = defaultdict(set)
    for record in _ms_zip_records():
        county = county_by_name(record["county"])
        if county is None:
            continue
        key = _place_key(record["city"])
        any_type[key].add(county.fips)
        # PO box and single-organisation ZIPs are filed under the post office's
        # county, which can differ from the town's (e.g. a Greenville PO box
        # ZIP listed in Bolivar County), so street-delivery ZIPs decide first.
        if record["zip_code_type"] == "STANDARD":
            standard[key].add(county.fips)
        for alternate in record.get("acceptable_cities") or ():
            alternates[_place_key(alternate)].add(county.fips)

    by_fips = _counties_by_fips()

    def pick(fips_codes: set[str]) -> County | None:
        return by_fips[next(iter(fips_codes))] if len(fips_codes) == 1 else None

    # USPS "acceptable" alternate names only fill gaps; the preferred city
    # name of a ZIP always wins.
    index = {key: pick(codes) for key, codes in alternates.items()}
    for key, codes in any_type.items():
        index[key] = pick(standard.get(key) or codes)
    return index


def counties() -> list[County]:
    """All 82 Mississippi counties, sorted by name."""
    return sorted(_counties_by_fips().values(), key=lambda c: c.name)


def county_by_fips(fips: str) -> County | None:
    """County for a 5-digit FIPS code such as ``"28049"``; None otherwise."""
    if not isinstance(fips, str):
        return None
    fips = fips.strip()
    if not _FIPS_RE.fullmatch(fips):
        return None
    return _counties_by_fips().get(fips)


def county_by_name(name: str) -> County | None:
    """County by name, tolerant of case, accents, spacing and a "County" word.

    ``"Hinds"``, ``"hinds county"``, ``"HINDS CO."``, ``"Condado de Hinds"`` and
    ``"De Soto"`` all resolve. Returns None for anything else.
    """
    if not isinstance(name, str):
        return None
    key = _county_key(name)
    return _counties_by_key().get(key) if key else None


def county_for_zip(zip_code: str) -> County | None:
    """County of a Mississippi ZIP code (``"39201"``, ``"39201-1234"``, `` " 39201 "``).

    Returns None for malformed input, unknown ZIPs and ZIPs outside
    Mississippi; never raises on bad input. ZIP codes are postal routes, not
    areas, so this is the county USPS assigns to the ZIP: good enough to
    suggest a county, not to decide jurisdiction.
    """
    if not isinstance(zip_code, str):
        return None
    match = _ZIP_RE.fullmatch(zip_code.strip())
    if match is None:
        return None
    return _zip_index().get(match.group(1))


def county_for_city(city: str) -> County | None:
    """County of a Mississippi city/town by its postal place name.

    Case-, accent- and punctuation-insensitive (``"D'Iberville"`` matches the
    postal ``"Diberville"``). Returns None when the name is unknown or when it
    maps to more than one county (e.g. Hattiesburg, split between Forrest and
    Lamar), so callers must ask the user rather than guess.
    """
    if not isinstance(city, str):
        return None
    # People often type "Jackson, MS"; the state is implied, so drop it.
    key = _place_key(_STATE_SUFFIX_RE.sub("", city))
    return _city_index().get(key) if key else None


@lru_cache(maxsize=1)
def _municipalities() -> tuple[str, ...]:
    names = {record["city"] for record in _ms_zip_records()}
    return tuple(sorted(names, key=lambda n: (_place_key(n), n)))


def municipalities() -> list[str]:
    """Sorted Mississippi place names from the ZIP data.

    These are USPS *postal* place names (the preferred city of each ZIP), not
    a list of incorporated municipalities: they include unincorporated
    communities and a few facility names, omit places without their own post
    office, and keep USPS spellings such as "Mccomb", "D LO" and "Diberville".
    """
    return list(_municipalities())
