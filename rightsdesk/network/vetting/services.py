"""Every write of the volunteer sign-up and vetting, each with its audit entry in the same
transaction: applying, the checks, approve (which makes the account), decline, inactive and
returning. Emails to the applicant go through the worker after the commit."""

from __future__ import annotations

import secrets
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rightsdesk.accounts import services as accounts
from rightsdesk.accounts.models import User
from rightsdesk.intake import codes
from rightsdesk.intake.notify import notifier, render_notice
from rightsdesk.network.models import (
    Availability,
    BarAdmission,
    VettingCheck,
    Volunteer,
    VolunteerLanguage,
)
from rightsdesk.network.vetting import signup
from rightsdesk.vault.audit import audit_record
from rightsdesk.vault.crypto import blind_index

# The purpose mixed into the status code's hash, so it can never match a complaint's.
STATUS = "volunteer-status"

ROLE_FOR_KIND: dict[str, str] = {
    Volunteer.Kind.ATTORNEY: User.Role.VOLUNTEER_ATTORNEY,
    Volunteer.Kind.INTERPRETER: User.Role.INTERPRETER,
}

NOTICES = {
    "received": "network/vetting/emails/received.txt",
    "approved": "network/vetting/emails/approved.txt",
    "declined": "network/vetting/emails/declined.txt",
}


class VettingRefused(Exception):
    """A vetting step that the volunteer's state or checks do not allow; the message says why."""


# --- applying ------------------------------------------------------------------------------


def volunteer_apply(
    *, data: dict[str, Any], language: str, token: str | None
) -> tuple[Volunteer, str | None]:
    """Store one application (already validated by SignupForm) and return it with its new
    status code. The same form posted again (same token) returns the volunteer already made,
    with no code: a double click creates nothing new."""
    if token:
        existing = Volunteer.objects.filter(submission_token=token).first()
        if existing is not None:
            return existing, None
    now = timezone.now()
    status_code = codes.new_status_code()
    county = data.get("county", "")
    details = {
        "immigration_experience": data.get("immigration_experience", ""),
        "experience_note": data.get("experience_note", ""),
        "availability_note": data.get("availability_note", ""),
        "heard_from": data.get("heard_from", ""),
        "heard_from_note": data.get("heard_from_note", ""),
        "outside_mississippi": county == signup.OUTSIDE_MS,
        "note": data.get("note", ""),
    }
    for _attempt in range(5):
        try:
            with transaction.atomic():
                volunteer = Volunteer.objects.create(
                    reference=codes.new_reference(),
                    status_code_hash=codes.code_hash(STATUS, status_code),
                    kind=data["kind"],
                    language=language if language in {"en", "es"} else "en",
                    name=data["name"],
                    email=data["email"],
                    phone=data.get("phone", ""),
                    details=details,
                    county="" if county == signup.OUTSIDE_MS else county,
                    name_index=blind_index("name", data["name"]),
                    email_index=blind_index("email", data["email"]),
                    applied_at=now,
                    status_changed_at=now,
                    submission_token=token or None,
                )
                VolunteerLanguage.objects.bulk_create(
                    VolunteerLanguage(volunteer=volunteer, code=code, self_level=level)
                    for code, level in data.get("languages", [])
                )
                BarAdmission.objects.bulk_create(
                    BarAdmission(volunteer=volunteer, **bar)
                    for bar in data.get("bar_admissions", [])
                )
                Availability.objects.bulk_create(
                    Availability(
                        volunteer=volunteer, weekday=w.weekday, starts=w.starts, ends=w.ends
                    )
                    for w in data.get("windows", [])
                )
                audit_record(
                    by="public",
                    action="volunteer_applied",
                    obj=volunteer,
                    detail={"kind": volunteer.kind, "duplicate_email": _has_twin(volunteer)},
                )
                _notify_later(volunteer, "received")
        except IntegrityError:
            if token:
                existing = Volunteer.objects.filter(submission_token=token).first()
                if existing is not None:
                    return existing, None
            continue  # a reference clash: draw another
        return volunteer, status_code
    raise RuntimeError("could not draw a free reference")


