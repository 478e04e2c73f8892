"""Reminder times for court dates and deadlines, across the 2026 US daylight-saving changes.

America/Chicago: clocks jump 02:00 CST -> 03:00 CDT on 2026-03-08 and fall back
02:00 CDT -> 01:00 CST on 2026-11-01. CST is UTC-6, CDT is UTC-5.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from rightsdesk.cases.reminders import (
    MAX_LEAD_MINUTES,
    DatedItem,
    due_reminders,
    reminder_times,
    validate_lead_minutes,
)

CHICAGO = ZoneInfo("America/Chicago")
HOUR, DAY, WEEK = 60, 1440, 10080


def hearing(when: datetime, *leads: int, uid: str = "hearing-1") -> DatedItem:
    return DatedItem(
        uid=uid, title="Court date: matter 12", starts=when, all_day=None, lead_minutes=leads
    )


def deadline(day: date, *leads: int, uid: str = "deadline-1") -> DatedItem:
    return DatedItem(
        uid=uid, title="Filing deadline: matter 12", starts=None, all_day=day, lead_minutes=leads
    )


def local(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, *, fold: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=CHICAGO, fold=fold)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def only_time(item: DatedItem) -> datetime:
    (when,) = reminder_times(item, tz=CHICAGO)
    return when


# --- reminder_times ----------------------------------------------------------------------


def test_one_day_before_a_hearing_the_day_after_spring_forward_is_9am_daylight_time() -> None:
    when = only_time(hearing(local(2026, 3, 9, 9), DAY))
    assert when == utc(2026, 3, 8, 14)
    assert when.astimezone(CHICAGO).strftime("%Y-%m-%d %H:%M %Z") == "2026-03-08 09:00 CDT"


def test_one_week_before_that_hearing_is_9am_standard_time() -> None:
    when = only_time(hearing(local(2026, 3, 9, 9), WEEK))
    assert when == utc(2026, 3, 2, 15)
    assert when.astimezone(CHICAGO).strftime("%Y-%m-%d %H:%M %Z") == "2026-03-02 09:00 CST"
    # The week in between is an hour short, and the reminder keeps 09:00 anyway.
    assert local(2026, 3, 9, 9) - when == timedelta(days=7, hours=-1)


def test_one_day_before_a_hearing_on_the_spring_forward_day_is_23_hours_before() -> None:
    starts = local(2026, 3, 8, 9)  # CDT; the day before is still CST
    when = only_time(hearing(starts, DAY))
    assert when == utc(2026, 3, 7, 15)
    assert when.astimezone(CHICAGO).strftime("%Y-%m-%d %H:%M %Z") == "2026-03-07 09:00 CST"
    assert starts - when == timedelta(hours=23)


def test_a_60_minute_lead_is_exactly_60_minutes_even_across_the_jump() -> None:
    assert only_time(hearing(local(2026, 3, 9, 9), HOUR)) == utc(2026, 3, 9, 13)
    # 03:30 CDT on the jump morning: an hour earlier is 01:30 CST, not the missing 02:30.
    starts = local(2026, 3, 8, 3, 30)
    when = only_time(hearing(starts, HOUR))
    assert starts - when == timedelta(minutes=60)
    assert when.astimezone(CHICAGO).strftime("%H:%M %Z") == "01:30 CST"


def test_leads_that_are_not_whole_days_are_exact_durations() -> None:
    starts = local(2026, 3, 9, 9)
    assert starts - only_time(hearing(starts, DAY + HOUR)) == timedelta(hours=25)
    assert starts - only_time(hearing(starts, 2 * HOUR)) == timedelta(hours=2)


def test_one_day_before_an_all_day_deadline_the_day_after_fall_back_is_9am_standard_time() -> None:
    when = only_time(deadline(date(2026, 11, 2), DAY))
    assert when == utc(2026, 11, 1, 15)
    assert when.astimezone(CHICAGO).strftime("%Y-%m-%d %H:%M %Z") == "2026-11-01 09:00 CST"


def test_all_day_deadlines_count_back_from_9am_on_the_day() -> None:
    item = deadline(date(2026, 11, 2), WEEK, 2 * HOUR, 0)
    assert reminder_times(item, tz=CHICAGO) == [
        local(2026, 10, 26, 9),  # a week before, still daylight time
        local(2026, 11, 2, 7),
        local(2026, 11, 2, 9),
    ]


def test_one_day_before_a_hearing_on_the_fall_back_day_is_25_hours_before() -> None:
    starts = local(2026, 11, 1, 9)  # CST; the day before is still CDT
    when = only_time(hearing(starts, DAY))
    assert when == utc(2026, 10, 31, 14)
    assert when.astimezone(CHICAGO).strftime("%Y-%m-%d %H:%M %Z") == "2026-10-31 09:00 CDT"
    assert starts - when == timedelta(hours=25)


def test_a_day_shift_into_the_spring_forward_gap_moves_forward_by_the_gap() -> None:
    # 02:30 on 2026-03-08 does not exist in Chicago; it becomes 03:30 CDT.
    when = only_time(hearing(local(2026, 3, 9, 2, 30), DAY))
    assert when == utc(2026, 3, 8, 8, 30)
    assert when.astimezone(CHICAGO).strftime("%H:%M %Z") == "03:30 CDT"


def test_a_day_shift_into_the_fall_back_fold_takes_the_first_occurrence() -> None:
    # 01:30 on 2026-11-01 happens twice; fold=0 is the first one, still CDT.
    when = only_time(hearing(local(2026, 11, 2, 1, 30), DAY))
    assert when == utc(2026, 11, 1, 6, 30)
    assert when.astimezone(CHICAGO).strftime("%H:%M %Z") == "01:30 CDT"


def test_a_hearing_in_the_second_fold_hour_keeps_its_exact_instant() -> None:
    second = local(2026, 11, 1, 1, 30, fold=1)  # 01:30 CST = 07:30 UTC
    # (== across zones is always False for a fold=1 time, PEP 495; compare in UTC.)
    assert second.astimezone(UTC) == utc(2026, 11, 1, 7, 30)
    assert only_time(hearing(second, HOUR)) == utc(2026, 11, 1, 6, 30)
    assert only_time(hearing(second, 0)) == utc(2026, 11, 1, 7, 30)


def test_a_start_given_in_utc_is_shifted_in_local_calendar_days() -> None:
    when = only_time(hearing(utc(2026, 3, 9, 14), DAY))  # 09:00 CDT
    assert when == local(2026, 3, 8, 9)
    assert when.tzinfo is UTC


def test_reminder_times_follow_the_normalised_lead_order() -> None:
    item = hearing(local(2026, 3, 9, 9), HOUR, WEEK, DAY, HOUR)
    assert item.lead_minutes == (WEEK, DAY, HOUR)
    assert reminder_times(item, tz=CHICAGO) == [
        utc(2026, 3, 2, 15),
        utc(2026, 3, 8, 14),
        utc(2026, 3, 9, 13),
    ]


def test_an_item_without_leads_has_no_reminders() -> None:
    assert reminder_times(hearing(local(2026, 3, 9, 9)), tz=CHICAGO) == []


def test_february_29_2028_items_shift_by_calendar_days() -> None:
    leap_hearing = hearing(local(2028, 2, 29, 10), DAY, WEEK, HOUR)
    assert reminder_times(leap_hearing, tz=CHICAGO) == [
        local(2028, 2, 22, 10),
        local(2028, 2, 28, 10),
        local(2028, 2, 29, 9),
    ]
    assert only_time(deadline(date(2028, 3, 1), DAY)) == local(2028, 2, 29, 9)
    assert only_time(deadline(date(2028, 2, 29), 365 * DAY)) == local(2027, 3, 1, 9)
    assert only_time(hearing(local(2028, 2, 29, 0, 30), HOUR)) == local(2028, 2, 28, 23, 30)


# --- due_reminders -----------------------------------------------------------------------


def due(items: list[DatedItem], now: datetime, sent: set[tuple[str, int]] | None = None) -> list:
    return [
        (item.uid, lead)
        for item, lead in due_reminders(items, now=now, already_sent=sent or set(), tz=CHICAGO)
    ]


def test_a_reminder_is_due_from_its_time_on_and_not_before() -> None:
    item = hearing(local(2026, 3, 9, 9), DAY)
    assert due([item], utc(2026, 3, 8, 13, 59)) == []
    assert due([item], utc(2026, 3, 8, 14)) == [("hearing-1", DAY)]
    assert due([item], local(2026, 3, 9, 8, 59)) == [("hearing-1", DAY)]


def test_a_reminder_for_a_past_hearing_is_never_due() -> None:
    item = hearing(local(2026, 3, 9, 9), WEEK, DAY, HOUR)
    assert due([item], local(2026, 3, 9, 9)) == []
    assert due([item], local(2026, 3, 10, 12)) == []


def test_a_deadline_stays_open_until_its_local_day_ends() -> None:
    item = deadline(date(2026, 11, 2), DAY)
    assert due([item], local(2026, 11, 2, 23, 59)) == [("deadline-1", DAY)]
    assert due([item], local(2026, 11, 3, 0, 0)) == []


def test_a_reminder_created_late_fires_once() -> None:
    # Entered three days ahead with a one-week lead: due at once, then never again.
    item = hearing(local(2026, 3, 9, 9), WEEK, DAY)
    entered = local(2026, 3, 6, 12)
    assert due([item], entered) == [("hearing-1", WEEK)]
    sent = {("hearing-1", WEEK)}
    assert due([item], entered + timedelta(minutes=1), sent) == []
    assert due([item], local(2026, 3, 8, 8, 59), sent) == []
    # The one-day reminder still comes on its own day.
    assert due([item], local(2026, 3, 8, 9), sent) == [("hearing-1", DAY)]


def test_already_sent_pairs_are_not_repeated() -> None:
    item = hearing(local(2026, 3, 9, 9), DAY, HOUR)
    sent = {("hearing-1", DAY)}
    assert due([item], local(2026, 3, 8, 9, 30), sent) == []
    assert due([item], local(2026, 3, 9, 8), sent) == [("hearing-1", HOUR)]
    assert due([item], local(2026, 3, 9, 8, 30), sent | {("hearing-1", HOUR)}) == []


def test_only_the_latest_overdue_reminder_is_sent_and_older_ones_are_superseded() -> None:
    item = hearing(local(2026, 3, 9, 9), WEEK, 3 * DAY, DAY)
    late = local(2026, 3, 8, 10)  # the sender was down all week
    assert due([item], late) == [("hearing-1", DAY)]
    assert due([item], late, {("hearing-1", DAY)}) == []


def test_a_zero_lead_on_a_hearing_is_never_sent_because_the_hearing_has_started() -> None:
    item = hearing(local(2026, 3, 9, 9), 0)
    assert reminder_times(item, tz=CHICAGO) == [local(2026, 3, 9, 9)]
    assert due([item], local(2026, 3, 9, 9)) == []


def test_due_reminders_come_oldest_first_across_items() -> None:
    items = [
        hearing(local(2026, 3, 9, 9), DAY, uid="b"),
        deadline(date(2026, 3, 9), 22 * HOUR, uid="a"),  # 11:00 the day before
        hearing(local(2026, 3, 20, 9), DAY, uid="not-yet"),
        hearing(local(2026, 3, 1, 9), DAY, uid="past"),
    ]
    assert due(items, local(2026, 3, 8, 12)) == [("b", DAY), ("a", 22 * HOUR)]


def test_due_reminders_need_an_aware_now() -> None:
    with pytest.raises(ValueError, match="aware"):
        due([], datetime(2026, 3, 8, 12))  # noqa: DTZ001 - the point of the test


# --- DatedItem and validate_lead_minutes -------------------------------------------------


def test_an_item_needs_exactly_one_of_a_start_and_a_date() -> None:
    with pytest.raises(ValueError, match="exactly one"):
        DatedItem("x", "t", local(2026, 3, 9, 9), date(2026, 3, 9), ())
    with pytest.raises(ValueError, match="exactly one"):
        DatedItem("x", "t", None, None, ())


def test_an_item_refuses_a_naive_start_a_datetime_as_date_and_an_empty_uid() -> None:
    with pytest.raises(ValueError, match="aware"):
        DatedItem("x", "t", datetime(2026, 3, 9, 9), None, ())  # noqa: DTZ001
    with pytest.raises(ValueError, match="not a datetime"):
        DatedItem("x", "t", None, local(2026, 3, 9, 9), ())
    with pytest.raises(ValueError, match="uid"):
        DatedItem("", "t", None, date(2026, 3, 9), ())


def test_an_item_refuses_invalid_leads() -> None:
    with pytest.raises(ValueError, match="negative"):
        deadline(date(2026, 3, 9), -5)


def test_validate_lead_minutes_dedupes_and_sorts_largest_first() -> None:
    assert validate_lead_minutes([60, DAY, 60, WEEK, 0]) == (WEEK, DAY, 60, 0)
    assert validate_lead_minutes(iter([120, 120])) == (120,)
    assert validate_lead_minutes([]) == ()


def test_validate_lead_minutes_allows_exactly_365_days_and_zero() -> None:
    assert MAX_LEAD_MINUTES == 525_600
    assert validate_lead_minutes([MAX_LEAD_MINUTES, 0]) == (MAX_LEAD_MINUTES, 0)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (-1, "negative"),
        (MAX_LEAD_MINUTES + 1, "365 days"),
        (1.5, "whole minutes"),
        (60.0, "whole minutes"),
        ("60", "whole minutes"),
        (True, "whole minutes"),
        (None, "whole minutes"),
    ],
)
def test_validate_lead_minutes_refuses(value: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        validate_lead_minutes([60, value])  # type: ignore[list-item]
