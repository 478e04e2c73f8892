"""Conflict-check name matching: a recall table, a table of different people, and blind keys.

Decisions the tables pin down:
- Maria / Mario (and Daniel / Daniela, Luis / Luisa...) do NOT match at all: they are different
  given names, and a one-letter-typo rule cannot work on blind keys anyway.
- English/Spanish forms of one name (John / Juan, Mary / María) match strongly: a client known
  as "Juan" in one file is often "John" in a court record.
- Jr. / Sr. are ignored, so a father and son match (flagged for a person to look at).
"""

from __future__ import annotations

import re

import pytest

from rightsdesk.cases.conflicts import blind_keys, explain, match_strength, name_keys

STRONG, WEAK = "strong", "weak"

# (name a, name b, expected strength, what the pair exercises)
SAME: list[tuple[str, str, str, str]] = [
    # accents, case, hyphenated and double surnames, Spanish naming, order
    ("María López-García", "Maria Lopez", STRONG, "accents; first surname"),
    ("María López-García", "Maria Garcia", STRONG, "second surname alone"),
    ("María López García", "MARIA LOPEZ-GARCIA", STRONG, "double surname with/without hyphen"),
    ("Lopez, Maria", "Maria Lopez", STRONG, "family name first with a comma"),
    ("LÓPEZ GARCÍA, María Elena", "Maria Lopez", STRONG, "comma order with middle name"),
    ("María Elena López García", "María García", STRONG, "middle name and two surnames"),
    ("María López G.", "Maria Lopez Gonzalez", STRONG, "abbreviated second surname"),
    ("Juan de la Cruz", "Juan Cruz", STRONG, "particles dropped"),
    ("Juan de la Cruz", "Juan DelaCruz", STRONG, "particles joined"),
    ("De La Cruz, Juan", "Juan Dela Cruz", STRONG, "particles, comma order"),
    ("Rosa del Río", "Rosa Delrio", STRONG, "del joined"),
    ("Sean O'Brien", "Sean OBrien", STRONG, "apostrophe"),
    # nicknames, English
    ("Jon Smith", "John Smith", STRONG, "Jon/John"),
    ("Jonathan Smith", "Johnny Smith", STRONG, "Jonathan/Johnny"),
    ("Bill Jones", "William Jones", STRONG, "Bill/William"),
    ("Billy Jones", "Will Jones", STRONG, "Billy/Will"),
    ("Bob Miller", "Robert Miller", STRONG, "Bob/Robert"),
    ("Liz Taylor", "Elizabeth Taylor", STRONG, "Liz/Elizabeth"),
    ("Betsy Ross", "Beth Ross", STRONG, "Betsy/Beth"),
    ("Jim Brown", "James Brown", STRONG, "Jim/James"),
    ("Mike Johnson", "Michael Johnson", STRONG, "Mike/Michael"),
    ("Tony Soto", "Anthony Soto", STRONG, "Tony/Anthony"),
    # nicknames, Spanish, and English/Spanish forms
    ("Pepe Hernández", "José Hernandez", STRONG, "Pepe/José"),
    ("Paco Ruiz", "Francisco Ruiz", STRONG, "Paco/Francisco"),
    ("Pancho Villa", "Francisco Villa", STRONG, "Pancho/Francisco"),
    ("Lupe Martinez", "Guadalupe Martínez", STRONG, "Lupe/Guadalupe"),
    ("Chuy Ramírez", "Jesús Ramirez", STRONG, "Chuy/Jesús"),
    ("Nacho Flores", "Ignacio Flores", STRONG, "Nacho/Ignacio"),
    ("Memo Ortiz", "Guillermo Ortiz", STRONG, "Memo/Guillermo"),
    ("Toño Reyes", "Antonio Reyes", STRONG, "Toño/Antonio"),
    ("Lalo Castillo", "Eduardo Castillo", STRONG, "Lalo/Eduardo"),
    ("Beto Morales", "Alberto Morales", STRONG, "Beto/Alberto"),
    ("Beto Morales", "Roberto Morales", STRONG, "Beto/Roberto"),
    ("Quique Vargas", "Enrique Vargas", STRONG, "Quique/Enrique"),
    ("Charo Mendoza", "Rosario Mendoza", STRONG, "Charo/Rosario"),
    ("Concha Jiménez", "Concepción Jimenez", STRONG, "Concha/Concepción"),
    ("Juan Smith", "John Smith", STRONG, "English/Spanish forms"),
    ("Ma. Guadalupe Rivera", "María Rivera", STRONG, "Ma. abbreviation"),
    # titles, suffixes, middle names and initials
    ("Dr. James Wilson Jr.", "Jim Wilson", STRONG, "title and suffix"),
    ("Mr. Robert Smith III", "Bob Smith", STRONG, "title and numeral suffix"),
    ("Sra. Ana Torres", "Ana Torres", STRONG, "Spanish title"),
    ("Sr. Juan Pérez", "Juan Perez Sr.", STRONG, "Sr. as title and as suffix"),
    ("Smith, John Jr.", "John Smith", STRONG, "comma order and suffix"),
    ("John Q. Public", "John Public", STRONG, "middle initial ignored"),
    ("John Michael Smith", "John Smith", STRONG, "middle name ignored"),
    # asides and aliases
    ('Juan "Chato" Pérez', "Chato Perez", STRONG, "quoted nickname"),
    ("Maria Lopez (née Garcia)", "Maria Garcia", STRONG, "maiden name"),
    ("Juan Perez a.k.a. Juan Sanchez", "Juan Sánchez", STRONG, "a.k.a."),
    # weak: initials, middle names used as given names, missing given names
    ("J. Smith", "Jonathan Smith", WEAK, "initial"),
    ("M. López", "María López-García", WEAK, "initial and double surname"),
    ("W. Jones", "Bill Jones", WEAK, "initial of the nickname's full form"),
    ("J. Robert Smith", "Robert Smith", WEAK, "goes by the middle name"),
    ("Ana Sofía Rivera", "Sofía Rivera", WEAK, "middle name as given name"),
    ("Judge Smith", "John Smith", WEAK, "no given name"),
    ("John Smith LLC", "John Smith", WEAK, "a person and their company"),
    # organisations
    ("Hinds County Sheriff's Office", "Hinds Co. Sheriff's Dept.", STRONG, "county/Co., Dept."),
    ("Hinds County Sheriff's Department", "Hinds County SO", STRONG, "SO"),
    ("Office of the Sheriff, Hinds County", "Hinds County Sheriff", STRONG, "word order"),
    ("Jackson Police Department", "Jackson PD", STRONG, "PD"),
    (
        "Mississippi Dept. of Corrections",
        "Department of Corrections (Mississippi)",
        STRONG,
        "Dept.",
    ),
    ("Acme Widgets, Inc.", "ACME WIDGETS LLC", STRONG, "legal forms"),
    ("Acme Widgets Corp.", "Acme Widgets", STRONG, "legal form missing"),
    ("The Walmart Co.", "Walmart, Inc.", STRONG, "Co. as company"),
    ("U.S. Bank N.A.", "US Bank", STRONG, "dotted letters"),
    ("Pine Ridge Apartments LLC", "Pine Ridge Apts.", STRONG, "Apts."),
]

