from __future__ import annotations

import pytest

from rightsdesk.letters.rendering import (
    RenderedLetter,
    TemplateProblem,
    inquiry_allowed,
    render_letter,
    template_problems,
)


def render(body: str, subject: str = "Subject", **context: str) -> RenderedLetter:
    return render_letter(subject=subject, body=body, context=context)


def test_placeholders_are_filled_from_the_context() -> None:
    letter = render(
        "Dear {person_name},", subject="About {reference}", person_name="Ana", reference="R1"
    )
    assert letter.subject == "About R1"
    assert letter.paragraphs == ["Dear Ana,"]


def test_an_unknown_placeholder_stays_visible_in_brackets() -> None:
    letter = render("Hello {nickname}.")
    assert letter.paragraphs == ["Hello [nickname]."]


@pytest.mark.parametrize(
    "body",
    [
        "{person_name.__class__}",
        "{person_name.__class__.__mro__}",
        "{person_name[0]}",
        "{person_name:>999999999}",
        "{person_name!r}",
        "{}",
        "{0}",
        "{0.__class__}",
    ],
)
def test_attribute_index_format_and_positional_placeholders_are_refused(body: str) -> None:
    with pytest.raises(TemplateProblem) as refused:
        render(f"Dear {body}", person_name="Ana")
    assert refused.value.problems
    assert "class" not in "".join(refused.value.problems).replace("__class__", "")


def test_attribute_access_in_the_subject_is_refused_too() -> None:
    with pytest.raises(TemplateProblem):
        render("Body", subject="{reference.__init__.__globals__}", reference="R1")


def test_an_unclosed_brace_is_a_template_problem_not_a_crash() -> None:
    with pytest.raises(TemplateProblem):
        render("Dear {person_name")
    assert template_problems("Dear {person_name")


def test_doubled_braces_print_one_brace() -> None:
    assert render("Use {{braces}} for {person_name}", person_name="Ana").paragraphs == [
        "Use {braces} for Ana"
    ]


def test_values_that_look_like_placeholders_are_printed_as_they_are() -> None:
    letter = render("Dear {person_name},", person_name="{reference.__class__}", reference="R1")
    assert letter.paragraphs == ["Dear {reference.__class__},"]


def test_template_problems_can_flag_names_the_letter_cannot_fill() -> None:
    assert template_problems("{person_name} {narrative}", allowed={"person_name"}) != []
    assert template_problems("{person_name}", allowed={"person_name"}) == []
    assert template_problems("{person_name} {narrative}") == []


def test_the_body_splits_into_paragraphs_at_blank_lines_and_keeps_line_breaks_inside() -> None:
    body = "Dear {person_name},\r\n\r\nFirst line.\n  \nSincerely,\n{organisation}\n\n\n"
    letter = render(body, person_name="Ana", organisation="Delta Project")
    assert letter.paragraphs == ["Dear Ana,", "First line.", "Sincerely,\nDelta Project"]


def test_an_optional_reason_left_out_leaves_no_gap_and_no_brackets() -> None:
    letter = render("We cannot help.\n\n{reason}\n\nSincerely,")
    assert letter.paragraphs == ["We cannot help.", "Sincerely,"]


def test_a_multi_paragraph_value_becomes_several_paragraphs() -> None:
    letter = render("Summary:\n\n{incident_summary}", incident_summary="One.\n\nTwo.")
    assert letter.paragraphs == ["Summary:", "One.", "Two."]


def test_the_subject_is_one_line() -> None:
    assert render("x", subject="About\n {reference}  ", reference="R1").subject == "About R1"


def test_an_inquiry_is_allowed_when_the_person_authorised_it() -> None:
    assert inquiry_allowed({"authorize_letter_with_name": True}) == (True, "")


@pytest.mark.parametrize(
    "data",
    [
        {"authorize_letter_with_name": False},
        {},
        {"authorize_letter_with_name": None},
        {"authorize_letter_with_name": "yes"},
        {"authorize_letter_with_name": 1},
    ],
)
def test_an_inquiry_is_refused_with_a_reason_unless_the_answer_was_an_explicit_yes(
    data: dict[str, object],
) -> None:
    allowed, reason = inquiry_allowed(data)
    assert allowed is False
    assert "authoris" in reason
