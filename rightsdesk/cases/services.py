"""Writes for cases. So far: opening the matter when a complaint is accepted."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from rightsdesk.cases.models import Matter
from rightsdesk.intake.models import Complaint
from rightsdesk.vault.audit import audit_record


@transaction.atomic
def matter_open_from_complaint(*, complaint: Complaint, by: Any) -> Matter:
    existing = Matter.objects.filter(complaint=complaint).first()
    if existing is not None:
        return existing
    parties = ", ".join(p.get("name", "") for p in complaint.data.get("responsible_parties", []))
    title = f"{complaint.reference}: {parties}" if parties else complaint.reference
    matter = Matter.objects.create(
        complaint=complaint, title=title, opened_at=timezone.now(), opened_by_id=by.pk
    )
    audit_record(by=by, action="matter_opened", obj=matter, detail={"complaint": complaint.pk})
    return matter
