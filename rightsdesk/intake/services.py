"""Writes for intake: drafts, uploads, submitting, status, questions, paper-form requests.

Each write runs in a transaction with its audit entry. Nothing here logs or returns what a
person wrote except to the person or to staff with the right role.
"""

from __future__ import annotations

import json
import logging
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.dispatch import Signal
from django.utils import timezone

from rightsdesk.core.durability import relaxed_commit
from rightsdesk.intake import codes
from rightsdesk.intake.models import Complaint, Document, Draft, InfoRequest, PaperFormRequest
from rightsdesk.intake.notify import notifier, render_notice
from rightsdesk.intake.steps import clean_answers
from rightsdesk.intake.uploads import CheckedUpload
from rightsdesk.vault.audit import audit_record
from rightsdesk.vault.crypto import blind_index

# Sent after a complaint is committed; screening listens (intake knows nothing of screening).
complaint_received = Signal()

log = logging.getLogger("rightsdesk.intake")

DRAFT_DAYS = 30
RESUME = "resume"
STATUS = "status"


class SubmissionIncomplete(Exception):
    """The draft lacks answers the complaint needs; ``missing`` names the steps."""

    def __init__(self, missing: list[str]) -> None:
        super().__init__(", ".join(missing))
        self.missing = missing


@lru_cache(maxsize=1)
def complaint_schema() -> dict[str, Any]:
    path = Path(__file__).parent / "schema" / "complaint.schema.json"
    return json.loads(path.read_text(encoding="utf-8"))


def complaint_validate(data: dict[str, Any]) -> list[str]:
    """Schema errors as readable lines ("contact.name: ..."); empty when valid."""
    validator = jsonschema.Draft202012Validator(
        complaint_schema(), format_checker=jsonschema.FormatChecker()
    )
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    return [f"{'.'.join(str(p) for p in e.absolute_path) or '(top)'}: {e.message}" for e in errors]


# --- drafts --------------------------------------------------------------------------------


@relaxed_commit()
@transaction.atomic
def draft_start(*, kind: str, language: str) -> tuple[Draft, str]:
    code = codes.new_resume_code()
    draft = Draft.objects.create(
        resume_code_hash=codes.code_hash(RESUME, code),
        kind=kind,
        language=language,
        answers={"_resume_code": code},
        submission_token=secrets.token_urlsafe(32),
        expires_at=timezone.now() + timedelta(days=DRAFT_DAYS),
    )
    return draft, code


def draft_resume_code(draft: Draft) -> str:
    return str(draft.answers.get("_resume_code", ""))


def draft_find(*, code: str) -> Draft | None:
    return Draft.objects.filter(
        resume_code_hash=codes.code_hash(RESUME, code),
        expires_at__gt=timezone.now(),
        submitted_complaint__isnull=True,
    ).first()


# A draft's latest step may be lost to a power cut (the person types it again); a complaint
# never is (complaint_submit commits in full).
@relaxed_commit()
@transaction.atomic
def draft_save(*, draft: Draft, answers: dict[str, Any], language: str | None = None) -> None:
    draft.answers = answers
    draft.expires_at = timezone.now() + timedelta(days=DRAFT_DAYS)
    fields = ["answers", "expires_at", "updated_at"]
    if language:
        draft.language = language
        fields.append("language")
    draft.save(update_fields=fields)


@transaction.atomic
def draft_add_document(
    *, draft: Draft, upload: UploadedFile, checked: CheckedUpload, kind: str
) -> Document:
    document = Document(
        draft=draft,
        original_name=checked.safe_name,
        file_type=checked.kind,
        content_type=checked.content_type,
        size=checked.size,
        kind=kind,
    )
    # The storage writes, fsyncs and renames before this returns: the row never points at a
    # half-written file.
    document.file.save("upload.rdf", upload, save=False)
    document.save()
    return document


@transaction.atomic
def draft_remove_document(*, draft: Draft, document_id: int) -> None:
    document = Document.objects.filter(draft=draft, complaint__isnull=True, pk=document_id).first()
    if document is not None:
        document.file.delete(save=False)
        document.delete()


