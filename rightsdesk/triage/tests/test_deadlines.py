"""Filing-deadline estimates: pure functions, no database."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from rightsdesk.triage.deadlines import (
    DeadlineRule,
    add_days,
    add_months,
    complaint_text,
    estimate_deadlines,
    load_rules,
    parse_incident_date,
    rule_matches,
    rules_from_dicts,
)

TODAY = date(2026, 11, 23)
EXAMPLES = Path(__file__).parent / "data" / "examples.jsonl"


def make_rule(when: dict[str, Any] | None = None, **fields: Any) -> DeadlineRule:
    item: dict[str, Any] = {
        "key": "test_rule",
        "name": "Test rule",
        "when": when or {},
        "days": 180,
        "citation": "1 U.S.C. 1",
        "note": "",
    }
    item.update(fields)
    return rules_from_dicts([item])[0]


def matches(
    rule: DeadlineRule,
    *,
    classes: tuple[str, ...] = (),
    areas: tuple[str, ...] = (),
    actors: tuple[str, ...] = (),
    text: str = "",
) -> bool:
    return rule_matches(rule, classes=classes, areas=areas, actors=actors, text=text)


def complaint(when: str | None = "2026-03-14", what: str = "Something happened.") -> dict:
    incident: dict[str, Any] = {"what": what}
    if when is not None:
        incident["when"] = when
    return {"language": "en", "contact": {"name": "A. Person"}, "incident": incident}


def estimate(rule: DeadlineRule, *, when: str | None = "2026-03-14", today: date = TODAY) -> Any:
    (result,) = estimate_deadlines(
        complaint(when), classes=(), areas=(), actors=(), rules=[rule], today=today
    )
    return result


def by_key(results: list[Any]) -> dict[str, Any]:
    return {result.rule: result for result in results}


# --- Rules ------------------------------------------------------------------------------------


def test_the_real_rules_file_loads_and_every_rule_has_a_citation_and_a_period() -> None:
    rules = load_rules()
    assert len(rules) >= 10
    assert len({rule.key for rule in rules}) == len(rules)
    for rule in rules:
        assert rule.citation.strip()
        assert rule.name.strip()
        assert rule.days > 0 or (rule.months or 0) > 0


def test_the_decision_and_arrival_rules_do_not_count_from_the_incident() -> None:
    rules = {rule.key: rule for rule in load_rules()}
    assert rules["bia_appeal"].count_from == "decision date"
    assert rules["asylum_one_year"].count_from == "last arrival in the United States"
    assert rules["section_1983"].counts_from_incident


def test_load_rules_reads_a_bare_list_from_another_path(tmp_path: Path) -> None:
    path = tmp_path / "rules.json"
    path.write_text(json.dumps([{"key": "k", "name": "N", "days": 10, "citation": "C"}]))
    (rule,) = load_rules(path)
    assert (rule.key, rule.days, rule.note, rule.count_from, rule.when) == (
        "k",
        10,
        "",
        "incident",
        {},
    )


@pytest.mark.parametrize(
    "when",
    [
        {"area": ["housing"]},
        {"areas": []},
        {"areas": "housing"},
        {"any_class": "yes"},
        {"mentions": [""]},
    ],
)
def test_a_rule_with_a_misspelt_or_malformed_condition_is_refused(when: dict) -> None:
    with pytest.raises(ValueError, match="test_rule"):
        make_rule(when)


def test_a_rule_without_a_citation_is_refused() -> None:
    with pytest.raises(ValueError, match="citation"):
        make_rule(citation=" ")


def test_a_rule_needs_days_or_months_but_not_both() -> None:
    with pytest.raises(ValueError):
        make_rule(days=None)
    with pytest.raises(ValueError):
        make_rule(days=30, months=1)
    with pytest.raises(ValueError):
        make_rule(days=0)
    assert make_rule(days=None, months=6).months == 6


def test_a_repeated_rule_key_is_refused() -> None:
    item = {"key": "k", "name": "N", "days": 10, "citation": "C"}
    with pytest.raises(ValueError, match="twice"):
        rules_from_dicts([item, item])


# --- Conditions -------------------------------------------------------------------------------


def test_areas_condition_needs_one_of_the_areas() -> None:
    rule = make_rule({"areas": ["housing", "employment"]})
    assert matches(rule, areas=("employment", "other"))
    assert not matches(rule, areas=("education",))
    assert not matches(rule)


def test_classes_condition_needs_every_listed_class() -> None:
    rule = make_rule({"classes": ["disability", "race"]})
    assert matches(rule, classes=("race", "disability", "sex"))
    assert not matches(rule, classes=("disability",))


def test_any_class_condition_needs_at_least_one_class() -> None:
    rule = make_rule({"any_class": True})
    assert matches(rule, classes=("religion",))
    assert not matches(rule)


def test_any_class_false_sets_no_condition() -> None:
    assert matches(make_rule({"any_class": False}))


def test_any_of_classes_condition_needs_one_of_those_classes() -> None:
    rule = make_rule({"any_of_classes": ["race", "color", "national_origin"]})
    assert matches(rule, classes=("national_origin",))
    assert not matches(rule, classes=("sex", "disability"))


def test_government_actor_condition_needs_an_actor_the_taxonomy_marks_as_government() -> None:
    rule = make_rule({"government_actor": True})
    for actor in ("police", "school", "jail_prison", "federal_immigration", "local_government"):
        assert matches(rule, actors=(actor,))
    assert not matches(rule, actors=("employer", "housing_provider", "business", "individual"))
    assert not matches(rule)


def test_actors_condition_needs_one_of_those_actors() -> None:
    rule = make_rule({"actors": ["police", "school"]})
    assert matches(rule, actors=("individual", "school"))
    assert not matches(rule, actors=("federal_immigration",))


def test_mentions_condition_ignores_case_and_accents() -> None:
    rule = make_rule({"mentions": ["removal order"]})
    assert matches(rule, text="The judge issued a REMOVAL ORDER in May.")
    assert matches(rule, text="Me dieron una orden de deportación.")
    assert matches(rule, text="ME DIERON UNA ORDEN DE DEPORTACION")
    assert not matches(rule, text="The officer ordered me to leave the store.")


def test_mentions_condition_matches_the_spanish_equivalents() -> None:
    asylum = make_rule({"mentions": ["asylum"]})
    assert matches(asylum, text="Vine a pedir asilo en 2025.")
    judge = make_rule({"mentions": ["immigration judge decision"]})
    assert matches(judge, text="Recibí la decisión del juez de inmigración.")
    assert matches(judge, text="El juez de inmigración dijo que no.")
    assert matches(judge, text="The immigration judge's decision came by mail.")


def test_mentions_condition_matches_whole_words_only() -> None:
    rule = make_rule({"mentions": ["asylum"]})
    assert not matches(rule, text="Basilio was stopped on Highway 49.")
    assert matches(rule, text="Both asylums were denied.")


def test_mentions_condition_with_no_text_does_not_match() -> None:
    assert not matches(make_rule({"mentions": ["asylum"]}), text="")


def test_all_conditions_must_hold() -> None:
    rule = make_rule({"classes": ["disability"], "government_actor": True})
    assert matches(rule, classes=("disability",), actors=("school",))
    assert not matches(rule, classes=("disability",), actors=("employer",))
    assert not matches(rule, classes=("race",), actors=("school",))


def test_a_rule_without_conditions_matches_every_complaint() -> None:
    assert matches(make_rule({}))


# --- Dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        ("2026-03-14", date(2026, 3, 14)),
        (" 2026-03-14 ", date(2026, 3, 14)),
        ("March 3, 2026", date(2026, 3, 3)),
        ("Mar. 3rd 2026", date(2026, 3, 3)),
        ("Tuesday, March 3, 2026", date(2026, 3, 3)),
        ("3 March 2026", date(2026, 3, 3)),
        ("3 de marzo de 2026", date(2026, 3, 3)),
        ("martes, 3 de marzo del 2026", date(2026, 3, 3)),
        ("1º de septiembre de 2026", date(2026, 9, 1)),
        ("03/14/2026", date(2026, 3, 14)),
        ("3/3/2026", date(2026, 3, 3)),
        ("2026-11-23", TODAY),
    ],
)
def test_exact_dates_are_parsed(when: str, expected: date) -> None:
    assert parse_incident_date(when, today=TODAY) == expected


@pytest.mark.parametrize(
    "when",
    [
        None,
        "",
        "not sure",
        "last spring",
        "August - November 2026",
        "October 2026",
        "since 2026-11-09",
        "around March 3, 2026",
        "hace dos semanas",
        "desde octubre 2026",
        "marzo 2026",
        "2026-03",
        "20260314",
    ],
)
def test_vague_dates_give_none(when: str | None) -> None:
    assert parse_incident_date(when, today=TODAY) is None


@pytest.mark.parametrize(
    "when",
    [
        "2026-02-30",
        "2026-13-01",
        "02/30/2026",
        "February 29, 2026",
        "31 de abril de 2026",
        "0000-01-01",
    ],
)
def test_invalid_dates_give_none_rather_than_an_error(when: str) -> None:
    assert parse_incident_date(when, today=TODAY) is None


def test_future_dates_give_none() -> None:
    assert parse_incident_date("2026-11-24", today=TODAY) is None
    assert parse_incident_date("December 1, 2026", today=TODAY) is None


def test_a_numeric_date_that_also_reads_day_first_gives_none() -> None:
    # 03/04/2026 is 4 March to many of the people writing in and 3 April to others.
    assert parse_incident_date("03/04/2026", today=TODAY) is None
    assert parse_incident_date("14/03/2026", today=TODAY) is None


def test_a_weekday_that_disagrees_with_the_date_gives_none() -> None:
    assert parse_incident_date("Wednesday, March 3, 2026", today=TODAY) is None


def test_adding_days_across_a_leap_day() -> None:
    assert add_days(date(2024, 2, 29), 365) == date(2025, 2, 28)
    assert add_days(date(2023, 3, 1), 365) == date(2024, 2, 29)
    assert add_days(date(2026, 3, 14), 730) == date(2028, 3, 13)


def test_adding_months_clamps_to_the_end_of_a_shorter_month() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_months(date(2026, 3, 31), 1) == date(2026, 4, 30)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert add_months(date(2026, 3, 14), 12) == date(2027, 3, 14)
    assert add_months(date(2026, 1, 15), -1) == date(2025, 12, 15)


# --- Estimates --------------------------------------------------------------------------------


def test_a_days_rule_counts_from_the_incident_date() -> None:
    result = estimate(make_rule(days=365))
    assert result.due == date(2027, 3, 14)
    assert result.days_left == (date(2027, 3, 14) - TODAY).days
    assert result.status == "ok"
    assert result.count_from == "the incident date (2026-03-14)"
    assert result.as_dict()["due"] == "2027-03-14"


def test_a_months_rule_counts_calendar_months_and_says_so() -> None:
    result = estimate(make_rule(days=None, months=1), when="2026-10-31")
    assert result.due == date(2026, 11, 30)
    assert result.days == 30
    assert result.status == "soon"
    assert result.note.startswith("Period: 1 month.")


def test_an_undated_months_rule_reports_the_shortest_the_period_can_be() -> None:
    result = estimate(make_rule(days=None, months=1), when="last spring")
    assert (result.status, result.due, result.days) == ("date_needed", None, 28)


def test_under_30_days_left_is_soon() -> None:
    rule = make_rule(days=180)
    assert estimate(rule, when="2026-06-02").days_left == 6
    assert estimate(rule, when="2026-06-02").status == "soon"
    assert estimate(rule, when="2026-06-25").days_left == 29
    assert estimate(rule, when="2026-06-25").status == "soon"
    assert estimate(rule, when="2026-06-26").days_left == 30
    assert estimate(rule, when="2026-06-26").status == "ok"


def test_a_deadline_due_today_is_soon_not_passed() -> None:
    result = estimate(make_rule(days=180), when="2026-05-27")
    assert (result.due, result.days_left, result.status) == (TODAY, 0, "soon")


def test_a_deadline_in_the_past_is_passed() -> None:
    result = estimate(make_rule(days=180), when="2026-05-26")
    assert (result.days_left, result.status) == (-1, "passed")


@pytest.mark.parametrize(
    "when", [None, "last spring", "August - November 2026", "2026-02-30", "2026-12-25"]
)
def test_vague_invalid_or_future_incident_dates_give_date_needed(when: str | None) -> None:
    result = estimate(make_rule(days=180), when=when)
    assert (result.status, result.due, result.days_left) == ("date_needed", None, None)
    assert result.count_from == "the incident date (no exact date given)"
    assert result.days == 180


def test_the_persons_vague_date_is_not_copied_into_the_estimate() -> None:
    result = estimate(make_rule(), when="the night they arrested my son at the Walmart")
    assert "Walmart" not in json.dumps(result.as_dict())


def test_a_rule_counting_from_something_other_than_the_incident_needs_that_date() -> None:
    rule = make_rule(days=30, count_from="decision date")
    result = estimate(rule, when="2026-11-20")
    assert (result.status, result.due, result.days_left) == ("date_needed", None, None)
    assert result.count_from == "decision date"


def test_estimates_are_ordered_open_by_due_date_then_date_needed_then_passed() -> None:
    rules = rules_from_dicts(
        [
            {"key": "passed_long_ago", "name": "A", "days": 10, "citation": "C"},
            {"key": "passed_lately", "name": "B", "days": 250, "citation": "C"},
            {"key": "ok_later", "name": "C", "days": 1000, "citation": "C"},
            {"key": "ok", "name": "D", "days": 400, "citation": "C"},
            {"key": "soon", "name": "E", "days": 270, "citation": "C"},
            {"key": "needs_long", "name": "F", "days": 365, "citation": "C", "count_from": "x"},
            {"key": "needs_short", "name": "G", "days": 30, "citation": "C", "count_from": "y"},
        ]
    )
    results = estimate_deadlines(
        complaint("2026-03-14"), classes=(), areas=(), actors=(), rules=rules, today=TODAY
    )
    assert [result.rule for result in results] == [
        "soon",
        "ok",
        "ok_later",
        "needs_short",
        "needs_long",
        "passed_lately",
        "passed_long_ago",
    ]
    assert [result.status for result in results] == [
        "soon",
        "ok",
        "ok",
        "date_needed",
        "date_needed",
        "passed",
        "passed",
    ]


def test_rules_that_do_not_match_give_no_estimate() -> None:
    results = estimate_deadlines(
        complaint(),
        classes=(),
        areas=("voting",),
        actors=("individual",),
        rules=load_rules(),
        today=TODAY,
    )
    assert results == []


def test_the_default_text_is_all_the_complaints_free_text() -> None:
    record = complaint(what="I was stopped.")
    record["incident"].update(who="my cousin", why="my accent")
    record.update(
        explanation_given="none",
        why_explanation_inadequate="it was a lie",
        requested_help="help with my asylum case",
        prior_actions=[{"description": "appealed the removal order", "status": "pending"}],
    )
    text = complaint_text(record)
    for words in ("stopped", "cousin", "accent", "none", "a lie", "asylum", "removal order"):
        assert words in text
    results = estimate_deadlines(
        record, classes=(), areas=(), actors=(), rules=load_rules(), today=TODAY
    )
    assert {result.rule for result in results} == {"asylum_one_year", "bia_appeal"}


def test_given_text_replaces_the_complaints_own() -> None:
    results = estimate_deadlines(
        complaint(what="I applied for asylum."),
        classes=(),
        areas=(),
        actors=(),
        rules=load_rules(),
        today=TODAY,
        text="nothing relevant",
    )
    assert results == []


def test_a_housing_national_origin_complaint_gets_both_fair_housing_deadlines() -> None:
    results = estimate_deadlines(
        complaint("2026-03-14", "The landlord refused to rent to us because we are Mexican."),
        classes=("national_origin",),
        areas=("housing",),
        actors=("housing_provider",),
        rules=load_rules(),
        today=TODAY,
    )
    assert [result.rule for result in results] == ["hud_fair_housing", "fair_housing_suit"]
    found = by_key(results)
    assert found["hud_fair_housing"].due == date(2027, 3, 14)
    assert found["hud_fair_housing"].days_left == 111
    assert found["hud_fair_housing"].status == "ok"
    assert found["hud_fair_housing"].citation == "42 U.S.C. 3610(a)(1)(A)(i)"
    # 730 days, across 29 February 2028.
    assert found["fair_housing_suit"].due == date(2028, 3, 13)
    assert found["fair_housing_suit"].status == "ok"


def test_a_police_complaint_gets_section_1983_and_the_tort_claims_act() -> None:
    results = estimate_deadlines(
        complaint("2026-06-28", "A deputy beat me during a traffic stop."),
        classes=(),
        areas=("policing",),
        actors=("police",),
        rules=load_rules(),
        today=TODAY,
    )
    assert [result.rule for result in results] == ["mtca", "section_1983"]
    found = by_key(results)
    assert found["mtca"].due == date(2027, 6, 28)
    assert found["section_1983"].due == date(2029, 6, 27)
    assert "11-46-11" in found["mtca"].citation


def test_a_spanish_complaint_mentioning_asilo_needs_the_arrival_date_for_the_asylum_deadline() -> (
    None
):
    record = complaint(
        "2026-10-14",
        "Llegué a Mississippi el año pasado y quiero pedir asilo, pero no sé cómo empezar.",
    )
    record["language"] = "es"
    results = estimate_deadlines(
        record,
        classes=("immigration_status",),
        areas=("immigration_enforcement",),
        actors=(),
        rules=load_rules(),
        today=TODAY,
    )
    found = by_key(results)
    assert "asylum_one_year" in found
    asylum = found["asylum_one_year"]
    assert (asylum.status, asylum.due, asylum.days_left) == ("date_needed", None, None)
    assert asylum.count_from == "last arrival in the United States"
    assert asylum.days == 365


def test_every_example_complaint_gets_estimates_without_error() -> None:
    rules = load_rules()
    for line in EXAMPLES.read_text("utf-8").splitlines():
        example = json.loads(line)
        expected = example["expected"]
        results = estimate_deadlines(
            example["complaint"],
            classes=expected["classes"],
            areas=expected["areas"],
            actors=expected["actors"],
            rules=rules,
            today=TODAY,
        )
        exact = parse_incident_date(example["complaint"]["incident"].get("when"), today=TODAY)
        for result in results:
            assert result.status in {"ok", "soon", "passed", "date_needed"}
            assert result.citation
            if exact is None:
                assert result.status == "date_needed", example["id"]
