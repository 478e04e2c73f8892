from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rightsdesk.accounts.access import staff_view
from rightsdesk.accounts.roles import INTAKE_STAFF, Role
from rightsdesk.core.downloads import attachment
from rightsdesk.intake import selectors as intake_selectors
from rightsdesk.letters import services
from rightsdesk.letters.forms import LetterForm, TemplateForm
from rightsdesk.letters.labels import mailing_labels_pdf
from rightsdesk.letters.models import Letter, LetterKind, LetterTemplate
from rightsdesk.letters.rendering import inquiry_allowed
from rightsdesk.vault.audit import DOWNLOAD, audit_record

# Letter wording is the organisation's voice: admins and the legal director edit it.
TEMPLATE_EDITORS = {Role.ADMIN, Role.LEGAL_DIRECTOR}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@staff_view(INTAKE_STAFF)
@require_http_methods(["GET", "POST"])
def letter_new_view(request: HttpRequest, reference: str, kind: str) -> HttpResponse:
    if kind not in LetterKind.values:
        raise Http404
    complaint = intake_selectors.complaint_get_for_user(user=request.user, reference=reference)
    if kind == LetterKind.INQUIRY:
        allowed, why = inquiry_allowed(complaint.data)
        if not allowed:
            messages.error(request, why)
            return redirect("triage:desk", reference=complaint.reference)
    person = services.person_recipient(complaint)
    initial = (
        {}
        if kind == LetterKind.INQUIRY
        else {"recipient_name": person.name, "recipient_address": "\n".join(person.address)}
    )
    if kind == LetterKind.INQUIRY:
        parties = complaint.data.get("responsible_parties", [])
        initial["recipient_name"] = parties[0].get("name", "") if parties else ""
    form = LetterForm(request.POST or None, initial=initial, kind=kind)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        recipient = services.Recipient(
            name=data["recipient_name"],
            address=[
                line.strip()
                for line in data.get("recipient_address", "").splitlines()
                if line.strip()
            ],
        )
        try:
            letter = services.letter_create(
                complaint=complaint,
                kind=kind,
                by=request.user,
                recipient=recipient,
                extra={
                    k: data.get(k, "") for k in ("incident_summary", "requested_action", "reason")
                },
            )
        except services.LetterRefused as refusal:
            messages.error(request, str(refusal))
            return redirect("triage:desk", reference=complaint.reference)
        messages.success(request, _("The letter is ready to download."))
        return redirect(f"{complaint_url(complaint.reference)}#letter-{letter.pk}")
    return render(
        request,
        "letters/new.html",
        {"complaint": complaint, "kind": kind, "kind_label": LetterKind(kind).label, "form": form},
        status=400 if form.errors else 200,
    )


def complaint_url(reference: str) -> str:
    from django.urls import reverse

    return reverse("triage:desk", kwargs={"reference": reference})


@staff_view(INTAKE_STAFF)
@require_GET
def letter_file_view(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    letter = get_object_or_404(Letter.objects.select_related("complaint"), pk=pk)
    if fmt not in {"pdf", "docx"}:
        raise Http404
    audit_record(
        by=request.user,
        action=DOWNLOAD,
        obj=letter.complaint,
        detail={"letter": letter.pk, "format": fmt},
    )
    stored = letter.pdf if fmt == "pdf" else letter.docx
    with stored.open("rb") as handle:
        content = handle.read()
    return attachment(
        content,
        filename=f"{letter.complaint.reference}-{letter.kind}.{fmt}",
        content_type="application/pdf" if fmt == "pdf" else DOCX,
    )


@staff_view(INTAKE_STAFF)
@require_POST
def labels_view(request: HttpRequest) -> HttpResponse:
    ids = [int(i) for i in request.POST.getlist("letters") if i.isdigit()]
    letters = list(Letter.objects.filter(pk__in=ids).select_related("complaint"))
    if not letters:
        messages.error(request, _("Choose at least one letter to print a label for."))
        return redirect(request.POST.get("next") or "triage:queue")
    for letter in letters:
        audit_record(
            by=request.user,
            action=DOWNLOAD,
            obj=letter.complaint,
            detail={"letter": letter.pk, "format": "label"},
        )
    addresses = [
        [letter.recipient.get("name", ""), *letter.recipient.get("address", [])]
        for letter in letters
    ]
    return attachment(
        mailing_labels_pdf(addresses), filename="mailing-labels.pdf", content_type="application/pdf"
    )


@staff_view(TEMPLATE_EDITORS)
@require_GET
def templates_view(request: HttpRequest) -> HttpResponse:
    return render(request, "letters/templates.html", {"templates": LetterTemplate.objects.all()})


@staff_view(TEMPLATE_EDITORS)
@require_http_methods(["GET", "POST"])
def template_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    template = get_object_or_404(LetterTemplate, pk=pk)
    form = TemplateForm(request.POST or None, instance=template)
    if request.method == "POST" and form.is_valid():
        services.template_save(form=form, by=request.user)
        messages.success(request, _("The template is saved."))
        return redirect("letters:templates")
    return render(
        request,
        "letters/template_form.html",
        {"form": form, "template": template},
        status=400 if form.errors else 200,
    )