def drafts_purge_expired(*, now: Any = None) -> int:
    """Delete drafts past their expiry, with their files. Submitted drafts go too: the complaint
    holds everything by then."""
    now = now or timezone.now()
    purged = 0
    for draft in Draft.objects.filter(expires_at__lte=now).iterator():
        with transaction.atomic():
            for document in Document.objects.filter(draft=draft, complaint__isnull=True):
                document.file.delete(save=False)
                document.delete()
            draft.delete()
            purged += 1
    if purged:
        audit_record(
            by=None, action="drafts_purged", object_type="intake.draft", detail={"count": purged}
        )
    return purged


# --- submitting ----------------------------------------------------------------------------


def _required_missing(kind: str, data: dict[str, Any]) -> list[str]:
    missing = []
    if not data.get("incident", {}).get("what"):
        missing.append("what")
    if kind == "help":
        if not data.get("contact", {}).get("name"):
            missing.append("contact")
        if "on_behalf" not in data:
            missing.append("for-whom")
        if data.get("detention", {}).get("is_detained") is None:
            missing.append("detention")
        if data.get("authorize_letter_with_name") is None or len(data.get("consents", {})) < 2:
            missing.append("permissions")
        if not data.get("requested_help"):
            missing.append("request")
    return missing


_FIELD_STEPS = {
    "on_behalf": "for-whom",
    "contact": "contact",
    "detention": "detention",
    "incident": "what",
    "responsible_parties": "responsible",
    "explanation_given": "explanation",
    "why_explanation_inadequate": "explanation",
    "media_coverage": "media",
    "involves_police": "police",
    "police_report_attached": "police",
    "prior_actions": "prior-actions",
    "court_dates": "court-dates",
    "authorize_letter_with_name": "permissions",
    "consents": "permissions",
    "has_lawyer": "request",
    "requested_help": "request",
}


def _steps_for_problems(problems: list[str]) -> list[str]:
    steps = {_FIELD_STEPS.get(p.split(".", 1)[0].split(":", 1)[0], "what") for p in problems}
    return sorted(steps)


def _next_court_date(data: dict[str, Any]) -> date | None:
    today = timezone.localdate()
    upcoming = sorted(
        d
        for d in (
            date.fromisoformat(c["date"]) for c in data.get("court_dates", []) if c.get("date")
        )
        if d >= today
    )
    return upcoming[0] if upcoming else None


def _notify_email(data: dict[str, Any], wants: bool) -> str | None:
    if not wants:
        return None
    return (
        data.get("contact", {}).get("email") or data.get("on_behalf", {}).get("filer_email") or None
    )


def complaint_create(
    *,
    data: dict[str, Any],
    kind: str,
    source: str,
    language: str,
    by: Any = None,
    submission_token: str | None = None,
    notify_email: str | None = None,
) -> tuple[Complaint, str]:
    """Store one complaint (already validated) and return it with its new status code."""
    now = timezone.now()
    status_code = codes.new_status_code()
    contact = data.get("contact", {})
    for _attempt in range(5):
        try:
            with transaction.atomic():
                complaint = Complaint.objects.create(
                    reference=codes.new_reference(),
                    status_code_hash=codes.code_hash(STATUS, status_code),
                    kind=kind,
                    source=source,
                    language=language,
                    received_at=now,
                    status_changed_at=now,
                    data=data,
                    in_custody=bool(data.get("detention", {}).get("is_detained")),
                    next_court_date=_next_court_date(data),
                    name_index=blind_index("name", contact.get("name")),
                    phone_index=blind_index("phone", contact.get("phone")),
                    email_index=blind_index("email", contact.get("email")),
                    submission_token=submission_token,
                    notify_email=notify_email,
                    entered_by_id=getattr(by, "pk", None),
                )
        except IntegrityError:
            if (
                submission_token
                and Complaint.objects.filter(submission_token=submission_token).exists()
            ):
                raise
            continue  # a reference collision: draw another
        audit_record(
            by=by,
            action="complaint_received",
            obj=complaint,
            detail={"source": source, "kind": kind},
        )
        transaction.on_commit(
            lambda made=complaint: complaint_received.send(sender=Complaint, complaint=made)
        )
        return complaint, status_code
    raise RuntimeError("could not draw a unique reference")


RECEIPT_DAYS = 1


