"""`rightsdesk volunteers match`: ranked volunteer suggestions for a facility visit, one JSON
object a line, for scripts and tests. Volunteers are named by id and reference only.

    rightsdesk volunteers match --facility Tallahatchie --languages es,mam --date 2026-03-06 \\
        [--starts 09:00 --ends 13:00] [--purpose outreach] [--attorneys 1] [--limit 10]
"""

from __future__ import annotations

import json
from datetime import date, time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q

from rightsdesk.network.languages import LANGUAGES
from rightsdesk.network.models import Facility, VisitPurpose
from rightsdesk.network.visits.gaps import languages_needed
from rightsdesk.network.visits.matching import Need, rank
from rightsdesk.network.visits.selectors import candidates_for


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--date {value!r} is not a date like 2026-03-06") from None


def _time(value: str | None, flag: str) -> time | None:
    if value is None:
        return None
    try:
        return time.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{flag} {value!r} is not a time like 09:30") from None


def find_facility(name: str) -> Facility:
    """By key, or by a part of the name (case-insensitive) that only one facility has."""
    found = list(Facility.objects.filter(Q(key=name) | Q(name__icontains=name))[:2])
    exact = [f for f in found if f.key == name]
    if exact:
        return exact[0]
    if not found:
        known = ", ".join(Facility.objects.values_list("key", flat=True))
        raise CommandError(f"no facility matches {name!r}; known: {known}")
    if len(found) > 1:
        raise CommandError(f"{name!r} matches more than one facility; give its key")
    return found[0]


class Command(BaseCommand):
    help = "Volunteer network tools. match: ranked suggestions for a visit, as JSON lines."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        match = actions.add_parser("match", help="rank volunteers for a facility visit")
        match.add_argument("--facility", required=True, help="facility key or part of its name")
        match.add_argument(
            "--languages", default="", help="languages of the people to be seen, e.g. es,mam"
        )
        match.add_argument("--date", required=True, help="the visit's date, YYYY-MM-DD")
        match.add_argument("--starts", help="start of the time window, HH:MM")
        match.add_argument("--ends", help="end of the time window, HH:MM")
        match.add_argument("--purpose", default=VisitPurpose.OUTREACH, choices=VisitPurpose.values)
        match.add_argument("--attorneys", type=int, default=1, help="attorney places (default 1)")
        match.add_argument("--limit", type=int, default=10)

    def handle(self, *args: Any, **options: Any) -> None:
        facility = find_facility(options["facility"])
        codes = [c.strip() for c in options["languages"].split(",") if c.strip()]
        unknown = [c for c in codes if c not in LANGUAGES]
        if unknown:
            raise CommandError(f"unknown language codes {unknown}; known: {', '.join(LANGUAGES)}")
        starts = _time(options["starts"], "--starts")
        ends = _time(options["ends"], "--ends")
        if (starts is None) != (ends is None) or (starts and ends and starts >= ends):
            raise CommandError("give --starts and --ends together, the start before the end")
        if options["limit"] < 1 or options["attorneys"] < 0:
            raise CommandError("--limit must be at least 1 and --attorneys at least 0")
        need = Need(
            on=_date(options["date"]),
            facility_county=facility.county,
            attorneys=options["attorneys"],
            languages=tuple(languages_needed([codes])),
            starts=starts,
            ends=ends,
        )
        candidates = candidates_for(
            on=need.on,
            purpose=options["purpose"],
            attorneys=need.attorneys > 0,
            languages=need.languages,
            starts=starts,
            ends=ends,
        )
        for position, suggestion in enumerate(rank(candidates, need, limit=options["limit"]), 1):
            line = {"rank": position, "facility": facility.key, **suggestion.as_dict()}
            self.stdout.write(json.dumps(line, ensure_ascii=False))
