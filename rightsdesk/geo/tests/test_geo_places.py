# ruff: noqa: S101  -- pytest tests assert by design
"""Plain unit tests: no database, no Django settings."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from rightsdesk.geo import places
from rightsdesk.geo.county_names import MS_COUNTY_NAMES
from rightsdesk.geo.places import (
    County,
    counties,
    county_by_fips,
    county_by_name,
    county_for_city,
    county_for_zip,
    municipalities,
)


def test_there_are_exactly_82_counties() -> None:
    assert len(counties()) == 82
    assert len({c.fips for c in counties()}) == 82


def test_fips_codes_are_the_odd_numbers_28001_to_28163() -> None:
    assert sorted(MS_COUNTY_NAMES) == [f"28{n:03d}" for n in range(1, 164, 2)]


def test_fips_order_matches_alphabetical_order_of_names() -> None:
    # Census assigned Mississippi county codes alphabetically: a cheap typo check.
    assert list(MS_COUNTY_NAMES.values()) == sorted(MS_COUNTY_NAMES.values())


def test_counties_are_sorted_by_name() -> None:
    names = [c.name for c in counties()]
    assert names == sorted(names)
    assert names[0] == "Adams"
    assert names[-1] == "Yazoo"


def test_every_zipcodes_county_name_maps_to_exactly_our_82_counties() -> None:
    import zipcodes

    names = {r["county"] for r in zipcodes.filter_by(state="MS")}
    mapped = {county_by_name(n) for n in names}
    assert None not in mapped
    assert {c.fips for c in mapped} == set(MS_COUNTY_NAMES)


def test_county_by_fips_finds_hinds() -> None:
    assert county_by_fips("28049") == County("28049", "Hinds")
    assert county_by_fips(" 28049 ") == County("28049", "Hinds")


@pytest.mark.parametrize("bad", ["", "28", "28000", "28002", "28165", "01001", "2804x", "049"])
def test_county_by_fips_returns_none_for_anything_else(bad: str) -> None:
    assert county_by_fips(bad) is None


@pytest.mark.parametrize(
    "name",
    [
        "Hinds",
        "hinds",
        "HINDS",
        "hinds county",
        "Hinds County",
        "Hinds Co.",
        "Condado de Hinds",
        "  hínds  ",
        "condado de HINDS",
    ],
)
def test_county_by_name_tolerates_case_accents_and_county_words(name: str) -> None:
    assert county_by_name(name) == County("28049", "Hinds")


def test_county_by_name_handles_desoto_spellings() -> None:
    for spelling in ("DeSoto", "Desoto County", "De Soto", "de soto county"):
        assert county_by_name(spelling) == County("28033", "DeSoto")


def test_county_by_name_distinguishes_jefferson_from_jefferson_davis() -> None:
    assert county_by_name("Jefferson County").fips == "28063"
    assert county_by_name("Jefferson Davis County").fips == "28065"


@pytest.mark.parametrize("name", ["", "County", "Orleans Parish", "Cook County", "Hind"])
def test_county_by_name_returns_none_for_unknown_names(name: str) -> None:
    assert county_by_name(name) is None


def test_zip_39201_is_in_hinds_county() -> None:
    assert county_for_zip("39201") == County("28049", "Hinds")


def test_zip_38614_clarksdale_is_in_coahoma_county() -> None:
    assert county_for_zip("38614").name == "Coahoma"


def test_zip_39110_madison_is_in_madison_county() -> None:
    assert county_for_zip("39110").name == "Madison"


def test_zip_38655_oxford_is_in_lafayette_county() -> None:
    assert county_for_zip("38655").name == "Lafayette"


@pytest.mark.parametrize("zip_code", ["39201-1234", " 39201 ", "39201 1234", "392011234"])
def test_zip_plus_four_and_whitespace_are_accepted(zip_code: str) -> None:
    assert county_for_zip(zip_code).name == "Hinds"


def test_new_orleans_zip_70112_is_not_in_mississippi() -> None:
    assert county_for_zip("70112") is None


@pytest.mark.parametrize(
    "bad", ["", "   ", "abcde", "3920", "392010", "39201-12", "00000", "99999", "39201\n1234x"]
)
def test_bad_zip_input_returns_none_without_raising(bad: str) -> None:
    assert county_for_zip(bad) is None


def test_non_string_input_returns_none_without_raising() -> None:
    assert county_for_zip(39201) is None  # type: ignore[arg-type]
    assert county_by_name(None) is None  # type: ignore[arg-type]
    assert county_for_city(None) is None  # type: ignore[arg-type]
    assert county_by_fips(28049) is None  # type: ignore[arg-type]


def test_jackson_the_city_is_in_hinds_county() -> None:
    assert county_for_city("Jackson").name == "Hinds"


def test_clarksdale_is_in_coahoma_county() -> None:
    assert county_for_city("clarksdale").name == "Coahoma"


def test_magnolia_is_in_pike_county() -> None:
    assert county_for_city("MAGNOLIA").name == "Pike"


def test_city_lookup_ignores_accents_punctuation_and_postal_spacing() -> None:
    assert county_for_city("Clárksdale").name == "Coahoma"
    assert county_for_city("McComb").name == "Pike"
    assert county_for_city("D'Iberville").name == "Harrison"
    assert county_for_city("D'Lo").name == "Simpson"
    assert county_for_city("New Hebron").name == "Lawrence"
    assert county_for_city("Bay St. Louis").name == "Hancock"


def test_city_lookup_ignores_a_trailing_state() -> None:
    assert county_for_city("Jackson, MS").name == "Hinds"
    assert county_for_city("Oxford, Mississippi").name == "Lafayette"
    assert county_for_city("Mississippi State").name == "Oktibbeha"


def test_city_spanning_two_counties_is_ambiguous() -> None:
    # Hattiesburg has street-delivery ZIPs in both Forrest and Lamar counties.
    assert county_for_city("Hattiesburg") is None


def test_greenville_is_not_made_ambiguous_by_a_po_box_zip() -> None:
    assert county_for_city("Greenville").name == "Washington"


@pytest.mark.parametrize("city", ["", "Atlantis", "New Orleans", "Memphis"])
def test_unknown_city_returns_none(city: str) -> None:
    assert county_for_city(city) is None


def test_municipalities_are_sorted_unique_postal_names() -> None:
    names = municipalities()
    assert len(names) == len(set(names)) > 300
    assert {"Jackson", "Clarksdale", "Magnolia", "Oxford", "Tupelo"} <= set(names)
    assert names == sorted(names, key=lambda n: (places._place_key(n), n))


def test_municipalities_returns_a_fresh_list() -> None:
    municipalities().clear()
    assert municipalities()


def test_county_is_immutable_and_prints_with_county_suffix() -> None:
    hinds = county_by_fips("28049")
    with pytest.raises(AttributeError):
        hinds.name = "Other"  # type: ignore[misc]
    assert str(hinds) == "Hinds County"


def test_importing_places_loads_no_data() -> None:
    # Lazy loading matters: Django imports app modules at start-up.
    code = (
        "import sys, rightsdesk.geo.places as p;"
        "assert 'zipcodes' not in sys.modules;"
        "assert p._ms_zip_records.cache_info().currsize == 0"
    )
    root = Path(__file__).resolve().parents[3]
    subprocess.run([sys.executable, "-c", code], check=True, cwd=root)  # noqa: S603
