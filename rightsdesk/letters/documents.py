"""A rendered letter as a PDF to send, and as a Word document attorneys can edit.

Both come from the same RenderedLetter and carry the same content: letterhead, date, recipient,
"Re:" line with our reference, subject, paragraphs and a footer. fpdf2's built-in fonts need
nothing from the system and cover Latin-1, which holds every Spanish letter and sign; the few
typographic characters outside it are replaced before drawing.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from django.utils import translation
from django.utils.translation import gettext as _
from docx import Document
from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt, RGBColor
from docx.text.paragraph import Paragraph
from fpdf import FPDF

from rightsdesk.letters.rendering import RenderedLetter

INCH_MM = 25.4
MARGIN_MM = INCH_MM  # 1 inch on every side
BODY_PT = 11
LINE_MM = 5.6  # about 1.45 x 11pt: easy to read, still one page for the default letters
PARAGRAPH_GAP_MM = 3.0
DOCX_FONT = "Calibri"

_REPLACEMENTS = str.maketrans(
    {
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u2026": "...",
        "\u2022": "-",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\t": " ",
    }
)
# Characters XML 1.0 cannot hold; python-docx refuses them, so they are dropped everywhere.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _clean(text: str) -> str:
    # NFC first: a name typed as "e" + combining accent becomes the single Latin-1 "é".
    return _CONTROL.sub("", unicodedata.normalize("NFC", str(text)))


def latin1(text: str) -> str:
    """Text the PDF core fonts can draw; anything still outside Latin-1 becomes "?"."""
    return _clean(text).translate(_REPLACEMENTS).encode("latin-1", "replace").decode("latin-1")


@contextmanager
def _language(language: str | None) -> Iterator[None]:
    if language:
        with translation.override(language):
            yield
    else:
        yield


def _reference_line(reference: str) -> str:
    return _("Re: %(reference)s") % {"reference": reference}


def _footer_text(organisation: str, reference: str, page: str, pages: str) -> str:
    return _("%(organisation)s - reference %(reference)s - page %(page)s of %(pages)s") % {
        "organisation": organisation,
        "reference": reference,
        "page": page,
        "pages": pages,
    }


class _LetterPDF(FPDF):
    footer_text = ""

    def footer(self) -> None:
        self.set_y(-MARGIN_MM + 6)
        self.set_font("helvetica", size=8)
        self.set_text_color(90)
        # "{nb}" is fpdf's alias for the page count, filled in when the file is written.
        self.cell(0, 5, self.footer_text.replace("{page}", str(self.page_no())), align="C")
        self.set_text_color(0)


def _write(pdf: FPDF, text: str, height: float = LINE_MM) -> None:
    # Ragged right, not fpdf's default justification: even word spacing is easier to read.
    pdf.multi_cell(0, height, latin1(text), align="L", new_x="LMARGIN", new_y="NEXT")


def letter_pdf(
    letter: RenderedLetter,
    *,
    organisation: str,
    organisation_address: list[str],
    recipient: list[str],
    date_text: str,
    reference: str,
    language: str | None = None,
    compress: bool = True,
) -> bytes:
    """The letter as a US Letter PDF with 1-inch margins.

    ``language`` chooses the words around the letter ("Re:", the footer); by default the active
    language. ``compress=False`` leaves the text readable in the file, for tests.
    """
    with _language(language):
        pdf = _LetterPDF(format="Letter", unit="mm")
        pdf.set_compression(compress)
        pdf.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
        # The footer sits inside the bottom margin, so text may run right down to it.
        pdf.set_auto_page_break(True, margin=MARGIN_MM)
        pdf.c_margin = 0  # fpdf pads cells by 1mm; the text should start at the 1-inch margin
        pdf.footer_text = latin1(_footer_text(organisation, reference, "{page}", "{nb}"))
        pdf.set_title(latin1(letter.subject))
        pdf.set_author(latin1(organisation))
        pdf.add_page()

        # Letterhead: the organisation's name, its address, a rule.
        pdf.set_font("helvetica", "B", 16)
        _write(pdf, organisation, 8)
        pdf.set_font("helvetica", "", 9)
        pdf.set_text_color(70)
        for line in organisation_address:
            if line.strip():
                _write(pdf, line.strip(), 4.5)
        pdf.set_text_color(0)
        pdf.ln(2)
        pdf.set_draw_color(120)
        pdf.set_line_width(0.3)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
        pdf.ln(8)

        pdf.set_font("helvetica", "", BODY_PT)
        _write(pdf, date_text)
        pdf.ln(LINE_MM)
        for line in recipient:
            if line.strip():
                _write(pdf, line.strip())
        pdf.ln(LINE_MM)

        pdf.set_font("helvetica", "B", BODY_PT)
        _write(pdf, _reference_line(reference))
        _write(pdf, letter.subject)
        pdf.ln(PARAGRAPH_GAP_MM + 1)

        pdf.set_font("helvetica", "", BODY_PT)
        for paragraph in letter.paragraphs:
            _write(pdf, paragraph)
            pdf.ln(PARAGRAPH_GAP_MM)
        return bytes(pdf.output())


def _paragraph(
    document: WordDocument, text: str, *, bold: bool = False, space_after: float = 8
) -> None:
    paragraph = document.add_paragraph()
    lines = text.split("\n")
    for number, line in enumerate(lines):
        run = paragraph.add_run(_clean(line))
        run.bold = bold
        if number < len(lines) - 1:
            run.add_break()
    paragraph.paragraph_format.space_after = Pt(space_after)
    paragraph.paragraph_format.space_before = Pt(0)


def _page_field(paragraph: Paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word fills in when it lays the document out."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None), ("end", None)):
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {text} "
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)
        if kind == "separate":
            # What shows before Word updates the field.
            placeholder = OxmlElement("w:t")
            placeholder.text = "1"
            run._r.append(placeholder)


def letter_docx(
    letter: RenderedLetter,
    *,
    organisation: str,
    organisation_address: list[str],
    recipient: list[str],
    date_text: str,
    reference: str,
    language: str | None = None,
) -> bytes:
    """The same letter as a .docx: plain styles (Calibri 11pt), US Letter, 1-inch margins."""
    with _language(language):
        document = Document()
        section = document.sections[0]
        section.page_width, section.page_height = Inches(8.5), Inches(11)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Inches(1))

        normal = document.styles["Normal"]
        normal.font.name = DOCX_FONT
        normal.font.size = Pt(BODY_PT)
        # Word reads the east-Asian and complex-script slots too; set them so nothing falls back.
        fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
        for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(slot), DOCX_FONT)
        normal.paragraph_format.space_after = Pt(8)
        normal.paragraph_format.line_spacing = 1.15

        properties = document.core_properties
        properties.title = _clean(letter.subject)
        properties.author = _clean(organisation)
        properties.last_modified_by = _clean(organisation)
        properties.comments = ""
        properties.keywords = ""
        properties.created = properties.modified = datetime.now(UTC).replace(tzinfo=None)
        properties.revision = 1

        heading = document.add_paragraph()
        name = heading.add_run(_clean(organisation))
        name.bold = True
        name.font.size = Pt(16)
        heading.paragraph_format.space_after = Pt(0)
        address = [line.strip() for line in organisation_address if line.strip()]
        if address:
            block = document.add_paragraph()
            for number, line in enumerate(address):
                run = block.add_run(_clean(line))
                run.font.size = Pt(9)
                run.font.color.rgb = RGBColor(0x46, 0x46, 0x46)
                if number < len(address) - 1:
                    run.add_break()
            block.paragraph_format.space_after = Pt(18)
        else:
            heading.paragraph_format.space_after = Pt(18)

        _paragraph(document, date_text, space_after=11)
        recipient_lines = [line.strip() for line in recipient if line.strip()]
        if recipient_lines:
            _paragraph(document, "\n".join(recipient_lines), space_after=11)
        _paragraph(document, _reference_line(reference), bold=True, space_after=0)
        _paragraph(document, letter.subject, bold=True, space_after=12)
        for paragraph in letter.paragraphs:
            _paragraph(document, paragraph)

        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        # The footer's words come from one translated string; the page numbers are Word fields.
        text = _footer_text(_clean(organisation), _clean(reference), "\0PAGE\0", "\0NUMPAGES\0")
        for piece in text.split("\0"):
            if piece in ("PAGE", "NUMPAGES"):
                _page_field(footer, piece)
            elif piece:
                footer.add_run(_clean(piece))
        for run in footer.runs:
            run.font.size = Pt(8)

        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()
