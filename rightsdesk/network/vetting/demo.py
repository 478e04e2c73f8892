"""Demo applications to the volunteer network, in every state the coordinator meets: waiting for
checks (one a second application with the same email), approved with an account, declined and
inactive. Fictional people only (phones 555-01xx, emails at example.org)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from rightsdesk.accounts.models import User
from rightsdesk.accounts.roles import COORDINATORS
from rightsdesk.accounts.services import staff_create
from rightsdesk.network.models import Volunteer
from rightsdesk.network.vetting import services
from rightsdesk.network.vetting.signup import Window
from rightsdesk.vault.crypto import blind_index

SATURDAY_MORNING = Window(5, time(8), time(12))
TUESDAY_AFTERNOON = Window(1, time(12), time(17))

# (days ago, status, account username, what they told us)
APPLICATIONS: list[tuple[int, str, str, dict[str, Any]]] = [
    (
        3,
        "applied",
        "",
        {
            "kind": "attorney",
            "name": "Marisol Demoreyes",
            "email": "marisol.demoreyes@example.org",
            "phone": "601-555-0131",
            "languages": [("es", "native"), ("en", "fluent")],
            "bar_admissions": [{"state": "MS", "number": "104871", "year": 2016}],
            "immigration_experience": "some",
            "windows": [SATURDAY_MORNING],
            "county": "28049",
            "heard_from": "bar",
            "availability_note": "Two Saturdays a month.",
        },
    ),
    (
        2,
        "applied",
        "",
        {
            "kind": "interpreter",
            "name": "Tomás Ejemplo Chávez",
            "email": "tomas.ejemplo@example.org",
            "phone": "662-555-0148",
            "languages": [("mam", "native"), ("es", "fluent"), ("en", "conversational")],
            "windows": [SATURDAY_MORNING, TUESDAY_AFTERNOON],
            "county": "28135",
            "heard_from": "church",
        },
    ),
    (
        1,
        "applied",
        "",
        {
            # The same person again, a week after their first (declined) application.
            "kind": "law_student",
            "name": "Jordan Sampleton",
            "email": "jordan.sampleton@example.org",
            "languages": [("en", "native"), ("fr", "conversational")],
            "windows": [TUESDAY_AFTERNOON],
            "county": "28089",
            "heard_from": "school",
        },
    ),
    (
        40,
        "approved",
        "demo-alex",
        {
            "kind": "attorney",
            "name": "Alex Fictionson",
            "email": "alex.fictionson@example.org",
            "phone": "601-555-0119",
            "languages": [("en", "native"), ("es", "conversational")],
            "bar_admissions": [
                {"state": "MS", "number": "102395", "year": 2009},
                {"state": "LA", "number": "33871", "year": 2011},
            ],
            "immigration_experience": "lots",
            "windows": [SATURDAY_MORNING, Window(3, time(8), time(12))],
            "county": "28001",
            "heard_from": "friend",
        },
    ),
    (
        35,
        "approved",
        "demo-rosa",
        {
            "kind": "interpreter",
            "name": "Rosa Placeholder Ixcoy",
            "email": "rosa.placeholder@example.org",
            "phone": "769-555-0162",
            "languages": [("quc", "native"), ("es", "native"), ("en", "fluent")],
            "windows": [SATURDAY_MORNING],
            "county": "28121",
            "heard_from": "event",
        },
    ),
    (
        9,
        "declined",
        "",
        {
            "kind": "law_student",
            "name": "Jordan Sampleton",
            "email": "jordan.sampleton@example.org",
            "languages": [("en", "native")],
            "county": "outside",
            "heard_from": "online",
        },
    ),
    (
        120,
        "inactive",
        "demo-returning",
        {
            "kind": "attorney",
            "name": "Sam Notreal",
            "email": "sam.notreal@example.org",
            "phone": "228-555-0104",
            "languages": [("en", "native")],
            "bar_admissions": [{"state": "TN", "number": "BPR-028811", "year": 1998}],
            "immigration_experience": "none",
            "windows": [Window(2, time(17), time(20))],
            "county": "28047",
            "heard_from": "bar",
        },
    ),
]


def _coordinator() -> User:
    found = User.objects.filter(role__in=COORDINATORS, is_active=True).order_by("pk").first()
    if found is not None:
        return found
    user, _password = staff_create(by="demo", username="demo-coordinator", role="coordinator")
    return user


def _vet(volunteer: Volunteer, by: User, signed_on: Any) -> None:
    if volunteer.kind == Volunteer.Kind.ATTORNEY:
        for admission in volunteer.bar_admissions.all():
            services.check_bar_verified(
                volunteer=volunteer,
                admission_id=admission.pk,
                note="State bar online directory",
                by=by,
            )
    else:
        for language in volunteer.languages.exclude(code="en"):
            services.check_language_verified(
                volunteer=volunteer,
                code=language.code,
                level=language.self_level,
                verified_by="Staff interpreter, by phone",
                by=by,
            )
    for kind in ("agreement_signed", "pledge_signed"):
        services.check_signed(volunteer=volunteer, kind=kind, signed_on=signed_on, by=by)


def demo(now: datetime) -> list[tuple[str, str, str]]:
    """Add the demo applications once; returns the volunteer accounts made, as
    (username, role, temporary password), for the demo command to print."""
    first_email = APPLICATIONS[0][3]["email"]
    if Volunteer.objects.filter(email_index=blind_index("email", first_email)).exists():
        return []
    coordinator = _coordinator()
    accounts: list[tuple[str, str, str]] = []
    for days_ago, status, username, data in sorted(APPLICATIONS, key=lambda a: -a[0]):
        volunteer, _code = services.volunteer_apply(data=dict(data), language="en", token=None)
        applied = now - timedelta(days=days_ago)
        Volunteer.objects.filter(pk=volunteer.pk).update(
            applied_at=applied, status_changed_at=applied
        )
        volunteer.refresh_from_db()
        if status == "applied":
            continue
        if status == "declined":
            services.volunteer_decline(
                volunteer=volunteer,
                reason="Not yet enrolled in a law school clinic; asked to apply again next term.",
                by=coordinator,
            )
            continue
        _vet(volunteer, coordinator, (applied + timedelta(days=5)).date())
        user, temporary = services.volunteer_approve(
            volunteer=volunteer, username=username, by=coordinator
        )
        if status == "inactive":
            # Its account cannot sign in, so the demo sheet does not offer its password.
            services.volunteer_set_inactive(volunteer=volunteer, by=coordinator)
            continue
        accounts.append((user.username, user.role, temporary))
    return accounts
