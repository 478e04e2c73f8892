"""The matcher and the gaps: pure functions, no database."""

from __future__ import annotations

from datetime import date, time

from django.utils import translation

from rightsdesk.network.visits.gaps import languages_needed, visit_gaps
from rightsdesk.network.visits.matching import Candidate, Need, Skill, rank
from rightsdesk.network.visits.travel import county_distance_km

SATURDAY = date(2027, 3, 6)
TALLAHATCHIE = "28135"
NINE_TO_ONE = ((time(9), time(13)),)


def need(**overrides):
    fields = {
        "on": SATURDAY,
        "facility_county": TALLAHATCHIE,
        "attorneys": 1,
        "languages": ("quc",),
        "starts": time(9),
        "ends": time(13),
    }
    return Need(**{**fields, **overrides})


def interpreter(pk, level="fluent", verified="", **fields):
    fields.setdefault("windows", NINE_TO_ONE)
    fields.setdefault("county", TALLAHATCHIE)
    return Candidate(
        id=pk,
        reference=f"V-{pk}",
        kind="interpreter",
        languages={"quc": Skill(level, verified)},
        **fields,
    )


def attorney(pk, **fields):
    fields.setdefault("windows", NINE_TO_ONE)
    fields.setdefault("county", TALLAHATCHIE)
    return Candidate(id=pk, reference=f"V-{pk}", kind="attorney", **fields)


def order(suggestions):
    return [s.volunteer_id for s in suggestions]


def test_a_verified_level_beats_the_same_level_self_rated():
    ranked = rank([interpreter(1, "fluent"), interpreter(2, "fluent", "fluent")], need(attorneys=0))
    assert order(ranked) == [2, 1]
    assert "speaks K'iche' (fluent, verified)" in ranked[0].reasons
    assert "speaks K'iche' (fluent, self-rated)" in ranked[1].reasons


def test_the_verified_level_is_the_one_that_counts():
    # Said native, verified only conversational: ranks below a verified fluent speaker.
    ranked = rank(
        [interpreter(1, "native", "conversational"), interpreter(2, "fluent", "fluent")],
        need(attorneys=0),
    )
    assert order(ranked) == [2, 1]
    assert "speaks K'iche' (conversational, verified)" in ranked[1].reasons


def test_someone_missing_a_required_training_comes_last_and_it_says_why():
    lacking = interpreter(1, "native", "native", missing=("Detention visit orientation",))
    ranked = rank([lacking, interpreter(2, "basic")], need(attorneys=0))
    assert order(ranked) == [2, 1]
    assert ranked[1].missing_requirements == ("Detention visit orientation",)
    assert "has not done the required training: Detention visit orientation" in ranked[1].reasons
    assert ranked[0].missing_requirements == ()


def test_free_for_the_whole_visit_beats_free_for_part_of_it_beats_not_free():
    whole = interpreter(1)
    part = interpreter(2, windows=((time(10), time(12)),))
    none = interpreter(3, windows=())
    other_time = interpreter(4, windows=((time(14), time(17)),))
    ranked = rank([none, part, whole, other_time], need(attorneys=0))
    assert order(ranked)[:2] == [1, 2]
    reasons = {s.volunteer_id: s.reasons for s in ranked}
    assert "free on Saturday 6 March for the whole visit" in reasons[1]
    assert "free on Saturday 6 March only 10:00–12:00" in reasons[2]
    assert "no time given for Saturday 6 March" in reasons[3]
    assert "not free during the visit on Saturday 6 March" in reasons[4]


def test_nearer_volunteers_rank_higher_and_the_distance_is_given():
    near = interpreter(1, county=TALLAHATCHIE)
    far = interpreter(2, county="28047")  # Harrison, on the coast
    ranked = rank([far, near], need(attorneys=0))
    assert order(ranked) == [1, 2]
    assert "lives near the facility" in ranked[0].reasons
    assert any(r.startswith("lives about ") and r.endswith(" km away") for r in ranked[1].reasons)


def test_the_load_is_spread_to_those_who_went_least_recently():
    never = attorney(1)
    long_ago = attorney(2, last_visit_on=date(2026, 12, 1))
    last_week = attorney(3, last_visit_on=date(2027, 2, 27))
    ranked = rank([last_week, long_ago, never], need(languages=()))
    assert order(ranked) == [1, 2, 3]
    assert "has not been on a visit yet" in ranked[0].reasons
    assert "last visit 7 days before" in ranked[2].reasons


def test_attorneys_fill_attorney_places_and_interpreters_their_languages_only():
    mam_only = Candidate(
        id=5, reference="V-5", kind="interpreter", languages={"mam": Skill("fluent")}
    )
    student = Candidate(id=6, reference="V-6", kind="law_student")
    ranked = rank([attorney(1), interpreter(2), mam_only, student], need())
    assert {(s.volunteer_id, s.role, s.language) for s in ranked} == {
        (1, "attorney", ""),
        (2, "interpreter", "quc"),
    }
    assert rank([attorney(1)], need(attorneys=0)) == []


