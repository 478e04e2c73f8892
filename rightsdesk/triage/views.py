"""The screening desk: the queue by urgency, and one complaint with its tags, evidence,
deadline estimates and ordinance coverage."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rightsdesk.accounts.access import staff_view
from rightsdesk.accounts.roles import INTAKE_STAFF, Role
from rightsdesk.intake import selectors as intake_selectors
from rightsdesk.intake.models import Complaint
from rightsdesk.intake.wizard import review_sections
from rightsdesk.triage import selectors, services
from rightsdesk.triage.forms import (
    ConfirmTagsForm,
    DeadlineRuleForm,
    DecisionForm,
    QueueFilterForm,
    ReferralForm,
)
from rightsdesk.triage.highlight import highlighted_fields
from rightsdesk.triage.models import Entity, FilingDeadlineRule, ReferralOrganisation
from rightsdesk.triage.paging import CappedPaginator
from rightsdesk.triage.patterns import find_patterns
from rightsdesk.triage.taxonomy import GROUPS, label
from rightsdesk.vault.audit import audit_read, audit_reads, audit_record

PAGE_SIZE = 50
# Patterns are for impact work: attorneys and the legal director, not the whole intake team.
PATTERN_READERS = {Role.ADMIN, Role.LEGAL_DIRECTOR, Role.ATTORNEY}
# Deadline rules are legal content: the legal director and admins maintain them.
RULE_EDITORS = {Role.ADMIN, Role.LEGAL_DIRECTOR}
# Counts only: organisers campaigning for ordinances may see them.
CAMPAIGN_READERS = {Role.ADMIN, Role.LEGAL_DIRECTOR, Role.ATTORNEY, Role.ORGANISER}


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
    number = request.GET.get("page")
    # Counts a little past the requested page only: the cost does not grow with the queue.
    page = CappedPaginator(selectors.screening_queue(filters), PAGE_SIZE, number=number).get_page(
        number
    )
    complaints = list(page)
    audit_reads(by=request.user, objects=complaints, purpose="screening queue")
    tags = selectors.tags_for(complaints)
    today = timezone.localdate()
    rows = [
        {
            "complaint": c,
            "screening": getattr(c, "screening", None),
            "tags": [(t.group, label(t.group, t.tag)) for t in tags[c.pk]],
            # Marked urgent only when near, whatever else makes the row urgent.
            "court_soon": _within(c.next_court_date, today, services.COURT_SOON_DAYS),
            "deadline_soon": _within(
                getattr(getattr(c, "screening", None), "next_deadline", None),
                today,
                services.DEADLINE_SOON_DAYS - 1,
            ),
        }
        for c in complaints
    ]
    query = request.GET.copy()
    query.pop("page", None)
    unscreened = selectors.unscreened_complaints()
    return render(
        request,
        "triage/queue.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "query": query.urlencode(),
            "today": today,
            "unscreened": unscreened,
        },
    )


def _within(day: date | None, today: date, days: int) -> bool:
    return day is not None and day <= today + timedelta(days=days)


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


@staff_view(INTAKE_STAFF)
@require_GET
def quality_view(request: HttpRequest) -> HttpResponse:
    return render(request, "triage/quality.html", {"rows": selectors.tag_quality()})


@staff_view(PATTERN_READERS)
@require_GET
def patterns_view(request: HttpRequest) -> HttpResponse:
    try:
        days = min(max(int(request.GET.get("days", 180)), 7), 730)
    except ValueError:
        days = 180
    candidates = selectors.pattern_candidates(days=days)
    audit_record(
        by=request.user,
        action="read",
        object_type="intake.complaint",
        object_id="patterns",
        detail={"days": days, "count": len(candidates)},
    )
    groups = find_patterns(candidates, window_days=60, min_size=3)
    return render(
        request,
        "triage/patterns.html",
        {"groups": groups[:100], "days": days, "looked_at": len(candidates)},
    )


@staff_view(RULE_EDITORS)
@require_GET
def deadline_rules_view(request: HttpRequest) -> HttpResponse:
    return render(
        request, "triage/deadline_rules.html", {"rules": FilingDeadlineRule.objects.all()}
    )


@staff_view(RULE_EDITORS)
@require_http_methods(["GET", "POST"])
def deadline_rule_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    rule = get_object_or_404(FilingDeadlineRule, pk=pk)
    form = DeadlineRuleForm(request.POST or None, instance=rule)
    if request.method == "POST" and form.is_valid():
        services.deadline_rule_save(form=form, by=request.user)
        messages.success(request, _("Rule saved. Screen complaints again to apply it."))
        return redirect("triage:deadline_rules")
    return render(
        request,
        "triage/deadline_rule_form.html",
        {"form": form, "rule": rule},
        status=400 if form.errors else 200,
    )


@staff_view(CAMPAIGN_READERS)
@require_GET
def campaign_evidence_view(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "triage/campaign_evidence.html",
        {"rows": selectors.campaign_evidence(), "disclosure_k": settings.DISCLOSURE_K},
    )


@staff_view(RULE_EDITORS)
@require_GET
def referrals_view(request: HttpRequest) -> HttpResponse:
    return render(
        request, "triage/referrals.html", {"organisations": ReferralOrganisation.objects.all()}
    )


@staff_view(RULE_EDITORS)
@require_http_methods(["GET", "POST"])
def referral_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(ReferralOrganisation, pk=pk)
    initial = {
        "name": organisation.name,
        "kind": organisation.kind,
        "areas": ", ".join(organisation.areas),
        "counties": ", ".join(organisation.counties),
        "languages": ", ".join(organisation.languages),
        "how_to_reach": organisation.how_to_reach,
        "active": organisation.active,
    }
    form = ReferralForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.referral_save(organisation=organisation, data=form.cleaned_data, by=request.user)
        messages.success(request, _("Saved."))
        return redirect("triage:referrals")
    return render(
        request,
        "triage/referral_form.html",
        {"form": form, "organisation": organisation},
        status=400 if form.errors else 200,
    )


@staff_view(PATTERN_READERS)
@require_GET
def entities_view(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.entity_list(), 100).get_page(request.GET.get("page"))
    entities = list(page)
    audit_reads(by=request.user, objects=entities, purpose="entities")
    return render(request, "triage/entities.html", {"page": page, "entities": entities})


@staff_view(PATTERN_READERS)
@require_http_methods(["GET", "POST"])
def entity_view(request: HttpRequest, pk: int) -> HttpResponse:
    entity = get_object_or_404(Entity.objects.select_related("merged_into"), pk=pk)
    audit_read(by=request.user, obj=entity)
    if request.method == "POST":
        if request.POST.get("action") == "split":
            services.entity_split(entity=entity, by=request.user)
            messages.success(request, _("Split: it stands on its own again."))
        else:
            target = Entity.objects.filter(pk=request.POST.get("into") or 0).first()
            if target is None:
                messages.error(request, _("Choose the entity to merge into."))
            else:
                try:
                    services.entity_merge(source=entity, target=target, by=request.user)
                except services.DecisionRefused:
                    messages.error(request, _("That would merge an entity into itself."))
                else:
                    messages.success(request, _("Merged."))
        return redirect("triage:entity", pk=entity.pk)
    candidates = (
        Entity.objects.filter(kind=entity.kind, merged_into__isnull=True)
        .exclude(pk=entity.pk)
        .only("pk", "label")[:500]
    )
    return render(
        request,
        "triage/entity.html",
        {
            "entity": entity,
            "candidates": sorted(candidates, key=lambda e: e.label.casefold()),
            "merged": list(entity.merged.all()),
            "complaints": selectors.complaints_naming(entity),
        },
    )
