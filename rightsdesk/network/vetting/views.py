"""The public sign-up at /volunteer/ (form, receipt, status) and the coordinator's vetting pages
at /staff/network/volunteers/."""

from __future__ import annotations

import json
import secrets
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from rightsdesk.accounts.access import public_view, staff_view
from rightsdesk.accounts.models import User
from rightsdesk.accounts.roles import COORDINATORS
from rightsdesk.core.ratelimit import allow, count, reached
from rightsdesk.geo.places import county_by_fips
from rightsdesk.intake import codes
from rightsdesk.intake.forms import StatusForm
from rightsdesk.intake.views import HONEYPOT, _switch_language
from rightsdesk.intake.wizard import silence_errors
from rightsdesk.network.languages import language_name
from rightsdesk.network.models import BarAdmission, VettingCheck, Volunteer
from rightsdesk.network.vetting import selectors, services, signup
from rightsdesk.network.vetting.forms import (
    ApproveForm,
    BarCheckForm,
    DeclineForm,
    LanguageCheckForm,
    QueueFilterForm,
    SignedCheckForm,
    SignupForm,
)
from rightsdesk.vault.crypto import DecryptionFailed, decrypt_text, encrypt_text

RECEIPT_SESSION = "network_receipt"
RECEIPT_CONTEXT = "network-receipt"
SIGNUPS_PER_HOUR = 10


# --- public ----------------------------------------------------------------------------------


def _receipt(request: HttpRequest) -> dict[str, Any]:
    """The receipt of the application sent from this browser. The status code sits in the
    session only encrypted: the session store is a database table."""
    token = request.session.get(RECEIPT_SESSION)
    if not token:
        return {}
    try:
        return dict(json.loads(decrypt_text(token, context=RECEIPT_CONTEXT)))
    except (DecryptionFailed, ValueError):
        return {}


def _keep_receipt(request: HttpRequest, volunteer: Volunteer, code: str, token: str) -> None:
    receipt = {"reference": volunteer.reference, "code": code, "token": token}
    request.session[RECEIPT_SESSION] = encrypt_text(json.dumps(receipt), context=RECEIPT_CONTEXT)


def _signup_page(request: HttpRequest, form: SignupForm, status: int = 200) -> HttpResponse:
    return render(
        request,
        "network/vetting/signup.html",
        {"form": form, "attorney": Volunteer.Kind.ATTORNEY},
        status=status,
    )


