"""A certificate of attendance with the CLE hours, as a one-page PDF, and how hours are written.

Pure: takes plain values, touches no database. fpdf2's core fonts cover Latin-1 (every Spanish
name and sign); anything else is replaced, as in letters/documents.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.utils import formats, translation
from django.utils.translation import gettext as _
from fpdf import FPDF

from rightsdesk.letters.documents import latin1


def hours_text(hours: Decimal | float | int) -> str:
    """2.00 -> "2", 1.50 -> "1.5": how CLE hours are written."""
    text = f"{Decimal(str(hours)):.2f}".rstrip("0").rstrip(".")
    return text or "0"


@dataclass(frozen=True)
class CertificateFacts:
    organisation: str
    volunteer_name: str
    title: str
    topic: str
    starts: datetime  # in the organisation's time zone
    ends: datetime
    place: str  # "" when online
    online: bool
    cle_hours: Decimal
    number: str  # e.g. "T12-R34": training and registration
    issued_on: date
    language: str


def certificate_pdf(facts: CertificateFacts, *, compress: bool = True) -> bytes:
    """One landscape Letter page. ``compress=False`` leaves the text readable, for tests."""
    with translation.override(facts.language):
        pdf = FPDF(orientation="landscape", format="Letter")
        pdf.set_compression(compress)
        pdf.set_margins(25, 25, 25)
        pdf.set_auto_page_break(False)
        pdf.add_page()
        pdf.set_draw_color(29, 53, 87)
        pdf.set_line_width(1.2)
        pdf.rect(12, 12, pdf.w - 24, pdf.h - 24)

        def line(text: str, size: float, style: str = "", gap: float = 4) -> None:
            pdf.set_font("helvetica", style, size)
            pdf.multi_cell(0, size * 0.5, latin1(text), align="C", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(gap)

        pdf.set_y(30)
        line(facts.organisation, 14, "B", 6)
        line(_("Certificate of attendance"), 28, "B", 8)
        line(_("This certifies that"), 13)
        line(facts.volunteer_name, 24, "B", 6)
        line(_("attended the training"), 13)
        line(facts.title, 18, "B", 2)
        line(_("Topic: %(topic)s") % {"topic": facts.topic}, 12, "", 6)
        day = formats.date_format(facts.starts, "DATE_FORMAT")
        starts = formats.time_format(facts.starts, "TIME_FORMAT")
        times = f"{starts} - {formats.time_format(facts.ends, 'TIME_FORMAT')}"
        where = _("online") if facts.online else facts.place
        line(f"{day}, {times}" + (f" - {where}" if where else ""), 12, "", 6)
        hours = hours_text(facts.cle_hours)
        line(_("Continuing legal education: %(hours)s hours") % {"hours": hours}, 16, "B", 12)
        pdf.set_font("helvetica", "", 10)
        pdf.set_y(pdf.h - 45)
        pdf.cell(
            0,
            5,
            latin1(
                _("Certificate %(number)s, issued %(issued)s by the pro bono coordinator.")
                % {
                    "number": facts.number,
                    "issued": formats.date_format(facts.issued_on, "DATE_FORMAT"),
                }
            ),
            align="C",
        )
        return bytes(pdf.output())
