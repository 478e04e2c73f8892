"""Writes to accounts: sign-in attempts, two-factor enrolment, creating and resetting staff.

Each service writes its audit entry in the same transaction as its change.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

import pyotp
from django.conf import settings
from django.contrib.auth import authenticate
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from rightsdesk.accounts.models import MfaDevice, User
from rightsdesk.vault.audit import audit_change, audit_record

TOTP_STEP_SECONDS = 30
# Accept the code of the step before and after, for phones whose clocks drift a little.
TOTP_DRIFT_STEPS = 1


def _find_user(username: str) -> User | None:
    return User.objects.filter(username__iexact=username.strip()).first()


@transaction.atomic
def login_failure_record(*, user: User | None, username: str, stage: str) -> None:
    """Count a failed password or code; lock the account when the limit is reached."""
    if user is None:
        audit_record(
            by=None,
            action="login_failed",
            object_type="accounts.user",
            detail={"stage": stage, "known_user": False},
        )
        return
    # Counted in the database, so parallel guesses each count.
    User.objects.filter(pk=user.pk).update(failed_logins=F("failed_logins") + 1)
    user.failed_logins = User.objects.values_list("failed_logins", flat=True).get(pk=user.pk)
    detail: dict[str, object] = {"stage": stage, "failures": user.failed_logins}
    if user.failed_logins >= settings.LOGIN_FAILURE_LIMIT:
        user.locked_until = timezone.now() + timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
        user.failed_logins = 0
        User.objects.filter(pk=user.pk).update(locked_until=user.locked_until, failed_logins=0)
        detail["locked"] = True
    audit_record(by=user.username, action="login_failed", obj=user, detail=detail)


def login_password_check(*, request: object, username: str, password: str) -> User | None:
    """First factor. Returns the user only if the password is right and the account is open."""
    user = _find_user(username)
    if user is not None and user.is_locked():
        # The password is still checked, so a locked account answers no faster than an open one.
        authenticate(request, username=user.username, password=password)
        login_failure_record(user=None, username=username, stage="locked")
        return None
    checked = authenticate(request, username=user.username if user else username, password=password)
    if checked is None:
        login_failure_record(
            user=user if user and user.is_active else None, username=username, stage="password"
        )
        return None
    return checked  # type: ignore[return-value]


@transaction.atomic
def login_success_record(*, user: User) -> None:
    User.objects.filter(pk=user.pk).update(
        failed_logins=0, locked_until=None, last_login=timezone.now()
    )
    audit_record(by=user, action="login", obj=user)


def _totp(device: MfaDevice) -> pyotp.TOTP:
    return pyotp.TOTP(device.secret, interval=TOTP_STEP_SECONDS)


def _matching_step(device: MfaDevice, code: str) -> int | None:
    code = "".join(code.split())
    if not (code.isdigit() and len(code) == 6):
        return None
    totp = _totp(device)
    now = timezone.now()
    current = totp.timecode(now)
    for offset in range(-TOTP_DRIFT_STEPS, TOTP_DRIFT_STEPS + 1):
        step = current + offset
        if secrets.compare_digest(totp.generate_otp(step), code):
            return step
    return None


@transaction.atomic
def mfa_enrolment_start(*, user: User) -> MfaDevice:
    """A new, unconfirmed authenticator (replacing any unconfirmed one)."""
    MfaDevice.objects.filter(user=user, confirmed_at__isnull=True).delete()
    existing = MfaDevice.objects.filter(user=user).first()
    if existing is not None:
        return existing
    return MfaDevice.objects.create(user=user, secret=pyotp.random_base32())


def mfa_provisioning_uri(device: MfaDevice) -> str:
    return _totp(device).provisioning_uri(
        name=device.user.username, issuer_name=settings.ORGANISATION_NAME
    )


@transaction.atomic
def mfa_code_check(*, user: User, code: str, enrolling: bool = False) -> bool:
    """Second factor: a fresh code from the user's authenticator, never one used before."""
    device = MfaDevice.objects.select_for_update().filter(user=user).first()
    if device is None or (device.confirmed != (not enrolling)):
        return False
    step = _matching_step(device, code)
    if step is None or step <= device.last_step:
        return False
    device.last_step = step
    fields = ["last_step"]
    if enrolling:
        device.confirmed_at = timezone.now()
        fields.append("confirmed_at")
        audit_record(by=user, action="mfa_enrolled", obj=user)
    device.save(update_fields=fields)
    return True


def _temporary_password() -> str:
    # Four groups of four unambiguous characters: easy to read out over the phone.
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(4))


@transaction.atomic
def staff_create(
    *,
    by: User | None,
    username: str,
    role: str,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    password: str | None = None,
) -> tuple[User, str]:
    """Create an account. Without a password, a temporary one is made that must be changed."""
    temporary = password is None
    password = password or _temporary_password()
    user = User(
        username=username.strip(),
        role=role,
        email=email.strip(),
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        must_change_password=temporary,
    )
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    audit_record(by=by, action="staff_created", obj=user, detail={"role": role})
    return user, password


@transaction.atomic
def staff_reset(*, by: User, user: User) -> str:
    """Sign-in reset: a temporary password, a new authenticator at next sign-in, lock lifted."""
    temporary = _temporary_password()
    user.set_password(temporary)
    user.must_change_password = True
    user.failed_logins = 0
    user.locked_until = None
    user.save(update_fields=["password", "must_change_password", "failed_logins", "locked_until"])
    MfaDevice.objects.filter(user=user).delete()
    # Changing the password ends the user's other sessions: Django checks a hash of it on each
    # request. Deactivated accounts are refused the same way.
    audit_record(by=by, action="staff_reset", obj=user)
    return temporary


@transaction.atomic
def staff_unlock(*, by: User, user: User) -> None:
    user.failed_logins = 0
    user.locked_until = None
    user.save(update_fields=["failed_logins", "locked_until"])
    audit_record(by=by, action="staff_unlocked", obj=user)


@transaction.atomic
def staff_set_active(*, by: User, user: User, active: bool) -> None:
    if user.pk == by.pk and not active:
        raise ValueError("You cannot deactivate your own account.")
    user.is_active = active
    user.save(update_fields=["is_active"])
    audit_record(by=by, action="staff_activated" if active else "staff_deactivated", obj=user)


@transaction.atomic
def staff_update_role(*, by: User, user: User, role: str) -> None:
    if user.pk == by.pk and role != user.role:
        raise ValueError("You cannot change your own role.")
    user.role = role
    user.full_clean(exclude=["password"])
    user.save(update_fields=["role"])
    audit_change(by=by, obj=user, fields=["role"])


@transaction.atomic
def password_change(*, user: User, new_password: str) -> None:
    user.set_password(new_password)
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])
    audit_record(by=user, action="password_changed", obj=user)
