from __future__ import annotations

from datetime import timedelta

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from rightsdesk.accounts import services
from rightsdesk.accounts.access import public_view, staff_view
from rightsdesk.accounts.forms import (
    CodeForm,
    LoginForm,
    PasswordChangeForm,
    RoleForm,
    StaffCreateForm,
)
from rightsdesk.accounts.middleware import SIGNED_IN_AT
from rightsdesk.accounts.models import MfaDevice, User
from rightsdesk.accounts.roles import ADMINS, ALL_ROLES
from rightsdesk.vault.audit import audit_read

# Between the password and the code: who is signing in, since when, and where they were going.
PENDING_USER = "rd_pending_user"
PENDING_SINCE = "rd_pending_since"
PENDING_NEXT = "rd_pending_next"
PENDING_MINUTES = 5


def _safe_next(request: HttpRequest, target: str | None) -> str:
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return settings.LOGIN_REDIRECT_URL


def _pending_user(request: HttpRequest) -> User | None:
    since = parse_datetime(request.session.get(PENDING_SINCE, "") or "")
    if since is None or timezone.now() - since > timedelta(minutes=PENDING_MINUTES):
        return None
    user = User.objects.filter(pk=request.session.get(PENDING_USER), is_active=True).first()
    if user is None or user.is_locked():
        return None
    return user


def _clear_pending(request: HttpRequest) -> None:
    for key in (PENDING_USER, PENDING_SINCE, PENDING_NEXT):
        request.session.pop(key, None)


def _finish_sign_in(request: HttpRequest, user: User) -> HttpResponse:
    target = request.session.get(PENDING_NEXT)
    _clear_pending(request)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    request.session[SIGNED_IN_AT] = timezone.now().isoformat()
    services.login_success_record(user=user)
    return redirect(_safe_next(request, target))


@public_view
@sensitive_post_parameters("password")
@never_cache
def login_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.login_password_check(
            request=request,
            username=form.cleaned_data["username"],
            password=form.cleaned_data["password"],
        )
        if user is not None:
            request.session.cycle_key()
            request.session[PENDING_USER] = user.pk
            request.session[PENDING_SINCE] = timezone.now().isoformat()
            request.session[PENDING_NEXT] = request.GET.get("next", "")
            device = MfaDevice.objects.filter(user=user, confirmed_at__isnull=False).first()
            return redirect("accounts:mfa_verify" if device else "accounts:mfa_enrol")
        form.add_error(None, _("That username and password did not match an open account."))
    return render(request, "accounts/login.html", {"form": form})


@public_view
@sensitive_post_parameters("code")
@never_cache
def mfa_verify_view(request: HttpRequest) -> HttpResponse:
    user = _pending_user(request)
    if user is None:
        messages.info(request, _("Please sign in again."))
        return redirect("accounts:login")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.mfa_code_check(user=user, code=form.cleaned_data["code"]):
            return _finish_sign_in(request, user)
        services.login_failure_record(user=user, username=user.username, stage="code")
        user.refresh_from_db()
        if user.is_locked():
            _clear_pending(request)
            messages.error(request, _("Too many wrong attempts. Try again later."))
            return redirect("accounts:login")
        form.add_error(
            "code",
            _(
                "That code did not work. Codes change every 30 seconds: "
                "enter the one your app shows now."
            ),
        )
    return render(request, "accounts/mfa_verify.html", {"form": form})


@public_view
@sensitive_post_parameters("code")
@never_cache
def mfa_enrol_view(request: HttpRequest) -> HttpResponse:
    user = _pending_user(request)
    if user is None:
        messages.info(request, _("Please sign in again."))
        return redirect("accounts:login")
    if MfaDevice.objects.filter(user=user, confirmed_at__isnull=False).exists():
        return redirect("accounts:mfa_verify")
    device = MfaDevice.objects.filter(user=user).first() or services.mfa_enrolment_start(user=user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.mfa_code_check(user=user, code=form.cleaned_data["code"], enrolling=True):
            return _finish_sign_in(request, user)
        services.login_failure_record(user=user, username=user.username, stage="enrol")
        form.add_error(
            "code",
            _(
                "That code did not work. Check the app shows an entry for "
                "this account and enter its current code."
            ),
        )
    uri = services.mfa_provisioning_uri(device)
    qr = segno.make(uri, error="m").svg_inline(
        scale=5,
        dark="#111",
        light="#fff",
        omitsize=True,
        title=_("QR code for your authenticator app"),
    )
    qr_svg = mark_safe(qr)  # noqa: S308 - segno draws only rectangles and the escaped title
    return render(
        request,
        "accounts/mfa_enrol.html",
        {"form": form, "qr_svg": qr_svg, "secret": device.secret},
    )


@staff_view(ALL_ROLES, during_password_change=True)
@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.info(request, _("You are signed out."))
    return redirect("accounts:login")


@staff_view(ALL_ROLES, during_password_change=True)
@sensitive_post_parameters()
def password_change_view(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    form = PasswordChangeForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        services.password_change(user=user, new_password=form.cleaned_data["new_password"])
        update_session_auth_hash(request, user)
        messages.success(request, _("Your password is changed."))
        return redirect(settings.LOGIN_REDIRECT_URL)
    return render(
        request,
        "accounts/password_change.html",
        {"form": form, "must_change": user.must_change_password},
    )


@staff_view(ADMINS)
def staff_list_view(request: HttpRequest) -> HttpResponse:
    users = User.objects.order_by("username").select_related("mfa_device")
    return render(request, "accounts/staff_list.html", {"users": users, "now": timezone.now()})


@staff_view(ADMINS)
def staff_create_view(request: HttpRequest) -> HttpResponse:
    form = StaffCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user, temporary = services.staff_create(by=request.user, **form.cleaned_data)
        return render(
            request,
            "accounts/temporary_password.html",
            {"member": user, "temporary": temporary, "created": True},
        )
    return render(request, "accounts/staff_form.html", {"form": form})


@staff_view(ADMINS)
def staff_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_object_or_404(User.objects.select_related("mfa_device"), pk=pk)
    audit_read(by=request.user, obj=member)
    role_form = RoleForm(request.POST or None, initial={"role": member.role})
    if request.method == "POST" and role_form.is_valid():
        try:
            services.staff_update_role(
                by=request.user, user=member, role=role_form.cleaned_data["role"]
            )
        except ValueError:
            messages.error(request, _("You cannot change your own role."))
        else:
            messages.success(request, _("Role changed."))
        return redirect("accounts:staff_detail", pk=member.pk)
    return render(request, "accounts/staff_detail.html", {"member": member, "role_form": role_form})


@staff_view(ADMINS)
@require_POST
def staff_reset_view(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_object_or_404(User, pk=pk)
    temporary = services.staff_reset(by=request.user, user=member)
    return render(
        request,
        "accounts/temporary_password.html",
        {"member": member, "temporary": temporary, "created": False},
    )


@staff_view(ADMINS)
@require_POST
def staff_unlock_view(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_object_or_404(User, pk=pk)
    services.staff_unlock(by=request.user, user=member)
    messages.success(request, _("The account is unlocked."))
    return redirect("accounts:staff_detail", pk=member.pk)


@staff_view(ADMINS)
@require_POST
def staff_active_view(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_object_or_404(User, pk=pk)
    active = request.POST.get("active") == "1"
    try:
        services.staff_set_active(by=request.user, user=member, active=active)
    except ValueError:
        messages.error(request, _("You cannot deactivate your own account."))
    else:
        messages.success(
            request, _("The account is active.") if active else _("The account is deactivated.")
        )
    return redirect("accounts:staff_detail", pk=member.pk)
