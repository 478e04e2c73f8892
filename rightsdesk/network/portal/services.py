"""Writes of the volunteer portal: visit reports and their follow-ups (which become a matter,
with its conflict check, or a task on one), and volunteers' conflict confirmations.

Matters, parties, conflict checks and tasks are made by cases.services, so a follow-up's matter
is opened and checked exactly as one opened on the matters pages."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from rightsdesk.accounts.models import User
from rightsdesk.accounts.roles import COORDINATORS
from rightsdesk.cases import services as cases
from rightsdesk.cases.models import ConflictCheck, Matter, Party
from rightsdesk.network.models import (
    ConflictConfirmation,
    FollowUp,
    Visit,
    VisitPerson,
    VisitReport,
    Volunteer,
)
from rightsdesk.vault.audit import audit_record

log = logging.getLogger("rightsdesk.network")


class ReportRefused(Exception):
    """The visit cannot take a report (not happened yet, or cancelled)."""


class FollowUpRefused(Exception):
    """The follow-up cannot become what was asked (already done, or nobody to be the client)."""


class ConfirmationAlreadyGiven(Exception):
    """The volunteer already answered for this matter; the answer stands."""


@dataclass(frozen=True)
class Outcome:
    """What the report says of one person: seen (None: not said) and the needs found."""

    seen: bool | None
    needs: str


@dataclass(frozen=True)
class FollowUpAction:
    """What a follow-up becomes: a new matter ("matter", with ``title``) or a task ("task") on
    ``matter``, which the view has already found among the matters the user may reach."""

    kind: str
    title: str
    matter: Matter | None = None
    due: date | None = None


@transaction.atomic
def visit_report_file(
    *, visit: Visit, summary: str, outcomes: Mapping[int, Outcome], by: Any
) -> VisitReport:
    """File the report on a visit, or update it: the summary, and for each person to be seen
    whether they were seen and what they need. ``outcomes`` is keyed by VisitPerson id."""
    if visit.status == Visit.Status.CANCELLED:
        raise ReportRefused(_("This visit was cancelled: there is nothing to report."))
    if visit.on > timezone.localdate():
        raise ReportRefused(_("This visit has not happened yet."))
    now = timezone.now()
    report, created = VisitReport.objects.get_or_create(
        visit=visit, defaults={"summary": summary, "filed_by_id": by.pk, "filed_at": now}
    )
    if not created:
        report.summary = summary
        report.save(update_fields=["summary"])
    people = list(visit.people.all())
    for person in people:
        outcome = outcomes.get(person.pk)
        if outcome is None:
            continue
        person.seen, person.needs = outcome.seen, outcome.needs
    VisitPerson.objects.bulk_update(people, ["seen", "needs"])
    # A reported visit happened: it leaves the planning lists, and the matcher's "how recently
    # they went" counts it for everyone who was on it.
    if visit.status != Visit.Status.DONE:
        Visit.objects.filter(pk=visit.pk).update(status=Visit.Status.DONE)
        visit.status = Visit.Status.DONE
    on_visit = visit.signups.filter(cancelled_at__isnull=True).values("volunteer_id")
    Volunteer.objects.filter(pk__in=on_visit).filter(
        Q(last_visit_on__isnull=True) | Q(last_visit_on__lt=visit.on)
    ).update(last_visit_on=visit.on)
    audit_record(
        by=by,
        action="visit_report_filed" if created else "visit_report_changed",
        obj=visit,
        detail={
            "report": report.pk,
            "people": len(people),
            "seen": sum(1 for p in people if p.seen),
        },
    )
    return report


@transaction.atomic
def follow_up_add(
    *,
    report: VisitReport,
    person: VisitPerson | None,
    description: str,
    by: Any,
    then: FollowUpAction | None = None,
) -> tuple[FollowUp, ConflictCheck | None]:
    """Record a follow-up and, in the same step, turn it into a matter or a task (``then``).
    Either all of it is saved or none of it."""
    if person is not None and person.visit_id != report.visit_id:
        raise FollowUpRefused(_("That person was not on this visit."))
    follow_up = FollowUp.objects.create(
        report=report,
        person=person,
        description=description,
        created_at=timezone.now(),
        created_by_id=by.pk,
    )
    audit_record(
        by=by,
        action="follow_up_added",
        obj=report.visit,
        detail={"follow_up": follow_up.pk, "person": person.pk if person else None},
    )
    check = follow_up_act(follow_up=follow_up, action=then, by=by) if then else None
    return follow_up, check


@transaction.atomic
def follow_up_act(*, follow_up: FollowUp, action: FollowUpAction, by: Any) -> ConflictCheck | None:
    """Turn a follow-up into a new immigration matter, with the person as client and a conflict
    check (returned; its hits wait for an attorney's decision, as on the matters pages), or into
    a task on an existing matter."""
    # Lock the row: two people pressing the button at once must not open two matters.
    follow_up = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    if follow_up.matter_id or follow_up.task_id:
        raise FollowUpRefused(_("This follow-up has already been acted on."))
    visit = follow_up.report.visit
    if action.kind == "matter":
        person = follow_up.person
        if person is None or not person.name.strip():
            raise FollowUpRefused(
                _("Choose who this follow-up is about: they become the new matter's client.")
            )
        matter = cases.matter_open(title=action.title, kind=Matter.Kind.IMMIGRATION, by=by)
        _party, check = cases.party_add(
            matter=matter, role=Party.Role.CLIENT, name=person.name, by=by
        )
        follow_up.matter = matter
        follow_up.save(update_fields=["matter"])
        if person.matter_id is None:
            # The next visit finds them by their matter.
            person.matter = matter
            person.save(update_fields=["matter"])
        audit_record(
            by=by,
            action="follow_up_matter_opened",
            obj=visit,
            detail={
                "follow_up": follow_up.pk,
                "matter": matter.pk,
                "conflict_hits": len(check.hits),
            },
        )
        return check
    if action.kind == "task" and action.matter is not None:
        task = cases.task_add(matter=action.matter, title=action.title, by=by, due=action.due)
        follow_up.matter, follow_up.task = action.matter, task
        follow_up.save(update_fields=["matter", "task"])
        audit_record(
            by=by,
            action="follow_up_task_added",
            obj=visit,
            detail={"follow_up": follow_up.pk, "matter": action.matter.pk, "task": task.pk},
        )
        return None
    raise FollowUpRefused(_("Choose what the follow-up becomes."))


@transaction.atomic
def conflict_confirm(
    *, matter: Matter, user: Any, has_conflict: bool, note: str = ""
) -> ConflictConfirmation:
    """A volunteer on the matter, having seen only its party names, says whether they have a
    conflict. No conflict opens the matter to them; a conflict keeps it closed and tells the
    coordinators (by email, naming the matter number only, and on their home page)."""
    if ConflictConfirmation.objects.filter(matter=matter, user=user).exists():
        raise ConfirmationAlreadyGiven(_("You have already answered for this matter."))
    confirmation = ConflictConfirmation.objects.create(
        matter=matter,
        user=user,
        has_conflict=has_conflict,
        note=note,
        confirmed_at=timezone.now(),
    )
    audit_record(
        by=user,
        action="conflict_declared" if has_conflict else "conflict_none_confirmed",
        obj=matter,
        detail={"confirmation": confirmation.pk, "has_conflict": has_conflict},
    )
    if has_conflict:
        transaction.on_commit(lambda: _tell_coordinators(matter.pk))
    return confirmation


def _tell_coordinators(matter_pk: int) -> None:
    from django.core.mail import send_mail

    recipients = list(
        User.objects.filter(role__in=COORDINATORS, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if not recipients:
        return
    # The matter number only: never a client's or a volunteer's name in an email.
    subject = _("A volunteer declared a conflict on matter %(n)s") % {"n": matter_pk}
    body = _(
        "A volunteer on matter %(n)s says they have a conflict. The matter stays closed to them. "
        "See the volunteer network page in RightsDesk."
    ) % {"n": matter_pk}
    try:
        send_mail(subject, body + "\n", None, recipients)
    except OSError:
        # The declaration is saved and shows on the coordinator's home; a mail server being
        # down must not turn it into an error page.
        log.warning("conflict notice for matter %s not sent", matter_pk)
