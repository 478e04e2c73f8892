"""Reads of volunteers' applications for the coordinator, scoped and audited.

The queue decrypts only the names of the page it shows (and records that read); the filters,
the order and the "same email as another application" flag use plaintext columns only."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404

from rightsdesk.accounts.access import user_has_role
from rightsdesk.accounts.roles import COORDINATORS
from rightsdesk.network.models import Volunteer, VolunteerLanguage
from rightsdesk.vault.audit import audit_read, audit_reads

PAGE_SIZE = 25


def _twins() -> Exists:
    return Exists(
        Volunteer.objects.filter(email_index=OuterRef("email_index"))
        .exclude(email_index="")
        .exclude(pk=OuterRef("pk"))
    )


def volunteers_queue(*, status: str = "", kind: str = "") -> QuerySet[Volunteer]:
    """The applications, oldest waiting first for those still to check, newest first otherwise.
    Only the name is loaded of the encrypted fields."""
    rows = Volunteer.objects.only(
        "pk", "reference", "kind", "status", "county", "applied_at", "email_index", "name"
    ).annotate(has_twin=_twins())
    if status:
        rows = rows.filter(status=status)
    if kind:
        rows = rows.filter(kind=kind)
    order = ["applied_at"] if status == Volunteer.Status.APPLIED else ["-applied_at"]
    return rows.order_by(*order, "pk").prefetch_related(
        Prefetch("languages", queryset=VolunteerLanguage.objects.only("volunteer_id", "code"))
    )


def volunteers_page(*, by: Any, status: str, kind: str, number: Any) -> Page:
    page = Paginator(volunteers_queue(status=status, kind=kind), PAGE_SIZE).get_page(number)
    audit_reads(by=by, objects=list(page.object_list), purpose="volunteer queue")
    return page


def volunteer_get_for_user(*, user: Any, pk: int) -> Volunteer:
    """One volunteer's whole record for a coordinator; the read is audited. Anyone else (and a
    volunteer asking for any record, their own included) gets a 404."""
    if not user_has_role(user, COORDINATORS):
        raise Http404
    volunteer = (
        Volunteer.objects.select_related("user").annotate(has_twin=_twins()).filter(pk=pk).first()
    )
    if volunteer is None:
        raise Http404
    audit_read(by=user, obj=volunteer)
    return volunteer


def twins_of(volunteer: Volunteer) -> list[Volunteer]:
    """Other applications with the same email address (references and statuses only)."""
    if not volunteer.email_index:
        return []
    return list(
        Volunteer.objects.filter(email_index=volunteer.email_index)
        .exclude(pk=volunteer.pk)
        .only("pk", "reference", "status", "applied_at")
        .order_by("applied_at")
    )