def _has_twin(volunteer: Volunteer) -> bool:
    """Someone applied before with the same email: the coordinator sees it, the public never."""
    if not volunteer.email_index:
        return False
    return (
        Volunteer.objects.filter(email_index=volunteer.email_index)
        .exclude(pk=volunteer.pk)
        .exists()
    )


def volunteer_find(*, reference: str, code: str) -> Volunteer | None:
    """The application for a reference and status code, or None. A wrong pair says nothing
    about whether the reference exists, and takes as long as a right one."""
    expected = codes.code_hash(STATUS, code)
    found = (
        Volunteer.objects.filter(reference=codes.normalise(reference))
        .only("pk", "status", "kind", "status_code_hash", "applied_at", "status_changed_at")
        .first()
    )
    stored = found.status_code_hash if found else "0" * len(expected)
    if secrets.compare_digest(stored, expected) and found is not None:
        return found
    return None


# --- emails --------------------------------------------------------------------------------


def _notify_later(volunteer: Volunteer, notice: str) -> None:
    from rightsdesk.network.vetting.tasks import notify_volunteer

    transaction.on_commit(lambda: notify_volunteer(volunteer.pk, notice))


def volunteer_notify(*, volunteer: Volunteer, notice: str) -> None:
    """One short email in the person's language; it names no one else and gives no reason."""
    subject, body = render_notice(
        template=NOTICES[notice], language=volunteer.language, context={"volunteer": volunteer}
    )
    notifier().send(to=volunteer.email, subject=subject, body=body)


# --- checks --------------------------------------------------------------------------------


def _check(
    volunteer: Volunteer,
    *,
    kind: str,
    by: User,
    subject: str = "",
    note: str = "",
    signed_on: date | None = None,
) -> VettingCheck:
    check = VettingCheck.objects.create(
        volunteer=volunteer,
        kind=kind,
        subject=subject,
        note=note,
        signed_on=signed_on,
        done_by_id=by.pk,
        done_at=timezone.now(),
    )
    audit_record(
        by=by,
        action="volunteer_check",
        obj=volunteer,
        detail={"check": kind, "subject": subject, "check_id": check.pk},
    )
    return check


@transaction.atomic
def check_bar_verified(
    *, volunteer: Volunteer, admission_id: int, note: str, by: User
) -> VettingCheck:
    admission = volunteer.bar_admissions.filter(pk=admission_id).first()
    if admission is None:
        raise VettingRefused(_("That bar admission is not on this application."))
    admission.verified_by_id = by.pk
    admission.verified_at = timezone.now()
    admission.save(update_fields=["verified_by_id", "verified_at"])
    return _check(
        volunteer, kind=VettingCheck.Kind.BAR_VERIFIED, by=by, subject=str(admission.pk), note=note
    )


@transaction.atomic
def check_language_verified(
    *, volunteer: Volunteer, code: str, level: str, verified_by: str, by: User
) -> VettingCheck:
    language = volunteer.languages.filter(code=code).first()
    if language is None:
        raise VettingRefused(_("That language is not on this application."))
    language.verified_level = level
    language.verified_by_id = by.pk
    language.verified_at = timezone.now()
    language.save(update_fields=["verified_level", "verified_by_id", "verified_at"])
    return _check(
        volunteer,
        kind=VettingCheck.Kind.LANGUAGE_VERIFIED,
        by=by,
        subject=code,
        note=verified_by,
    )


@transaction.atomic
def check_signed(*, volunteer: Volunteer, kind: str, signed_on: date, by: User) -> VettingCheck:
    if kind not in {VettingCheck.Kind.AGREEMENT_SIGNED, VettingCheck.Kind.PLEDGE_SIGNED}:
        raise VettingRefused(_("Only the agreement and the pledge are signed."))
    return _check(volunteer, kind=kind, by=by, signed_on=signed_on)


# --- decisions -----------------------------------------------------------------------------


