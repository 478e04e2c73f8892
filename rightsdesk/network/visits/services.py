"""Writes for facilities and visits, each with its audit entry in the same transaction.

Places on a visit are taken under a lock on the visit's row (SELECT ... FOR UPDATE on
PostgreSQL; on SQLite every transaction already takes the write lock first, see settings), so
two volunteers claiming the last attorney place at the same moment cannot both get it, and the
database's signup_once_while_active constraint stops the same volunteer twice."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, time
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rightsdesk.network.models import Facility, Visit, VisitPerson, VisitSignup, Volunteer
from rightsdesk.network.visits.selectors import (
    places_for,
    spoken_by,
    state_of,
    trainings_lacking,
)
from rightsdesk.vault.audit import audit_change, audit_record

RULE_FIELDS = (
    "id_needed",
    "booking_lead_days",
    "visiting_hours",
    "allowed_items",
    "contact_channel",
    "other_rules",
    "address",
)


def _notify(signup_id: int, event: str) -> None:
    from rightsdesk.network.visits.tasks import notify_signup

    notify_signup(signup_id, event)


class SignupRefused(Exception):
    """A place could not be taken or given; the message says why, for the page."""


@transaction.atomic
def facility_rules_update(*, facility: Facility, values: Mapping[str, Any], by: Any) -> list[str]:
    """Save the visit rules the coordinator entered, recording who and when."""
    changed = [f for f in RULE_FIELDS if f in values and getattr(facility, f) != values[f]]
    if not changed:
        return []
    for name in changed:
        setattr(facility, name, values[name])
    facility.rules_updated_at = timezone.now()
    facility.rules_updated_by_id = by.pk
    facility.save(update_fields=[*changed, "rules_updated_at", "rules_updated_by_id"])
    audit_change(by=by, obj=facility, action="facility_rules_update", fields=changed)
    return changed


@transaction.atomic
def visit_plan(
    *,
    facility: Facility,
    on: date,
    starts: time,
    ends: time,
    purpose: str,
    attorneys_needed: int,
    by: Any,
    notes: str = "",
) -> Visit:
    visit = Visit.objects.create(
        facility=facility,
        on=on,
        starts=starts,
        ends=ends,
        purpose=purpose,
        attorneys_needed=attorneys_needed,
        notes=notes,
        planned_by_id=by.pk,
        created_at=timezone.now(),
    )
    audit_record(
        by=by, action="visit_plan", obj=visit, detail={"facility": facility.pk, "purpose": purpose}
    )
    return visit


@transaction.atomic
def visit_person_add(
    *, visit: Visit, languages: Sequence[str], by: Any, matter: Any = None, name: str = ""
) -> VisitPerson:
    """Someone to be seen: a client on a matter the caller may read, or a name (encrypted)."""
    if (matter is None) == (not name.strip()):
        raise ValueError("give a matter or a name, not both")
    person = VisitPerson.objects.create(
        visit=visit, matter=matter, name=name.strip(), languages=list(languages)
    )
    audit_record(
        by=by,
        action="visit_person_add",
        obj=visit,
        detail={"person": person.pk, "matter": matter.pk if matter else None},
    )
    return person


@transaction.atomic
def visit_person_remove(*, person: VisitPerson, by: Any) -> None:
    visit = person.visit
    audit_record(by=by, action="visit_person_remove", obj=visit, detail={"person": person.pk})
    person.delete()


def _locked(visit: Visit) -> Visit:
    return Visit.objects.select_for_update().select_related("facility").get(pk=visit.pk)


def _create_signup(
    *, visit: Visit, volunteer: Volunteer, role: str, language: str, by: Any, by_self: bool
) -> VisitSignup:
    locked = _locked(visit)
    state = state_of(locked)
    if by_self:
        if (role, language) not in places_for(volunteer, state, spoken_by(volunteer)):
            raise SignupRefused(_("That place has just been taken or is not one you can take."))
        # The coordinator may still put them on (the suggestion names what is missing).
        if lacking := trainings_lacking(volunteer, locked):
            raise SignupRefused(
                ngettext(
                    "Before you can take a place on this kind of visit, you need this training: "
                    "%(trainings)s.",
                    "Before you can take a place on this kind of visit, you need these "
                    "trainings: %(trainings)s.",
                    len(lacking),
                )
                % {"trainings": ", ".join(lacking)}
            )
    else:
        if locked.status != Visit.Status.PLANNED:
            raise SignupRefused(_("This visit is no longer planned."))
        if volunteer.status != Volunteer.Status.APPROVED:
            raise SignupRefused(_("Only approved volunteers can go on a visit."))
        if role == VisitSignup.Role.ATTORNEY and not state.attorney_places:
            raise SignupRefused(_("The visit already has the attorneys it needs."))
        if role == VisitSignup.Role.INTERPRETER and language not in state.uncovered:
            raise SignupRefused(_("That language is already covered on this visit."))
    try:
        with transaction.atomic():
            signup = VisitSignup.objects.create(
                visit=locked,
                volunteer=volunteer,
                role=role,
                language=language if role == VisitSignup.Role.INTERPRETER else "",
                claimed_by_self=by_self,
                created_at=timezone.now(),
                created_by_id=by.pk,
            )
    except IntegrityError:
        raise SignupRefused(_("That volunteer is already on this visit.")) from None
    audit_record(
        by=by,
        action="visit_signup_claim" if by_self else "visit_signup_add",
        obj=locked,
        detail={"signup": signup.pk, "volunteer": volunteer.pk, "role": role, "language": language},
    )
    transaction.on_commit(lambda: _notify(signup.pk, "confirmed"))
    return signup


@transaction.atomic
def visit_signup_add(
    *, visit: Visit, volunteer: Volunteer, role: str, by: Any, language: str = ""
) -> VisitSignup:
    """The coordinator puts a volunteer on a visit (usually from the suggestions)."""
    return _create_signup(
        visit=visit, volunteer=volunteer, role=role, language=language, by=by, by_self=False
    )


@transaction.atomic
def visit_signup_claim(
    *, visit: Visit, volunteer: Volunteer, role: str, by: Any, language: str = ""
) -> VisitSignup:
    """A volunteer takes an open place themselves: only a place still open that fits them."""
    return _create_signup(
        visit=visit, volunteer=volunteer, role=role, language=language, by=by, by_self=True
    )


@transaction.atomic
def visit_signup_cancel(*, signup: VisitSignup, by: Any) -> None:
    """Take a volunteer off a visit (they did it themselves, or the coordinator did)."""
    locked = VisitSignup.objects.select_for_update().get(pk=signup.pk)
    if locked.cancelled_at is not None:
        return
    locked.cancelled_at = timezone.now()
    locked.save(update_fields=["cancelled_at"])
    audit_record(
        by=by,
        action="visit_signup_cancel",
        obj=locked.visit,
        detail={"signup": locked.pk, "volunteer": locked.volunteer_id},
    )
    transaction.on_commit(lambda: _notify(locked.pk, "cancelled"))


def visit_reminders_send(*, now: Any = None) -> int:
    """Remind everyone on a visit tomorrow (local date), once each. One transaction per
    signup, marked sent in the same transaction, so no reminder goes twice and one failure does
    not stop the rest."""
    now = now or timezone.now()
    tomorrow = timezone.localtime(now).date() + timezone.timedelta(days=1)
    due = list(
        VisitSignup.objects.filter(
            cancelled_at__isnull=True,
            reminder_sent_at__isnull=True,
            visit__status=Visit.Status.PLANNED,
            visit__on=tomorrow,
        ).values_list("pk", flat=True)
    )
    count = 0
    for pk in due:
        with transaction.atomic():
            marked = VisitSignup.objects.filter(pk=pk, reminder_sent_at__isnull=True).update(
                reminder_sent_at=now
            )
            if not marked:
                continue
            transaction.on_commit(lambda pk=pk: _notify(pk, "reminder"))
            count += 1
    return count
