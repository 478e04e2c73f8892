"""Pure rules of the volunteer sign-up: phone numbers, bar numbers, availability windows, and the
shape of ``Volunteer.details``.

``Volunteer.details`` (encrypted) holds what the sign-up asks besides name and contacts::

    {
        "immigration_experience": "none" | "some" | "lots" | "",   # attorneys only
        "experience_note": str,          # their words
        "availability_note": str,        # their words, beside the weekly windows
        "heard_from": one of HEARD_FROM keys,
        "heard_from_note": str,
        "outside_mississippi": bool,     # they chose "outside Mississippi" as home county
        "note": str,                     # anything else they want us to know
    }
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time

from django.utils.translation import gettext_lazy as _

from rightsdesk.vault.crypto import normalise_phone

OUTSIDE_MS = "outside"
EARLIEST_BAR_YEAR = 1950

# The weekly windows people tick; each becomes one Availability row with these times.
WINDOWS: dict[str, tuple[time, time, object]] = {
    "morning": (time(8, 0), time(12, 0), _("Morning")),
    "afternoon": (time(12, 0), time(17, 0), _("Afternoon")),
    "evening": (time(17, 0), time(20, 0), _("Evening")),
}
WEEKDAYS: list[tuple[int, object]] = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]

HEARD_FROM: dict[str, object] = {
    "bar": _("A bar association or its newsletter"),
    "school": _("A law school or clinic"),
    "friend": _("A friend or colleague"),
    "church": _("A church or community group"),
    "event": _("An event or a training"),
    "online": _("Our website or social media"),
    "other": _("Somewhere else"),
}

EXPERIENCE: dict[str, object] = {
    "none": _("None yet: I would like to learn"),
    "some": _("Some: a few immigration matters"),
    "lots": _("A lot: immigration is a large part of my work"),
}

# US states and territories whose bars admit attorneys, for the bar admission rows.
STATES: dict[str, str] = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon",
    "PA": "Pennsylvania", "PR": "Puerto Rico", "RI": "Rhode Island", "SC": "South Carolina",
    "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont",
    "VA": "Virginia", "VI": "U.S. Virgin Islands", "WA": "Washington", "WV": "West Virginia",
    "WI": "Wisconsin", "WY": "Wyoming", "GU": "Guam",
}  # fmt: skip

_MS_BAR = re.compile(r"\d{1,6}")
_OTHER_BAR = re.compile(r"[A-Z0-9](?:[A-Z0-9-]{0,10}[A-Z0-9])?")
_PHONE_CHARS = re.compile(r"[\d\s().+\-]+")


def us_phone(value: str) -> str | None:
    """A US phone number written any common way ("(601) 555-0123", "601.555.0123",
    "+1 601 555 0123", "6015550123"), as 601-555-0123; None when it is not one."""
    if not _PHONE_CHARS.fullmatch(value.strip()):
        return None
    digits = normalise_phone(value)
    # Area codes and exchanges never start with 0 or 1 in the North American plan.
    if len(digits) != 10 or digits[0] in "01" or digits[3] in "01":
        return None
    return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"


def bar_number(state: str, value: str) -> str | None:
    """The bar number as stored (upper case, no spaces), or None when it does not fit the
    state's format: Mississippi numbers are 1 to 6 digits; elsewhere 1 to 12 letters, digits
    and dashes."""
    cleaned = "".join(value.split()).upper()
    pattern = _MS_BAR if state == "MS" else _OTHER_BAR
    return cleaned if pattern.fullmatch(cleaned) else None


def bar_year_ok(year: int, this_year: int) -> bool:
    return EARLIEST_BAR_YEAR <= year <= this_year


@dataclass(frozen=True)
class Window:
    weekday: int
    starts: time
    ends: time


def windows_from_choices(choices: list[str]) -> list[Window]:
    """Ticked boxes ("2:morning") as weekly windows, in week order; unknown values are dropped."""
    found = []
    for choice in choices:
        day, _sep, key = choice.partition(":")
        if day.isdigit() and 0 <= int(day) <= 6 and key in WINDOWS:
            starts, ends, _label = WINDOWS[key]
            found.append(Window(int(day), starts, ends))
    return sorted(set(found), key=lambda w: (w.weekday, w.starts))


def availability_choices() -> list[tuple[str, str]]:
    return [
        (f"{day}:{key}", label)
        for day, _day_label in WEEKDAYS
        for key, (_s, _e, label) in WINDOWS.items()
    ]


def window_key(starts: time, ends: time) -> str:
    """The ticked box an Availability row came from ("" when it was made another way)."""
    for key, (s, e, _label) in WINDOWS.items():
        if (s, e) == (starts, ends):
            return key
    return ""
