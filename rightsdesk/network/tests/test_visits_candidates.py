"""The matcher's candidate read (visits.selectors.candidates_for): what the database works out
for each volunteer (free time on the day, required trainings not done) must be what the ranking
needs, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import time

import pytest

from rightsdesk.network.models import Availability, Volunteer
from rightsdesk.network.tests.trainings_helpers import attended, make_training
from rightsdesk.network.tests.visits_helpers import make_volunteer, next_saturday
from rightsdesk.network.visits.selectors import candidates_for

pytestmark = pytest.mark.django_db

SATURDAY = 5
ORIENTATION = "Detention visit orientation"
CREDIBLE_FEAR = "Credible-fear interviews"


def _by_id(**kwargs):
    defaults = {
        "on": next_saturday(),
        "purpose": "outreach",
        "attorneys": True,
        "languages": ["es"],
        "starts": time(9),
        "ends": time(13),
    }
    return {c.id: c for c in candidates_for(**(defaults | kwargs))}


def _interpreter(free=(), **fields):
    return make_volunteer(languages=[("es", "fluent", "")], free=list(free), **fields)


def test_free_time_on_the_day_is_whole_part_or_other_times():
    whole = _interpreter([(SATURDAY, 8, 14)])
    # Two rows overlapping part of the visit: the one that runs latest is kept, cut to the visit.
    part = _interpreter([(SATURDAY, 7, 10), (SATURDAY, 11, 17)])
    other = _interpreter([(SATURDAY, 14, 18)])
    silent = _interpreter([(SATURDAY - 1, 9, 13)])
    found = _by_id()
    assert found[whole.pk].windows == ((time(9), time(13)),)
    assert found[part.pk].windows == ((time(11), time(13)),)
    assert not found[part.pk].busy_during
    assert found[other.pk].windows == () and found[other.pk].busy_during
    assert found[silent.pk].windows == () and not found[silent.pk].busy_during


def test_a_row_for_the_date_counts_as_well_as_weekly_ones():
    volunteer = _interpreter()
    on = next_saturday()
    Availability.objects.create(volunteer=volunteer, on_date=on, starts=time(12), ends=time(15))
    assert _by_id(on=on)[volunteer.pk].windows == ((time(12), time(13)),)


def test_without_a_time_window_any_time_that_day_is_free_for_the_whole_day():
    volunteer = _interpreter([(SATURDAY, 14, 18)])
    found = _by_id(starts=None, ends=None)
    assert found[volunteer.pk].windows == ((time(0), time(23, 59)),)


def test_missing_trainings_are_named_and_a_cancelled_or_skipped_one_does_not_count():
    done = make_volunteer(kind=Volunteer.Kind.ATTORNEY)
    skipped = make_volunteer(kind=Volunteer.Kind.ATTORNEY)
    cancelled = make_volunteer(kind=Volunteer.Kind.ATTORNEY)
    orientation = make_training(in_days=-10)
    attended(orientation, done)
    attended(orientation, skipped, came=False)
    called_off = make_training(in_days=-5)
    attended(called_off, cancelled)
    called_off.cancelled_at = called_off.starts_at
    called_off.save()
    fear = make_training(topic="credible-fear-interviews", title=CREDIBLE_FEAR, in_days=-3)
    attended(fear, skipped)

    outreach = _by_id(languages=[])
    assert outreach[done.pk].missing == ()
    assert outreach[skipped.pk].missing == (ORIENTATION,)
    assert outreach[cancelled.pk].missing == (ORIENTATION,)
    # A credible-fear visit needs both topics; each is reported on its own.
    fear_visit = _by_id(languages=[], purpose="credible_fear")
    assert fear_visit[done.pk].missing == (CREDIBLE_FEAR,)
    assert fear_visit[skipped.pk].missing == (ORIENTATION,)
    assert fear_visit[cancelled.pk].missing == (CREDIBLE_FEAR, ORIENTATION)


def test_only_approved_volunteers_who_could_take_a_place_and_not_those_already_on():
    attorney = make_volunteer(kind=Volunteer.Kind.ATTORNEY, last_visit_on=next_saturday(-3))
    on_it = make_volunteer(kind=Volunteer.Kind.ATTORNEY)
    pending = make_volunteer(kind=Volunteer.Kind.ATTORNEY, status=Volunteer.Status.APPLIED)
    mam_only = make_volunteer(languages=[("mam", "native", "")])
    verified = make_volunteer(languages=[("es", "fluent", "native"), ("mam", "basic", "")])
    found = _by_id(languages=["es"], exclude=[on_it.pk])
    assert set(found) == {attorney.pk, verified.pk}
    assert found[attorney.pk].last_visit_on == next_saturday(-3)
    assert found[attorney.pk].county == "28049"
    # Only the languages the visit needs are read.
    assert set(found[verified.pk].languages) == {"es"}
    assert found[verified.pk].languages["es"].level == "native"
    assert mam_only.pk not in found and pending.pk not in found
    # No attorney places open: attorneys are not read at all.
    assert set(_by_id(attorneys=False)) == {verified.pk}


def test_the_read_costs_the_same_queries_for_3_or_30_volunteers(django_assert_num_queries):
    for _ in range(3):
        _interpreter([(SATURDAY, 8, 12)])
    with django_assert_num_queries(4):
        _by_id()
    for _ in range(27):
        _interpreter([(SATURDAY, 8, 12)])
    with django_assert_num_queries(4):
        assert len(_by_id()) == 30
