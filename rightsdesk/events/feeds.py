"""Events as iCalendar: one file per event, the public feed of every event, and the entries the
staff's private feed (cases.services.calendar_feed_for_token) adds for organisers. Written by
the same serialiser as court dates, so time zones and daylight saving behave the same way."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from rightsdesk.cases.calendar_feed import feed_ics
from rightsdesk.cases.reminders import DatedItem
from rightsdesk.events.models import Event
from rightsdesk.geo.places import county_by_fips

PRODID = "-//RightsDesk//Events//EN"
# The public feed: what is coming, and what happened in the last month.
FEED_PAST = timedelta(days=30)
FEED_LIMIT = 500


def _zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def _where(event: Event, *, private: bool) -> str:
    if event.place == Event.Place.ONLINE:
        return _("Online")
    if event.place == Event.Place.AFTER_SIGNUP and not private:
        county = county_by_fips(event.county)
        prefix = f"{county}. " if county else ""
        return prefix + _("The address is given to people who sign up.")
    return event.address


def event_item(
    event: Event, *, private: bool = False, url: str = "", discreet: bool = False
) -> DatedItem:
    """``discreet``: for a file someone adds to their own phone, a sensitive event is only "an
    appointment" (its title could show on the lock screen), as in its emails."""
    title = _("Appointment") if discreet and event.sensitive else event.title
    if event.is_cancelled:
        title = _("Cancelled: %(title)s") % {"title": title}
    return DatedItem(
        uid=f"event-{event.pk}",
        title=title,
        starts=event.starts_at,
        ends=event.ends_at,
        all_day=None,
        lead_minutes=(),
        location=_where(event, private=private),
        description="" if discreet and event.sensitive else event.description,
        url=url,
    )


def event_ics(event: Event, *, url: str = "") -> bytes:
    item = event_item(event, url=url, discreet=True)
    return feed_ics([item], calendar_name=item.title, tz=_zone(), prodid=PRODID)


def public_feed_ics(
    *, url_for: Callable[[Event], str] = lambda event: "", now: datetime | None = None
) -> bytes:
    since = (now or timezone.now()) - FEED_PAST
    events = Event.objects.filter(ends_at__gte=since).order_by("starts_at", "pk")[:FEED_LIMIT]
    return feed_ics(
        [event_item(event, url=url_for(event)) for event in events],
        calendar_name=_("%(organisation)s events") % {"organisation": settings.ORGANISATION_NAME},
        tz=_zone(),
        prodid=PRODID,
    )


def staff_feed_items(user: Any, *, since: datetime) -> list[DatedItem]:
    """For an organiser's private feed: every event not cancelled, private addresses included
    (the feed's address is a secret of theirs)."""
    from rightsdesk.accounts.roles import EVENT_ORGANISERS

    if getattr(user, "role", None) not in EVENT_ORGANISERS:
        return []
    events = Event.objects.filter(ends_at__gte=since, cancelled_at__isnull=True).order_by(
        "starts_at", "pk"
    )[:FEED_LIMIT]
    return [event_item(event, private=True) for event in events]
