"""Reads of matters, scoped to the user: volunteers reach only the matters they are on, and
every read of a matter is audited."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, QuerySet, Value
from django.http import Http404

from rightsdesk.accounts.roles import VOLUNTEER_ROLES, Role
from rightsdesk.cases.models import Matter
from rightsdesk.vault.audit import audit_read

MATTER_STAFF = frozenset(
    {Role.ADMIN, Role.LEGAL_DIRECTOR, Role.ATTORNEY, Role.INTAKE, Role.COORDINATOR}
)
MATTER_READERS = MATTER_STAFF | VOLUNTEER_ROLES
CONFLICT_CHECKERS = frozenset({Role.ADMIN, Role.LEGAL_DIRECTOR, Role.ATTORNEY})
CSV_READERS = frozenset({Role.ADMIN, Role.LEGAL_DIRECTOR})


def matters_for_user(user: Any) -> QuerySet[Matter]:
    """The matters this person may reach, each with `cleared`: whether they may read its
    details (staff always; a volunteer once they have said they have no conflict)."""
    matters = Matter.objects.select_related("complaint").only(
        "kind", "status", "opened_at", "title", "complaint__reference"
    )
    if user.role in VOLUNTEER_ROLES:
        from rightsdesk.network.models import ConflictConfirmation

        cleared = ConflictConfirmation.objects.filter(
            matter=OuterRef("pk"), user=user, has_conflict=False
        )
        return matters.filter(members__user=user).annotate(cleared=Exists(cleared))
    if user.role in MATTER_STAFF:
        return matters.annotate(cleared=Value(True))
    return matters.none()


class ConflictNotConfirmed(Http404):
    """A volunteer on the matter has not yet said they have no conflict (network.portal asks
    them, showing party names only). A 404 wherever it is not caught: fail closed."""

    def __init__(self, matter_pk: int) -> None:
        super().__init__("conflict not confirmed")
        self.matter_pk = matter_pk


def matter_get_for_user(*, user: Any, pk: int) -> Matter:
    matter = matters_for_user(user).filter(pk=pk).first()
    if matter is None:
        raise Http404
    # Volunteers read a matter's details only after confirming they have no conflict with its
    # parties; a declared conflict keeps it closed to them.
    if not matter.cleared:
        raise ConflictNotConfirmed(matter.pk)
    audit_read(by=user, obj=matter)
    return matter


def upcoming_dates_for_user(user: Any, *, days: int = 60) -> list[Any]:
    """The dates on the matters this person is on, from now on."""
    return list(_upcoming(days).filter(matter__members__user=user))


def upcoming_dates(*, days: int = 60) -> list[Any]:
    return list(_upcoming(days))


def _upcoming(days: int) -> QuerySet[Any]:
    from datetime import timedelta

    from django.db.models import Q
    from django.utils import timezone

    from rightsdesk.cases.models import MatterDate

    now = timezone.now()
    until = now + timedelta(days=days)
    return (
        MatterDate.objects.filter(
            Q(starts__gte=now, starts__lte=until)
            | Q(all_day__gte=timezone.localdate(), all_day__lte=until.date())
        )
        .select_related("matter")
        .order_by("all_day", "starts")
    )


TIMELINE_HIDDEN = {"read", "download", "screened"}


def matter_timeline(matter: Matter) -> list[Any]:
    """Everything that happened, oldest first, and who did it: the audit log's entries for the
    matter and for the complaint it came from (reads left out)."""
    from django.db.models import Q

    from rightsdesk.vault.models import AuditEntry

    where = Q(object_type="cases.matter", object_id=str(matter.pk))
    if matter.complaint_id:
        where |= Q(object_type="intake.complaint", object_id=str(matter.complaint_id))
    return list(
        AuditEntry.objects.filter(where)
        .exclude(action__in=TIMELINE_HIDDEN)
        .order_by("seq")
        .only("at", "actor", "action", "detail")
    )
