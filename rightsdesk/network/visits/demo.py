"""Demo data for facility visits: a few approved, fictional volunteers with languages and free
time (only when there are none yet), and planned visits with gaps. Idempotent; the integrator
calls ``demo(now)`` from the demo command."""

from __future__ import annotations

import hashlib
from datetime import datetime, time, timedelta
from typing import Any

from django.db import transaction

from rightsdesk.network.models import (
    Availability,
    Facility,
    Visit,
    VisitPerson,
    VisitPurpose,
    VisitSignup,
    Volunteer,
    VolunteerLanguage,
)
from rightsdesk.vault.crypto import blind_index

# Fictional people (emails at example.org, phones 555-01xx). (reference, kind, name, county,
# language of messages, [(code, self level, verified level)], [(weekday, from, until)], demo
# account to link if it exists).
VOLUNTEERS = [
    (
        "VD-0001",
        "attorney",
        "Rosa Demo-Attorney",
        "28049",
        "en",
        [("es", "fluent", "fluent")],
        [(5, 8, 17), (2, 9, 13)],
        "demo-volunteer",
    ),
    ("VD-0002", "attorney", "Marcus Demo-Attorney", "28033", "en", [], [(5, 9, 15)], None),
    (
        "VD-0003",
        "attorney",
        "Hannah Demo-Attorney",
        "28001",
        "en",
        [("fr", "conversational", "")],
        [(5, 7, 12), (0, 9, 17)],
        None,
    ),
    (
        "VD-0004",
        "interpreter",
        "Ixchel Demo-Interpreter",
        "28089",
        "es",
        [("mam", "native", "native"), ("es", "fluent", "fluent")],
        [(5, 8, 16)],
        "demo-interpreter",
    ),
    (
        "VD-0005",
        "interpreter",
        "Tomás Demo-Interpreter",
        "28135",
        "es",
        [("quc", "fluent", ""), ("es", "native", "native")],
        [(5, 10, 12)],
        None,
    ),
    (
        "VD-0006",
        "interpreter",
        "Ana Demo-Interpreter",
        "28047",
        "es",
        [("es", "native", "")],
        [(5, 8, 18), (6, 8, 18)],
        None,
    ),
]

# (facility key, days from now to the next such weekday, from, until, purpose, attorneys,
# people [(name, [languages])]).
VISITS = [
    (
        "tallahatchie-county-correctional-facility",
        5,
        (9, 0),
        (13, 0),
        VisitPurpose.OUTREACH,
        2,
        [("Demo Person Uno", ["quc", "es"]), ("Demo Person Dos", ["mam"])],
    ),
    (
        "adams-county-correctional-center",
        5,
        (8, 30),
        (12, 0),
        VisitPurpose.CONSULTATIONS,
        1,
        [("Demo Person Tres", ["es"])],
    ),
    (
        "madison-county-detention-center",
        2,
        (13, 0),
        (16, 0),
        VisitPurpose.BOND,
        1,
        [("Demo Person Cuatro", ["en"])],
    ),
]


def _next(now: datetime, weekday: int) -> Any:
    today = now.date()
    return today + timedelta(days=(weekday - today.weekday()) % 7 or 7)


@transaction.atomic
def demo(now: datetime) -> None:
    from rightsdesk.accounts.models import User

    if not Volunteer.objects.filter(status=Volunteer.Status.APPROVED).exists():
        for ref, kind, name, county, lang, skills, free, username in VOLUNTEERS:
            email = f"{ref.lower()}@example.org"
            user = (
                User.objects.filter(username=username, volunteer__isnull=True).first()
                if username
                else None
            )
            volunteer = Volunteer.objects.create(
                reference=ref,
                status_code_hash=hashlib.sha256(ref.encode()).hexdigest(),
                kind=kind,
                status=Volunteer.Status.APPROVED,
                language=lang,
                name=name,
                email=email,
                phone="601-555-01" + ref[-2:],
                county=county,
                name_index=blind_index("name", name),
                email_index=blind_index("email", email),
                applied_at=now - timedelta(days=60),
                status_changed_at=now - timedelta(days=50),
                user=user,
                last_visit_on=(now - timedelta(days=20 * int(ref[-1]))).date()
                if ref[-1] in "135"
                else None,
            )
            for code, self_level, verified in skills:
                VolunteerLanguage.objects.create(
                    volunteer=volunteer,
                    code=code,
                    self_level=self_level,
                    verified_level=verified,
                    verified_at=now - timedelta(days=50) if verified else None,
                )
            for weekday, start, end in free:
                Availability.objects.create(
                    volunteer=volunteer, weekday=weekday, starts=time(start), ends=time(end)
                )
    if Visit.objects.exists():
        return
    for key, weekday, (sh, sm), (eh, em), purpose, attorneys, people in VISITS:
        facility = Facility.objects.filter(key=key).first()
        if facility is None:
            continue
        visit = Visit.objects.create(
            facility=facility,
            on=_next(now, weekday),
            starts=time(sh, sm),
            ends=time(eh, em),
            purpose=purpose,
            attorneys_needed=attorneys,
            created_at=now,
        )
        for name, languages in people:
            VisitPerson.objects.create(visit=visit, name=name, languages=languages)
    # One place already taken, so the first visit shows "needs 1 more attorney".
    first = Visit.objects.filter(facility__key=VISITS[0][0]).first()
    attorney = Volunteer.objects.filter(reference="VD-0002").first()
    if first is not None and attorney is not None:
        VisitSignup.objects.create(
            visit=first, volunteer=attorney, role=VisitSignup.Role.ATTORNEY, created_at=now
        )
