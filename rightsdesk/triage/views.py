"""The screening desk: the queue by urgency, and one complaint with its tags, evidence,
deadline estimates and ordinance coverage."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rightsdesk.accounts.access import staff_view
from rightsdesk.accounts.roles import INTAKE_STAFF
from rightsdesk.intake import selectors as intake_selectors
from rightsdesk.intake.models import Complaint
from rightsdesk.intake.wizard import review_sections
from rightsdesk.triage import selectors, services
from rightsdesk.triage.forms import ConfirmTagsForm, DecisionForm, QueueFilterForm
from rightsdesk.triage.highlight import highlighted_fields
from rightsdesk.triage.taxonomy import GROUPS, label
from rightsdesk.vault.audit import audit_reads

PAGE_SIZE = 50


@staff_view(INTAKE_STAFF)
@require_GET
def queue_view(request: HttpRequest) -> HttpResponse:
    form = QueueFilterForm(
        request.GET or None,
        counties=selectors.counties_in_queue(),
        statuses=Complaint.Status.choices,
    )
    filters = selectors.QueueFilters(
        **(form.cleaned_data if form.is_bound and form.is_valid() else {})
    )
    page = Paginator(selectors.screening_queue(filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    complaints = list(page)
    audit_reads(by=request.user, objects=complaints, purpose="screening queue")
    tags = selectors.tags_for(complaints)
    rows = [
        {
            "complaint": c,
            "screening": getattr(c, "screening", None),
            "tags": [(t.group, label(t.group, t.tag)) for t in tags[c.pk]],
        }
        for c in complaints
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "triage/queue.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "query": query.urlencode(),
            "today": timezone.localdate(),
        },
    )


@staff_view(INTAKE_STAFF)
@require_http_methods(["GET", "POST"])
def desk_view(request: HttpRequest, reference: str) -> HttpResponse:
    complaint = intake_selectors.complaint_get_for_user(user=request.user, reference=reference)
    screening = selectors.screening_or_none(complaint)
    if screening is None:
        screening = services.screening_run(complaint=complaint, by=request.user)
    current = {
        group: [t.tag for t in screening.tags.all() if t.group == group and not t.rejected]
        for group in GROUPS[:4]
    }
    action = request.POST.get("action", "")
    form = ConfirmTagsForm(
        request.POST if action == "tags" else None, initial={**current, "scope": screening.scope}
    )
    decision_form = DecisionForm(request.POST if action == "decide" else None)
    if action == "tags" and form.is_valid():
        services.screening_correct(
            screening=screening,
            by=request.user,
            scope=form.cleaned_data["scope"],
            accepted={group: form.cleaned_data[group] for group in GROUPS[:4]},
        )
        messages.success(request, _("Tags confirmed."))
        return redirect("triage:desk", reference=complaint.reference)
    if action == "decide" and decision_form.is_valid():
        data = decision_form.cleaned_data
        services.decision_record(
            complaint=complaint,
            outcome=data["outcome"],
            reason=data["reason"],
            by=request.user,
            referral=data["referral"],
            question=data["question"],
        )
        messages.success(request, _("Decision recorded. The person's status page shows it."))
        return redirect("triage:desk", reference=complaint.reference)
    data = complaint.data
    return render(
        request,
        "triage/desk.html",
        {
            "complaint": complaint,
            "screening": screening,
            "form": form,
            "decision_form": decision_form,
            "tags": {
                group: [(tag, label(group, tag)) for tag in current[group]] for group in GROUPS[:4]
            },
            "highlighted": highlighted_fields(data, screening.evidence),
            "sections": review_sections(complaint.kind, data),
            "related": selectors.related_for(complaint),
            "decisions": list(complaint.decisions.select_related("referral")),
            "inquiry_allowed": bool(data.get("authorize_letter_with_name")),
        },
        status=400 if (form.errors or decision_form.errors) else 200,
    )


@staff_view(INTAKE_STAFF)
@require_POST
def rescreen_view(request: HttpRequest, reference: str) -> HttpResponse:
    complaint = intake_selectors.complaint_get_for_user(user=request.user, reference=reference)
    services.screening_run(complaint=complaint, by=request.user)
    messages.success(request, _("Screened again with the current rules."))
    return redirect("triage:desk", reference=complaint.reference)
