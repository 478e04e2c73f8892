"""Pages of the volunteer portal (/portal/) and of the coordinator (/staff/network/): the
volunteer's home, the conflict confirmation before a matter's details, visit reports with
their follow-ups, and the coordinator's home."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from rightsdesk.accounts.access import staff_view, user_has_role
from rightsdesk.accounts.roles import NETWORK_STAFF, VOLUNTEER_ROLES, Role
from rightsdesk.cases.forms import ConflictDecisionForm
from rightsdesk.cases.selectors import CONFLICT_CHECKERS
from rightsdesk.network.languages import language_name
from rightsdesk.network.models import Visit
from rightsdesk.network.portal import selectors, services
from rightsdesk.network.portal.forms import (
    ConfirmationForm,
    FollowUpActForm,
    FollowUpForm,
    PersonOutcomeForm,
    ReportForm,
)

# Only the attorney on a visit files its report from the portal (interpreters do not).
REPORT_FILERS = frozenset({Role.VOLUNTEER_ATTORNEY})


@staff_view(VOLUNTEER_ROLES)
@require_GET
def portal_home_view(request: HttpRequest) -> HttpResponse:
    return render(
        request, "network/portal/home.html", {"home": selectors.portal_home(request.user)}
    )


@staff_view(VOLUNTEER_ROLES)
@require_http_methods(["GET", "POST"])
def matter_confirm_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Party names only, and the volunteer's answer: no conflict opens the matter to them."""
    page = selectors.matter_for_confirmation(user=request.user, pk=pk)
    form = ConfirmationForm(request.POST or None)
    if request.method == "POST" and page.confirmation is None and form.is_valid():
        has_conflict = form.cleaned_data["answer"] == "conflict"
        try:
            services.conflict_confirm(
                matter=page.matter,
                user=request.user,
                has_conflict=has_conflict,
                note=form.cleaned_data["note"],
            )
        except services.ConfirmationAlreadyGiven as refusal:
            messages.error(request, str(refusal))
            return redirect("portal:portal_matter_confirm", pk=pk)
        if has_conflict:
            messages.success(
                request,
                _("Thank you. The coordinator has been told; this matter stays closed to you."),
            )
            return redirect("portal:portal_home")
        return redirect("cases:matter", pk=pk)
    if page.confirmation is not None and not page.confirmation.has_conflict:
        return redirect("cases:matter", pk=pk)
    return render(
        request,
        "network/portal/confirm.html",
        {"page": page, "form": form},
        status=400 if form.errors else 200,
    )


def _report(request: HttpRequest, visit: Visit, *, can_act: bool, here: str) -> HttpResponse:
    """The report page, for staff (``can_act``: follow-ups may become matters and tasks) and for
    the visit's attorney on the portal (they file follow-ups; staff act on them)."""
    page = selectors.report_page(visit=visit, user=request.user)
    action = request.POST.get("action", "")
    posted = request.POST if request.method == "POST" else None
    report_form = ReportForm(
        posted if action == "report" else None,
        initial={"summary": page.report.summary if page.report else ""},
    )
    person_forms = [
        (
            person,
            ", ".join(language_name(code) for code in person.languages or []),
            PersonOutcomeForm(
                posted if action == "report" else None,
                prefix=f"person-{person.pk}",
                name=person.name or _("Person %(n)s") % {"n": person.pk},
                initial={
                    "seen": {True: "yes", False: "no"}.get(person.seen, ""),
                    "needs": person.needs,
                },
            ),
        )
        for person in page.people
    ]
    follow_up_form = FollowUpForm(
        posted if action == "follow_up" else None, people=page.people, can_act=can_act
    )
    act_forms: dict[int, FollowUpActForm] = {
        row.follow_up.pk: FollowUpActForm(
            posted
            if action == "act" and request.POST.get("follow_up") == str(row.follow_up.pk)
            else None,
            prefix=f"fu-{row.follow_up.pk}",
            initial={
                "task_title": row.follow_up.description[:300],
                "matter_number": getattr(row.follow_up.person, "matter_id", None),
            },
        )
        for row in page.follow_ups
        if can_act and row.pending
    }
    refused = ""
    if request.method == "POST":
        if (
            action == "report"
            and report_form.is_valid()
            and all(f.is_valid() for _p, _l, f in person_forms)
        ):
            try:
                services.visit_report_file(
                    visit=visit,
                    summary=report_form.cleaned_data["summary"],
                    outcomes={p.pk: f.outcome() for p, _l, f in person_forms},
                    by=request.user,
                )
            except services.ReportRefused as refusal:
                refused = str(refusal)
            else:
                messages.success(request, _("The report is saved."))
                return redirect(here)
        if action == "follow_up" and page.report is not None and follow_up_form.is_valid():
            response = _follow_up(request, page, follow_up_form, here)
            if response is not None:
                return response
        if action == "act" and can_act:
            act_id = _number(request.POST.get("follow_up"))
            row = next((r for r in page.follow_ups if r.follow_up.pk == act_id), None)
            form = act_forms.get(act_id or 0)
            if row is not None and form is not None and form.is_valid():
                response = _act(request, row.follow_up, form, here)
                if response is not None:
                    return response
    can_check = user_has_role(request.user, CONFLICT_CHECKERS)
    invalid = (
        report_form.errors
        or any(f.errors for _p, _l, f in person_forms)
        or follow_up_form.errors
        or any(f.errors for f in act_forms.values())
        or refused
    )
    return render(
        request,
        "network/portal/report.html",
        {
            "visit": visit,
            "page": page,
            "report_form": report_form,
            "person_forms": person_forms,
            "follow_up_form": follow_up_form,
            "rows": _rows(page, act_forms, can_check=can_check),
            "can_act": can_act,
            "can_check": can_check,
            "refused": refused,
            "portal": request.user.role in VOLUNTEER_ROLES,
        },
        status=400 if invalid else 200,
    )


