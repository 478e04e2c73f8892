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
from rightsdesk.cases.forms import ConflictDecisionForm, MatterDateForm, MemberForm, PartyForm
from rightsdesk.cases.models import ConflictCheck
from rightsdesk.vault.audit import audit_reads, audit_record


@staff_view(selectors.MATTER_READERS)
@require_GET
def matter_list_view(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.matters_for_user(request.user), 50).get_page(request.GET.get("page"))
    matters = list(page)
    audit_reads(by=request.user, objects=matters, purpose="matter list")
    return render(request, "cases/matter_list.html", {"page": page, "matters": matters})


@staff_view(selectors.MATTER_READERS)
@require_http_methods(["GET", "POST"])
def matter_view(request: HttpRequest, pk: int) -> HttpResponse:
    matter = selectors.matter_get_for_user(user=request.user, pk=pk)
    can_edit = user_has_role(request.user, selectors.MATTER_STAFF)
    can_check = user_has_role(request.user, selectors.CONFLICT_CHECKERS)
    action = request.POST.get("action", "")
    party_form = PartyForm(request.POST if action == "party" else None)
    member_form = MemberForm(request.POST if action == "member" else None)
    decision_form = ConflictDecisionForm(request.POST if action == "decide" else None)
    date_form = MatterDateForm(request.POST if action == "date" else None)
    if request.method == "POST":
        if not can_edit:
            return render(request, "403.html", status=403)
        if action == "party" and party_form.is_valid():
            _party, check = services.party_add(
                matter=matter, by=request.user, **party_form.cleaned_data
            )
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
        },
        status=400
        if (party_form.errors or member_form.errors or decision_form.errors or date_form.errors)
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
