"""The iCalendar feed, read back with vobject: a second library, independent of icalendar.

vobject builds its time zone from the feed's own VTIMEZONE (dateutil's tzical), not from the
system tz database, so correct UTC instants here also prove the VTIMEZONE is right.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import vobject

from rightsdesk.cases.calendar_feed import feed_ics
from rightsdesk.cases.reminders import DatedItem, reminder_times

CHICAGO = ZoneInfo("America/Chicago")
STAMP = datetime(2026, 1, 5, 12, tzinfo=UTC)
HOUR, DAY, WEEK = 60, 1440, 10080
SYSTEM_CHICAGO = "/usr/share/zoneinfo/America/Chicago"
CLIENT_NAME = "María López-García"  # in the case file; must never reach a calendar app

ITEMS = [
    # 9:00 the day after spring forward; the week-lead alarm falls in standard time
    DatedItem(
        "hearing-12",
        "Court date: matter 12",
        datetime(2026, 3, 9, 9, tzinfo=CHICAGO),
        None,
        (WEEK, DAY, DAY + HOUR, HOUR),
    ),
    # second 01:30 on fall-back night: not expressible in local time (RFC 5545 reads the first)
    DatedItem(
        "hearing-13",
        "Court date: matter 13",
        datetime(2026, 11, 1, 1, 30, tzinfo=CHICAGO, fold=1),
        None,
        (HOUR, 0),
    ),
    # starts in standard time, ends in daylight time
    DatedItem(
        "hearing-14", "Court date: matter 14", datetime(2026, 3, 8, 1, 30, tzinfo=CHICAGO), None, ()
    ),
    DatedItem(
        "deadline-12",
        "Filing deadline: matter 12",
        None,
        date(2026, 11, 2),
        (WEEK, DAY, 2 * HOUR, 0),
    ),
    DatedItem("deadline-leap", "Filing deadline: matter 15", None, date(2028, 2, 29), (DAY,)),
]


def read(items: list[DatedItem], **kwargs: object) -> vobject.base.Component:
    data = feed_ics(
        items, calendar_name="Court dates: J. Staff", tz=CHICAGO, dtstamp=STAMP, **kwargs
    )
    return vobject.readOne(data.decode("utf-8"))


def events(cal: vobject.base.Component) -> dict[str, vobject.base.Component]:
    return {event.uid.value: event for event in cal.vevent_list}


def as_utc(value: datetime) -> datetime:
    return value.astimezone(UTC)


# Trigger as written, per RFC 5545 section 3.3.6: weeks/days are nominal (same wall-clock
# time), hours/minutes/seconds exact.
DURATION = re.compile(r"^([+-]?)P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$")


def raw_events(data: bytes) -> dict[str, vobject.base.Component]:
    """Events as written (no conversion of TRIGGER to timedelta, TZID params kept)."""
    return events(vobject.readOne(data.decode("utf-8"), transform=False))


def raw_triggers(data: bytes) -> dict[str, list[str]]:
    return {
        uid: [alarm.trigger.value for alarm in event.contents.get("valarm", [])]
        for uid, event in raw_events(data).items()
    }


def alarm_fires_at(
    event: vobject.base.Component, written_tzid: str | None, trigger: str
) -> datetime:
    """When a calendar app following RFC 5545 fires ``trigger`` of ``event``, in UTC."""
    match = DURATION.match(trigger)
    assert match, trigger
    sign, weeks, days, hours, minutes, seconds = match.groups()
    factor = -1 if sign == "-" else 1
    start = event.dtstart.value
    # Nominal days are counted in the zone DTSTART is written in: TZID, UTC, or (all-day,
    # floating) the app's own zone, Chicago for these staff.
    zone = ZoneInfo(written_tzid) if written_tzid else UTC
    if isinstance(start, datetime):
        wall = start.astimezone(zone).replace(tzinfo=None)
    else:
        zone = CHICAGO
        wall = datetime.combine(start, datetime.min.time())
    nominal = timedelta(days=7 * int(weeks or 0) + int(days or 0))
    exact = timedelta(hours=int(hours or 0), minutes=int(minutes or 0), seconds=int(seconds or 0))
    instant = (wall + factor * nominal).replace(tzinfo=zone).astimezone(UTC)
    return instant + factor * exact


def test_the_feed_has_one_event_per_item_with_stable_uids() -> None:
    cal = read(ITEMS)
    assert sorted(events(cal)) == sorted(f"{item.uid}@rightsdesk" for item in ITEMS)
    assert len(cal.vevent_list) == len(ITEMS)
    assert cal.x_wr_calname.value == "Court dates: J. Staff"


def test_timed_starts_read_back_as_the_same_instants() -> None:
    by_uid = events(read(ITEMS))
    for item in ITEMS:
        if item.starts is None:
            continue
        event = by_uid[f"{item.uid}@rightsdesk"]
        assert as_utc(event.dtstart.value) == as_utc(item.starts), item.uid
        assert as_utc(event.dtend.value) - as_utc(event.dtstart.value) == timedelta(hours=1)


def test_timed_starts_use_the_feeds_own_chicago_vtimezone() -> None:
    cal = read(ITEMS)
    assert [tz.tzid.value for tz in cal.vtimezone_list] == ["America/Chicago"]
    start = events(cal)["hearing-12@rightsdesk"].dtstart
    written = raw_events(feed_ics(ITEMS, calendar_name="c", tz=CHICAGO, dtstamp=STAMP))
    assert written["hearing-12@rightsdesk"].dtstart.params["TZID"] == ["America/Chicago"]
    assert (start.value.date(), start.value.time()) == (date(2026, 3, 9), time(9))
    assert not isinstance(start.value.tzinfo, ZoneInfo)  # vobject's, built from the VTIMEZONE
    assert as_utc(start.value) == datetime(2026, 3, 9, 14, tzinfo=UTC)


def test_the_second_fold_hour_is_written_in_utc_so_it_is_not_read_an_hour_early() -> None:
    start = events(read(ITEMS))["hearing-13@rightsdesk"].dtstart.value
    assert start.utcoffset() == timedelta(0)
    assert start == datetime(2026, 11, 1, 7, 30, tzinfo=UTC)


def test_all_day_items_are_dates_ending_the_next_day() -> None:
    by_uid = events(read(ITEMS))
    for uid, day in [("deadline-12", date(2026, 11, 2)), ("deadline-leap", date(2028, 2, 29))]:
        event = by_uid[f"{uid}@rightsdesk"]
        assert type(event.dtstart.value) is date
        assert event.dtstart.value == day
        assert event.dtend.value == day + timedelta(days=1)
        assert event.transp.value == "TRANSPARENT"


def test_each_lead_time_is_one_alarm() -> None:
    by_uid = events(read(ITEMS))
    for item in ITEMS:
        alarms = by_uid[f"{item.uid}@rightsdesk"].contents.get("valarm", [])
        assert len(alarms) == len(item.lead_minutes), item.uid
        assert all(alarm.action.value == "DISPLAY" for alarm in alarms)


def test_alarms_fire_when_the_server_side_reminders_are_sent() -> None:
    data = feed_ics(ITEMS, calendar_name="c", tz=CHICAGO, dtstamp=STAMP)
    by_uid = events(vobject.readOne(data.decode("utf-8")))
    written = raw_events(data)
    triggers = raw_triggers(data)
    for item in ITEMS:
        uid = f"{item.uid}@rightsdesk"
        tzid = written[uid].dtstart.params.get("TZID", [None])[0]
        fired = [alarm_fires_at(by_uid[uid], tzid, text) for text in triggers[uid]]
        assert fired == reminder_times(item, tz=CHICAGO), item.uid


def test_triggers_are_negative_durations_with_days_only_for_whole_day_leads() -> None:
    triggers = raw_triggers(feed_ics(ITEMS, calendar_name="c", tz=CHICAGO, dtstamp=STAMP))
    # -PT25H, not -P1DT1H: a calendar day plus an hour would be 24 h across spring forward.
    assert triggers["hearing-12@rightsdesk"] == ["-P7D", "-PT25H", "-P1D", "-PT1H"]
    assert triggers["hearing-13@rightsdesk"] == ["-PT1H", "PT0S"]
    # All-day: counted from 09:00 on the date, as the server does.
    assert triggers["deadline-12@rightsdesk"] == ["-P6DT15H", "-PT15H", "PT7H", "PT9H"]


def test_no_field_carries_anything_but_the_given_titles() -> None:
    cal = read(ITEMS)
    titles = {item.title for item in ITEMS}
    for event in cal.vevent_list:
        assert set(event.contents) <= {
            "uid",
            "dtstamp",
            "summary",
            "dtstart",
            "dtend",
            "transp",
            "valarm",
        }
        assert event.summary.value in titles
        for alarm in event.contents.get("valarm", []):
            assert set(alarm.contents) == {"action", "description", "trigger"}
            assert alarm.description.value == event.summary.value
    text = feed_ics(ITEMS, calendar_name="c", tz=CHICAGO, dtstamp=STAMP).decode("utf-8")
    assert CLIENT_NAME not in text
    assert "López" not in text


def test_a_title_cannot_inject_extra_properties() -> None:
    sneaky = "Court date\r\nATTENDEE:mailto:client@example.org\r\nLOCATION:12 Main St"
    item = DatedItem("h", sneaky, None, date(2026, 5, 1), (DAY,))
    (event,) = read([item]).vevent_list
    assert "attendee" not in event.contents
    assert "location" not in event.contents
    assert event.summary.value.replace("\n", "\r\n") == sneaky


def test_unicode_and_long_titles_survive_line_folding() -> None:
    title = "Audiencia: expediente 12 — señal, punto; coma \\ barra " + "ñ" * 80
    (event,) = read([DatedItem("h", title, None, date(2026, 5, 1), ())]).vevent_list
    assert event.summary.value == title


def test_dtstamp_is_the_given_instant_and_output_is_repeatable() -> None:
    assert feed_ics(ITEMS, calendar_name="c", tz=CHICAGO, dtstamp=STAMP) == feed_ics(
        ITEMS, calendar_name="c", tz=CHICAGO, dtstamp=STAMP
    )
    for event in read(ITEMS).vevent_list:
        assert event.dtstamp.value == STAMP


def test_dtstamp_defaults_to_now_in_utc() -> None:
    before = datetime.now(UTC).replace(microsecond=0)
    data = feed_ics(ITEMS[:1], calendar_name="c", tz=CHICAGO)
    (event,) = vobject.readOne(data.decode("utf-8")).vevent_list
    assert before <= event.dtstamp.value <= datetime.now(UTC)


def test_an_empty_feed_is_a_valid_calendar_without_time_zones() -> None:
    cal = read([])
    assert cal.contents.get("vevent", []) == []
    assert "vtimezone" not in cal.contents
    assert cal.version.value == "2.0"


@pytest.mark.skipif(not Path(SYSTEM_CHICAGO).exists(), reason="no system tz database")
def test_the_zone_must_have_an_iana_key() -> None:
    with open(SYSTEM_CHICAGO, "rb") as tzfile:
        keyless = ZoneInfo.from_file(tzfile)
    with pytest.raises(ValueError, match="IANA"):
        feed_ics(ITEMS, calendar_name="c", tz=keyless)