def _rows(
    page: selectors.ReportPage, act_forms: dict[int, FollowUpActForm], *, can_check: bool
) -> list[tuple[Any, list[tuple[Any, Any]], FollowUpActForm | None]]:
    """Each follow-up with its matter's conflict checks (an attorney's decision form for each
    undecided one, posted to the matter's own page) and, while pending, its act form."""
    rows = []
    for row in page.follow_ups:
        checks = [
            (
                check,
                ConflictDecisionForm(auto_id=f"check{check.pk}_%s", initial={"check_id": check.pk})
                if can_check and check.hits and not check.decision
                else None,
            )
            for check in row.checks
        ]
        rows.append((row.follow_up, checks, act_forms.get(row.follow_up.pk)))
    return rows


def _number(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _follow_up(
    request: HttpRequest, page: selectors.ReportPage, form: FollowUpForm, here: str
) -> HttpResponse | None:
    """Add a follow-up and, for staff, turn it into what they chose, in one step; None when the
    form has to be shown again with an error."""
    report = page.report
    if report is None:
        return None
    people = {str(p.pk): p for p in page.people}
    person = people.get(form.cleaned_data["person"])
    matter = _task_matter(request, form)
    if form.errors:
        return None
    try:
        _follow_up_row, check = services.follow_up_add(
            report=report,
            person=person,
            description=form.cleaned_data["description"],
            by=request.user,
            then=form.action(matter),
        )
    except services.FollowUpRefused as refusal:
        form.add_error(None, str(refusal))
        return None
    _say_done(request, form.cleaned_data.get("becomes", ""), check)
    return redirect(f"{here}#follow-ups")


def _act(
    request: HttpRequest, follow_up: Any, form: FollowUpActForm, here: str
) -> HttpResponse | None:
    matter = _task_matter(request, form)
    if form.errors:
        return None
    action = form.action(matter)
    if action is None:
        return None
    try:
        check = services.follow_up_act(follow_up=follow_up, action=action, by=request.user)
    except services.FollowUpRefused as refusal:
        form.add_error(None, str(refusal))
        return None
    _say_done(request, action.kind, check)
    return redirect(f"{here}#follow-ups")


def _task_matter(request: HttpRequest, form: FollowUpActForm) -> Any:
    """The matter a task goes on, found among those the user may reach."""
    if form.cleaned_data.get("becomes") != "task":
        return None
    matter = selectors.matter_for_task(user=request.user, pk=form.cleaned_data["matter_number"])
    if matter is None:
        form.add_error("matter_number", _("There is no matter with that number that you can open."))
    return matter


def _say_done(request: HttpRequest, becomes: str, check: Any) -> None:
    if becomes == "matter" and check is not None:
        n = check.matter_id
        if check.hits:
            messages.warning(
                request,
                _("Matter %(n)s is open. Possible conflict: an attorney must decide.") % {"n": n},
            )
        else:
            messages.success(request, _("Matter %(n)s is open. No conflict found.") % {"n": n})
    elif becomes == "task":
        messages.success(request, _("The task is on the matter."))
    else:
        messages.success(request, _("The follow-up is saved."))


@staff_view(NETWORK_STAFF)
@require_http_methods(["GET", "POST"])
def report_staff_view(request: HttpRequest, pk: int) -> HttpResponse:
    visit = selectors.visit_for_report(user=request.user, pk=pk)
    return _report(
        request, visit, can_act=True, here=reverse("network:report_edit", kwargs={"pk": pk})
    )


@staff_view(REPORT_FILERS)
@require_http_methods(["GET", "POST"])
def report_portal_view(request: HttpRequest, pk: int) -> HttpResponse:
    visit = selectors.visit_for_report(user=request.user, pk=pk)
    return _report(
        request, visit, can_act=False, here=reverse("portal:report_file", kwargs={"pk": pk})
    )


@staff_view(NETWORK_STAFF)
@require_GET
def coordinator_home_view(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "network/portal/coordinator_home.html",
        {"home": selectors.coordinator_home(request.user)},
    )
