"""Objects the portal's tests make directly with the shared models (the scheduler and the
sign-up are other parts' work). Only fictional people."""

from __future__ import annotations

import itertools
from datetime import date, time, timedelta
from typing import Any

from django.utils import timezone

from rightsdesk.network.models import Facility, Visit, VisitPerson, VisitSignup, Volunteer

_serial = itertools.count(1)


def make_volunteer(
    user: Any = None,
    *,
    name: str = "Vera Example",
    kind: str = Volunteer.Kind.ATTORNEY,
    status: str = Volunteer.Status.APPROVED,
) -> Volunteer:
    now = timezone.now()
    n = next(_serial)
    return Volunteer.objects.create(
        reference=f"V-T{n:05d}",
        status_code_hash="0" * 64,
        kind=kind,
        status=status,
        name=name,
        email=f"volunteer{n}@example.org",
        phone="601-555-0100",
        applied_at=now,
        status_changed_at=now,
        user=user,
    )


def make_facility(name: str = "Tallahatchie County Correctional Facility") -> Facility:
    n = next(_serial)
    return Facility.objects.create(
        key=f"facility-{n}",
        name=name,
        kind=Facility.Kind.PRIVATE_PRISON,
        town="Tutwiler",
        county="28135",
    )


def make_visit(
    *,
    facility: Facility | None = None,
    on: date | None = None,
    people: list[tuple[str, list[str]]] = (),  # type: ignore[assignment]
    attorneys_needed: int = 1,
    status: str = Visit.Status.PLANNED,
) -> Visit:
    visit = Visit.objects.create(
        facility=facility or make_facility(),
        on=on or timezone.localdate() - timedelta(days=1),
        starts=time(9, 0),
        ends=time(13, 0),
        purpose="consultations",
        status=status,
        attorneys_needed=attorneys_needed,
        created_at=timezone.now(),
    )
    for name, languages in people:
        VisitPerson.objects.create(visit=visit, name=name, languages=languages)
    return visit


def sign_up(visit: Visit, volunteer: Volunteer, role: str = "attorney", language: str = "") -> Any:
    return VisitSignup.objects.create(
        visit=visit, volunteer=volunteer, role=role, language=language, created_at=timezone.now()
    )