@public_view
@require_http_methods(["GET", "POST"])
def signup_view(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _signup_page(request, SignupForm(initial={"token": secrets.token_urlsafe(32)}))
    if request.POST.get(HONEYPOT):
        return redirect("network_public:vetting_signup")
    form = SignupForm(request.POST)
    action = request.POST.get("action", "send")
    if action.startswith("language:"):
        # Switching language keeps everything typed, without complaining about it yet.
        language = action.split(":", 1)[1]
        if language in dict(settings.LANGUAGES):
            translation.activate(language)
        response = _signup_page(request, silence_errors(form))
        _switch_language(request, response, language)
        return response
    if not form.is_valid():
        return _signup_page(request, form, status=400)
    token = form.cleaned_data["token"]
    if token and _receipt(request).get("token") == token:
        return redirect("network_public:vetting_receipt")  # sent twice from this browser
    if not allow(request, "volunteer-signup", limit=SIGNUPS_PER_HOUR, window_seconds=3600):
        return render(request, "network/vetting/slow_down.html", status=429)
    volunteer, code = services.volunteer_apply(
        data=form.cleaned_data, language=translation.get_language() or "en", token=token
    )
    if code is not None:
        request.session.cycle_key()
        _keep_receipt(request, volunteer, code, token)
    elif _receipt(request).get("reference") != volunteer.reference:
        # Sent before from another browser with the same page: it exists; say so, no code.
        return render(request, "network/vetting/receipt.html", {"receipt": {}, "again": True})
    return redirect("network_public:vetting_receipt")


@public_view
@require_GET
def receipt_view(request: HttpRequest) -> HttpResponse:
    receipt = _receipt(request)
    if not receipt:
        return redirect("network_public:vetting_signup")
    return render(request, "network/vetting/receipt.html", {"receipt": receipt})


@public_view
@require_http_methods(["GET", "POST"])
def status_view(request: HttpRequest) -> HttpResponse:
    form = StatusForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reference = codes.normalise(form.cleaned_data["reference"])
        # Only wrong pairs count: per address, and per reference from any address.
        if reached(request, "volunteer-status", limit=10, window_seconds=900) or reached(
            None, "volunteer-status-ref", limit=20, window_seconds=3600, extra=reference
        ):
            return render(request, "network/vetting/slow_down.html", status=429)
        volunteer = services.volunteer_find(reference=reference, code=form.cleaned_data["code"])
        if volunteer is not None:
            return render(request, "network/vetting/status_result.html", {"volunteer": volunteer})
        count(request, "volunteer-status", window_seconds=900)
        count(None, "volunteer-status-ref", window_seconds=3600, extra=reference)
        form.add_error(
            None,
            _(
                "We could not find an application with that reference and code. "
                "Check both and try again."
            ),
        )
    return render(
        request, "network/vetting/status.html", {"form": form}, status=400 if form.errors else 200
    )


# --- the coordinator -------------------------------------------------------------------------


@staff_view(COORDINATORS)
@require_GET
def queue_view(request: HttpRequest) -> HttpResponse:
    filters = QueueFilterForm(request.GET or None)
    status = kind = ""
    if filters.is_valid():
        status, kind = filters.cleaned_data["status"], filters.cleaned_data["kind"]
    page = selectors.volunteers_page(
        by=request.user, status=status, kind=kind, number=request.GET.get("page")
    )
    query = "&".join(f"{k}={v}" for k, v in (("status", status), ("kind", kind)) if v)
    return render(
        request,
        "network/vetting/queue.html",
        {"filters": filters, "page": page, "query": query},
    )


def _record_context(volunteer: Volunteer, **forms: Any) -> dict[str, Any]:
    checks = list(volunteer.checks.all())
    admissions = list(volunteer.bar_admissions.all())
    staff_ids = {c.done_by_id for c in checks} | {
        b.verified_by_id for b in admissions if b.verified_by_id
    }
    staff = dict(User.objects.filter(pk__in=staff_ids).values_list("pk", "username"))
    languages = list(volunteer.languages.all())
    days = dict(signup.WEEKDAYS)
    windows = [
        (
            days.get(a.weekday, a.on_date),
            a.starts,
            a.ends,
        )
        for a in volunteer.availability.order_by("weekday", "on_date", "starts")
    ]
    county = county_by_fips(volunteer.county) if volunteer.county else None
    details = dict(volunteer.details or {})
    return {
        "volunteer": volunteer,
        "details": details,
        "heard_from": signup.HEARD_FROM.get(details.get("heard_from", ""), ""),
        "experience": signup.EXPERIENCE.get(details.get("immigration_experience", ""), ""),
        "county": county,
        "languages": [(lang, language_name(lang.code)) for lang in languages],
        "admissions": admissions,
        "windows": windows,
        "checks": [(c, _check_subject(c, admissions), staff.get(c.done_by_id, "")) for c in checks],
        "staff": staff,
        "twins": selectors.twins_of(volunteer) if getattr(volunteer, "has_twin", False) else [],
        "missing": services.approval_missing(volunteer, services.role_for(volunteer)),
        "applied": volunteer.status == Volunteer.Status.APPLIED,
        "bar_form": forms.get("bar_check") or BarCheckForm(volunteer=volunteer),
        "language_form": forms.get("language_check") or LanguageCheckForm(volunteer=volunteer),
        "signed_form": forms.get("signed_check") or SignedCheckForm(),
        "approve_form": forms.get("approve")
        or ApproveForm(volunteer=volunteer, initial={"username": _suggest_username(volunteer)}),
        "decline_form": forms.get("decline") or DeclineForm(),
        "chooses_role": volunteer.kind not in services.ROLE_FOR_KIND,
    }


def _check_subject(check: VettingCheck, admissions: list[BarAdmission]) -> str:
    """What a check was about, in words: the bar admission's state and year, or the language."""
    if check.kind == VettingCheck.Kind.BAR_VERIFIED:
        for bar in admissions:
            if str(bar.pk) == check.subject:
                return f"{bar.state} {bar.number} ({bar.year})"
    if check.kind == VettingCheck.Kind.LANGUAGE_VERIFIED and check.subject:
        return language_name(check.subject)
    return check.subject


def _suggest_username(volunteer: Volunteer) -> str:
    local = "".join(
        ch for ch in volunteer.email.split("@")[0].lower() if ch.isalnum() or ch in "._-"
    )
    base = (local or "volunteer")[:30]
    candidate, n = base, 1
    while User.objects.filter(username__iexact=candidate).exists():
        n += 1
        candidate = f"{base}{n}"
    return candidate


@staff_view(COORDINATORS)
@require_http_methods(["GET", "POST"])
def volunteer_view(request: HttpRequest, pk: int) -> HttpResponse:
    volunteer = selectors.volunteer_get_for_user(user=request.user, pk=pk)
    if request.method == "GET":
        return render(request, "network/vetting/volunteer.html", _record_context(volunteer))
    action = request.POST.get("action", "")
    by = request.user
    bound: dict[str, Any] = {}
    try:
        if action == "bar_check":
            form = bound[action] = BarCheckForm(request.POST, volunteer=volunteer)
            if form.is_valid():
                services.check_bar_verified(
                    volunteer=volunteer,
                    admission_id=form.cleaned_data["admission"],
                    note=form.cleaned_data["note"],
                    by=by,
                )
                messages.success(request, _("Bar admission verified."))
                return redirect("network:vetting_volunteer", pk=pk)
        elif action == "language_check":
            form = bound[action] = LanguageCheckForm(request.POST, volunteer=volunteer)
            if form.is_valid():
                services.check_language_verified(
                    volunteer=volunteer,
                    code=form.cleaned_data["language"],
                    level=form.cleaned_data["verified_level"],
                    verified_by=form.cleaned_data["verified_by"],
                    by=by,
                )
                messages.success(request, _("Language verified."))
                return redirect("network:vetting_volunteer", pk=pk)
        elif action == "signed_check":
            form = bound[action] = SignedCheckForm(request.POST)
            if form.is_valid():
                services.check_signed(
                    volunteer=volunteer,
                    kind=form.cleaned_data["kind"],
                    signed_on=form.cleaned_data["signed_on"],
                    by=by,
                )
                messages.success(request, _("Signature recorded."))
                return redirect("network:vetting_volunteer", pk=pk)
        elif action == "approve":
            form = bound[action] = ApproveForm(request.POST, volunteer=volunteer)
            if form.is_valid():
                user, temporary = services.volunteer_approve(
                    volunteer=volunteer,
                    username=form.cleaned_data["username"],
                    role=form.cleaned_data.get("role", ""),
                    by=by,
                )
                return render(
                    request,
                    "network/vetting/temporary_password.html",
                    {"volunteer": volunteer, "member": user, "temporary": temporary},
                )
        elif action == "decline":
            form = bound[action] = DeclineForm(request.POST)
            if form.is_valid():
                services.volunteer_decline(
                    volunteer=volunteer, reason=form.cleaned_data["reason"], by=by
                )
                messages.success(request, _("Application declined. We emailed the person."))
                return redirect("network:vetting_volunteer", pk=pk)
        elif action == "inactive":
            services.volunteer_set_inactive(volunteer=volunteer, by=by)
            messages.success(request, _("Marked inactive. Their account cannot sign in now."))
            return redirect("network:vetting_volunteer", pk=pk)
        elif action == "return":
            services.volunteer_return(volunteer=volunteer, by=by)
            messages.success(request, _("Welcome back: approved again, and their account works."))
            return redirect("network:vetting_volunteer", pk=pk)
        else:
            messages.error(request, _("Choose what to do on this page."))
    except services.VettingRefused as refused:
        messages.error(request, str(refused))
    return render(
        request, "network/vetting/volunteer.html", _record_context(volunteer, **bound), status=400
    )
