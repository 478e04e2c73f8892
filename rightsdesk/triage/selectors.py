"""Reads for the screening desk. The queue reads plaintext columns only; opening a complaint
reads (and audits) the person's record."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from rightsdesk.intake.models import Complaint
from rightsdesk.triage.models import ScreeningTag


@dataclass(frozen=True)
class QueueFilters:
    tag: str = ""  # "group:tag"
    county: str = ""
    language: str = ""
    status: str = ""


def screening_queue(filters: QueueFilters) -> QuerySet[Complaint]:
    """Complaints by urgency (custody, court within 14 days, deadline within 30 days, ongoing),
    then oldest first, so nobody waits behind newer, less urgent ones."""
    complaints = Complaint.objects.select_related("screening").only(
        "reference",
        "received_at",
        "language",
        "source",
        "kind",
        "status",
        "in_custody",
        "next_court_date",
        "screening__urgency_rank",
        "screening__county",
        "screening__next_deadline",
        "screening__date_needed",
        "screening__scope",
    )
    if filters.tag and ":" in filters.tag:
        group, tag = filters.tag.split(":", 1)
        complaints = complaints.filter(
            Exists(
                ScreeningTag.objects.filter(
                    screening__complaint=OuterRef("pk"), group=group, tag=tag, rejected=False
                )
            )
        )
    if filters.county:
        complaints = complaints.filter(screening__county=filters.county)
    if filters.language:
        complaints = complaints.filter(language=filters.language)
    if filters.status:
        complaints = complaints.filter(status=filters.status)
    return complaints.order_by("screening__urgency_rank", "received_at", "pk")


def tags_for(complaints: list[Complaint]) -> dict[int, list[ScreeningTag]]:
    """The accepted tags of a page of complaints, in one query."""
    found: dict[int, list[ScreeningTag]] = {c.pk: [] for c in complaints}
    rows = ScreeningTag.objects.filter(screening__complaint__in=complaints, rejected=False)
    for row in rows.select_related("screening").only("group", "tag", "screening__complaint_id"):
        found[row.screening.complaint_id].append(row)
    return found


def counties_in_queue() -> list[str]:
    from rightsdesk.triage.models import Screening

    return list(
        Screening.objects.exclude(county="")
        .order_by("county")
        .values_list("county", flat=True)
        .distinct()
    )


def screening_or_none(complaint: Complaint) -> Any:
    from rightsdesk.triage.models import Screening

    try:
        return complaint.screening
    except Screening.DoesNotExist:
        return None
