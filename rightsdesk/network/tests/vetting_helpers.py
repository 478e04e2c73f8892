"""Applications made through the service itself, for the vetting tests and the access matrix."""

from __future__ import annotations

from datetime import time
from typing import Any

from rightsdesk.network.models import Volunteer
from rightsdesk.network.vetting import services
from rightsdesk.network.vetting.signup import Window

_counter = iter(range(1, 100_000))


def application(kind: str = Volunteer.Kind.ATTORNEY, **changes: Any) -> Volunteer:
    n = next(_counter)
    data: dict[str, Any] = {
        "kind": kind,
        "name": f"Testname Volunteer{n}",
        "email": f"volunteer{n}@example.org",
        "phone": "601-555-0150",
        "languages": [("es", "fluent"), ("mam", "conversational")],
        "bar_admissions": [{"state": "MS", "number": f"{100000 + n}", "year": 2010}]
        if kind == Volunteer.Kind.ATTORNEY
        else [],
        "windows": [Window(5, time(8), time(12))],
        "county": "28049",
        "immigration_experience": "some" if kind == Volunteer.Kind.ATTORNEY else "",
        "heard_from": "friend",
    }
    data.update(changes)
    volunteer, _code = services.volunteer_apply(data=data, language="en", token=None)
    return volunteer