def complaint_submit(*, draft: Draft, source: str = "online", by: Any = None) -> Complaint:
    """Turn a draft into a complaint, once. Posting the same draft again returns the complaint
    already made: a double click or a retry creates nothing new.

    The receipt (reference and status code) is kept, encrypted, on the submitted draft for a
    day, so every one of those requests can show it, whichever finishes first."""
    with transaction.atomic():
        locked = Draft.objects.select_for_update().get(pk=draft.pk)
        if locked.submitted_complaint_id:
            return locked.submitted_complaint  # type: ignore[return-value]
        data = clean_answers(locked.answers)
        data.update(language=locked.language, source=source, kind=locked.kind)
        missing = _required_missing(locked.kind, data)
        if missing:
            raise SubmissionIncomplete(missing)
        documents = list(Document.objects.filter(draft=locked, complaint__isnull=True))
        data["documents"] = [{"filename": d.original_name, "kind": d.kind} for d in documents]
        problems = complaint_validate(data)
        if problems:
            # Should not happen (every step validates); if it does, send the person back to
            # the page concerned instead of failing.
            raise SubmissionIncomplete(_steps_for_problems(problems))
        try:
            complaint, status_code = complaint_create(
                data=data,
                kind=locked.kind,
                source=source,
                language=locked.language,
                by=by,
                submission_token=locked.submission_token,
                notify_email=_notify_email(data, bool(locked.answers.get("_email_updates"))),
            )
        except IntegrityError:
            return Complaint.objects.get(submission_token=locked.submission_token)
        Document.objects.filter(pk__in=[d.pk for d in documents]).update(complaint=complaint)
        locked.submitted_complaint = complaint
        locked.answers = {
            "_receipt": {
                "reference": complaint.reference,
                "code": status_code,
                "kind": complaint.kind,
                "court": bool(data.get("court_dates")),
                "email": bool(complaint.notify_email),
            }
        }
        locked.expires_at = timezone.now() + timedelta(days=RECEIPT_DAYS)
        locked.save(update_fields=["submitted_complaint", "answers", "expires_at", "updated_at"])
        _notify_later(complaint, receipt=True)
    return complaint


def draft_receipt(*, draft_id: int) -> dict[str, Any]:
    draft = Draft.objects.filter(
        pk=draft_id, submitted_complaint__isnull=False, expires_at__gt=timezone.now()
    ).first()
    return dict(draft.answers.get("_receipt", {})) if draft else {}


# --- after submitting ------------------------------------------------------------------------


def complaint_find(*, reference: str, code: str) -> Complaint | None:
    """The complaint for a reference and status code, or None. A wrong pair says nothing about
    whether the reference exists."""
    expected = codes.code_hash(STATUS, code)
    # Only the hash is read, so a real reference costs no more time than a made-up one.
    complaint = (
        Complaint.objects.filter(reference=codes.normalise(reference))
        .only("pk", "status_code_hash")
        .first()
    )
    stored = complaint.status_code_hash if complaint else "0" * len(expected)
    if secrets.compare_digest(stored, expected) and complaint is not None:
        return complaint
    return None


def _notify_later(complaint: Complaint, *, receipt: bool) -> None:
    """After the commit, hand the email to the task queue: a mail server being down must never
    turn a saved complaint into an error page."""
    if not complaint.notify_email:
        return
    from rightsdesk.intake.tasks import notify_complaint

    transaction.on_commit(lambda: notify_complaint(complaint.pk, receipt))


def complaint_notify(*, complaint: Complaint, receipt: bool = False) -> None:
    if not complaint.notify_email:
        return
    template = "intake/emails/receipt.txt" if receipt else "intake/emails/status.txt"
    subject, body = render_notice(
        template=template, language=complaint.language, context={"complaint": complaint}
    )
    notifier().send(to=complaint.notify_email, subject=subject, body=body)


@transaction.atomic
def complaint_set_status(
    *, complaint: Complaint, status: str, by: Any, public_note: str | None = None
) -> None:
    complaint.status = status
    complaint.status_changed_at = timezone.now()
    complaint.public_note = public_note
    complaint.save(update_fields=["status", "status_changed_at", "public_note"])
    audit_record(by=by, action="complaint_status", obj=complaint, detail={"status": status})
    _notify_later(complaint, receipt=False)


