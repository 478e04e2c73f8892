"""When to remind staff about court dates and filing deadlines. Pure functions, no database.

Rules (the tests in cases/tests/test_reminders.py pin each one down):

- Lead times are whole minutes, 0 to 365 days. A lead that is a whole number of days
  (1440, 10080, ...) is a CALENDAR-DAY shift in local time: "1 day before a 9:00 hearing" is
  9:00 local the day before, even when a daylight-saving change lies in between (that day is
  then 23 or 25 hours long). Any other lead (60, 120, 1500...) is an exact duration.
- Timed items (hearings) are reminded relative to their start. All-day items (filing
  deadlines) are reminded relative to 09:00 local time on their date, so "1 day before" a
  deadline is 09:00 the day before, not midnight.
- A day shift can land on a wall-clock time that does not exist or exists twice in local time.
  Ambiguous times (autumn fall-back) take the first occurrence, fold=0, i.e. the daylight-time
  instant. Nonexistent times (spring-forward gap) move forward by the length of the gap:
  02:30 on the morning clocks jump from 02:00 to 03:00 becomes 03:30 daylight time. Both follow
  from PEP 495's fold=0 reading, which uses the offset in force before the transition.
- due_reminders never reminds about something that is over: a hearing is over once it has
  started; a filing deadline stays open until its local date has ended.
- Per item, only the LATEST reminder whose time has come is ever sent. If the sender was down,
  or an item was entered late (a hearing in 3 days with a 1-week and a 4-day lead), staff get
  one reminder now rather than a burst of stale ones; the superseded earlier leads are skipped
  for good, since a later reminder has already covered them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

MINUTES_PER_DAY = 24 * 60
MAX_LEAD_MINUTES = 365 * MINUTES_PER_DAY
# All-day items have no time of their own; reminders count back from this local time.
ALL_DAY_REFERENCE_TIME = time(9, 0)


@dataclass(frozen=True)
class DatedItem:
    """A court date (``starts``, aware) or a filing deadline (``all_day``): exactly one is set.

    ``title`` ends up in people's calendar apps and reminder messages, so it must be safe to
    show there: "Court date: matter 12", never a client's name.
    ``lead_minutes`` is normalised by validate_lead_minutes (largest first, no duplicates).
    """

    uid: str
    title: str
    starts: datetime | None
    all_day: date | None
    lead_minutes: tuple[int, ...]
    # When a timed item ends, if it is not the default hour (a facility visit's time window).
    ends: datetime | None = None
    # Public events only (the events app): where, and a line or two about it.
    location: str = ""
    description: str = ""
    url: str = ""

    def __post_init__(self) -> None:
        if not self.uid:
            raise ValueError("DatedItem needs a uid")
        if (self.starts is None) == (self.all_day is None):
            raise ValueError("set exactly one of starts and all_day")
        if self.starts is not None and (
            not isinstance(self.starts, datetime) or self.starts.utcoffset() is None
        ):
            # A naive time would silently be read as the server's zone.
            raise ValueError("starts must be a timezone-aware datetime")
        # datetime is a subclass of date: refuse it, or a time would be dropped silently.
        if self.all_day is not None and isinstance(self.all_day, datetime):
            raise ValueError("all_day must be a date, not a datetime")
        # Frozen: set the normalised tuple the way dataclasses do internally.
        object.__setattr__(self, "lead_minutes", validate_lead_minutes(self.lead_minutes))


def validate_lead_minutes(values: Iterable[int]) -> tuple[int, ...]:
    """Check lead times chosen by staff; return them without duplicates, largest first.

    Refuses negatives (a reminder after the event), more than 365 days, and anything that
    is not a whole number of minutes (bool and float included: 1.5 or True is a form bug).
    0 is allowed: "at the time" for calendar apps and 09:00 on the day for deadlines.
    A timed hearing is over once it starts, so due_reminders never sends a 0 lead for one.
    """
    leads: set[int] = set()
    for value in values:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"lead time must be whole minutes, got {value!r}")
        if value < 0:
            raise ValueError(f"lead time cannot be negative: {value}")
        if value > MAX_LEAD_MINUTES:
            raise ValueError(f"lead time cannot be more than 365 days: {value} minutes")
        leads.add(value)
    return tuple(sorted(leads, reverse=True))


def _to_utc(local: datetime, tz: ZoneInfo) -> datetime:
    """Read a naive local wall-clock time in ``tz`` deterministically.

    fold=0: an ambiguous time is its first (daylight) occurrence; a time in a gap uses the
    pre-transition offset, which lands it past the gap by the gap's length (PEP 495).
    """
    return local.replace(tzinfo=tz, fold=0).astimezone(UTC)


def _reference_local(item: DatedItem, tz: ZoneInfo) -> datetime:
    """The naive local wall-clock time reminders count back from."""
    if item.starts is not None:
        return item.starts.astimezone(tz).replace(tzinfo=None, fold=0)
    assert item.all_day is not None  # guaranteed by __post_init__; narrows the type
    return datetime.combine(item.all_day, ALL_DAY_REFERENCE_TIME)


def _reference_instant(item: DatedItem, tz: ZoneInfo) -> datetime:
    if item.starts is not None:
        # Not via wall-clock: a hearing given at 01:30 CST on fall-back day stays that instant.
        return item.starts.astimezone(UTC)
    return _to_utc(_reference_local(item, tz), tz)


def _reminder_time(item: DatedItem, lead: int, tz: ZoneInfo) -> datetime:
    days, rest = divmod(lead, MINUTES_PER_DAY)
    if days and not rest:
        # Whole days: shift the calendar date, keep the wall-clock time. (Not for 0: going via
        # the wall clock would move a start in the second fall-back hour to the first.)
        shifted = _reference_local(item, tz) - timedelta(days=days)
        return _to_utc(shifted, tz)
    return _reference_instant(item, tz) - timedelta(minutes=lead)


def reminder_times(item: DatedItem, *, tz: ZoneInfo) -> list[datetime]:
    """The aware UTC instant to send each of ``item.lead_minutes``, in the same order."""
    return [_reminder_time(item, lead, tz) for lead in item.lead_minutes]


def _still_ahead(item: DatedItem, now: datetime, tz: ZoneInfo) -> bool:
    """Whether ``item`` is not over yet at ``now`` (aware, UTC)."""
    if item.starts is not None:
        # Compare in UTC: two datetimes sharing a tzinfo compare by wall clock, ignoring fold.
        return now < item.starts.astimezone(UTC)
    assert item.all_day is not None
    # A filing deadline can still be met until its local day is over.
    return now.astimezone(tz).date() <= item.all_day


def due_reminders(
    items: Iterable[DatedItem],
    *,
    now: datetime,
    already_sent: set[tuple[str, int]],
    tz: ZoneInfo,
) -> list[tuple[DatedItem, int]]:
    """The (item, lead) reminders to send now, oldest reminder time first.

    For each item that is not over yet, take its leads whose reminder time is <= now and keep
    the one due most recently; return it unless (uid, lead) is in ``already_sent``. So a
    1-week lead on a hearing entered 3 days ahead is returned at once, exactly one time, and
    the 1-day lead still comes on its own day. Callers record what they send in
    ``already_sent`` and must forget an item's entries when its date changes, otherwise the
    rescheduled date's reminders look sent already.
    """
    if now.utcoffset() is None:
        raise ValueError("now must be a timezone-aware datetime")
    now = now.astimezone(UTC)
    due: list[tuple[datetime, str, int, DatedItem]] = []
    for item in items:
        if not _still_ahead(item, now, tz):
            continue
        passed = [
            (when, lead)
            for lead, when in zip(item.lead_minutes, reminder_times(item, tz=tz), strict=True)
            if when <= now
        ]
        if not passed:
            continue
        # Latest time wins; on a tie the shorter lead (the more specific reminder).
        when, lead = max(passed, key=lambda pair: (pair[0], -pair[1]))
        if (item.uid, lead) not in already_sent:
            due.append((when, item.uid, lead, item))
    due.sort(key=lambda row: row[:3])
    return [(item, lead) for _, _, lead, item in due]
