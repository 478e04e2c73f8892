from __future__ import annotations

from datetime import datetime

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from rightsdesk.accounts.access import public_view, staff_view, user_has_role
from rightsdesk.cases import selectors, services
from rightsdesk.cases.forms import (
    CloseForm,
    ConflictDecisionForm,
    DocumentForm,
    MatterDateForm,
    MemberForm,
    NewMatterForm,
    NoteForm,
    PartyForm,
    TaskForm,
)
from rightsdesk.cases.models import ConflictCheck
from rightsdesk.cases.notes import render_note
from rightsdesk.cases.summary import matter_summary_pdf, matters_csv
from rightsdesk.core.downloads import attachment
from rightsdesk.intake.models import Complaint
from rightsdesk.intake.uploads import UploadRefused, check_upload
from rightsdesk.vault.audit import audit_reads, audit_record


@staff_view(selectors.MATTER_READERS)
@require_GET
def matter_list_view(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.matters_for_user(request.user), 50).get_page(request.GET.get("page"))
    matters = list(page)
    audit_reads(by=request.user, objects=matters, purpose="matter list")
    return render(
        request,
        "cases/matter_list.html",
        {
            "page": page,
            "matters": matters,
            "can_export": user_has_role(request.user, selectors.CSV_READERS),
            "can_edit": user_has_role(request.user, selectors.MATTER_STAFF),
        },
    )


