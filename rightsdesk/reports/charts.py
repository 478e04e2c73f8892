"""Bar charts drawn on the server as self-contained SVG: no script, no other origin.

Each chart has an accessible name and description, and every page that shows one also shows
the same numbers in a table, so the picture is never the only way to read them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from rightsdesk.geo.maps import county_map_svg
from rightsdesk.geo.places import counties, county_by_name

WIDTH = 640
LABEL_WIDTH = 200
VALUE_WIDTH = 70
ROW = 26
BAR = 18
LABEL_CHARS = 26


def _short(label: str) -> str:
    """What fits left of the bars: the words before any explanation in brackets, cut at about
    26 characters (the table beside the chart has the whole label)."""
    label = label.split(" (")[0]
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def bar_chart_svg(
    bars: Sequence[tuple[str, int | None]],
    *,
    title: str,
    description: str,
    withheld_text: str = "",
    id_prefix: str = "chart",
) -> SafeString:
    """Horizontal bars, one per (label, value), longest scaled to the width. A value of None
    (withheld) draws no bar and says ``withheld_text`` instead of a number."""
    largest = max((value for _label, value in bars if value), default=0)
    room = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    height = max(len(bars), 1) * ROW + 8
    rows = []
    for row, (label, value) in enumerate(bars):
        y = 4 + row * ROW
        length = round(room * value / largest) if value and largest else 0
        rows.append(
            (
                y + BAR - 5,
                LABEL_WIDTH - 8,
                _short(label),
                LABEL_WIDTH,
                y,
                length,
                BAR,
                LABEL_WIDTH + length + 6,
                withheld_text if value is None else value,
            )
        )
    body = format_html_join(
        "",
        '<g><text class="chart-label" x="{1}" y="{0}" text-anchor="end">{2}</text>'
        '<rect class="chart-bar" x="{3}" y="{4}" width="{5}" height="{6}"></rect>'
        '<text class="chart-value" x="{7}" y="{0}">{8}</text></g>',
        rows,
    )
    return format_html(
        '<svg class="bar-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" '
        'role="img" aria-labelledby="{}-title {}-desc">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}</svg>',
        WIDTH,
        height,
        id_prefix,
        id_prefix,
        id_prefix,
        title,
        id_prefix,
        description,
        body,
    )


def county_choropleth(
    counts: Mapping[str, int | None],
    *,
    edges: Sequence[int],
    title: str,
    description: str,
    withheld_text: str = "",
) -> SafeString:
    """The county map coloured by complaints (county name -> count, None where withheld):
    ``came-none`` for none, ``withheld``, else ``came-1``.. by the bins' lower ``edges``; each
    county's tooltip says its number. Names that are no county ("unknown") are left out."""
    classes = {county.fips: "came-none" for county in counties()}
    labels = {}
    for name, count in counts.items():
        county = county_by_name(name)
        if county is None:
            continue
        if count is None:
            classes[county.fips], labels[county.fips] = "withheld", withheld_text
        elif count > 0:
            classes[county.fips] = f"came-{sum(1 for edge in edges if count >= edge)}"
            labels[county.fips] = str(count)
    return county_map_svg(classes, title=title, description=description, labels=labels)
