"""Helpers for the visits tests: fictional volunteers and visits made with the models (the
vetting part's services make volunteers in real use)."""

from __future__ import annotations

from datetime import date, time, timedelta
from itertools import count
from typing import Any

from django.utils import timezone

from rightsdesk.network.models import (
    Availability,
    Facility,
    Visit,
    VisitPerson,
    Volunteer,
    VolunteerLanguage,
)

_numbers = count(1)

TALLAHATCHIE = "tallahatchie-county-correctional-facility"
ADAMS = "adams-county-correctional-center"


def next_saturday(weeks: int = 1) -> date:
    today = timezone.localdate()
    return today + timedelta(days=(5 - today.weekday()) % 7 or 7) + timedelta(weeks=weeks - 1)


def make_volunteer(
    *,
    kind: str = Volunteer.Kind.INTERPRETER,
    languages: list[tuple[str, str, str]] = (),  # type: ignore[assignment]
    county: str = "28049",
    free: list[tuple[int, int, int]] = (),  # type: ignore[assignment]
    user: Any = None,
    language: str = "en",
    status: str = Volunteer.Status.APPROVED,
    last_visit_on: date | None = None,
    name: str | None = None,
    trained: bool = False,
) -> Volunteer:
    """An approved volunteer by default; ``trained`` gives them the detention visit orientation
    every visit requires (attended a month ago), so they may take a place themselves."""
    n = next(_numbers)
    now = timezone.now()
    volunteer = Volunteer.objects.create(
        reference=f"VT-{n:04d}",
        status_code_hash="0" * 64,
        kind=kind,
        status=status,
        language=language,
        name=name or f"Volunteer Testname{n}",
        email=f"volunteer{n}@example.org",
        county=county,
        applied_at=now,
        status_changed_at=now,
        user=user,
        last_visit_on=last_visit_on,
    )
    for code, self_level, verified in languages:
        VolunteerLanguage.objects.create(
            volunteer=volunteer, code=code, self_level=self_level, verified_level=verified
        )
    for weekday, start, end in free:
        Availability.objects.create(
            volunteer=volunteer, weekday=weekday, starts=time(start), ends=time(end)
        )
    if trained:
        from rightsdesk.network.tests.trainings_helpers import attended, make_training

        attended(make_training(in_days=-30), volunteer)
    return volunteer


def make_visit(
    *,
    facility: str = TALLAHATCHIE,
    on: date | None = None,
    starts: time = time(9),
    ends: time = time(13),
    attorneys_needed: int = 1,
    people: list[tuple[str, list[str]]] = (),  # type: ignore[assignment]
    purpose: str = "outreach",
) -> Visit:
    visit = Visit.objects.create(
        facility=Facility.objects.get(key=facility),
        on=on or next_saturday(),
        starts=starts,
        ends=ends,
        purpose=purpose,
        attorneys_needed=attorneys_needed,
        created_at=timezone.now(),
    )
    for name, languages in people:
        VisitPerson.objects.create(visit=visit, name=name, languages=languages)
    return visit
