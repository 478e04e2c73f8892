from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_POST

from rightsdesk.accounts.access import staff_view
from rightsdesk.accounts.roles import AUDIT_REVIEWERS
from rightsdesk.vault.audit import audit_record, audit_verify
from rightsdesk.vault.forms import AuditFilterForm
from rightsdesk.vault.models import AuditEntry

PAGE_SIZE = 50


@staff_view(AUDIT_REVIEWERS)
@require_GET
def audit_list_view(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    entries = AuditEntry.objects.order_by("-seq")
    if form.is_bound and form.is_valid():
        entries = form.apply(entries)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    actions = AuditEntry.objects.order_by("action").values_list("action", flat=True).distinct()
    kinds = (
        AuditEntry.objects.exclude(object_type="")
        .order_by("object_type")
        .values_list("object_type", flat=True)
        .distinct()
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "vault/audit_list.html",
        {
            "form": form,
            "page": page,
            "actions": list(actions),
            "kinds": list(kinds),
            "query": query.urlencode(),
        },
    )


@staff_view(AUDIT_REVIEWERS)
@require_POST
def audit_verify_view(request: HttpRequest) -> HttpResponse:
    report = audit_verify()
    audit_record(
        by=request.user,
        action="audit_verified",
        detail={"ok": report.ok, "checked": report.checked, "broken_at": report.broken_at},
    )
    return render(request, "vault/audit_verify.html", {"report": report})
