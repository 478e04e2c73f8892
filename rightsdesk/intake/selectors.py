"""Reads of complaints for staff: scoped by role, and every read of a person's record audited."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from rightsdesk.intake.models import Complaint, Document
from rightsdesk.vault.audit import DOWNLOAD, audit_read, audit_record

# What lists of complaints (the inbox, the screening queue) show: plaintext columns only, so a
# list never decrypts anyone's story; opening a complaint is what reads personal data.
LIST_COLUMNS = (
    "reference",
    "received_at",
    "language",
    "source",
    "kind",
    "status",
    "in_custody",
    "next_court_date",
)


def complaint_list(*, status: str = "") -> QuerySet[Complaint]:
    complaints = Complaint.objects.only(*LIST_COLUMNS)
    return complaints.filter(status=status) if status else complaints


def complaint_get_for_user(*, user: Any, reference: str) -> Complaint:
    complaint = Complaint.objects.filter(reference=reference).first()
    if complaint is None:
        raise Http404
    audit_read(by=user, obj=complaint)
    return complaint


def document_get_for_user(
    *, user: Any, complaint: Complaint, document_id: int, original: bool = False
) -> Document:
    document = Document.objects.filter(complaint=complaint, pk=document_id).first()
    if document is None:
        raise Http404
    audit_record(
        by=user,
        action=DOWNLOAD,
        obj=complaint,
        detail={"document": document.pk, "original": original},
    )
    return document
