"""Staff pages for intake: the inbox, a complaint, its files, questions to the person, keying
in paper forms and the queue of paper forms to mail."""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rightsdesk.accounts.access import staff_view
from rightsdesk.accounts.roles import INTAKE_STAFF
from rightsdesk.core.downloads import attachment
from rightsdesk.intake import selectors, services, wizard
from rightsdesk.intake import views as public
from rightsdesk.intake.models import Complaint, PaperFormRequest
from rightsdesk.intake.staff_forms import QuestionForm
from rightsdesk.intake.uploads import (
    EXTENSIONS,
    PICTURE_KINDS,
    LocationNotRemoved,
    remove_location,
)
from rightsdesk.intake.wizard import review_sections
from rightsdesk.vault.audit import audit_reads

PAGE_SIZE = 50


@staff_view(INTAKE_STAFF)
@require_GET
def inbox_view(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    if status not in Complaint.Status.values:
        status = ""
    page = Paginator(selectors.complaint_list(status=status), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "intake/staff/inbox.html",
        {"page": page, "status": status, "statuses": Complaint.Status.choices},
    )


@staff_view(INTAKE_STAFF)
@require_http_methods(["GET", "POST"])
def detail_view(request: HttpRequest, reference: str) -> HttpResponse:
    complaint = selectors.complaint_get_for_user(user=request.user, reference=reference)
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.complaint_request_info(
            complaint=complaint, question=form.cleaned_data["question"], by=request.user
        )
        messages.success(request, _("The question is on the person's status page."))
        return redirect("intake_staff:detail", reference=complaint.reference)
    data = complaint.data
    documents = list(complaint.documents.all())
    return render(
        request,
        "intake/staff/detail.html",
        {
            "complaint": complaint,
            "sections": review_sections(complaint.kind, data),
            "documents": documents,
            "questions": list(complaint.questions.all()),
            "form": form,
            "raw_when": data.get("incident", {}).get("when", ""),
        },
    )


@staff_view(INTAKE_STAFF)
@require_GET
def document_view(request: HttpRequest, reference: str, document_id: int) -> HttpResponse:
    complaint = selectors.complaint_get_for_user(user=request.user, reference=reference)
    original = request.GET.get("original") == "1"
    document = selectors.document_get_for_user(
        user=request.user, complaint=complaint, document_id=document_id, original=original
    )
    with document.file.open("rb") as handle:
        content = handle.read()
    name = document.original_name
    if not original and document.file_type in PICTURE_KINDS:
        # The copy people look at has no location data; the original stays as evidence.
        try:
            content, kind = remove_location(content, document.file_type)
        except LocationNotRemoved:
            return HttpResponse(
                _(
                    "This picture could not be cleaned of its location data. "
                    "Download the original only if you need it as evidence."
                ),
                status=422,
                content_type="text/plain; charset=utf-8",
            )
        name = str(Path(name).with_suffix(EXTENSIONS[kind]))
    return attachment(content, filename=name)


# Keying in a paper form: the public steps, under staff pages, with source "paper".
@staff_view(INTAKE_STAFF)
@require_http_methods(["GET", "POST"])
def paper_start_view(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        return public.begin(request, wizard.PAPER)
    return render(request, "intake/staff/paper_start.html")


@staff_view(INTAKE_STAFF)
@require_http_methods(["GET", "POST"])
def paper_step_view(request: HttpRequest, key: str) -> HttpResponse:
    return public.step(request, key, wizard.PAPER)


@staff_view(INTAKE_STAFF)
@require_http_methods(["GET", "POST"])
def paper_review_view(request: HttpRequest) -> HttpResponse:
    return public.review(request, wizard.PAPER)


@staff_view(INTAKE_STAFF)
@require_GET
def paper_receipt_view(request: HttpRequest) -> HttpResponse:
    draft_id = request.session.get(wizard.PAPER.session_key)
    receipt = services.draft_receipt(draft_id=draft_id) if draft_id else {}
    if not receipt:
        return redirect("intake_staff:inbox")
    return render(request, "intake/staff/paper_receipt.html", {"receipt": receipt})


@staff_view(INTAKE_STAFF)
@require_GET
def paper_requests_view(request: HttpRequest) -> HttpResponse:
    waiting = list(PaperFormRequest.objects.filter(mailed_at__isnull=True)[:200])
    audit_reads(by=request.user, objects=waiting, purpose="paper form queue")
    return render(request, "intake/staff/paper_requests.html", {"waiting": waiting})


@staff_view(INTAKE_STAFF)
@require_POST
def paper_request_mailed_view(request: HttpRequest, pk: int) -> HttpResponse:
    paper_request = get_object_or_404(PaperFormRequest, pk=pk, mailed_at__isnull=True)
    services.paper_form_mark_mailed(request=paper_request, by=request.user)
    messages.success(request, _("Marked as mailed."))
    return redirect("intake_staff:paper_requests")
