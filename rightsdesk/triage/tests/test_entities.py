"""Responsible-party names resolved to entities (rightsdesk.triage.entities): pure, no database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rightsdesk.triage.entities import (
    KINDS,
    Entity,
    EntityIndex,
    apply_overrides,
    complaint_entities,
    resolve_party,
)

EXAMPLES = Path(__file__).parent / "data" / "examples.jsonl"


def _key(name: str, **where: str) -> str | None:
    entity = resolve_party(name, **where)
    return entity.key if entity else None


@pytest.mark.parametrize(
    "name",
    [
        "Hinds Co. SO",
        "HCSO deputies",
        "Hinds County Sheriff's Office",
        "hinds county sherif",
        "Hinds County Sherrif",
        "HINDS COUNTY SHERIFF DEPT",
        "los del sheriff de Hinds",
        "el alguacil del condado de Hinds",
        "Sheriff del condado de Hinds",
        "Hines County Sheriff",
        "Hinds County police",
    ],
)
def test_every_way_of_writing_the_hinds_county_sheriff_is_one_entity(name: str) -> None:
    assert _key(name) == "sheriff:hinds"


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Jackson Police Department", "police:jackson"),
        ("JPD", "police:jackson"),
        ("Jackson PD", "police:jackson"),
        ("la policía de Jackson", "police:jackson"),
        ("Jakson Police Dept", "police:jackson"),
        ("ICE", "federal:ice"),
        ("la migra", "federal:ice"),
        ("Immigration and Customs Enforcement", "federal:ice"),
        ("HSI", "federal:ice"),
        ("agentes de inmigración", "federal:ice"),
        ("Mississippi Highway Patrol", "state:mhp"),
        ("MHP", "state:mhp"),
        ("la patrulla de carreteras", "state:mhp"),
        ("state troopers", "state:mhp"),
        ("Rankin County Jail", "jail:rankin"),
        ("la cárcel de Rankin", "jail:rankin"),
        ("Rankin Co. jail", "jail:rankin"),
        ("Policia de Ocean Springs", "police:ocean-springs"),
        ("Lowndes County Adult Detention Center", "jail:lowndes"),
        ("Sheriff del condado Attala", "sheriff:attala"),
        ("Jefferson Davis County Sheriff", "sheriff:jefferson-davis"),
        ("De Soto Co Sheriff", "sheriff:desoto"),
        ("Corte municipal de Indianola (el juez)", "court:indianola-municipal"),
        ("Columbus City Council president", "city:columbus"),
        ("FEMA (Federal Emergency Management Agency)", "federal:fema"),
    ],
)
def test_agency_variants_in_english_and_spanish_resolve_to_one_key(name: str, key: str) -> None:
    assert _key(name) == key


def test_clearly_different_agencies_get_different_keys() -> None:
    names = [
        "Hinds County Sheriff's Office",
        "Rankin County Sheriff's Office",
        "Jackson County Sheriff's Office",  # a county on the coast, not the city
        "Jackson Police Department",
        "Hinds County Jail",
        "ICE",
        "Customs and Border Protection",
        "Mississippi Highway Patrol",
        "Pine Ridge Apartments",
    ]
    keys = [_key(name) for name in names]
    assert None not in keys
    assert len(set(keys)) == len(names)


@pytest.mark.parametrize(
    "name", ["them", "they", "ellos", "a man", "Un amigo", "someone", "  ", "no sé", "officers"]
)
def test_a_party_that_identifies_nobody_is_no_entity(name: str) -> None:
    assert resolve_party(name, county="Hinds", city="Jackson") is None


@pytest.mark.parametrize("name", ["the sheriff", "los del sheriff", "deputies", "el alguacil"])
def test_the_incident_county_says_which_sheriff_a_bare_sheriff_is(name: str) -> None:
    assert _key(name, county="Hinds") == "sheriff:hinds"
    assert _key(name, city="Jackson") == "sheriff:hinds"  # Jackson's county, from the ZIP data
    assert _key(name, county="Attala") == "sheriff:attala"
    assert _key(name) is None  # which sheriff? nobody can say


def test_a_county_named_outright_wins_over_the_incident_county() -> None:
    assert _key("Rankin County Sheriff", county="Hinds") == "sheriff:rankin"
    assert _key("Rankin deputies", county="Hinds") == "sheriff:rankin"
    # "Sheriff Jones" is more likely a sheriff called Jones than Jones County's.
    assert _key("Sheriff Jones", county="Hinds") == "sheriff:hinds"


def test_an_acronym_shared_by_several_counties_follows_the_incident_county() -> None:
    assert _key("HCSO", county="Harrison") == "sheriff:harrison"
    assert _key("HCSO") == "sheriff:hinds"


def test_the_incident_city_says_which_police_a_bare_police_is() -> None:
    assert _key("la policía", city="Laurel") == "police:laurel"
    assert _key("the police", city="Jackson, MS") == "police:jackson"


def test_agents_are_resolved_from_the_role_when_the_name_says_only_agents() -> None:
    entity = resolve_party("agents", "immigration agents who took my husband")
    assert entity is not None and entity.key == "federal:ice"


def test_ice_cream_is_not_immigration_enforcement() -> None:
    assert _key("ICE CREAM SHOP") != "federal:ice"


def test_businesses_fall_back_to_a_normalised_name_without_legal_suffixes() -> None:
    assert _key("Pine Ridge Apts") == "org:pine-ridge-apartments"
    assert _key("The Pine Ridge Apartments, LLC") == "org:pine-ridge-apartments"
    assert _key("Delta Catfish Processors, Inc.") == "org:delta-catfish-processors"
    entity = resolve_party("Pine Ridge Apts")
    assert entity is not None and entity.kind == "business" and entity.label == "Pine Ridge Apts"


def test_a_generic_description_is_only_an_entity_together_with_its_county() -> None:
    entity = resolve_party("Catfish processing plant", county="Sunflower")
    assert entity is not None
    assert entity.key == "org:sunflower:catfish-processing-plant"
    assert "Sunflower County" in entity.label
    assert resolve_party("Catfish processing plant") is None


def test_labels_are_readable_and_kinds_are_from_the_list() -> None:
    entity = resolve_party("HCSO deputies")
    assert entity == Entity("sheriff:hinds", "Hinds County Sheriff's Office", "sheriff")
    for name in ["JPD", "ICE", "MHP", "Rankin County Jail", "Pine Ridge Apts", "Mr. Okafor"]:
        found = resolve_party(name)
        assert found is not None and found.kind in KINDS


def test_names_that_are_not_strings_or_are_huge_do_not_crash() -> None:
    assert resolve_party(None) is None  # type: ignore[arg-type]
    assert resolve_party("x" * 100_000) is not None


def test_complaint_entities_are_deduplicated_in_the_order_named() -> None:
    complaint = {
        "incident": {"what": "...", "where": {"county": "Hinds", "city": "Jackson"}},
        "responsible_parties": [
            {"name": "HCSO deputies", "role": "stopped us"},
            {"name": "them"},
            {"name": "Hinds County Sheriff's Office"},
            {"name": "ICE", "role": "came later"},
            {"name": "los del sheriff"},
        ],
    }
    assert [e.key for e in complaint_entities(complaint)] == ["sheriff:hinds", "federal:ice"]


def test_complaint_entities_accepts_complaints_without_parties_or_place() -> None:
    assert complaint_entities({"incident": {"what": "x"}}) == []
    assert complaint_entities({"incident": {"what": "x"}, "responsible_parties": "bad"}) == []
    assert complaint_entities({"responsible_parties": [{"name": "JPD"}, "junk"]})[0].key == (
        "police:jackson"
    )


def test_every_example_complaint_resolves_without_error() -> None:
    found = {}
    for line in EXAMPLES.read_text("utf-8").splitlines():
        record = json.loads(line)
        found[record["id"]] = [e.key for e in complaint_entities(record["complaint"])]
    assert found["E002"] == ["sheriff:attala"]
    assert found["E004"] == ["federal:ice"]
    assert found["E011"] == ["jail:jackson", "county:jackson"]
    assert found["E017"] == ["police:ocean-springs", "federal:ice"]
    assert found["E014"] == []  # "Un amigo"


def test_the_index_merges_near_duplicate_business_names() -> None:
    index = EntityIndex()
    keys = {
        index.resolve(name).key  # type: ignore[union-attr]
        for name in [
            "Pine Ridge Apartments",
            "Pine Ridge Apts",
            "Pine Rdge Apartments",
            "Pien Ridge Apartments LLC",
            "Apartments Pine Ridge",
        ]
    }
    assert keys == {"org:pine-ridge-apartments"}
    assert sorted(index.clusters()["org:pine-ridge-apartments"])[0] == "org:apartments-pine-ridge"
    assert index.counts["org:pine-ridge-apartments"] == 5


def test_the_index_keeps_different_businesses_apart() -> None:
    index = EntityIndex()
    names = [
        "Pine Ridge Apartments",
        "Pine Grove Apartments",
        "Oak Hill Apartments",
        "Oak Mill Apartments",
        "Magnolia Motors",
        "Magnolia Market",
        "Store 12",
        "Store 13",
    ]
    keys = [index.resolve(name).key for name in names]  # type: ignore[union-attr]
    assert len(set(keys)) == len(names)


def test_the_index_only_fuzzy_matches_fallback_names_in_the_same_place() -> None:
    index = EntityIndex()
    hinds = index.resolve("Barber shop", county="Hinds")
    rankin = index.resolve("Barber shops", county="Rankin")
    assert hinds is not None and rankin is not None and hinds.key != rankin.key


def test_the_index_keeps_agency_keys_as_they_are() -> None:
    index = EntityIndex()
    assert index.resolve("HCSO").key == "sheriff:hinds"  # type: ignore[union-attr]
    assert index.resolve("RCSO").key == "sheriff:rankin"  # type: ignore[union-attr]


def test_staff_merges_follow_chains_and_survive_cycles() -> None:
    merges = {"org:a": "org:b", "org:b": "org:c"}
    assert apply_overrides("org:a", merges) == "org:c"
    assert apply_overrides("org:c", merges) == "org:c"
    assert apply_overrides("org:x", {}) == "org:x"
    assert apply_overrides("org:a", {"org:a": "org:b", "org:b": "org:a"}) == "org:a"


def test_the_index_applies_staff_merges_and_splits() -> None:
    index = EntityIndex(
        overrides={
            "org:magnolia-market": "org:magnolia-motors",  # staff: same owner, one entity
            "org:pine-rdge-apartments": "org:pine-rdge-apartments",  # staff: really another
        }
    )
    motors = index.resolve("Magnolia Motors")
    market = index.resolve("Magnolia Market")
    assert motors is not None and market is not None and market.key == motors.key
    ridge = index.resolve("Pine Ridge Apartments")
    rdge = index.resolve("Pine Rdge Apartments")
    assert ridge is not None and rdge is not None and ridge.key != rdge.key
