"""The staff dashboard, its downloads, and the public statistics page."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from rightsdesk.cases.models import Matter, MatterDate
from rightsdesk.conftest import queries_for, sign_in
from rightsdesk.intake.models import Complaint
from rightsdesk.intake.services import complaint_create
from rightsdesk.reports.facts import MONTH, PUBLIC, month_of
from rightsdesk.reports.models import Tally
from rightsdesk.reports.selectors import public_statistics
from rightsdesk.triage.services import screening_run
from rightsdesk.vault.models import AuditEntry

pytestmark = pytest.mark.django_db

HOUSING = "The landlord refused to rent to us because we are Mexican."
JOB = "My boss fired me because I am pregnant."


def _screened(what, county, days_ago=0):
    data = {
        "contact": {"name": "Test Person"},
        "incident": {"what": what, "where": {"county": county, "state": "MS"}},
    }
    complaint, _ = complaint_create(data=data, kind="help", source="online", language="es")
    Complaint.objects.filter(pk=complaint.pk).update(
        received_at=timezone.now() - timedelta(days=days_ago)
    )
    complaint.refresh_from_db()
    screening_run(complaint=complaint)
    return complaint


def _public(year, cells):
    """Tallies as screening would leave them: {(county, area): n} with '' for all."""
    Tally.objects.bulk_create(
        [Tally(cube=PUBLIC, period=year, a=a, b=b, count=n) for (a, b), n in cells.items()]
    )


def test_the_public_page_hides_small_counts_and_what_would_give_them_away(client, settings):
    settings.DISCLOSURE_K = 5
    for _ in range(6):
        _screened(HOUSING, "Hinds")
    for _ in range(2):
        _screened(HOUSING, "Madison")
    year = str(timezone.localdate().year)
    stats = public_statistics(year)
    counties = {c.value: c.count for c in stats.counties}
    assert counties["Madison County"] is None  # 2 people
    # Hinds alone would give Madison away (8 in housing minus 6 in Hinds): one more is hidden.
    housing = {c.value: dict((s.value, s.count) for s in row) for c, row in stats.cross}
    assert None in (housing["Hinds County"]["housing"], stats.total)
    html = client.get("/statistics/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Madison County" in html and "hidden" in html
    assert "Hundepool" in html
    assert ">2<" not in html
    spanish = client.get("/statistics/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "oculto" in spanish and "Quejas que recibimos" in spanish


def test_the_public_page_shows_counts_at_or_above_k(client):
    _public(
        "2025",
        {
            ("Hinds County", "housing"): 40,
            ("Hinds County", "employment"): 25,
            ("Hinds County", ""): 60,
            ("", "housing"): 40,
            ("", "employment"): 25,
            ("", ""): 60,
        },
    )
    html = client.get("/statistics/?year=2025").content.decode()
    assert "In 2025 we received 60 complaints." in html
    assert "hidden" not in html.split("How we keep")[1].split("By county and")[1]
    assert 'role="img"' in html and "<title" in html  # the chart says what it is
    assert 'id="chart-areas-title"' in html


def test_no_chart_of_areas_when_every_area_is_hidden(client):
    _public(
        "2025",
        {("", ""): 7, ("Hinds County", ""): 7, ("", "housing"): 7, ("Hinds County", "housing"): 7},
    )
    html = client.get("/statistics/?year=2025").content.decode()
    assert "chart-areas" not in html and "hidden" in html


def test_a_year_without_numbers_falls_back_to_the_latest(client):
    _public(
        "2024",
        {
            ("", ""): 12,
            ("Hinds County", ""): 12,
            ("", "housing"): 12,
            ("Hinds County", "housing"): 12,
        },
    )
    html = client.get("/statistics/?year=1999").content.decode()
    assert "Complaints we received in 2024" in html
    empty = client.get("/statistics/?year=x")
    assert empty.status_code == 200


def test_the_public_page_reads_the_same_few_rows_however_many_cells(client):
    _public(
        "2025",
        {
            ("", ""): 60,
            ("Hinds County", ""): 60,
            ("", "housing"): 60,
            ("Hinds County", "housing"): 60,
        },
    )
    few = queries_for(client, "/statistics/")
    _public(
        "2026",
        {
            (f"{name} County", area): 20
            for name in ("Hinds", "Rankin", "Madison")
            for area in ("housing", "employment", "")
        }
        | {("", ""): 60, ("", "housing"): 60, ("", "employment"): 60},
    )
    assert queries_for(client, "/statistics/?year=2026") == few


def test_only_the_legal_director_and_attorneys_see_the_dashboard(client, make_staff):
    assert client.get("/staff/reports/").status_code == 302
    sign_in(client, make_staff("organiser"))
    assert client.get("/staff/reports/").status_code == 403
    assert client.get("/staff/reports/complaints.csv").status_code == 403
    sign_in(client, make_staff("legal_director"))
    assert client.get("/staff/reports/").status_code == 200


def test_the_dashboard_counts_months_dimensions_and_answers(client, make_staff):
    for county in ("Hinds", "Hinds", "Rankin"):
        _screened(HOUSING, county)
    _screened(JOB, "Hinds", days_ago=40)
    sign_in(client, make_staff("attorney"))
    html = client.get("/staff/reports/?by=county").content.decode()
    assert "Complaints by county" in html
    assert '<th scope="row">Hinds County</th>' in html
    this_month = month_of(timezone.localdate())
    hinds = Tally.objects.get(cube=MONTH, period=this_month, a="county", b="Hinds County")
    assert hinds.count == 2
    assert 'aria-current="page">County<' in html
    area = client.get("/staff/reports/").content.decode()
    assert "counts once in each" in area


def test_a_wrong_month_says_so_and_shows_the_last_twelve(client, make_staff):
    sign_in(client, make_staff("attorney"))
    response = client.get("/staff/reports/?start=2026-13&end=soon")
    assert response.status_code == 200
    assert "Enter a month as year and month, like 2026-01." in response.content.decode()
    assert len(response.context["board"].months) == 12


def test_a_long_period_is_cut_to_three_years(client, make_staff):
    sign_in(client, make_staff("attorney"))
    response = client.get("/staff/reports/?start=2001-01&end=2026-12")
    assert response.context["board"].months[0] == "2024-01"
    assert "at most 36 months" in response.content.decode()


def test_work_figures_count_matters_and_dates_ahead(client, make_staff):
    lawyer = make_staff("attorney")
    matter = Matter.objects.create(title="Test matter", opened_at=timezone.now())
    closed = Matter.objects.create(
        title="Closed matter",
        opened_at=timezone.now(),
        status="closed",
        closed_at=timezone.now(),
        closed_by_id=lawyer.pk,
    )
    # A date on a closed matter is no longer work ahead.
    MatterDate.objects.create(matter=closed, kind="court", all_day=timezone.localdate())
    MatterDate.objects.create(
        matter=matter, kind="hearing", all_day=timezone.localdate() - timedelta(days=1)
    )
    MatterDate.objects.create(
        matter=matter, kind="court", all_day=timezone.localdate() + timedelta(days=3)
    )
    MatterDate.objects.create(
        matter=matter, kind="filing", all_day=timezone.localdate() + timedelta(days=90)
    )
    sign_in(client, lawyer)
    work = client.get("/staff/reports/").context["board"].work
    assert (work.matters_opened[-1], work.matters_closed[-1]) == (2, 1)
    assert (work.court_dates_next_30, work.deadlines_next_30, work.deadlines_later) == (1, 0, 1)


def test_downloads_hold_the_same_numbers_and_are_audited(client, make_staff):
    _screened(HOUSING, "Hinds")
    user = make_staff("attorney")
    sign_in(client, user)
    response = client.get("/staff/reports/complaints.csv?by=county")
    assert response["Content-Disposition"].startswith(
        'attachment; filename="rightsdesk-complaints-'
    )
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Complaints by county"]
    assert rows[2][0] == "All complaints" and rows[2][-1] == "1"
    assert ["Hinds County"] == [r[0] for r in rows[3:4]]
    book = load_workbook(io.BytesIO(client.get("/staff/reports/complaints.xlsx").content))
    assert book.sheetnames[0] == "Complaints by area of life"
    assert [c.value for c in book.worksheets[0]["A"]][1] == "All complaints"
    assert AuditEntry.objects.filter(action="report_downloaded").count() == 2
    assert client.get("/staff/reports/complaints.pdf").status_code == 404


def test_the_dashboard_costs_the_same_queries_however_many_complaints(client, make_staff):
    sign_in(client, make_staff("attorney"))
    _screened(HOUSING, "Hinds")
    one = queries_for(client, "/staff/reports/?by=county")
    for county in ("Rankin", "Madison", "Lee"):
        _screened(JOB, county, days_ago=50)
    assert queries_for(client, "/staff/reports/?by=county") == one