@staff_view(selectors.MATTER_READERS)
@require_http_methods(["GET", "POST"])
def matter_view(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        matter = selectors.matter_get_for_user(user=request.user, pk=pk)
    except selectors.ConflictNotConfirmed:
        # A volunteer sees the party names and confirms they have no conflict first.
        return redirect("portal:portal_matter_confirm", pk=pk)
    can_edit = user_has_role(request.user, selectors.MATTER_STAFF)
    can_check = user_has_role(request.user, selectors.CONFLICT_CHECKERS)
    action = request.POST.get("action", "")
    party_form = PartyForm(request.POST if action == "party" else None)
    member_form = MemberForm(request.POST if action == "member" else None)
    decision_form = ConflictDecisionForm(request.POST if action == "decide" else None)
    date_form = MatterDateForm(request.POST if action == "date" else None)
    task_form = TaskForm(request.POST if action == "task" else None)
    note_form = NoteForm(request.POST if action == "note" else None)
    document_form = DocumentForm(
        request.POST if action == "document" else None,
        request.FILES if action == "document" else None,
    )
    close_form = CloseForm(request.POST if action == "close" else None)
    refused = ""
    if request.method == "POST":
        # Everyone on the matter, volunteers too, may add notes, tasks and papers.
        if not can_edit and action not in {"task", "task_done", "note", "document"}:
            return render(request, "403.html", status=403)
        if action == "task" and task_form.is_valid():
            services.task_add(matter=matter, by=request.user, **task_form.cleaned_data)
            return redirect("cases:matter", pk=matter.pk)
        if action == "task_done":
            task = matter.tasks.filter(pk=request.POST.get("task") or 0).first()
            if task is not None:
                services.task_done(task=task, by=request.user)
            return redirect("cases:matter", pk=matter.pk)
        if action == "note" and note_form.is_valid():
            services.note_add(matter=matter, by=request.user, body=note_form.cleaned_data["body"])
            return redirect("cases:matter", pk=matter.pk)
        if action == "document" and document_form.is_valid():
            upload = document_form.cleaned_data["file"]
            try:
                checked = check_upload(upload, files_so_far=0, bytes_so_far=0)
            except UploadRefused as refusal:
                refused = str(refusal)
            else:
                replaces = matter.documents.filter(pk=request.POST.get("replaces") or 0).first()
                services.document_add(
                    matter=matter,
                    upload=upload,
                    checked=checked,
                    kind=document_form.cleaned_data["kind"],
                    by=request.user,
                    replaces=replaces,
                )
                return redirect("cases:matter", pk=matter.pk)
        if action == "activate" and matter.status == matter.Status.OPEN:
            services.matter_activate(matter=matter, by=request.user)
            return redirect("cases:matter", pk=matter.pk)
        if action == "close" and close_form.is_valid():
            services.matter_close(
                matter=matter, outcome=close_form.cleaned_data["outcome"], by=request.user
            )
            return redirect("cases:matter", pk=matter.pk)
        if action == "party" and party_form.is_valid():
            try:
                _party, check = services.party_add(
                    matter=matter, by=request.user, **party_form.cleaned_data
                )
            except services.PartyAlreadyOnMatter:
                party_form.add_error(
                    "name", _("This person or organisation is already on this matter in that role.")
                )
            else:
                if check.hits:
                    messages.warning(request, _("Possible conflict: an attorney must decide."))
                else:
                    messages.success(request, _("Added. No conflict found."))
                return redirect("cases:matter", pk=matter.pk)
        if action == "date" and date_form.is_valid():
            data = date_form.cleaned_data
            starts = all_day = None
            if data["time"]:
                starts = timezone.make_aware(datetime.combine(data["day"], data["time"]))
            else:
                all_day = data["day"]
            services.matter_date_add(
                matter=matter,
                kind=data["kind"],
                by=request.user,
                starts=starts,
                all_day=all_day,
                lead_minutes=data["leads"],
                description=data["description"],
            )
            messages.success(request, _("Date added. The team will be reminded."))
            return redirect("cases:matter", pk=matter.pk)
        if action == "member" and member_form.is_valid():
            services.matter_member_add(matter=matter, by=request.user, **member_form.cleaned_data)
            return redirect("cases:matter", pk=matter.pk)
        if action == "decide" and can_check and decision_form.is_valid():
            data = decision_form.cleaned_data
            check = ConflictCheck.objects.filter(matter=matter, pk=data["check_id"]).first()
            if check is not None:
                services.conflict_decide(
                    check=check, decision=data["decision"], note=data["note"], by=request.user
                )
                return redirect("cases:matter", pk=matter.pk)
    checks = list(matter.conflict_checks.all()) if can_check else []
    return render(
        request,
        "cases/matter.html",
        {
            "matter": matter,
            "parties": list(matter.parties.all()),
            "members": list(matter.members.select_related("user")),
            "checks": checks,
            "can_edit": can_edit,
            "can_check": can_check,
            "party_form": party_form,
            "member_form": member_form,
            "decision_form": decision_form,
            "date_form": date_form,
            "dates": list(matter.dates.all()),
            "task_form": task_form,
            "note_form": note_form,
            "document_form": document_form,
            "close_form": close_form,
            "refused": refused,
            "tasks": list(matter.tasks.select_related("assignee")),
            "notes": [(n, render_note(n.body)) for n in matter.notes.all()],
            "documents": list(matter.documents.all()),
            "timeline": selectors.matter_timeline(matter),
        },
        status=400
        if (
            party_form.errors
            or member_form.errors
            or decision_form.errors
            or date_form.errors
            or task_form.errors
            or note_form.errors
            or document_form.errors
            or close_form.errors
            or refused
        )
        else 200,
    )


@staff_view(selectors.CONFLICT_CHECKERS)
@require_http_methods(["GET", "POST"])
def conflict_search_view(request: HttpRequest) -> HttpResponse:
    form = PartyForm(request.POST or None)
    form.fields.pop("role")
    hits = None
    if request.method == "POST" and form.is_valid():
        hits = services.conflict_search(form.cleaned_data["name"])
        audit_record(
            by=request.user,
            action="conflict_search",
            object_type="cases.party",
            detail={"hits": len(hits)},
        )
    return render(request, "cases/conflict_search.html", {"form": form, "hits": hits})


@staff_view(selectors.MATTER_READERS)
@require_http_methods(["GET", "POST"])
def my_calendar_view(request: HttpRequest) -> HttpResponse:
    """The person's own upcoming dates, and their private feed address (shown once)."""
    address = None
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            services.calendar_token_revoke(user=request.user)
            messages.success(request, _("Your old calendar address no longer works."))
        else:
            token = services.calendar_token_new(user=request.user)
            address = request.build_absolute_uri(reverse("calendar_feed", kwargs={"token": token}))
    dates = selectors.upcoming_dates_for_user(request.user)
    return render(request, "cases/my_calendar.html", {"dates": dates, "address": address})


@staff_view(selectors.MATTER_STAFF)
@require_GET
def team_calendar_view(request: HttpRequest) -> HttpResponse:
    return render(request, "cases/team_calendar.html", {"dates": selectors.upcoming_dates(days=60)})


@public_view
@require_GET
def calendar_feed_view(request: HttpRequest, token: str) -> HttpResponse:
    # Public by design: the unguessable token is the credential; only keyed hashes are stored.
    feed = services.calendar_feed_for_token(token)
    if feed is None:
        raise Http404
    response = HttpResponse(feed, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="rightsdesk.ics"'
    return response


@staff_view(selectors.MATTER_READERS)
@require_GET
def document_view(request: HttpRequest, pk: int, document_id: int) -> HttpResponse:
    matter = selectors.matter_get_for_user(user=request.user, pk=pk)
    document = matter.documents.filter(pk=document_id).first()
    if document is None:
        raise Http404
    audit_record(by=request.user, action="download", obj=matter, detail={"document": document.pk})
    with document.file.open("rb") as handle:
        content = handle.read()
    return attachment(content, filename=document.original_name)


@staff_view(selectors.MATTER_READERS)
@require_GET
def summary_view(request: HttpRequest, pk: int) -> HttpResponse:
    matter = selectors.matter_get_for_user(user=request.user, pk=pk)
    audit_record(by=request.user, action="export", obj=matter, detail={"format": "pdf"})
    pdf = matter_summary_pdf(
        matter,
        parties=matter.parties.all(),
        dates=matter.dates.all(),
        tasks=matter.tasks.all(),
        members=matter.members.select_related("user"),
    )
    return attachment(pdf, filename=f"matter-{pk}.pdf", content_type="application/pdf")


@staff_view(selectors.CSV_READERS)
@require_GET
def matters_csv_view(request: HttpRequest) -> HttpResponse:
    matters = list(
        selectors.matters_for_user(request.user).only(
            "title", "kind", "status", "opened_at", "closed_at", "outcome", "complaint__reference"
        )
    )
    audit_record(
        by=request.user,
        action="export",
        object_type="cases.matter",
        object_id="all",
        detail={"format": "csv", "count": len(matters)},
    )
    return attachment(
        matters_csv(matters), filename="matters.csv", content_type="text/csv; charset=utf-8"
    )


@staff_view(selectors.CONFLICT_CHECKERS)
@require_http_methods(["GET", "POST"])
def matter_new_view(request: HttpRequest) -> HttpResponse:
    """Open a matter directly, or from a pattern (the complaints come along)."""
    references = request.POST.getlist("complaint") or request.GET.getlist("complaint")
    complaints = list(Complaint.objects.filter(reference__in=references))
    form = NewMatterForm(
        request.POST if request.POST.get("action") == "open" else None,
        initial={
            "title": request.GET.get("title", ""),
            "kind": "impact_litigation" if complaints else "",
        },
    )
    if form.is_valid():
        matter = services.matter_open(by=request.user, complaints=complaints, **form.cleaned_data)
        return redirect("cases:matter", pk=matter.pk)
    return render(
        request,
        "cases/matter_new.html",
        {"form": form, "complaints": complaints},
        status=400 if form.errors else 200,
    )
