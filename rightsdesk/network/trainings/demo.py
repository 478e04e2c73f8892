"""Fictional demo data for trainings and mentoring: trainings past and coming, registrations and
attendance, and a mentoring pair gone quiet. The integrator calls ``demo(now)`` from the shared
demo command; running it twice adds nothing."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from rightsdesk.events.trainings import training_event_sync
from rightsdesk.network.models import (
    CheckIn,
    MentorPair,
    Training,
    TrainingRegistration,
    TrainingTopic,
    Volunteer,
)

# Fictional volunteers: (reference, name, email, kind, language, demo account's username).
VOLUNTEERS = [
    ("VD-TR01", "Val Volunteer", "val@example.org", "attorney", "en", "demo-volunteer"),
    ("VD-TR02", "Ivan Interpreter", "ivan@example.org", "interpreter", "es", "demo-interpreter"),
    ("VD-TR03", "Marisol Example", "marisol@example.org", "attorney", "es", None),
    ("VD-TR04", "Ben Example", "ben@example.org", "law_student", "en", None),
]

# (title, topic, days from now, hours long, CLE hours, capacity, place or "" when online)
TRAININGS = [
    (
        "Detention visit orientation (Jackson)",
        "detention-visit-orientation",
        -20,
        2,
        "2",
        20,
        "Jackson office, 200 Example St",
    ),
    ("Credible-fear interviews", "credible-fear-interviews", -10, 3, "3", None, ""),
    (
        "Detention visit orientation (Natchez)",
        "detention-visit-orientation",
        6,
        2,
        "2",
        15,
        "Natchez public library, meeting room B",
    ),
    ("Bond hearings in immigration court", "bond-hearings", 14, 1.5, "1.5", 30, ""),
    (
        "Interpreting in legal settings",
        "interpreting-legal-settings",
        21,
        3,
        "0",
        12,
        "Tutwiler community centre",
    ),
]

# Who came to the past trainings (volunteer references), and who registered for coming ones.
ATTENDED = {
    "Detention visit orientation (Jackson)": {"VD-TR01": True, "VD-TR03": True, "VD-TR04": False},
    "Credible-fear interviews": {"VD-TR01": True},
}
REGISTERED = {"Detention visit orientation (Natchez)": ["VD-TR02", "VD-TR04"]}


def _at_ten(now: datetime, days: float) -> datetime:
    local = timezone.localtime(now) + timedelta(days=days)
    return local.replace(hour=10, minute=0, second=0, microsecond=0)


def _volunteers(now: datetime) -> dict[str, Volunteer]:
    from rightsdesk.accounts.models import User

    found: dict[str, Volunteer] = {}
    for reference, name, email, kind, language, username in VOLUNTEERS:
        user = User.objects.filter(username=username).first() if username else None
        volunteer = Volunteer.objects.filter(reference=reference).first()
        if volunteer is None and user is not None:
            # Another part's demo may already have made this account's record.
            volunteer = Volunteer.objects.filter(user=user).first()
        if volunteer is None:
            volunteer = Volunteer.objects.create(
                reference=reference,
                status_code_hash=hashlib.sha256(reference.encode()).hexdigest(),
                kind=kind,
                status=Volunteer.Status.APPROVED,
                language=language,
                name=name,
                email=email,
                applied_at=now - timedelta(days=90),
                status_changed_at=now - timedelta(days=80),
                user=user,
            )
        found[reference] = volunteer
    return found


@transaction.atomic
def demo(now: datetime) -> None:
    if Training.objects.filter(title=TRAININGS[0][0]).exists():
        return
    volunteers = _volunteers(now)
    topics = {t.key: t for t in TrainingTopic.objects.all()}
    for title, topic, days, hours, cle, capacity, place in TRAININGS:
        starts = _at_ten(now, days)
        training = Training.objects.create(
            topic=topics[topic],
            title=title,
            starts_at=starts,
            ends_at=starts + timedelta(hours=hours),
            place=place,
            online=not place,
            cle_hours=Decimal(cle),
            capacity=capacity,
            description="Bring your bar card." if topic == "detention-visit-orientation" else "",
        )
        training_event_sync(training)
        for reference, came in ATTENDED.get(title, {}).items():
            TrainingRegistration.objects.create(
                training=training,
                volunteer=volunteers[reference],
                registered_at=starts - timedelta(days=7),
                attended=came,
                attendance_at=training.ends_at,
            )
        for reference in REGISTERED.get(title, []):
            TrainingRegistration.objects.create(
                training=training,
                volunteer=volunteers[reference],
                registered_at=now - timedelta(days=2),
            )
    _mentoring(now, volunteers)


def _mentoring(now: datetime, volunteers: dict[str, Volunteer]) -> None:
    from rightsdesk.accounts.models import User

    mentor: Any = User.objects.filter(username="demo-attorney").first()
    if mentor is None:
        return
    today = timezone.localdate(now)
    # Marisol's pair has gone quiet: the last check-in was 35 days ago.
    quiet = MentorPair.objects.create(
        mentee=volunteers["VD-TR03"],
        mentor=mentor,
        started_on=today - timedelta(days=50),
        last_check_in_on=today - timedelta(days=35),
    )
    CheckIn.objects.create(
        pair=quiet,
        on=today - timedelta(days=35),
        note="Went over the Adams County visit rules and what to bring.",
        by_id=mentor.pk,
        recorded_at=now - timedelta(days=35),
    )
    lively = MentorPair.objects.create(
        mentee=volunteers["VD-TR01"],
        mentor=mentor,
        started_on=today - timedelta(days=20),
        last_check_in_on=today - timedelta(days=4),
    )
    CheckIn.objects.create(
        pair=lively,
        on=today - timedelta(days=4),
        note="Prepared for the first credible-fear interview together.",
        by_id=mentor.pk,
        recorded_at=now - timedelta(days=4),
    )