@transaction.atomic
def complaint_request_info(*, complaint: Complaint, question: str, by: Any) -> InfoRequest:
    asked = InfoRequest.objects.create(
        complaint=complaint, question=question, asked_at=timezone.now(), asked_by_id=by.pk
    )
    audit_record(by=by, action="info_requested", obj=complaint, detail={"question": asked.pk})
    complaint_set_status(complaint=complaint, status=Complaint.Status.NEED_INFO, by=by)
    return asked


@transaction.atomic
def complaint_answer_info(*, complaint: Complaint, question: InfoRequest, answer: str) -> None:
    question.answer = answer
    question.answered_at = timezone.now()
    question.save(update_fields=["answer", "answered_at"])
    audit_record(
        by="complainant", action="info_answered", obj=complaint, detail={"question": question.pk}
    )
    if not complaint.questions.filter(answered_at__isnull=True).exists():
        complaint_set_status(
            complaint=complaint, status=Complaint.Status.REVIEWING, by="complainant"
        )


@transaction.atomic
def complaint_add_document(
    *, complaint: Complaint, upload: UploadedFile, checked: CheckedUpload, kind: str, by: Any = None
) -> Document:
    document = Document(
        complaint=complaint,
        original_name=checked.safe_name,
        file_type=checked.kind,
        content_type=checked.content_type,
        size=checked.size,
        kind=kind,
        added_by_staff_id=getattr(by, "pk", None),
    )
    document.file.save("upload.rdf", upload, save=False)
    document.save()
    audit_record(
        by=by or "complainant",
        action="document_added",
        obj=complaint,
        detail={"document": document.pk},
    )
    return document


@transaction.atomic
def complaint_update_consents(*, complaint: Complaint, share: bool, deidentified: bool) -> None:
    data = dict(complaint.data)
    data["consents"] = {"share_with_partner_organisations": share, "deidentified_use": deidentified}
    complaint.data = data
    complaint.save(update_fields=["data"])
    audit_record(
        by="complainant",
        action="consents_changed",
        obj=complaint,
        detail={"share": share, "deidentified": deidentified},
    )


@transaction.atomic
def paper_form_request(*, name: str, address: dict[str, str], language: str) -> PaperFormRequest:
    request = PaperFormRequest.objects.create(
        name=name, address=address, language=language, requested_at=timezone.now()
    )
    audit_record(by="public", action="paper_form_requested", obj=request)
    return request


@transaction.atomic
def paper_form_mark_mailed(*, request: PaperFormRequest, by: Any) -> None:
    request.mailed_at = timezone.now()
    request.mailed_by_id = by.pk
    request.save(update_fields=["mailed_at", "mailed_by_id"])
    audit_record(by=by, action="paper_form_mailed", obj=request)


@dataclass
class UploadsAccepted:
    """What uploads_accept did: how many files were added, the messages for the rest, and
    whether storage was full (a fault on our side, not a refusal of the person's file)."""

    added: int = 0
    refused: list[str] = field(default_factory=list)
    storage_full: bool = False


def uploads_accept(
    uploads: Iterable[UploadedFile],
    *,
    already: QuerySet[Document],
    add: Callable[[UploadedFile, CheckedUpload], Any],
) -> UploadsAccepted:
    """Check each upload against the limits, counting what ``already`` holds, and ``add`` the
    good ones. A full disk stops at the first file it refuses, and says so for that file and
    every one after it."""
    from django.db.models import Count, Sum

    from rightsdesk.intake.uploads import UploadRefused, check_upload, name_for_message
    from rightsdesk.vault.storage import StorageFull

    totals = already.aggregate(files=Count("pk"), size=Sum("size"))
    count, total = totals["files"], totals["size"] or 0
    result = UploadsAccepted()
    for upload in uploads:
        if result.storage_full:
            result.refused.append(
                str(UploadRefused("storage_full", name=name_for_message(upload.name)))
            )
            continue
        try:
            checked = check_upload(upload, files_so_far=count, bytes_so_far=total)
        except UploadRefused as refusal:
            result.refused.append(str(refusal))
            continue
        try:
            add(upload, checked)
        except StorageFull as full:
            # For the operator: which folder is full. Never the file's name.
            log.error("No room left in %s: an uploaded file was not stored.", full.filename)
            result.storage_full = True
            result.refused.append(
                str(UploadRefused("storage_full", name=name_for_message(upload.name)))
            )
            continue
        count, total, result.added = count + 1, total + checked.size, result.added + 1
    return result
