"""The screening queue at any size: a count capped a little past the page shown, tag rows that
carry the queue's sort key, and plans that walk an index in queue order instead of sorting."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rightsdesk.conftest import queries_for, sign_in
from rightsdesk.intake.models import Complaint
from rightsdesk.intake.services import complaint_create
from rightsdesk.triage import paging, selectors, views
from rightsdesk.triage.models import Screening, ScreeningTag
from rightsdesk.triage.services import screening_correct, screening_run
from rightsdesk.triage.tests.test_desk import _make

pytestmark = pytest.mark.django_db

HOUSING = "The landlord would not rent to us because we are Black."


@pytest.fixture
def small_pages(monkeypatch):
    """Pages of 2 and a count that stops past 4 rows, so a few complaints exceed the cap."""
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    monkeypatch.setattr(paging, "COUNT_STEP", 4)
    monkeypatch.setattr(paging, "MAX_ROWS", 8)


def test_the_count_stops_a_little_past_the_page_and_says_more_than(client, make_staff, small_pages):
    sign_in(client, make_staff("intake"))
    for _ in range(11):
        _make(HOUSING, county="Scott", city="Forest")
    _make(HOUSING)  # another county: filtered out below

    first = client.get("/staff/screening/?county=Scott").content.decode()
    assert "More than 4 complaints" in first and "Page 1 of more than 2" in first
    assert '<a href="?county=Scott&amp;page=2">Next</a>' in first
    # Page 3 needs rows 5 and 6 and one after them: the count reaches the next step, 8.
    third = client.get("/staff/screening/?county=Scott&page=3").content.decode()
    assert "More than 8 complaints" in third and "Page 3 of more than 4" in third
    assert '<a href="?county=Scott&amp;page=2">Previous</a>' in third
    assert '<a href="?county=Scott&amp;page=4">Next</a>' in third
    # No deeper than MAX_ROWS by page number: a hand-typed page shows the last one reachable.
    deep = client.get("/staff/screening/?county=Scott&page=999999").content.decode()
    assert "Page 4 of more than 4" in deep and "page=5" not in deep

    # Below the cap the count is exact, as before.
    exact = client.get("/staff/screening/?county=Hinds").content.decode()
    assert "1 complaint" in exact and "More than" not in exact and "pagination" not in exact


def test_the_count_is_a_count_over_a_limited_subquery(client, make_staff):
    sign_in(client, make_staff("intake"))
    _make(HOUSING)
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/staff/screening/", {"tag": "areas:housing"}).status_code == 200
    counts = [q["sql"] for q in captured.captured_queries if "COUNT(" in q["sql"].upper()]
    assert len(counts) == 1
    assert re.search(r"LIMIT\s+1001\b", counts[0]), counts[0]


def test_the_paginator_bounds_how_far_it_counts():
    queryset = Complaint.objects.all()
    assert paging.CappedPaginator(queryset, 50, number=1).cap == 1_000
    assert paging.CappedPaginator(queryset, 50, number=20).cap == 2_000
    assert paging.CappedPaginator(queryset, 50, number="not a number").cap == 1_000
    assert paging.CappedPaginator(queryset, 50, number=10**9).cap == paging.MAX_ROWS


def test_tag_rows_carry_the_screenings_rank_and_complaint_through_rescreening(make_staff):
    complaint = _make(HOUSING)
    screening = Screening.objects.get(complaint=complaint)
    tags = ScreeningTag.objects.filter(screening=screening)
    assert tags.exists()
    assert set(tags.values_list("urgency_rank", "complaint_id")) == {
        (screening.urgency_rank, complaint.pk)
    }
    assert screening.urgency_rank != 0
    # Now in custody: the rank changes, and every tag row, kept or new, follows it.
    screening_correct(
        screening=screening,
        by=make_staff("attorney"),
        accepted={"areas": ["housing", "employment"], "classes": [], "actors": [], "urgency": []},
        scope=screening.scope,
    )
    Complaint.objects.filter(pk=complaint.pk).update(in_custody=True)
    screening_run(complaint=Complaint.objects.get(pk=complaint.pk))
    screening.refresh_from_db()
    assert screening.urgency_rank == 0
    assert set(tags.values_list("urgency_rank", "complaint_id")) == {(0, complaint.pk)}
    assert tags.filter(source="staff", tag="employment").exists()


def test_the_queue_filtered_by_tag_keeps_the_urgency_order(client, make_staff, small_pages):
    plain = _make(HOUSING)
    custody = _make(HOUSING, detention={"is_detained": True, "facility": "Hinds County Jail"})
    Complaint.objects.filter(pk=custody.pk).update(in_custody=True)
    screening_run(complaint=Complaint.objects.get(pk=custody.pk))
    later = _make(HOUSING)
    _make("Deputies stopped us at a checkpoint.")  # no housing tag
    sign_in(client, make_staff("attorney"))
    first = client.get("/staff/screening/", {"tag": "areas:housing"}).content.decode()
    assert first.index(custody.reference) < first.index(plain.reference)
    assert later.reference not in first
    assert "3 complaints" in first and "Page 1 of 2" in first
    assert '<a href="?tag=areas%3Ahousing&amp;page=2">Next</a>' in first
    second = client.get("/staff/screening/", {"tag": "areas:housing", "page": 2}).content.decode()
    assert later.reference in second and plain.reference not in second
    # Filters combine with the tag.
    both = client.get("/staff/screening/", {"tag": "areas:housing", "county": "Scott"})
    assert "No complaints match." in both.content.decode()


@pytest.mark.parametrize(
    "url", ["/staff/screening/", "/staff/screening/?county=Hinds&tag=areas:housing"]
)
def test_deep_pages_cost_the_same_queries_as_the_first(client, make_staff, small_pages, url):
    sign_in(client, make_staff("intake"))
    for _ in range(7):
        _make(HOUSING)
    first = queries_for(client, url)
    joiner = "&" if "?" in url else "?"
    assert queries_for(client, f"{url}{joiner}page=3") == first
    for _ in range(6):
        _make(HOUSING)
    assert queries_for(client, f"{url}{joiner}page=3") == first


def _plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return "\n".join(str(row[-1]) for row in cursor.fetchall())


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's plans; PostgreSQL costs them")
@pytest.mark.parametrize(
    ("filters", "index"),
    [
        ({}, "triage_scre_urgency_48f310_idx"),
        ({"county": "Hinds"}, "triage_scre_county_cace04_idx"),
        ({"tag": "areas:housing"}, "triage_tag_queue_idx"),
    ],
)
def test_each_page_walks_an_index_in_queue_order_without_sorting(filters, index):
    queue = selectors.screening_queue(selectors.QueueFilters(**filters))
    plan = _plan(queue[:50])
    assert index in plan, plan
    assert "TEMP B-TREE" not in plan, plan


def test_complaints_not_screened_yet_are_listed_from_the_newest_arrivals(client, make_staff):
    screened = _make(HOUSING)
    waiting, _ = complaint_create(
        data={"contact": {"name": "A"}, "incident": {"what": "ICE raid at work"}},
        kind="help",
        source="online",
        language="en",
    )
    assert [c.pk for c in selectors.unscreened_complaints()] == [waiting.pk]
    sign_in(client, make_staff("intake"))
    html = client.get("/staff/screening/").content.decode()
    assert waiting.reference in html and screened.reference in html
