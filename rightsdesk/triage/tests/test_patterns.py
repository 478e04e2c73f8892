"""Patterns across complaints and related complaints (rightsdesk.triage.patterns): pure."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from rightsdesk.triage.patterns import (
    When,
    find_patterns,
    parse_when,
    practices,
    related_complaints,
)

CHECKPOINT_EN = "The deputies had a checkpoint on Highway 80 and asked everyone for papers."
CHECKPOINT_ES = "Los del sheriff pusieron un retén en la carretera 80 y pidieron papeles."


def complaint(
    when: str,
    party: str | None = "Hinds County Sheriff's Office",
    what: str = CHECKPOINT_EN,
    county: str = "Hinds",
    city: str = "Jackson",
    role: str = "the checkpoint",
) -> dict[str, Any]:
    record: dict[str, Any] = {
        "incident": {
            "what": what,
            "when": when,
            "where": {"city": city, "county": county, "state": "MS"},
        },
    }
    if party is not None:
        record["responsible_parties"] = [{"name": party, "role": role}]
    return record


def hinds_checkpoint() -> list[tuple[str, dict[str, Any]]]:
    """Five people over six weeks describe the same sheriff's checkpoint, each in their words."""
    return [
        ("c1", complaint("2026-09-01", "Hinds County Sheriff's Office")),
        ("c2", complaint("2026-09-09", "HCSO deputies")),
        ("c3", complaint("2026-09-20", "los del sheriff de Hinds", CHECKPOINT_ES)),
        ("c4", complaint("2026-10-01", "hinds county sherif")),
        ("c5", complaint("2026-10-13", "el alguacil del condado de Hinds", CHECKPOINT_ES)),
    ]


def test_five_checkpoint_complaints_about_one_sheriff_over_six_weeks_are_one_group() -> None:
    groups = find_patterns(hinds_checkpoint())
    about_sheriff = [g for g in groups if g.entity == "sheriff:hinds"]
    assert len(about_sheriff) == 1
    group = about_sheriff[0]
    assert group.members == ["c1", "c2", "c3", "c4", "c5"]
    assert group.size == 5
    assert (group.first, group.last) == (date(2026, 9, 1), date(2026, 10, 13))
    assert group.county == "Hinds"
    assert group.reason == (
        "5 complaints about Hinds County Sheriff's Office between 2026-09-01 and 2026-10-13"
    )


def test_a_practice_group_with_the_same_members_as_the_entity_group_is_not_repeated() -> None:
    groups = find_patterns(hinds_checkpoint())
    assert [g.entity for g in groups] == ["sheriff:hinds"]


def test_complaints_outside_the_window_are_not_in_the_group() -> None:
    data = hinds_checkpoint() + [
        ("early", complaint("2026-05-02")),  # four months before
        ("late", complaint("2027-01-20")),  # three months after
    ]
    group = next(g for g in find_patterns(data) if g.entity == "sheriff:hinds")
    assert group.members == ["c1", "c2", "c3", "c4", "c5"]


def test_a_stray_earlier_complaint_does_not_cut_the_burst_in_two() -> None:
    # 2026-07-20 is within 60 days of the first three but not of the last two.
    data = [("stray", complaint("2026-07-20"))] + hinds_checkpoint()
    group = next(g for g in find_patterns(data) if g.entity == "sheriff:hinds")
    assert group.members == ["c1", "c2", "c3", "c4", "c5"]


def test_the_window_and_minimum_size_can_be_changed() -> None:
    assert [g.size for g in find_patterns(hinds_checkpoint(), window_days=20)] == [3]
    assert find_patterns(hinds_checkpoint(), min_size=6) == []


