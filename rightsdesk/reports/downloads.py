"""The dashboard's numbers as CSV and as a spreadsheet: the same tables in both."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from rightsdesk.reports.forms import DIMENSION_LABELS
from rightsdesk.reports.selectors import Dashboard, month_label

Cell = str | int | None


@dataclass(frozen=True)
class Table:
    title: str
    header: list[str]
    rows: list[list[Cell]]


def _safe(cell: Cell) -> Cell:
    # A spreadsheet runs a cell starting with these as a formula (CSV injection).
    if isinstance(cell, str) and cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + cell
    return cell


def tables(board: Dashboard) -> list[Table]:
    months = [month_label(m) for m in board.months]
    by = str(DIMENSION_LABELS[board.dimension])

    def lines(title: str, first: str, lines: Sequence) -> Table:
        return Table(
            title,
            [first, *months, _("Whole period")],
            [[line.label, *line.counts, line.total] for line in lines],
        )

    complaints = lines(_("Complaints by %(by)s") % {"by": by.lower()}, by, board.lines)
    complaints.rows.insert(0, [_("All complaints"), *board.totals, board.total])
    work = board.work
    return [
        complaints,
        lines(_("Answers"), _("Answer"), board.outcomes),
        Table(
            _("Days to answer"),
            [
                _("Month received"),
                _("Answered"),
                _("Days to first answer, median"),
                _("Days to first answer, 90th percentile"),
                _("Decided"),
                _("Days to decision, median"),
                _("Days to decision, 90th percentile"),
            ],
            [
                [
                    t.label,
                    t.first_answered,
                    t.first_median,
                    t.first_p90,
                    t.decided,
                    t.decision_median,
                    t.decision_p90,
                ]
                for t in [*board.answers_by_month, board.answers]
            ],
        ),
        Table(
            _("Matters and visits"),
            [_("Month"), *months],
            [
                [_("Matters opened"), *work.matters_opened],
                [_("Matters closed"), *work.matters_closed],
                [_("Facility visits done"), *work.visits_done],
                [_("Facility visits planned"), *work.visits_planned],
            ],
        ),
    ]


def as_csv(board: Dashboard) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    for number, table in enumerate(tables(board)):
        if number:
            writer.writerow([])
        writer.writerow([_safe(table.title)])
        writer.writerow([_safe(h) for h in table.header])
        writer.writerows([[_safe(c) for c in row] for row in table.rows])
    return out.getvalue()


def as_xlsx(board: Dashboard) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for table in tables(board):
        # Sheet names: at most 31 characters, none of []:*?/\
        sheet = book.create_sheet(title="".join(c for c in table.title if c not in "[]:*?/\\")[:31])
        sheet.append([_safe(h) for h in table.header])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([_safe(c) for c in row])
        sheet.column_dimensions["A"].width = 34
        sheet.freeze_panes = "B2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
