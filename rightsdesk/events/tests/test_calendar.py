"""The public calendar: what is coming, filters, past events, cancelled ones, the page's weight."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from rightsdesk.conftest import queries_for
from rightsdesk.events.models import Event
from rightsdesk.events.tests.helpers import HINDS, LEAKE, MADISON, make_event

pytestmark = pytest.mark.django_db


def _titles(response) -> list[str]:
    return [event.title for event in response.context["page"].object_list]


def test_upcoming_events_soonest_first_and_past_ones_below(client):
    now = timezone.now()
    make_event(title="Later", starts=now + timedelta(days=9))
    make_event(title="Sooner", starts=now + timedelta(days=2))
    make_event(title="Last month", starts=now - timedelta(days=30))
    make_event(title="Called off in the past", starts=now - timedelta(days=3),
               cancelled_at=now - timedelta(days=5))  # fmt: skip
    response = client.get("/events/")
    assert _titles(response) == ["Sooner", "Later"]
    assert [event.title for event in response.context["past"]] == ["Last month"]


def test_filters_by_kind_county_and_language_including_interpretation(client):
    make_event(title="KYR Canton", county=MADISON, languages=",es,")
    make_event(title="Town hall Jackson", kind=Event.Kind.TOWN_HALL, county=HINDS,
               languages=",en,", interpretation=",es,")  # fmt: skip
    make_event(title="101 Carthage", kind=Event.Kind.IMMIGRATION_101, county=LEAKE,
               languages=",en,")  # fmt: skip
    assert _titles(client.get("/events/?kind=town_hall")) == ["Town hall Jackson"]
    assert _titles(client.get(f"/events/?county={LEAKE}")) == ["101 Carthage"]
    assert sorted(_titles(client.get("/events/?language=es"))) == [
        "KYR Canton",
        "Town hall Jackson",
    ]
    nothing = client.get(f"/events/?county={LEAKE}&language=es")
    assert "No events match what you chose" in nothing.content.decode()
    # An old link with a value that is no longer a choice shows everything, not an error.
    assert len(_titles(client.get("/events/?kind=picnic"))) == 3


def test_a_cancelled_event_stays_listed_marked_until_it_would_have_ended(client):
    make_event(title="Called off", cancelled_at=timezone.now())
    body = client.get("/events/").content.decode()
    assert "Called off" in body and "Cancelled" in body


def test_the_calendar_is_light_and_its_queries_do_not_grow_with_events(client):
    for n in range(5):
        make_event(title=f"Workshop {n}", starts=timezone.now() + timedelta(days=n + 1))
    few = queries_for(client, "/events/")
    for n in range(30):
        make_event(title=f"More {n}", starts=timezone.now() + timedelta(days=n + 1))
    assert queries_for(client, "/events/") == few
    response = client.get("/events/")
    assert len(response.content) < 30 * 1024
    assert b"<script" not in response.content


def test_the_calendar_and_an_event_in_spanish(client):
    event = make_event(title="Conozca sus derechos")
    client.cookies["rd_language"] = "es"
    calendar = client.get("/events/").content.decode()
    assert "Talleres y eventos" in calendar
    page = client.get(f"/events/{event.pk}/").content.decode()
    assert "Taller sobre sus derechos" in page  # the kind, in Spanish
    assert "En inglés, español" in page


def test_an_unknown_event_is_a_plain_not_found(client):
    assert Client().get("/events/999/").status_code == 404


def test_the_demo_has_a_tour_a_full_workshop_with_a_waiting_list_and_past_events(client):
    from rightsdesk.events import demo
    from rightsdesk.events.models import Registration

    demo.demo(timezone.now())
    demo.demo(timezone.now())  # loading twice adds nothing
    assert Event.objects.count() == len(demo.EVENTS)
    assert Registration.objects.filter(status="waiting").exists()
    response = client.get("/events/")
    past = sum(1 for row in demo.EVENTS if row[0] < 0)
    assert past == 4
    assert len(response.context["page"].object_list) == len(demo.EVENTS) - past
    assert len(response.context["past"]) == past
