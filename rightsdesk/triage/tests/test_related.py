"""The related-complaints look-ups stay short index walks however many complaints there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from rightsdesk.triage.models import ComplaintEntity, Screening
from rightsdesk.triage.selectors import same_party_ids, same_weeks_ids
from rightsdesk.triage.tests.test_desk import _make

pytestmark = pytest.mark.django_db

STORY = "Deputies at the checkpoint took my license."


def test_a_screening_carries_its_complaints_arrival_time():
    complaint = _make(STORY, days_ago=12)
    assert Screening.objects.get(complaint=complaint).received_at == complaint.received_at


def test_same_weeks_finds_the_newest_from_the_county_inside_the_window_only():
    here = _make(STORY, days_ago=100)
    near = [_make(STORY, days_ago=100 + d) for d in (-50, -10, 30)]
    _make(STORY, days_ago=100 - 70)  # outside the window
    _make(STORY, days_ago=100, county="Madison")  # another county
    found = same_weeks_ids(
        here.pk, county="Hinds", received_at=here.received_at, window_days=60, limit=10
    )
    # Newest first: 50 days after, 10 days after, 30 days before.
    assert found == [c.pk for c in near]
    assert same_weeks_ids(
        here.pk, county="Hinds", received_at=here.received_at, window_days=60, limit=2
    ) == [near[0].pk, near[1].pk]


def test_same_party_gives_the_newest_across_every_party_named():
    complaint = _make(STORY)
    others = [_make(STORY) for _ in range(4)]
    ComplaintEntity.objects.filter(complaint__in=[complaint, *others]).delete()
    ComplaintEntity.objects.create(complaint=complaint, entity_hash="a" * 32, raw_hash="a" * 32)
    ComplaintEntity.objects.create(complaint=complaint, entity_hash="b" * 32, raw_hash="b" * 32)
    for other, party in zip(others, "aabb", strict=True):
        ComplaintEntity.objects.create(complaint=other, entity_hash=party * 32, raw_hash="")
    assert same_party_ids(complaint.pk, limit=10) == sorted((c.pk for c in others), reverse=True)
    assert same_party_ids(complaint.pk, limit=3) == sorted((c.pk for c in others), reverse=True)[:3]
    # others[0] names party a, like the complaint and others[1].
    assert same_party_ids(others[0].pk) == sorted([complaint.pk, others[1].pk], reverse=True)


def _plans_of(look_up) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        look_up()
    plans = []
    with connection.cursor() as cursor:
        for query in captured.captured_queries:
            cursor.execute("EXPLAIN QUERY PLAN " + query["sql"])
            plans.append("\n".join(str(row[-1]) for row in cursor.fetchall()))
    return plans


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's plans; PostgreSQL costs them")
def test_both_look_ups_walk_an_index_without_sorting():
    complaint = _make(STORY)
    ComplaintEntity.objects.get_or_create(complaint=complaint, entity_hash="a" * 32)
    *_, party = _plans_of(lambda: same_party_ids(complaint.pk))
    assert "triage_entity_newest_idx" in party and "TEMP B-TREE" not in party, party
    (weeks,) = _plans_of(
        lambda: same_weeks_ids(
            complaint.pk, county="Hinds", received_at=timezone.now(), window_days=60
        )
    )
    assert "triage_screening_weeks_idx" in weeks and "TEMP B-TREE" not in weeks, weeks
