"""Demo data for the portal's part: a report on a past visit to Adams County, filed by the demo
volunteer attorney, with one follow-up the coordinator turned into a matter (the volunteer has
still to confirm they have no conflict on it) and one still waiting.

The integrator calls ``demo(now)`` after the demo staff exist; calling it again adds nothing.
Only fictional people."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db import transaction

from rightsdesk.accounts.models import User
from rightsdesk.cases import services as cases
from rightsdesk.cases.models import MatterMember
from rightsdesk.network.models import (
    Facility,
    Visit,
    VisitPerson,
    VisitPurpose,
    VisitReport,
    VisitSignup,
    Volunteer,
)
from rightsdesk.network.portal import services

FACILITY_KEY = "adams-county-correctional-center"


@transaction.atomic
def demo(now: datetime) -> None:
    coordinator = User.objects.filter(username="demo-coordinator").first()
    attorney_user = User.objects.filter(username="demo-volunteer").first()
    if coordinator is None or attorney_user is None:
        return
    facility, _created = Facility.objects.get_or_create(
        key=FACILITY_KEY,
        defaults={
            "name": "Adams County Correctional Center",
            "kind": Facility.Kind.PRIVATE_PRISON,
            "town": "Natchez",
            "county": "28001",
        },
    )
    day = now.date() - timedelta(days=6)
    if VisitReport.objects.filter(visit__facility=facility, visit__on=day).exists():
        return
    volunteer = Volunteer.objects.filter(user=attorney_user).first() or Volunteer.objects.create(
        reference="V-DEMO-VAL",
        status_code_hash="0" * 64,
        kind=Volunteer.Kind.ATTORNEY,
        status=Volunteer.Status.APPROVED,
        name="Val Volunteer",
        email="demo-volunteer@example.org",
        phone="601-555-0142",
        applied_at=now - timedelta(days=120),
        status_changed_at=now - timedelta(days=100),
        user=attorney_user,
    )
    visit = Visit.objects.create(
        facility=facility,
        on=day,
        starts=time(9, 0),
        ends=time(13, 0),
        purpose=VisitPurpose.CONSULTATIONS,
        status=Visit.Status.DONE,
        attorneys_needed=1,
        planned_by_id=coordinator.pk,
        created_at=now - timedelta(days=20),
    )
    marta = VisitPerson.objects.create(visit=visit, name="Marta Ejemplo", languages=["mam", "es"])
    luis = VisitPerson.objects.create(visit=visit, name="Luis Muestra", languages=["es"])
    VisitSignup.objects.create(
        visit=visit,
        volunteer=volunteer,
        role=VisitSignup.Role.ATTORNEY,
        created_at=now - timedelta(days=14),
        created_by_id=coordinator.pk,
    )
    report = services.visit_report_file(
        visit=visit,
        summary=(
            "Two consultations were booked; we saw one. Legal visits were moved to the afternoon "
            "because of a count. Bring paper copies of the bond packet next time: no laptops."
        ),
        outcomes={
            marta.pk: services.Outcome(
                seen=True,
                needs="Bond hearing expected within two weeks; speaks Mam first, some Spanish.",
            ),
            luis.pk: services.Outcome(seen=False, needs="Transferred before we arrived."),
        },
        by=attorney_user,
    )
    bond, _check = services.follow_up_add(
        report=report,
        person=marta,
        description="Prepare for the bond hearing; find a Mam interpreter for it.",
        by=attorney_user,
    )
    services.follow_up_act(
        follow_up=bond,
        action=services.FollowUpAction(kind="matter", title="Bond hearing (Adams County)"),
        by=coordinator,
    )
    bond.refresh_from_db()
    if bond.matter is not None:
        # On the team, but the matter stays closed to them until they confirm no conflict.
        cases.matter_member_add(
            matter=bond.matter,
            user=attorney_user,
            role=MatterMember.Role.VOLUNTEER_ATTORNEY,
            by=coordinator,
        )
    services.follow_up_add(
        report=report,
        person=luis,
        description="Find out where he was transferred and whether he still wants a consultation.",
        by=attorney_user,
    )
