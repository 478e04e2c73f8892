"""A matter's summary as a PDF, and the matters list as CSV, for authorised roles."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.utils import timezone
from fpdf import FPDF

from rightsdesk.letters.documents import latin1


def matter_summary_pdf(
    matter: Any,
    *,
    parties: Iterable[Any],
    dates: Iterable[Any],
    tasks: Iterable[Any],
    members: Iterable[Any],
) -> bytes:
    pdf = FPDF(format="Letter")
    pdf.set_margins(20, 18, 20)
    pdf.add_page()
    pdf.set_font("helvetica", "B", 16)
    pdf.multi_cell(0, 8, latin1(matter.title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", "", 10)
    made = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    pdf.multi_cell(
        0,
        5,
        latin1(
            f"{settings.ORGANISATION_NAME} - matter {matter.pk} - "
            f"{matter.get_kind_display()} - {matter.get_status_display()} - "
            f"printed {made}. Confidential."
        ),
        new_x="LMARGIN",
        new_y="NEXT",
    )

    def section(title: str, lines: list[str]) -> None:
        pdf.ln(4)
        pdf.set_font("helvetica", "B", 12)
        pdf.multi_cell(0, 6, latin1(title), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("helvetica", "", 10)
        for line in lines or ["-"]:
            pdf.multi_cell(0, 5, latin1(line), new_x="LMARGIN", new_y="NEXT")

    section("Team", [f"{m.get_role_display()}: {m.user}" for m in members])
    section("Clients and parties", [f"{p.get_role_display()}: {p.name}" for p in parties])
    section(
        "Court dates and deadlines",
        [
            f"{d.get_kind_display()}: {d.all_day or timezone.localtime(d.starts):%Y-%m-%d %H:%M}"
            if d.starts
            else f"{d.get_kind_display()}: {d.all_day}"
            for d in dates
        ],
    )
    section(
        "Open tasks",
        [f"{t.title}" + (f" (due {t.due})" if t.due else "") for t in tasks if not t.done_at],
    )
    if matter.closed_at:
        section(
            "Closed",
            [f"{matter.closed_at:%Y-%m-%d}: {matter.outcome}", f"Keep until {matter.retain_until}"],
        )
    return bytes(pdf.output())


def matters_csv(matters: Iterable[Any]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["matter", "title", "kind", "status", "opened", "closed", "outcome", "complaint"]
    )
    for m in matters:
        # A leading =, +, - or @ would run as a formula in a spreadsheet.
        title = m.title if m.title[:1] not in "=+-@" else f"'{m.title}"
        writer.writerow(
            [
                m.pk,
                title,
                m.kind,
                m.status,
                f"{m.opened_at:%Y-%m-%d}",
                f"{m.closed_at:%Y-%m-%d}" if m.closed_at else "",
                m.outcome,
                m.complaint.reference if m.complaint_id else "",
            ]
        )
    return out.getvalue()
