from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from rightsdesk.accounts.access import public_view, staff_view
from rightsdesk.accounts.roles import REPORT_READERS
from rightsdesk.reports import selectors
from rightsdesk.reports.charts import bar_chart_svg, county_choropleth
from rightsdesk.reports.downloads import as_csv, as_xlsx
from rightsdesk.reports.forms import DIMENSION_LABELS, DashboardForm
from rightsdesk.vault.audit import audit_record

# The dashboard map's bins: lower edges of "a few", "some" and "many" complaints.
DASHBOARD_BINS = (1, 10, 50)
# Bars beyond these are in the table only: a chart of 82 counties is unreadable.
CHART_BARS = 15
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _dashboard(request: HttpRequest) -> tuple[DashboardForm, selectors.Dashboard]:
    form = DashboardForm(request.GET or None)
    first, last, by = form.chosen()
    return form, selectors.dashboard(first, last, by)


@staff_view(REPORT_READERS)
@require_GET
def dashboard_view(request: HttpRequest) -> HttpResponse:
    form, board = _dashboard(request)
    by = str(DIMENSION_LABELS[board.dimension])
    months = [selectors.month_label(m) for m in board.months]
    query = request.GET.copy()
    query.pop("by", None)
    return render(
        request,
        "reports/dashboard.html",
        {
            "form": form,
            "board": board,
            "months": months,
            "by": by,
            "dimensions": list(DIMENSION_LABELS.items()),
            "query": query.urlencode(),
            "download_query": request.GET.urlencode(),
            "month_chart": bar_chart_svg(
                list(zip(months, board.totals, strict=True)),
                title=_("Complaints received per month"),
                description=_("The same numbers are in the first row of the table below."),
                id_prefix="chart-months",
            ),
            "by_chart": bar_chart_svg(
                [(line.label, line.total) for line in board.lines[:CHART_BARS]],
                title=_("Complaints in this period by %(by)s") % {"by": by.lower()},
                description=_("The same numbers are in the last column of the table below."),
                id_prefix="chart-by",
            ),
            "county_map": county_choropleth(
                board.counties,
                edges=DASHBOARD_BINS,
                title=_("Complaints by county in this period"),
                description=_("The same numbers are in the table of complaints by county."),
            ),
            "counties": sorted(
                ((selectors.value_label("county", name), n) for name, n in board.counties.items()),
                key=lambda item: (-item[1], item[0]),
            ),
            "answers_rows": [*board.answers_by_month, board.answers],
        },
    )


@staff_view(REPORT_READERS)
@require_GET
def download_view(request: HttpRequest, file_format: str) -> HttpResponse:
    if file_format not in ("csv", "xlsx"):
        raise Http404
    _form, board = _dashboard(request)
    name = f"rightsdesk-complaints-{board.months[0]}-to-{board.months[-1]}.{file_format}"
    if file_format == "csv":
        response = HttpResponse(as_csv(board), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(as_xlsx(board), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    audit_record(
        by=request.user,
        action="report_downloaded",
        object_type="report",
        detail={"months": [board.months[0], board.months[-1]], "by": board.dimension},
    )
    return response


# Public map bins: lower edges. Anything shown is at least k, so the first bin starts there.
def _public_bins(k: int) -> tuple[int, ...]:
    return (k, 5 * k, 20 * k)


@public_view
@require_GET
def statistics_view(request: HttpRequest) -> HttpResponse:
    stats = selectors.public_statistics(request.GET.get("year"))
    bins = _public_bins(stats.k)
    withheld = _("hidden")
    return render(
        request,
        "reports/statistics.html",
        {
            "stats": stats,
            "bins": bins,
            "withheld_text": withheld,
            "area_chart": bar_chart_svg(
                [(s.label, s.count) for s in stats.areas],
                title=_("Complaints in %(year)s by area of life") % {"year": stats.year},
                description=_("The same numbers are in the table below the chart."),
                withheld_text=withheld,
                id_prefix="chart-areas",
            ),
            "county_map": county_choropleth(
                {shown.value: shown.count for shown in stats.counties},
                edges=bins,
                title=_("Complaints in %(year)s by county") % {"year": stats.year},
                description=_("The same numbers are in the table of counties below the map."),
                withheld_text=withheld,
            ),
        },
    )