DIFFERENT: list[tuple[str, str, str]] = [
    ("Maria Lopez", "Mario Lopez", "different given names one letter apart"),
    ("Jon Smith", "Jane Smith", "same initial only"),
    ("John Smith", "John Smithson", "family name is a prefix"),
    ("Ana Garcia", "Ana Garza", "similar family names"),
    ("Pine Ridge Apartments", "Oak Ridge Apartments", "different complexes"),
    ("John Smith", "John Jones", "different family names"),
    ("Robert Miller", "Richard Miller", "same initial"),
    ("Alberto Morales", "Roberto Morales", "share a nickname, not a name"),
    ("Patrick Kelly", "Patricia Kelly", "share a nickname, not a name"),
    ("Francisco Ruiz", "Frances Ruiz", "share a nickname, not a name"),
    ("Michael Brown", "Michelle Brown", "different names"),
    ("Daniel Reyes", "Daniela Reyes", "different names"),
    ("Luis García", "Luisa García", "different names"),
    ("José Hernández", "Josefina Hernández", "different names"),
    ("María López", "María Lozano", "different family names"),
    ("Carlos Mendez", "Carlos Menendez", "different family names"),
    ("Elizabeth Taylor", "Elizabeth Tyler", "different family names"),
    ("Jim Brown", "Tim Brown", "different nicknames"),
    ("Bill Jones", "Phil Jones", "different nicknames"),
    ("Tony Soto", "Tommy Soto", "different nicknames"),
    ("Lupe Martinez", "Luz Martinez", "different names"),
    ("Pepe Hernandez", "Pedro Hernandez", "different names"),
    ("Jonathan Smith", "Nathan Smith", "different names"),
    ("Ana Torres", "Juana Torres", "different names"),
    ("Mike Johnson", "Mike Johnston", "different family names"),
    ("Guillermo Ortiz", "Guadalupe Ortiz", "different names"),
    ("J. Smith", "K. Smith", "different initials"),
    ("J. Smith", "John Smithers", "different family names"),
    ("Maria de la Cruz", "Maria de la Rosa", "same particles only"),
    ("Rosa del Río", "Rosa del Valle", "same particle only"),
    ("Smith, John", "Smith, Jane", "comma order"),
    ("Dr. Ana Ruiz", "Dr. Ana Ruano", "same title only"),
    ("John Paul Jones", "John Paul Smith", "same given and middle names only"),
    ("Lopez-Garcia, Maria", "Lopez-Garcia, Mario", "double surname, different names"),
    ("Hinds County Sheriff's Office", "Rankin County Sheriff's Office", "different counties"),
    ("Hinds County Sheriff's Office", "Hinds County Board of Supervisors", "different bodies"),
    ("Jackson Police Department", "Jackson Fire Department", "different departments"),
    ("Acme Widgets Inc.", "Acme Gadgets Inc.", "different companies"),
    ("Oak Ridge Apartments", "Oak Ridge Townhomes", "different complexes"),
    ("First Baptist Church", "First Methodist Church", "different churches"),
    ("Jackson Housing Authority", "Jackson Housing Partners", "different organisations"),
    ("Maria Lopez", "Lopez Plumbing LLC", "a person and an unrelated company"),
]


