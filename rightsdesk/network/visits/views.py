"""Facility visit pages: the coordinator's facilities, visit list, planning and visit page, and
the volunteer portal's visits (open places to claim, their own visits, cancelling)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rightsdesk.accounts.access import staff_view, user_has_role
from rightsdesk.accounts.roles import COORDINATORS, NETWORK_STAFF, VOLUNTEER_ROLES
from rightsdesk.cases.selectors import matters_for_user
from rightsdesk.network.languages import language_name
from rightsdesk.network.models import Facility, Volunteer
from rightsdesk.network.visits import selectors, services
from rightsdesk.network.visits.forms import (
    ClaimForm,
    FacilityRulesForm,
    SignupAddForm,
    VisitPersonForm,
    VisitPlanForm,
)
from rightsdesk.network.visits.matching import rank
from rightsdesk.network.visits.notify import rules_of

VISITS_PER_PAGE = 25
SUGGESTIONS_SHOWN = 8


# --- facilities ---------------------------------------------------------------------------------


@staff_view(NETWORK_STAFF)
@require_GET
def facility_list_view(request: HttpRequest) -> HttpResponse:
    facilities = Facility.objects.all()
    return render(
        request,
        "network/visits/facility_list.html",
        {
            "facilities": [(f, rules_of(f)) for f in facilities],
            "can_edit": user_has_role(request.user, COORDINATORS),
        },
    )


@staff_view(COORDINATORS)
@require_http_methods(["GET", "POST"])
def facility_rules_view(request: HttpRequest, pk: int) -> HttpResponse:
    facility = get_object_or_404(Facility, pk=pk)
    initial = {name: getattr(facility, name) for name in services.RULE_FIELDS}
    form = FacilityRulesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.facility_rules_update(facility=facility, values=form.cleaned_data, by=request.user)
        messages.success(request, _("The visit rules are saved."))
        return redirect("network:facility_list")
    return render(
        request,
        "network/visits/facility_rules.html",
        {"facility": facility, "form": form, "updated_by": _account(facility.rules_updated_by_id)},
        status=400 if form.is_bound else 200,
    )


def _account(pk: int | None) -> object:
    from rightsdesk.accounts.models import User

    return User.objects.filter(pk=pk).first() if pk else None


# --- the coordinator's visits -------------------------------------------------------------------


@staff_view(NETWORK_STAFF)
@require_GET
def visit_list_view(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.upcoming_visits(), VISITS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "network/visits/visit_list.html",
        {
            "page": page,
            "states": [selectors.state_of(v) for v in page.object_list],
            "recent": selectors.recent_visits(),
        },
    )


@staff_view(NETWORK_STAFF)
@require_http_methods(["GET", "POST"])
def visit_new_view(request: HttpRequest) -> HttpResponse:
    form = VisitPlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        visit = services.visit_plan(by=request.user, **form.cleaned_data)
        messages.success(request, _("The visit is planned. Now add the people to be seen."))
        return redirect("network:visit_detail", pk=visit.pk)
    return render(
        request,
        "network/visits/visit_new.html",
        {"form": form},
        status=400 if form.is_bound else 200,
    )


@staff_view(NETWORK_STAFF)
@require_http_methods(["GET", "POST"])
def visit_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    action = request.POST.get("action", "")
    person_form = VisitPersonForm(
        request.POST if action == "person" else None, matters=matters_for_user(request.user)
    )
    if request.method == "POST":
        response = _visit_action(request, pk, action, person_form)
        if response is not None:
            return response
    state = selectors.visit_get_for_staff(user=request.user, pk=pk)
    suggestions = []
    if not state.is_full and state.visit.status == state.visit.Status.PLANNED:
        suggestions = rank(state.candidates(), state.need(), limit=SUGGESTIONS_SHOWN)
    return render(
        request,
        "network/visits/visit_detail.html",
        {
            "state": state,
            "visit": state.visit,
            "rules": rules_of(state.visit.facility),
            "suggestions": [(s, language_name(s.language, in_sentence=True)) for s in suggestions],
            "team": [(s, language_name(s.language, in_sentence=True)) for s in state.signups],
            "people": [(p, [language_name(c) for c in p.languages]) for p in state.people],
            "person_form": person_form,
        },
        status=400 if person_form.is_bound else 200,
    )


def _visit_action(
    request: HttpRequest, pk: int, action: str, person_form: VisitPersonForm
) -> HttpResponse | None:
    """The visit page's forms; None means show the page again (with the form's errors)."""
    from rightsdesk.network.models import Visit

    visit = get_object_or_404(Visit, pk=pk)
    back = redirect("network:visit_detail", pk=visit.pk)
    if action == "person":
        if not person_form.is_valid():
            return None
        data = person_form.cleaned_data
        services.visit_person_add(
            visit=visit,
            matter=data.get("matter"),
            name="" if data.get("matter") else data["name"],
            languages=data["languages"],
            by=request.user,
        )
        return back
    if action == "remove_person":
        person = visit.people.filter(pk=request.POST.get("person") or 0).first()
        if person is not None:
            services.visit_person_remove(person=person, by=request.user)
        return back
    if action == "add":
        form = SignupAddForm(request.POST)
        if form.is_valid():
            volunteer = Volunteer.objects.filter(pk=form.cleaned_data["volunteer"]).first()
            if volunteer is None:
                raise Http404
            try:
                services.visit_signup_add(
                    visit=visit,
                    volunteer=volunteer,
                    role=form.cleaned_data["role"],
                    language=form.cleaned_data["language"],
                    by=request.user,
                )
            except services.SignupRefused as refusal:
                messages.error(request, str(refusal))
            else:
                messages.success(request, _("Added to the visit; they get an email."))
        return back
    if action == "cancel_signup":
        signup = visit.signups.filter(
            pk=request.POST.get("signup") or 0, cancelled_at__isnull=True
        ).first()
        if signup is not None:
            services.visit_signup_cancel(signup=signup, by=request.user)
            messages.success(request, _("Taken off the visit; they get an email."))
        return back
    return back


# --- the volunteer portal -----------------------------------------------------------------------


@staff_view(VOLUNTEER_ROLES)
@require_GET
def portal_visits_view(request: HttpRequest) -> HttpResponse:
    volunteer = selectors.volunteer_for_user_or_none(request.user)
    # An account from before the network (no volunteer record yet) sees empty lists.
    mine, open_visits = selectors.portal_visits(volunteer) if volunteer else ([], [])
    return render(
        request,
        "network/visits/portal_visits.html",
        {
            "mine": mine,
            "open_visits": [
                (state, [(role, language_name(code, in_sentence=True)) for role, code in places])
                for state, places in open_visits
            ],
        },
    )


@staff_view(VOLUNTEER_ROLES)
@require_http_methods(["GET", "POST"])
def portal_visit_view(request: HttpRequest, pk: int) -> HttpResponse:
    volunteer = selectors.volunteer_for_user(request.user)
    state, own, places = selectors.visit_for_volunteer(volunteer=volunteer, pk=pk)
    if request.method == "POST":
        form = ClaimForm(request.POST)
        if own is None and form.is_valid():
            role, language = form.cleaned_data["place"]
            try:
                services.visit_signup_claim(
                    visit=state.visit,
                    volunteer=volunteer,
                    role=role,
                    language=language,
                    by=request.user,
                )
            except services.SignupRefused as refusal:
                messages.error(request, str(refusal))
                return redirect("portal:visit_portal_list")
            messages.success(request, _("You are on this visit. We sent you an email."))
            return redirect("portal:visit_portal_detail", pk=state.visit.pk)
        return redirect("portal:visit_portal_detail", pk=state.visit.pk)
    if own is not None:
        # The people to be seen are shown only to the team going.
        from rightsdesk.vault.audit import audit_read

        audit_read(by=request.user, obj=state.visit, detail={"people": len(state.people)})
    return render(
        request,
        "network/visits/portal_visit.html",
        {
            "state": state,
            "visit": state.visit,
            "own": own,
            "places": [
                (f"{role}:{code}", role, language_name(code, in_sentence=True))
                for role, code in places
            ],
            "own_language": language_name(own.language) if own else "",
            "lacking": [] if own else selectors.trainings_lacking(volunteer, state.visit),
            "rules": rules_of(state.visit.facility),
        },
    )


@staff_view(VOLUNTEER_ROLES)
@require_POST
def portal_signup_cancel_view(request: HttpRequest, pk: int) -> HttpResponse:
    volunteer = selectors.volunteer_for_user(request.user)
    signup = selectors.signup_for_volunteer(volunteer=volunteer, pk=pk)
    services.visit_signup_cancel(signup=signup, by=request.user)
    messages.success(request, _("Your place is cancelled. We sent you an email."))
    return redirect("portal:visit_portal_list")
