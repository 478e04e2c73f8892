"""Reads for the public calendar and the staff's event pages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from rightsdesk.events.models import Event, Registration

PAST_SHOWN = 20


@dataclass(frozen=True)
class CalendarFilter:
    kind: str = ""
    county: str = ""  # FIPS
    language: str = ""  # held in it, or interpreted into it


def _filtered(events: QuerySet[Event], chosen: CalendarFilter) -> QuerySet[Event]:
    if chosen.kind:
        events = events.filter(kind=chosen.kind)
    if chosen.county:
        events = events.filter(county=chosen.county)
    if chosen.language:
        code = f",{chosen.language},"
        events = events.filter(languages__contains=code) | events.filter(
            interpretation__contains=code
        )
    return events


def upcoming_events(chosen: CalendarFilter, *, now: datetime | None = None) -> QuerySet[Event]:
    """Events not yet over, soonest first; cancelled ones stay listed (marked) until they would
    have ended, so someone who planned to come learns it is off."""
    now = now or timezone.now()
    return _filtered(Event.objects.filter(ends_at__gt=now), chosen).order_by("starts_at", "pk")


def past_events(chosen: CalendarFilter, *, now: datetime | None = None) -> list[Event]:
    now = now or timezone.now()
    events = _filtered(Event.objects.filter(ends_at__lte=now, cancelled_at__isnull=True), chosen)
    # With their handouts, in one more query however many past events are shown.
    return list(events.order_by("-starts_at", "-pk").prefetch_related("materials")[:PAST_SHOWN])


def staff_events() -> QuerySet[Event]:
    return Event.objects.order_by("-starts_at", "-pk")


def attendance(event: Event) -> dict[str, Any]:
    """The door list (people with a place, then the waiting list) and its counts."""
    people = list(
        event.registrations.exclude(status=Registration.Status.CANCELLED).order_by(
            "created_at", "pk"
        )
    )
    confirmed = [r for r in people if r.status == Registration.Status.CONFIRMED]
    waiting = [r for r in people if r.status == Registration.Status.WAITING]
    interpretation: dict[str, int] = {}
    for registration in confirmed:
        if registration.interpretation:
            interpretation[registration.interpretation] = (
                interpretation.get(registration.interpretation, 0) + registration.party_size
            )
    return {
        "confirmed": confirmed,
        "waiting": waiting,
        "expected": sum(r.party_size for r in confirmed),
        "arrived": sum(r.party_size for r in confirmed if r.checked_in_at),
        "waiting_people": sum(r.party_size for r in waiting),
        "interpretation": sorted(interpretation.items()),
    }


@dataclass(frozen=True)
class CountyVisits:
    fips: str
    name: str
    events: int
    signed_up: int
    checked_in: int
    walk_ins: int
    last: datetime | None

    @property
    def came(self) -> int:
        """People counted at the door: those checked in and those who walked in."""
        return self.checked_in + self.walk_ins


def where_we_have_been(start: datetime, end: datetime) -> list[CountyVisits]:
    """Every Mississippi county with its events (not cancelled) starting in [start, end) and
    their attendance, the ones never visited included: planning the next tour starts there.
    Two grouped queries, whatever the number of events."""
    from django.db.models import Count, Max, Q, Sum

    from rightsdesk.geo.places import counties

    held = Event.objects.filter(
        starts_at__gte=start, starts_at__lt=end, cancelled_at__isnull=True
    ).exclude(county="")
    per_county = {
        row["county"]: row
        for row in held.values("county")
        .annotate(events=Count("pk"), walk_ins=Sum("walk_in_count"), last=Max("starts_at"))
        .order_by()
    }
    confirmed = Q(status=Registration.Status.CONFIRMED)
    people = {
        row["event__county"]: row
        for row in Registration.objects.filter(event__in=held)
        .values("event__county")
        .annotate(
            signed_up=Sum("party_size", filter=confirmed),
            checked_in=Sum("party_size", filter=confirmed & Q(checked_in_at__isnull=False)),
        )
        .order_by()
    }
    rows = []
    for county in counties():
        events = per_county.get(county.fips, {})
        seen = people.get(county.fips, {})
        rows.append(
            CountyVisits(
                fips=county.fips,
                name=str(county),
                events=events.get("events", 0),
                signed_up=seen.get("signed_up") or 0,
                checked_in=seen.get("checked_in") or 0,
                walk_ins=events.get("walk_ins") or 0,
                last=events.get("last"),
            )
        )
    return rows


def staff_events_with_counts() -> QuerySet[Event]:
    """The organisers' list, with places taken and people waiting per event."""
    from django.db.models import Q, Sum

    return staff_events().annotate(
        signed_up=Sum("registrations__party_size", filter=Q(registrations__status="confirmed")),
        waiting=Sum("registrations__party_size", filter=Q(registrations__status="waiting")),
    )
