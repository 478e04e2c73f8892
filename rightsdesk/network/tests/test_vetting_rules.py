"""The sign-up's pure rules: phone numbers, bar numbers and years, availability windows."""

from datetime import time

import pytest

from rightsdesk.network.vetting.signup import (
    bar_number,
    bar_year_ok,
    us_phone,
    window_key,
    windows_from_choices,
)


@pytest.mark.parametrize(
    "written",
    [
        "601-555-0123",
        "(601) 555-0123",
        "601.555.0123",
        "6015550123",
        "+1 601 555 0123",
        "1-601-555-0123",
        " 601 555 0123 ",
    ],
)
def test_common_ways_of_writing_a_us_phone_number_are_understood(written):
    assert us_phone(written) == "601-555-0123"


@pytest.mark.parametrize(
    "written",
    [
        "555-0123",
        "601-555-01234",
        "101-555-0123",
        "601-155-0123",
        "601-555-O123",
        "call 601 555 0123",
        "+44 20 7946 0018",
        "",
    ],
)
def test_anything_else_is_not_a_us_phone_number(written):
    assert us_phone(written) is None


@pytest.mark.parametrize(
    ("state", "written", "stored"),
    [
        ("MS", "104233", "104233"),
        ("MS", "7", "7"),
        ("MS", " 10 4233 ", "104233"),
        ("TN", "bpr-0457", "BPR-0457"),
        ("LA", "33871", "33871"),
        ("NY", "ABCDEF123456", "ABCDEF123456"),
    ],
)
def test_bar_numbers_that_fit_their_state(state, written, stored):
    assert bar_number(state, written) == stored


@pytest.mark.parametrize(
    ("state", "written"),
    [
        ("MS", "1042337"),
        ("MS", "MS-1042"),
        ("MS", ""),
        ("TN", "ABCDEFG123456"),
        ("TN", "-12"),
        ("TN", "12-"),
        ("TN", "12/34"),
        ("TN", ""),
    ],
)
def test_bar_numbers_that_do_not(state, written):
    assert bar_number(state, written) is None


def test_bar_years_run_from_1950_to_this_year():
    assert bar_year_ok(1950, 2026) and bar_year_ok(2026, 2026)
    assert not bar_year_ok(1949, 2026) and not bar_year_ok(2027, 2026)


def test_ticked_boxes_become_weekly_windows_in_week_order_without_repeats():
    windows = windows_from_choices(["5:morning", "0:evening", "5:morning", "9:morning", "1:night"])
    assert [(w.weekday, w.starts, w.ends) for w in windows] == [
        (0, time(17), time(20)),
        (5, time(8), time(12)),
    ]
    assert window_key(time(8), time(12)) == "morning" and window_key(time(9), time(10)) == ""
