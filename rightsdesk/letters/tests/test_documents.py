from __future__ import annotations

import io

import pytest
from docx import Document
from docx.shared import Inches

from rightsdesk.letters.documents import latin1, letter_docx, letter_pdf
from rightsdesk.letters.rendering import RenderedLetter, render_letter
from rightsdesk.letters.seed import DEFAULT_TEMPLATES
from rightsdesk.letters.tests.helpers import (
    FULL_CONTEXT,
    ORGANISATION_ADDRESS,
    RECIPIENT,
    page_count,
    shown_text,
)


def rendered(kind: str, language: str) -> RenderedLetter:
    template = next(t for t in DEFAULT_TEMPLATES if t["kind"] == kind and t["language"] == language)
    return render_letter(subject=template["subject"], body=template["body"], context=FULL_CONTEXT)


def make_pdf(letter: RenderedLetter, **options: object) -> bytes:
    arguments: dict[str, object] = {
        "organisation": FULL_CONTEXT["organisation"],
        "organisation_address": ORGANISATION_ADDRESS,
        "recipient": RECIPIENT,
        "date_text": "3 de mayo de 2025",
        "reference": FULL_CONTEXT["reference"],
        "compress": False,
        **options,
    }
    return letter_pdf(letter, **arguments)  # type: ignore[arg-type]


def make_docx(letter: RenderedLetter) -> bytes:
    return letter_docx(
        letter,
        organisation=FULL_CONTEXT["organisation"],
        organisation_address=ORGANISATION_ADDRESS,
        recipient=RECIPIENT,
        date_text="May 3, 2025",
        reference=FULL_CONTEXT["reference"],
        language="en",
    )


def test_the_letter_pdf_is_a_pdf_that_shows_the_reference() -> None:
    pdf = make_pdf(rendered("acknowledgment", "en"), language="en")
    assert pdf.startswith(b"%PDF")
    text = shown_text(pdf)
    assert f"Re: {FULL_CONTEXT['reference']}" in text
    assert FULL_CONTEXT["organisation"] in text
    assert "If you have a court date, go to court on that date." in " ".join(text.split())


def test_a_compressed_letter_pdf_is_still_a_pdf() -> None:
    pdf = make_pdf(rendered("acknowledgment", "en"), compress=True)
    assert pdf.startswith(b"%PDF") and pdf.rstrip().endswith(b"%%EOF")
    assert b"RD-7K2M-QX" not in pdf


def test_spanish_accents_survive_in_the_pdf() -> None:
    text = shown_text(make_pdf(rendered("acknowledgment", "es"), language="es"))
    for word in ("Núñez", "número", "día", "María José", "3 de mayo de 2025"):
        assert word in text


def test_the_pdf_is_us_letter_with_one_inch_margins() -> None:
    pdf = make_pdf(rendered("referral", "en"))
    assert b"/MediaBox [0 0 612.00 792.00]" in pdf
    # fpdf2 draws each line at x = left margin: 72pt = 1 inch.
    assert b"BT 72.00 " in pdf


@pytest.mark.parametrize(
    "template", DEFAULT_TEMPLATES, ids=lambda t: f"{t['kind']}-{t['language']}"
)
def test_every_default_letter_fits_on_one_page(template: dict[str, str]) -> None:
    letter = render_letter(subject=template["subject"], body=template["body"], context=FULL_CONTEXT)
    assert page_count(make_pdf(letter)) == 1


def test_a_long_letter_runs_onto_more_pages_with_a_numbered_footer() -> None:
    letter = RenderedLetter(subject="Long", paragraphs=["A sentence that goes on. " * 40] * 8)
    pdf = make_pdf(letter, language="en")
    assert page_count(pdf) >= 2
    assert "page 2 of " in shown_text(pdf)


def test_typographic_quotes_and_dashes_become_plain_and_other_scripts_do_not_crash() -> None:
    letter = RenderedLetter(
        subject="“Quoted” — dash",
        paragraphs=["It’s… fine", "Nguyễn 李 e\u0301"],
    )
    text = shown_text(make_pdf(letter))
    assert '"Quoted" - dash' in text
    assert "It's... fine" in text
    # A combining accent joins its letter, so "e" + U+0301 still prints as "é".
    assert text.rstrip().endswith("é") or " é" in text


def test_latin1_drops_control_characters() -> None:
    assert latin1("a\x00b\x07c\nd") == "abc\nd"


def test_the_docx_opens_and_holds_the_same_paragraphs() -> None:
    letter = rendered("inquiry", "en")
    document = Document(io.BytesIO(make_docx(letter)))
    texts = [p.text for p in document.paragraphs]
    for paragraph in letter.paragraphs:
        assert paragraph in texts
    assert f"Re: {FULL_CONTEXT['reference']}" in texts
    assert letter.subject in texts
    assert FULL_CONTEXT["organisation"] in texts
    assert "\n".join(RECIPIENT) in texts


def test_the_docx_keeps_line_breaks_inside_a_paragraph() -> None:
    letter = rendered("acknowledgment", "en")
    document = Document(io.BytesIO(make_docx(letter)))
    assert f"Sincerely,\n{FULL_CONTEXT['organisation']}" in [p.text for p in document.paragraphs]


def test_the_docx_is_us_letter_with_one_inch_margins_in_calibri_11() -> None:
    document = Document(io.BytesIO(make_docx(rendered("decline", "es"))))
    section = document.sections[0]
    assert (section.page_width, section.page_height) == (Inches(8.5), Inches(11))
    assert section.left_margin == section.right_margin == Inches(1)
    assert section.top_margin == section.bottom_margin == Inches(1)
    normal = document.styles["Normal"]
    assert normal.font.name == "Calibri"
    assert normal.font.size.pt == 11


def test_the_docx_footer_carries_the_reference_and_page_fields() -> None:
    document = Document(io.BytesIO(make_docx(rendered("need_info", "en"))))
    footer = document.sections[0].footer
    assert FULL_CONTEXT["reference"] in footer.paragraphs[0].text
    assert "NUMPAGES" in footer._element.xml


def test_the_docx_does_not_say_it_was_made_by_python_docx() -> None:
    document = Document(io.BytesIO(make_docx(rendered("referral", "en"))))
    properties = document.core_properties
    assert properties.author == FULL_CONTEXT["organisation"]
    assert "python-docx" not in (properties.last_modified_by + properties.comments)


def test_the_docx_survives_control_characters_in_values() -> None:
    letter = RenderedLetter(subject="S\x0b", paragraphs=["bad \x00 byte"])
    document = Document(io.BytesIO(make_docx(letter)))
    assert "bad  byte" in [p.text for p in document.paragraphs]