def test_vague_dates_do_not_crash_and_join_only_through_the_entity_flagged() -> None:
    data = hinds_checkpoint() + [
        ("since", complaint("since September 2026", "the sheriff")),
        ("unsure", complaint("no sé, hace unas semanas", "los del sheriff")),
        ("missing", complaint("", "HCSO")),
        ("nobody", complaint("no sé", party="them")),  # no entity: in no group
    ]
    data[-1][1]["incident"].pop("when")
    groups = find_patterns(data)
    group = next(g for g in groups if g.entity == "sheriff:hinds")
    assert group.members == ["c1", "c2", "c3", "c4", "c5", "missing", "since", "unsure"]
    assert group.undated == ["missing", "since", "unsure"]
    assert "3 with an unclear date, included because they name the same party" in group.reason
    assert all("nobody" not in g.members for g in groups)


def test_a_month_counts_as_an_approximate_date() -> None:
    data = [
        ("a", complaint("October 2026")),
        ("b", complaint("2026-10-03")),
        ("c", complaint("octubre 2026", what=CHECKPOINT_ES)),
    ]
    (group,) = find_patterns(data)
    assert group.size == 3
    assert "2 with an approximate date" in group.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-10-03", When(date(2026, 10, 3), False, date(2026, 10, 3), date(2026, 10, 3))),
        ("October 3, 2026", When(date(2026, 10, 3), False, date(2026, 10, 3), date(2026, 10, 3))),
        (
            "5 de noviembre de 2026",
            When(date(2026, 11, 5), False, date(2026, 11, 5), date(2026, 11, 5)),
        ),  # noqa: E501
        ("since 2026-11-09", When(date(2026, 11, 9), True, date(2026, 11, 9), None)),
        ("desde octubre 2026", When(None, True, date(2026, 10, 1), None)),
        ("August - November 2026", When(None, True, date(2026, 8, 1), date(2026, 11, 30))),
        ("last week", When(None, False, None, None)),
        ("2026-02-30", When(None, True, date(2026, 1, 1), date(2026, 12, 31))),
        ("", When(None, False, None, None)),
    ],
)
def test_incident_dates_are_read_from_iso_written_and_vague_forms(
    text: str, expected: When
) -> None:
    assert parse_when(text) == expected


def test_huge_and_empty_narratives_do_not_crash() -> None:
    data = hinds_checkpoint() + [
        ("long", complaint("2026-09-15", what="retén en la carretera. " * 870)),  # ~20,000 chars
        ("empty", complaint("2026-09-16", what="")),
        ("none", complaint("2026-09-17", what=None)),  # type: ignore[arg-type]
        ("no incident", {"responsible_parties": [{"name": "HCSO"}]}),
        ("not a dict", "garbage"),  # type: ignore[list-item]
    ]
    assert len(data[5][1]["incident"]["what"]) >= 19_000
    groups = find_patterns(data)  # type: ignore[arg-type]
    group = next(g for g in groups if g.entity == "sheriff:hinds")
    assert {"long", "empty", "none"} <= set(group.members)


def test_same_county_and_practice_form_a_group_without_a_named_agency() -> None:
    data = [
        ("a1", complaint("2026-11-05", "them", CHECKPOINT_ES, county="Attala", city="Kosciusko")),
        ("a2", complaint("2026-11-12", "ellos", CHECKPOINT_ES, county="Attala", city="")),
        ("a3", complaint("2026-11-19", None, "A roadblock outside Kosciusko.", county="Attala")),
        ("far", complaint("2026-11-19", None, "A roadblock in Tupelo.", county="Lee")),
    ]
    (group,) = find_patterns(data)
    assert group.entity is None
    assert group.practice == "checkpoint"
    assert group.members == ["a1", "a2", "a3"]
    assert group.county == "Attala"
    assert group.reason == (
        "3 complaints describing a checkpoint in Attala County between 2026-11-05 and 2026-11-19"
    )


def test_practices_are_recognised_in_english_and_spanish() -> None:
    assert practices(complaint("", what="Hubo una redada en la planta", party=None)) == ["raid"]
    # What each party did counts too ("el retén de los jueves").
    assert practices(complaint("", what="Nos pararon", role="el retén")) == [
        "checkpoint",
        "traffic_stop",
    ]
    assert practices(complaint("", what="They raided the plant", party=None)) == ["raid"]
    assert practices(complaint("", what="Me pararon y se llevaron el carro", party=None)) == [
        "traffic_stop",
        "tow",
    ]


