"""Making letters: fill a template, render PDF and DOCX, store both encrypted, audit it.

A letter that names the person to someone else (an inquiry or protest) is only made when the
person authorised it (invariant 7); the check is here, not only in the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import formats, timezone, translation

from rightsdesk.intake.models import Complaint
from rightsdesk.letters.documents import letter_docx, letter_pdf
from rightsdesk.letters.models import Letter, LetterKind, LetterTemplate
from rightsdesk.letters.rendering import inquiry_allowed, render_letter
from rightsdesk.vault.audit import audit_record


class LetterRefused(Exception):
    """The letter may not be made; the message says why."""


@dataclass(frozen=True)
class Recipient:
    name: str
    address: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [line for line in [self.name, *self.address] if line.strip()]


def person_recipient(complaint: Complaint) -> Recipient:
    """The person (or whoever wrote for them), by post, from what they gave us."""
    data = complaint.data
    contact = data.get("contact", {})
    writer = data.get("on_behalf", {})
    name = writer.get("filer_name") if writer.get("is_on_behalf") else contact.get("name", "")
    address = contact.get("mailing_address", {})
    city = address.get("city", "")
    place = " ".join(p for p in (address.get("state", ""), address.get("zip", "")) if p)
    city_line = f"{city}, {place}" if city and place else city or place
    lines = [line for line in (address.get("street", ""), city_line) if line]
    return Recipient(name=name or "", address=lines)


def _context(
    complaint: Complaint, *, kind: str, language: str, extra: dict[str, str]
) -> dict[str, str]:
    from rightsdesk.triage.models import Decision

    contact_name = complaint.data.get("contact", {}).get("name", "")
    with translation.override(language):
        context = {
            "person_name": contact_name,
            "reference": complaint.reference,
            "date": formats.date_format(timezone.localdate(), "DATE_FORMAT"),
            "organisation": settings.ORGANISATION_NAME,
        }
    if kind == LetterKind.NEED_INFO:
        question = complaint.questions.filter(answered_at__isnull=True).order_by("-asked_at")
        context["question"] = question.first().question if question.exists() else ""
    if kind == LetterKind.REFERRAL:
        referral = Decision.objects.filter(complaint=complaint, outcome="refer").first()
        if referral and referral.referral:
            context["referral_name"] = referral.referral.name
            context["referral_contact"] = referral.referral.how_to_reach
    # Staff write the inquiry's summary and request; nothing of the person's own account is
    # quoted automatically.
    context.update({k: v for k, v in extra.items() if v})
    return context


@transaction.atomic
def letter_create(
    *,
    complaint: Complaint,
    kind: str,
    by: Any,
    recipient: Recipient,
    extra: dict[str, str] | None = None,
) -> Letter:
    uses_name = kind == LetterKind.INQUIRY
    if uses_name:
        allowed, why = inquiry_allowed(complaint.data)
        if not allowed:
            raise LetterRefused(why)
    # Letters to the person go in their language; an inquiry goes to the party in English.
    language = (
        "en" if uses_name else (complaint.language if complaint.language in {"en", "es"} else "en")
    )
    template = LetterTemplate.objects.get(kind=kind, language=language)
    context = _context(complaint, kind=kind, language=language, extra=extra or {})
    if uses_name:
        context.setdefault("party_name", recipient.name)
    rendered = render_letter(subject=template.subject, body=template.body, context=context)
    address = [line for line in settings.ORGANISATION_ADDRESS.split("|") if line.strip()]
    common = {
        "organisation": settings.ORGANISATION_NAME,
        "organisation_address": address,
        "recipient": recipient.lines(),
        "date_text": context["date"],
        "reference": complaint.reference,
        "language": language,
    }
    letter = Letter(
        complaint=complaint,
        kind=kind,
        language=language,
        created_by_id=by.pk,
        recipient={"name": recipient.name, "address": recipient.address},
        uses_name=uses_name,
    )
    letter.pdf.save("letter.rdf", ContentFile(letter_pdf(rendered, **common)), save=False)
    letter.docx.save("letter.rdf", ContentFile(letter_docx(rendered, **common)), save=False)
    letter.save()
    audit_record(
        by=by,
        action="letter_created",
        obj=complaint,
        detail={"letter": letter.pk, "kind": kind, "uses_name": uses_name},
    )
    return letter


@transaction.atomic
def template_save(*, form: Any, by: Any) -> LetterTemplate:
    template = form.save()
    audit_record(by=by, action="update", obj=template, detail={"fields": form.changed_data})
    return template
