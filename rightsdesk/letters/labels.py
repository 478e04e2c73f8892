"""Mailing labels for Avery 5160 sheets (and the many sheets sold as compatible with it).

A sheet is US Letter with 30 labels, 3 across and 10 down, each 2 5/8 in x 1 in. Each address
is drawn at the largest size from LABEL_SIZES_PT that fits; when even the smallest does not,
extra middle lines are joined and long lines are cut with "...", so an address never spills
onto its neighbour.
"""

from __future__ import annotations

from fpdf import FPDF, ViewerPreferences

from rightsdesk.letters.documents import latin1

# Avery 5160, in inches.
PAGE_WIDTH, PAGE_HEIGHT = 8.5, 11.0
COLUMNS, ROWS = 3, 10
LABEL_WIDTH, LABEL_HEIGHT = 2.625, 1.0
TOP_MARGIN, SIDE_MARGIN = 0.5, 0.1875
COLUMN_GAP = 0.125
LABELS_PER_PAGE = COLUMNS * ROWS
# Space kept clear inside each label: printers drift, and die-cut edges are not exact.
PAD_X, PAD_Y = 0.12, 0.06
LABEL_SIZES_PT = (10.0, 9.0, 8.0, 7.0)
LINE_SPACING = 1.15
ELLIPSIS = "..."


def _line_height(size_pt: float) -> float:
    return size_pt * LINE_SPACING / 72


def _max_lines(size_pt: float) -> int:
    return int((LABEL_HEIGHT - 2 * PAD_Y) / _line_height(size_pt))


def _join_to(lines: list[str], count: int) -> list[str]:
    """Fewer lines by joining those just above the last (city, state, ZIP must stay whole)."""
    lines = list(lines)
    while len(lines) > max(count, 2):
        lines[-3:-1] = [f"{lines[-3]}, {lines[-2]}"]
    return lines


def _truncate(pdf: FPDF, text: str, width: float) -> str:
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + ELLIPSIS) > width:
        text = text[:-1]
    return text.rstrip() + ELLIPSIS


def _fit(pdf: FPDF, lines: list[str]) -> tuple[float, list[str]]:
    """The font size to use and the lines to draw at it."""
    width = LABEL_WIDTH - 2 * PAD_X
    for size in LABEL_SIZES_PT:
        pdf.set_font_size(size)
        if len(lines) <= _max_lines(size) and all(
            pdf.get_string_width(line) <= width for line in lines
        ):
            return size, lines
    size = LABEL_SIZES_PT[-1]
    pdf.set_font_size(size)
    return size, [_truncate(pdf, line, width) for line in _join_to(lines, _max_lines(size))]


def label_position(index: int) -> tuple[float, float]:
    """Top-left corner, in inches, of label ``index`` (0-29) on its page, across then down."""
    row, column = divmod(index % LABELS_PER_PAGE, COLUMNS)
    return (
        SIDE_MARGIN + column * (LABEL_WIDTH + COLUMN_GAP),
        TOP_MARGIN + row * LABEL_HEIGHT,
    )


def mailing_labels_pdf(
    addresses: list[list[str]], *, skip: int = 0, compress: bool = True
) -> bytes:
    """One label per address, filling sheets across then down; more pages as needed.

    Addresses with no text are left out. ``skip`` leaves that many labels blank at the start of
    the first sheet, to reuse a sheet that is partly used.
    """
    pdf = FPDF(unit="in", format="Letter")
    pdf.set_compression(compress)
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    pdf.c_margin = 0  # the padding is PAD_X, already measured into the fit
    # Printed "fit to page", the labels would drift off the die-cut grid.
    pdf.viewer_preferences = ViewerPreferences(print_scaling="None")
    pdf.set_font("helvetica", size=LABEL_SIZES_PT[0])
    cleaned = [[latin1(line).strip() for line in address] for address in addresses]
    cleaned = [[line for line in address if line] for address in cleaned]
    cleaned = [address for address in cleaned if address]
    pdf.add_page()  # even with nothing to print, a valid one-page file
    for position, lines in enumerate(cleaned, start=max(skip, 0) % LABELS_PER_PAGE):
        if position and position % LABELS_PER_PAGE == 0:
            pdf.add_page()
        x, y = label_position(position)
        size, lines = _fit(pdf, lines)
        height = _line_height(size)
        # Centred top to bottom, as label software does; left-aligned, as the USPS prefers.
        top = y + (LABEL_HEIGHT - height * len(lines)) / 2
        for number, line in enumerate(lines):
            pdf.set_xy(x + PAD_X, top + number * height)
            pdf.cell(LABEL_WIDTH - 2 * PAD_X, height, line)
    return bytes(pdf.output())