def _strength(a: str, b: str) -> str | None:
    return match_strength(name_keys(a), name_keys(b))


@pytest.mark.parametrize(("a", "b", "expected", "why"), SAME, ids=[s[3] for s in SAME])
def test_variants_of_one_name_match_with_the_expected_strength(
    a: str, b: str, expected: str, why: str
) -> None:
    assert _strength(a, b) == expected, explain(a, b)
    assert _strength(b, a) == expected, "matching is symmetric"


@pytest.mark.parametrize(("a", "b", "why"), DIFFERENT, ids=[d[2] + ": " + d[1] for d in DIFFERENT])
def test_clearly_different_names_do_not_match_at_all(a: str, b: str, why: str) -> None:
    assert _strength(a, b) is None, explain(a, b)


def test_the_tables_are_big_enough_and_precision_and_recall_are_reported(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert len(SAME) >= 40 and len(DIFFERENT) >= 30
    found = [(a, b, want, _strength(a, b)) for a, b, want, _ in SAME]
    true_pos = sum(1 for *_, got in found if got is not None)
    right_strength = sum(1 for *_, want, got in found if got == want)
    false_pos = sum(1 for a, b, _ in DIFFERENT if _strength(a, b) is not None)
    precision = true_pos / (true_pos + false_pos) if true_pos + false_pos else 1.0
    recall = true_pos / len(SAME)
    with capsys.disabled():
        print(
            f"\nconflict matching: {len(SAME)} same-name pairs, {len(DIFFERENT)} different; "
            f"precision {precision:.0%}, recall {recall:.0%}, "
            f"strength as expected {right_strength}/{len(SAME)}, false matches {false_pos}"
        )
    assert precision == 1.0 and recall == 1.0 and right_strength == len(SAME)


def test_maria_and_mario_are_different_names_not_a_typo() -> None:
    assert "s:lopez|mary" in name_keys("Maria Lopez")
    assert not {k for k in name_keys("Mario Lopez") if k.startswith("s:")} & name_keys(
        "Maria Lopez"
    )


def test_keys_are_strong_weak_or_organisation_keys_of_the_documented_shapes() -> None:
    assert name_keys("Bob Smith") >= {"s:smith|robert", "i:smith|b", "i:smith|r"}
    assert "w:smith|j" in name_keys("J. Smith")
    assert name_keys("Hinds County Sheriff's Office") == {"o:county hinds sheriff"}
    assert all(re.fullmatch(r"[smwiuo]:.+", k) for _, b, *_ in SAME for k in name_keys(b))


def test_empty_and_punctuation_only_names_have_no_keys() -> None:
    assert name_keys("") == set() and name_keys(" ,.- ") == set()
    assert match_strength(set(), name_keys("John Smith")) is None


def test_a_name_full_of_ambiguous_abbreviations_gives_a_bounded_number_of_keys() -> None:
    assert len(name_keys("Acme " + "Co. " * 40 + "Sheriff")) <= 2**3


def test_explain_gives_a_short_reason() -> None:
    assert explain("Bob Smith", "Robert Smith").startswith(
        "strong match: same family name and a nickname of the same given name"
    )
    assert explain("J. Smith", "John Smith") == "weak match: same family name and initial"
    assert "double surname" in explain("María López-García", "Maria Garcia")
    assert explain("Maria Lopez", "Mario Lopez") == (
        "no match: same family name but different given names"
    )
    assert explain("Ana Garcia", "Ana Garza") == "no match: different family names"
    assert explain("Hinds County SO", "Hinds Co. Sheriff's Office").startswith(
        "strong match: the same organisation"
    )


# Names whose words contain letters outside a-f, so no word could turn up inside hex by chance.
PRIVATE_NAMES = ["María López-García", "Guillermo Ortiz", "Hinds County Sheriff's Office"]


@pytest.mark.parametrize("name", PRIVATE_NAMES)
def test_blind_keys_hold_no_plaintext_and_keep_only_the_kind(name: str) -> None:
    blinded = blind_keys(name)
    assert len(blinded) == len(name_keys(name))
    words = {w for key in name_keys(name) for w in re.split(r"[:| ]", key)[1:] if len(w) > 2}
    for key in blinded:
        assert re.fullmatch(r"[smwiuo]:[0-9a-f]{32}", key)
        assert not any(word in key for word in words)


def test_matching_blind_keys_gives_the_same_answers_as_plain_keys() -> None:
    pairs = [(a, b) for a, b, *_ in SAME] + [(a, b) for a, b, _ in DIFFERENT]
    for a, b in pairs:
        plain = match_strength(name_keys(a), name_keys(b))
        assert match_strength(blind_keys(a), blind_keys(b)) == plain, (a, b)


def test_blind_keys_are_stable_for_variants_of_one_name() -> None:
    assert blind_keys("Lopez, María") == blind_keys("MARIA LOPEZ")