def approval_missing(volunteer: Volunteer, role: str) -> list[str]:
    """What is still needed before this volunteer may be approved with this role, in words for
    the coordinator; empty when nothing is."""
    done = set(volunteer.checks.values_list("kind", flat=True))
    missing = []
    if (
        volunteer.kind == Volunteer.Kind.ATTORNEY
        and not volunteer.bar_admissions.filter(verified_at__isnull=False).exists()
    ):
        missing.append(_("a verified bar admission"))
    if (
        volunteer.kind == Volunteer.Kind.INTERPRETER or role == User.Role.INTERPRETER
    ) and not volunteer.languages.exclude(verified_level="").exists():
        missing.append(_("a verified language"))
    if VettingCheck.Kind.AGREEMENT_SIGNED not in done:
        missing.append(_("the signed volunteer agreement"))
    if VettingCheck.Kind.PLEDGE_SIGNED not in done:
        missing.append(_("the signed confidentiality pledge"))
    return missing


def role_for(volunteer: Volunteer, chosen: str = "") -> str:
    return ROLE_FOR_KIND.get(volunteer.kind, chosen)


def _set_status(volunteer: Volunteer, status: str, by: User, **fields: Any) -> None:
    volunteer.status = status
    volunteer.status_changed_at = timezone.now()
    volunteer.decided_by_id = by.pk
    for name, value in fields.items():
        setattr(volunteer, name, value)
    volunteer.save(update_fields=["status", "status_changed_at", "decided_by_id", *fields.keys()])


@transaction.atomic
def volunteer_approve(
    *, volunteer: Volunteer, username: str, role: str = "", by: User
) -> tuple[User, str]:
    """Approve an application: a volunteer account with a temporary password, and the same
    two-factor sign-in as staff (set up at first sign-in). Refused without the checks."""
    locked = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
    if locked.status != Volunteer.Status.APPLIED:
        raise VettingRefused(_("Only an application waiting for checks can be approved."))
    role = role_for(locked, role)
    if role not in {User.Role.VOLUNTEER_ATTORNEY, User.Role.INTERPRETER}:
        raise VettingRefused(_("Choose the role of the volunteer's account."))
    missing = approval_missing(locked, role)
    if missing:
        raise VettingRefused(
            _("Still needed before approval: %(missing)s.") % {"missing": ", ".join(missing)}
        )
    user, temporary = accounts.staff_create(by=by, username=username, role=role)
    _set_status(locked, Volunteer.Status.APPROVED, by, user=user)
    audit_record(
        by=by, action="volunteer_approved", obj=locked, detail={"role": role, "user": user.pk}
    )
    _notify_later(locked, "approved")
    volunteer.refresh_from_db()
    return user, temporary


@transaction.atomic
def volunteer_decline(*, volunteer: Volunteer, reason: str, by: User) -> None:
    """Decline an application. The reason stays with the team; the email only says, kindly,
    that we cannot use their help now."""
    if volunteer.status != Volunteer.Status.APPLIED:
        raise VettingRefused(_("Only an application waiting for checks can be declined."))
    _set_status(volunteer, Volunteer.Status.DECLINED, by, decline_reason=reason)
    audit_record(by=by, action="volunteer_declined", obj=volunteer)
    _notify_later(volunteer, "declined")


@transaction.atomic
def volunteer_set_inactive(*, volunteer: Volunteer, by: User) -> None:
    """A volunteer who stops for now: their account can no longer sign in."""
    if volunteer.status != Volunteer.Status.APPROVED:
        raise VettingRefused(_("Only an approved volunteer can be marked inactive."))
    _set_status(volunteer, Volunteer.Status.INACTIVE, by)
    if volunteer.user is not None and volunteer.user.is_active:
        accounts.staff_set_active(by=by, user=volunteer.user, active=False)
    audit_record(by=by, action="volunteer_inactive", obj=volunteer)


@transaction.atomic
def volunteer_return(*, volunteer: Volunteer, by: User) -> None:
    """An inactive volunteer comes back: approved again, their account signs in again."""
    if volunteer.status != Volunteer.Status.INACTIVE:
        raise VettingRefused(_("Only an inactive volunteer can return."))
    _set_status(volunteer, Volunteer.Status.APPROVED, by)
    if volunteer.user is not None and not volunteer.user.is_active:
        accounts.staff_set_active(by=by, user=volunteer.user, active=True)
    audit_record(by=by, action="volunteer_returned", obj=volunteer)
