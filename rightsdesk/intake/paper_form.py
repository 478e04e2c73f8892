"""The blank paper complaint form as a printable PDF, in English or Spanish.

It is drawn from the same steps as the online form, so the two always ask the same questions.
fpdf2 with its built-in fonts needs nothing from the system; those fonts cover Latin-1, which
holds every Spanish letter and sign.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from fpdf import FPDF

from rightsdesk.intake.steps import steps_for
from rightsdesk.intake.wizard import make_form

_REPLACEMENTS = str.maketrans(
    {"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "…": "...", "\u00a0": " "}
)
ENTRIES_ON_PAPER = 2


def _latin1(text: Any) -> str:
    return str(text).translate(_REPLACEMENTS).encode("latin-1", "replace").decode("latin-1")


class _Form(FPDF):
    footer_text = ""

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font("helvetica", size=8)
        self.set_text_color(90)
        self.cell(0, 6, _latin1(self.footer_text.format(page=self.page_no())), align="C")


def _lines(pdf: FPDF, count: int) -> None:
    for _i in range(count):
        pdf.ln(7)
        y = pdf.get_y()
        pdf.set_draw_color(150)
        pdf.line(pdf.l_margin, y, pdf.w - pdf.r_margin, y)
    pdf.ln(3)


def _field(pdf: FPDF, field: forms.BoundField) -> None:
    label = _latin1(field.label)
    if not field.field.required:
        label += _latin1(f" ({_('optional')})")
    pdf.set_font("helvetica", "B", 10.5)
    pdf.multi_cell(0, 5.5, label, new_x="LMARGIN", new_y="NEXT")
    if field.help_text:
        pdf.set_font("helvetica", "", 9)
        pdf.set_text_color(80)
        pdf.multi_cell(0, 4.5, _latin1(field.help_text), new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0)
    pdf.set_font("helvetica", "", 10.5)
    widget = field.field.widget
    if isinstance(widget, forms.RadioSelect):
        for _value, choice in field.field.choices:
            pdf.ln(1.5)
            x, y = pdf.get_x(), pdf.get_y()
            pdf.rect(x, y + 0.8, 4, 4)
            pdf.set_x(x + 6)
            pdf.multi_cell(0, 5.5, _latin1(choice), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    elif isinstance(widget, forms.Select):
        pdf.ln(1)
        pdf.multi_cell(0, 5, _latin1(_("Write it here:")), new_x="LMARGIN", new_y="NEXT")
        _lines(pdf, 1)
    elif isinstance(widget, forms.Textarea):
        _lines(pdf, min(int(widget.attrs.get("rows", 5)), 8))
    else:
        _lines(pdf, 1)


def blank_form_pdf(language: str, *, compress: bool = True) -> bytes:
    with translation.override(language):
        pdf = _Form(format="Letter")
        pdf.set_compression(compress)
        pdf.footer_text = _("%(org)s complaint form - page {page}") % {
            "org": settings.ORGANISATION_NAME
        }
        pdf.set_margins(18, 16, 18)
        pdf.set_auto_page_break(True, margin=18)
        pdf.set_title(_latin1(_("Complaint form")))
        pdf.add_page()
        pdf.set_font("helvetica", "B", 18)
        pdf.multi_cell(
            0,
            9,
            _latin1(f"{settings.ORGANISATION_NAME}: {_('Complaint form')}"),
            new_x="LMARGIN",
            new_y="NEXT",
        )
        pdf.set_font("helvetica", "", 10.5)
        for sentence in (
            _("Fill in what you can. Questions marked (optional) can be left empty."),
            _("Write clearly, in English or Spanish. Add more pages if you need them."),
            _("Send copies of papers only: we cannot return originals."),
            _("We keep what you tell us private. We do not ask about your immigration status."),
            _(
                "If you have a court date, go to court on that date. Sending this form does not "
                "change it."
            ),
        ):
            pdf.multi_cell(0, 5.5, _latin1(f"- {sentence}"), new_x="LMARGIN", new_y="NEXT")
        if settings.ORGANISATION_ADDRESS:
            pdf.ln(2)
            pdf.set_font("helvetica", "B", 10.5)
            pdf.multi_cell(0, 5.5, _latin1(_("Mail it to:")), new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("helvetica", "", 10.5)
            for line in settings.ORGANISATION_ADDRESS.split("|"):
                pdf.multi_cell(0, 5.5, _latin1(line.strip()), new_x="LMARGIN", new_y="NEXT")
        for number, step in enumerate(steps_for("help"), 1):
            pdf.ln(4)
            pdf.set_font("helvetica", "B", 13)
            pdf.multi_cell(0, 7, _latin1(f"{number}. {step.title}"), new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("helvetica", "I", 10)
            pdf.multi_cell(0, 5, _latin1(step.intro), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
            if step.uploads:
                pdf.set_font("helvetica", "", 10.5)
                pdf.multi_cell(
                    0,
                    5.5,
                    _latin1(_("Put copies in the envelope with this form. List them here:")),
                    new_x="LMARGIN",
                    new_y="NEXT",
                )
                _lines(pdf, 3)
                continue
            if step.repeatable:
                row_form = step.form_class.form
                for entry in range(1, ENTRIES_ON_PAPER + 1):
                    pdf.set_font("helvetica", "B", 10.5)
                    pdf.multi_cell(
                        0,
                        6,
                        _latin1(_("Entry %(n)s") % {"n": entry}),
                        new_x="LMARGIN",
                        new_y="NEXT",
                    )
                    for field in row_form():
                        _field(pdf, field)
                continue
            for field in make_form(step, {}):
                if field.name == "email_updates":
                    continue  # a paper form is answered by post
                _field(pdf, field)
        pdf.ln(6)
        pdf.set_font("helvetica", "B", 10.5)
        pdf.multi_cell(
            0, 6, _latin1(_("Signature (optional)") + ":"), new_x="LMARGIN", new_y="NEXT"
        )
        _lines(pdf, 1)
        pdf.multi_cell(0, 6, _latin1(_("Date") + ":"), new_x="LMARGIN", new_y="NEXT")
        _lines(pdf, 1)
        return bytes(pdf.output())
