from __future__ import annotations

import re

import pytest

from rightsdesk.letters.rendering import render_letter, template_problems
from rightsdesk.letters.seed import COMMON_PLACEHOLDERS, DEFAULT_TEMPLATES, KIND_PLACEHOLDERS
from rightsdesk.letters.tests.helpers import FULL_CONTEXT

KINDS = {"acknowledgment", "need_info", "referral", "decline", "inquiry"}
TO_THE_PERSON = [t for t in DEFAULT_TEMPLATES if t["kind"] != "inquiry"]
COURT_WARNING = {
    "en": "If you have a court date, go to court on that date.",
    "es": "Si tiene una fecha de corte, vaya a la corte ese día.",
}


def _id(template: dict[str, str]) -> str:
    return f"{template['kind']}-{template['language']}"


def test_there_is_one_default_template_for_every_kind_in_english_and_spanish() -> None:
    pairs = [(t["kind"], t["language"]) for t in DEFAULT_TEMPLATES]
    assert sorted(pairs) == sorted((kind, lang) for kind in KINDS for lang in ("en", "es"))
    assert set(KIND_PLACEHOLDERS) == KINDS


@pytest.mark.parametrize("template", DEFAULT_TEMPLATES, ids=_id)
def test_every_default_template_renders_with_a_full_context_and_leaves_no_gaps(
    template: dict[str, str],
) -> None:
    letter = render_letter(subject=template["subject"], body=template["body"], context=FULL_CONTEXT)
    text = "\n".join([letter.subject, *letter.paragraphs])
    assert not re.search(r"\[[a-z_]+\]", text)
    assert "{" not in text and "}" not in text
    assert FULL_CONTEXT["organisation"] in text
    assert len(letter.paragraphs) >= 5


@pytest.mark.parametrize("template", DEFAULT_TEMPLATES, ids=_id)
def test_default_templates_use_only_the_placeholders_of_their_kind(
    template: dict[str, str],
) -> None:
    # So no template can pull in the person's own account of what happened.
    allowed = {*COMMON_PLACEHOLDERS, *KIND_PLACEHOLDERS[template["kind"]]}
    assert template_problems(template["subject"], allowed) == []
    assert template_problems(template["body"], allowed) == []


@pytest.mark.parametrize("template", TO_THE_PERSON, ids=_id)
def test_letters_to_the_person_say_we_are_not_their_lawyer_and_warn_about_court(
    template: dict[str, str],
) -> None:
    body = template["body"].replace("\\\n", "")
    assert ("not your lawyer" in body) or ("No somos sus abogados" in body)
    assert COURT_WARNING[template["language"]] in " ".join(body.split())


def test_the_acknowledgment_says_we_are_not_their_lawyer_unless_we_say_so_in_writing() -> None:
    for template in DEFAULT_TEMPLATES:
        if template["kind"] == "acknowledgment":
            text = " ".join(template["body"].split())
            assert ("unless we tell you so in writing" in text) or (
                "a menos que se lo digamos por escrito" in text
            )


@pytest.mark.parametrize(
    "template", [t for t in DEFAULT_TEMPLATES if t["kind"] == "inquiry"], ids=_id
)
def test_the_inquiry_names_the_person_only_by_placeholder_and_says_they_authorised_it(
    template: dict[str, str],
) -> None:
    text = " ".join(template["body"].split())
    assert "{person_name}" in text
    assert re.search(r"authoriz|autoriz", text)
    # It goes to the responsible party, who is greeted by name.
    assert text.split(" ", 2)[1].startswith("{party_name}")


def test_a_decline_without_a_reason_still_reads_as_a_whole_letter() -> None:
    for template in DEFAULT_TEMPLATES:
        if template["kind"] != "decline":
            continue
        context = {k: v for k, v in FULL_CONTEXT.items() if k != "reason"}
        letter = render_letter(subject=template["subject"], body=template["body"], context=context)
        assert "[reason]" not in "\n".join(letter.paragraphs)
        assert all(p.strip() for p in letter.paragraphs)


def _syllables(word: str) -> int:
    word = word.lower().strip(".,:;!?()'\"")
    if not word:
        return 0
    groups = re.findall(r"[aeiouy]+", word)
    count = len(groups) - (1 if word.endswith("e") and not word.endswith("le") else 0)
    return max(count, 1)


@pytest.mark.parametrize("template", [t for t in TO_THE_PERSON if t["language"] == "en"], ids=_id)
def test_english_letters_to_the_person_read_at_about_a_twelve_year_olds_level(
    template: dict[str, str],
) -> None:
    letter = render_letter(
        subject=template["subject"],
        body=template["body"],
        context={**FULL_CONTEXT, "person_name": "Ana", "organisation": "Delta Project"},
    )
    # Only the template's own sentences: greeting, filled-in values and signature left out.
    text = " ".join(letter.paragraphs[1:-1])
    for value in FULL_CONTEXT.values():
        text = text.replace(value, "")
    sentences = [s for s in re.split(r"[.!?:]\s", text) if s.strip()]
    words = text.split()
    grade = (
        0.39 * len(words) / len(sentences)
        + 11.8 * sum(_syllables(w) for w in words) / len(words)
        - 15.59
    )
    # Flesch-Kincaid grade 7 is about age 12-13.
    assert grade <= 7.0, f"grade {grade:.1f}"