def test_groups_are_ordered_largest_first_then_most_recent() -> None:
    def burst(prefix: str, county: str, days: list[str]) -> list[tuple[str, dict[str, Any]]]:
        return [
            (f"{prefix}{i}", complaint(day, f"{county} County Sheriff", county=county, city=""))
            for i, day in enumerate(days)
        ]

    data = (
        burst("old", "Rankin", ["2025-03-01", "2025-03-05", "2025-03-09", "2025-03-12"])
        + burst("new", "Madison", ["2026-06-01", "2026-06-02", "2026-06-03", "2026-06-04"])
        + burst(
            "big", "Lee", ["2025-01-01", "2025-01-02", "2025-01-03", "2025-01-04", "2025-01-05"]
        )
    )
    groups = find_patterns(data)
    assert [g.entity for g in groups] == ["sheriff:lee", "sheriff:madison", "sheriff:rankin"]


def test_staff_merges_are_applied_before_grouping() -> None:
    data = [
        (f"m{i}", complaint(f"2026-03-0{i + 1}", name, "They refused to rent to us.", role="rent"))
        for i, name in enumerate(["Magnolia Motors", "Magnolia Market", "Magnolia Motors"])
    ]
    assert find_patterns(data) == []
    (group,) = find_patterns(data, overrides={"org:magnolia-market": "org:magnolia-motors"})
    assert group.entity == "org:magnolia-motors" and group.size == 3


def test_related_complaints_give_a_reason_for_each() -> None:
    data = hinds_checkpoint() + [
        ("same-county", complaint("2026-09-03", None, "A roadblock near Clinton.")),
        ("old-same-sheriff", complaint("2025-01-03", "HCSO", "They searched my car.")),
        (
            "similar",
            complaint(
                "2024-01-01",
                None,
                "The deputies had a checkpoint on Highway 80 and asked everyone for papers.",
                county="Lee",
                city="Tupelo",
            ),
        ),
        ("unrelated", complaint("2026-09-02", None, "My landlord kept my deposit.", "Lee", "")),
    ]
    target = data[0]
    related = dict(related_complaints(target, data))
    assert "c1" not in related  # not related to itself
    assert "unrelated" not in related
    assert related["c2"].startswith("Names the same party: Hinds County Sheriff's Office")
    assert "same county (Hinds County), 8 days apart" in related["c2"]
    assert "both describe a checkpoint" in related["c2"]
    assert related["same-county"] == (
        "Same county (Hinds County), 2 days apart; both describe a checkpoint"
    )
    assert related["old-same-sheriff"] == "Names the same party: Hinds County Sheriff's Office"
    assert related["similar"].startswith("A similar account (")
    ids = [other_id for other_id, _ in related_complaints(target, data)]
    assert ids[0] == "c2"  # same party, same place, 8 days apart: the strongest link
    assert len(related_complaints(target, data, limit=2)) == 2


def test_related_complaints_accept_empty_and_broken_input() -> None:
    assert related_complaints(("x", complaint("", None, "")), []) == []
    assert related_complaints(("x", {}), [("y", {}), ("z", "junk")]) == []  # type: ignore[list-item]


def test_a_complaint_naming_one_party_twice_counts_once() -> None:
    data = [
        (
            f"d{i}",
            {
                "incident": {"what": "They kept our deposit.", "when": f"2026-04-0{i + 1}"},
                "responsible_parties": [
                    {"name": "Pine Ridge Apartments"},
                    {"name": "Pine Rdge Apts"},
                ],
            },
        )
        for i in range(3)
    ]
    (group,) = find_patterns(data)
    assert group.members == ["d0", "d1", "d2"]