def test_an_interpreter_of_two_needed_languages_is_suggested_for_each():
    both = Candidate(
        id=1,
        reference="V-1",
        kind="interpreter",
        languages={"quc": Skill("fluent"), "mam": Skill("native")},
        windows=NINE_TO_ONE,
    )
    ranked = rank([both], need(attorneys=0, languages=("quc", "mam")))
    assert [s.language for s in ranked] == ["mam", "quc"]


def test_ties_keep_a_stable_order_and_the_limit_cuts_the_list():
    ranked = rank([interpreter(3), interpreter(1), interpreter(2)], need(attorneys=0), limit=2)
    assert order(ranked) == [1, 2]


def test_a_suggestion_as_a_dict_names_no_one():
    (suggestion,) = rank([interpreter(1)], need(attorneys=0))
    assert set(suggestion.as_dict()) == {
        "volunteer_id",
        "reference",
        "role",
        "language",
        "score",
        "reasons",
        "missing_requirements",
    }


def test_county_distances_are_plausible():
    # Tutwiler to Natchez is about 300 km as the crow flies; a county is 0 km from itself.
    assert 250 < county_distance_km("28135", "28001") < 350
    assert county_distance_km("28089", "28089") == 0
    assert county_distance_km("28089", "99999") is None


def test_gaps_say_in_plain_words_what_is_missing():
    gaps = visit_gaps(
        on=SATURDAY, attorneys_needed=2, attorneys_on=1, needed=["quc", "mam"], covered=["mam"]
    )
    assert [g.text for g in gaps] == [
        "Saturday 6 March: needs 1 more attorney",
        "Saturday 6 March: no K'iche' interpreter yet",
    ]
    none = visit_gaps(on=SATURDAY, attorneys_needed=1, attorneys_on=0, needed=[], covered=[])
    assert [g.text for g in none] == ["Saturday 6 March: no attorney yet"]
    full = visit_gaps(
        on=SATURDAY, attorneys_needed=1, attorneys_on=1, needed=["es"], covered=["es"]
    )
    assert full == []


def test_gaps_in_spanish_name_the_day_the_spanish_way():
    with translation.override("es"):
        gaps = visit_gaps(on=SATURDAY, attorneys_needed=1, attorneys_on=0, needed=[], covered=[])
    assert [g.text for g in gaps] == ["Sábado 6 de marzo: todavía no hay abogado"]


def test_language_names_inside_a_sentence_follow_each_languages_rule():
    from rightsdesk.network.languages import language_choices, language_name

    covered = {"needed": ["es", "quc"], "covered": []}
    with translation.override("es"):
        gaps = visit_gaps(on=SATURDAY, attorneys_needed=0, attorneys_on=0, **covered)
        # A list or a choice starts with a capital; inside a sentence Spanish writes it lower.
        assert ("es", "Español") in language_choices()
        assert language_name("es") == "Español"
    assert [g.what for g in gaps] == [
        "todavía no hay intérprete de español",
        "todavía no hay intérprete de k'iche'",
    ]
    english = visit_gaps(on=SATURDAY, attorneys_needed=0, attorneys_on=0, **covered)
    assert [g.what for g in english] == [
        "no Spanish interpreter yet",
        "no K'iche' interpreter yet",
    ]
    assert language_name("xx", in_sentence=True) == "xx"


def test_days_in_spanish_say_de_and_are_lower_case_inside_a_sentence(settings):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from rightsdesk.network.templatetags.visit_days import day_in_words

    with translation.override("es"):
        (suggestion,) = rank([interpreter(1)], need(attorneys=0))
        assert "libre el sábado 6 de marzo durante toda la visita" in suggestion.reasons
        assert day_in_words(SATURDAY, "year") == "Sábado 6 de marzo de 2027"
        # A training's start (a moment) is shown on the organisation's day, not UTC's.
        settings.TIME_ZONE = "America/Chicago"
        late = datetime(2027, 3, 7, 3, 30, tzinfo=ZoneInfo("UTC"))  # 21:30 on the 6th
        assert day_in_words(late) == "Sábado 6 de marzo"
    assert day_in_words(SATURDAY) == "Saturday 6 March"


def test_english_needs_no_interpreter_and_each_language_is_needed_once():
    assert languages_needed([["en"], ["mam", "es"], ["es"]]) == ["mam", "es"]


def test_someone_free_only_at_other_times_that_day_is_told_apart_from_no_time_given():
    busy = interpreter(1, windows=(), busy_during=True)
    silent = interpreter(2, windows=())
    reasons = {s.volunteer_id: s.reasons for s in rank([busy, silent], need(attorneys=0))}
    assert "not free during the visit on Saturday 6 March" in reasons[1]
    assert "no time given for Saturday 6 March" in reasons[2]
