"""Writes for cases: opening matters, team members, parties with their conflict check."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from rightsdesk.cases.conflicts import (
    STRONG_PAIRS,
    WEAK_PAIRS,
    blind_keys,
    explain,
    match_strength,
)
from rightsdesk.cases.models import ConflictCheck, Matter, MatterMember, NameKey, Party
from rightsdesk.intake.models import Complaint
from rightsdesk.vault.audit import audit_record


@transaction.atomic
def matter_open_from_complaint(*, complaint: Complaint, by: Any) -> Matter:
    existing = Matter.objects.filter(complaint=complaint).first()
    if existing is not None:
        return existing
    parties = ", ".join(p.get("name", "") for p in complaint.data.get("responsible_parties", []))
    title = f"{complaint.reference}: {parties}" if parties else complaint.reference
    matter = Matter.objects.create(
        complaint=complaint, title=title, opened_at=timezone.now(), opened_by_id=by.pk
    )
    audit_record(by=by, action="matter_opened", obj=matter, detail={"complaint": complaint.pk})
    name = complaint.data.get("contact", {}).get("name")
    if name:
        party_add(matter=matter, role=Party.Role.CLIENT, name=name, by=by)
    documents_from_complaint(matter=matter, complaint=complaint, by=by)
    _carry_screening(matter=matter, complaint=complaint, by=by)
    for responsible in complaint.data.get("responsible_parties", []):
        if responsible.get("name"):
            party_add(matter=matter, role=Party.Role.ADVERSE, name=responsible["name"], by=by)
    return matter


@transaction.atomic
def matter_member_add(*, matter: Matter, user: Any, role: str, by: Any) -> MatterMember:
    member, _created = MatterMember.objects.update_or_create(
        matter=matter, user=user, defaults={"role": role}
    )
    audit_record(
        by=by, action="matter_member_added", obj=matter, detail={"user": user.pk, "role": role}
    )
    return member


def _store_keys(
    name: str, *, source: str, party: Party | None = None, complaint: Complaint | None = None
) -> None:
    rows = []
    for key in blind_keys(name):
        kind, _, body = key.partition(":")
        rows.append(NameKey(source=source, party=party, complaint=complaint, kind=kind, body=body))
    NameKey.objects.bulk_create(rows)


def complaint_keys_store(*, complaint: Complaint) -> None:
    """Index a complaint's complainant and responsible parties for conflict checks."""
    NameKey.objects.filter(complaint=complaint).delete()
    name = complaint.data.get("contact", {}).get("name")
    if name:
        _store_keys(name, source=NameKey.Source.COMPLAINANT, complaint=complaint)
    for responsible in complaint.data.get("responsible_parties", []):
        if responsible.get("name"):
            _store_keys(responsible["name"], source=NameKey.Source.RESPONSIBLE, complaint=complaint)


@dataclass(frozen=True)
class ConflictHit:
    strength: str  # "strong" or "weak"
    source: str  # party / complainant / responsible
    matter_id: int | None
    complaint_reference: str | None
    role: str
    name: str
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _partner_kinds(kind: str) -> set[str]:
    """The stored key kinds a key of this kind can match (conflicts' strong and weak pairs)."""
    pairs = STRONG_PAIRS | WEAK_PAIRS
    return {b for a, b in pairs if a == kind} | {a for a, b in pairs if b == kind}


def conflict_search(
    name: str, *, exclude_party: Party | None = None, exclude_complaints: Iterable[int] = ()
) -> list[ConflictHit]:
    """Everyone already known under a name like this one, strongest first. Found through keyed
    hashes, reading only key rows of a kind that can match; names are decrypted only for the
    hits, to explain them to an authorised attorney."""
    mine = blind_keys(name)
    wanted = Q()
    for key in mine:
        kind, _, body = key.partition(":")
        partners = _partner_kinds(kind)
        if partners:
            wanted |= Q(body=body, kind__in=sorted(partners))
    if not wanted:
        return []
    # The matter's own complaint names its own client and parties: not a conflict.
    skip_complaints = set(exclude_complaints)
    found: dict[tuple[str, int], set[str]] = {}
    sources: dict[tuple[str, int], str] = {}
    for party_id, complaint_id, kind, body, source in NameKey.objects.filter(wanted).values_list(
        "party_id", "complaint_id", "kind", "body", "source"
    ):
        if exclude_party is not None and party_id == exclude_party.pk:
            continue
        if complaint_id and complaint_id in skip_complaints:
            continue
        owner = ("party", party_id) if party_id else ("complaint", complaint_id)
        found.setdefault(owner, set()).add(f"{kind}:{body}")
        sources.setdefault(owner, source)
    strengths = {owner: match_strength(mine, keys) for owner, keys in found.items()}
    matched = {owner: s for owner, s in strengths.items() if s is not None}
    parties = Party.objects.in_bulk([pk for (what, pk) in matched if what == "party"])
    complaints = Complaint.objects.in_bulk([pk for (what, pk) in matched if what == "complaint"])
    hits = []
    for (what, pk), strength in matched.items():
        source = sources[(what, pk)]
        if what == "party":
            party = parties[pk]
            other, role, matter_id, reference = party.name, party.role, party.matter_id, None
        else:
            complaint = complaints[pk]
            other = _complaint_name(complaint, source)
            role, matter_id, reference = source, None, complaint.reference
        hits.append(
            ConflictHit(strength, source, matter_id, reference, role, other, explain(name, other))
        )
    return sorted(hits, key=lambda h: (h.strength != "strong", h.role != "adverse"))


def _complaint_name(complaint: Complaint, source: str) -> str:
    data = complaint.data
    if source == NameKey.Source.COMPLAINANT:
        return str(data.get("contact", {}).get("name", ""))
    names = [p.get("name", "") for p in data.get("responsible_parties", [])]
    return "; ".join(n for n in names if n)


@transaction.atomic
def party_add(
    *, matter: Matter, role: str, name: str, by: Any, details: dict[str, Any] | None = None
) -> tuple[Party, ConflictCheck]:
    """Add a client or other party, and check for conflicts in the same step."""
    mine = blind_keys(name)
    for existing in Party.objects.filter(matter=matter).prefetch_related("keys"):
        theirs = {f"{k.kind}:{k.body}" for k in existing.keys.all()}
        if match_strength(mine, theirs) == "strong" and existing.role == role:
            raise PartyAlreadyOnMatter(name)
    party = Party.objects.create(
        matter=matter,
        role=role,
        name=name.strip(),
        details=details or {},
        added_at=timezone.now(),
        added_by_id=getattr(by, "pk", None),
    )
    own = {matter.complaint_id, *matter.complaints.values_list("pk", flat=True)} - {None}
    hits = conflict_search(name, exclude_party=party, exclude_complaints=own)
    _store_keys(name, source=NameKey.Source.PARTY, party=party)
    check = ConflictCheck.objects.create(
        matter=matter,
        name=name,
        hits=[h.as_dict() for h in hits],
        checked_at=timezone.now(),
        checked_by_id=getattr(by, "pk", None),
        decision="" if hits else ConflictCheck.Decision.CLEAR,
    )
    audit_record(
        by=by,
        action="party_added",
        obj=matter,
        detail={"party": party.pk, "role": role, "conflict_hits": len(hits)},
    )
    return party, check


@transaction.atomic
def conflict_decide(*, check: ConflictCheck, decision: str, note: str, by: Any) -> None:
    check.decision = decision
    check.decision_note = note
    check.decided_by_id = by.pk
    check.save(update_fields=["decision", "decision_note", "decided_by_id"])
    audit_record(
        by=by,
        action="conflict_decided",
        obj=check.matter or check,
        detail={"check": check.pk, "decision": decision},
    )


# --- dates, reminders and calendar feeds ---------------------------------------------------


def dated_item(matter_date: Any) -> Any:
    from rightsdesk.cases.reminders import DatedItem

    return DatedItem(
        uid=f"matter-date-{matter_date.pk}",
        title=matter_date.safe_title,
        starts=matter_date.starts,
        all_day=matter_date.all_day,
        lead_minutes=tuple(matter_date.lead_minutes),
    )


@transaction.atomic
def matter_date_add(
    *,
    matter: Matter,
    kind: str,
    by: Any,
    starts: Any = None,
    all_day: Any = None,
    lead_minutes: Any = (),
    description: str = "",
) -> Any:
    from rightsdesk.cases.models import MatterDate
    from rightsdesk.cases.reminders import validate_lead_minutes

    matter_date = MatterDate.objects.create(
        matter=matter,
        kind=kind,
        starts=starts,
        all_day=all_day,
        description=description,
        lead_minutes=list(validate_lead_minutes(lead_minutes)),
        created_by_id=by.pk,
    )
    audit_record(
        by=by, action="matter_date_added", obj=matter, detail={"date": matter_date.pk, "kind": kind}
    )
    return matter_date


def _zone() -> Any:
    from zoneinfo import ZoneInfo

    from django.conf import settings

    return ZoneInfo(settings.TIME_ZONE)


def reminders_send(*, now: Any = None) -> int:
    """Email each team member the reminders that are due. Runs every few minutes; a reminder is
    recorded as sent in the same transaction, so none goes twice."""
    from django.core.mail import send_mail
    from django.db.models import Q

    from rightsdesk.cases.models import MatterDate, ReminderSent
    from rightsdesk.cases.reminders import due_reminders

    now = now or timezone.now()
    horizon = now + timezone.timedelta(days=400)
    upcoming = MatterDate.objects.filter(
        Q(starts__gt=now, starts__lte=horizon)
        | Q(all_day__gte=now.date(), all_day__lte=horizon.date())
    ).select_related("matter")
    by_uid = {f"matter-date-{d.pk}": d for d in upcoming}
    sent = {
        (f"matter-date-{r.matter_date_id}", r.lead)
        for r in ReminderSent.objects.filter(matter_date__in=list(by_uid.values()))
    }
    count = 0
    for item, lead in due_reminders(
        [dated_item(d) for d in by_uid.values()], now=now, already_sent=sent, tz=_zone()
    ):
        matter_date = by_uid[item.uid]
        with transaction.atomic():
            _record, created = ReminderSent.objects.get_or_create(
                matter_date=matter_date, lead=lead, defaults={"sent_at": now}
            )
            if not created:
                continue
            recipients = [
                m.user.email
                for m in matter_date.matter.members.select_related("user")
                if m.user.email and m.user.is_active
            ]
            when = matter_date.all_day or timezone.localtime(matter_date.starts)
            if recipients:
                # The email names the matter number and the date only, never a client.
                send_mail(f"Reminder: {item.title}", f"{item.title} on {when}.\n", None, recipients)
            count += 1
    return count


def calendar_token_new(*, user: Any) -> str:
    """A new private feed address secret; the old one stops working at once."""
    import secrets

    from rightsdesk.cases.models import CalendarToken
    from rightsdesk.vault.crypto import blind_index

    token = secrets.token_urlsafe(32)
    CalendarToken.objects.update_or_create(
        user=user, defaults={"token_hash": blind_index("exact", f"calendar:{token}")}
    )
    audit_record(by=user, action="calendar_token_new", obj=user)
    return token


def calendar_token_revoke(*, user: Any) -> None:
    from rightsdesk.cases.models import CalendarToken

    CalendarToken.objects.filter(user=user).delete()
    audit_record(by=user, action="calendar_token_revoked", obj=user)


def calendar_feed_for_token(token: str) -> bytes | None:
    from rightsdesk.cases.calendar_feed import feed_ics
    from rightsdesk.cases.models import CalendarToken, MatterDate
    from rightsdesk.events.feeds import staff_feed_items
    from rightsdesk.network.visits.selectors import visit_feed_items
    from rightsdesk.vault.crypto import blind_index

    found = (
        CalendarToken.objects.filter(token_hash=blind_index("exact", f"calendar:{token}"))
        .select_related("user")
        .first()
    )
    if found is None or not found.user.is_active:
        return None
    # From a month back on: old hearings only slow every calendar app's refresh.
    since = timezone.now() - timezone.timedelta(days=30)
    dates = MatterDate.objects.filter(matter__members__user=found.user).filter(
        Q(starts__gte=since) | Q(all_day__gte=since.date())
    )
    items = [dated_item(d) for d in dates]
    # A volunteer's facility visits (network app): where and when only, never who is seen.
    items += visit_feed_items(found.user, since=since.date(), tz=_zone())
    items += staff_feed_items(found.user, since=since)
    return feed_ics(items, calendar_name="RightsDesk", tz=_zone())


# --- tasks, notes, documents, closing ---------------------------------------------------------


@transaction.atomic
def task_add(*, matter: Matter, title: str, by: Any, assignee: Any = None, due: Any = None) -> Any:
    from rightsdesk.cases.models import Task

    task = Task.objects.create(
        matter=matter, title=title, assignee=assignee, due=due, created_by_id=by.pk
    )
    audit_record(by=by, action="task_added", obj=matter, detail={"task": task.pk})
    return task


@transaction.atomic
def task_done(*, task: Any, by: Any) -> None:
    task.done_at = timezone.now()
    task.save(update_fields=["done_at"])
    audit_record(by=by, action="task_done", obj=task.matter, detail={"task": task.pk})


@transaction.atomic
def note_add(*, matter: Matter, body: str, by: Any) -> Any:
    from rightsdesk.cases.models import Note

    note = Note.objects.create(matter=matter, body=body, created_by_id=by.pk)
    audit_record(by=by, action="note_added", obj=matter, detail={"note": note.pk})
    return note


@transaction.atomic
def document_add(
    *, matter: Matter, upload: Any, checked: Any, kind: str, by: Any, replaces: Any = None
) -> Any:
    from rightsdesk.cases.models import MatterDocument

    document = MatterDocument(
        matter=matter,
        kind=kind,
        original_name=checked.safe_name,
        file_type=checked.kind,
        content_type=checked.content_type,
        size=checked.size,
        uploaded_by_id=by.pk,
        replaces=replaces,
        version=(replaces.version + 1) if replaces else 1,
    )
    document.file.save("matter.rdf", upload, save=False)
    document.save()
    audit_record(
        by=by,
        action="document_added",
        obj=matter,
        detail={"document": document.pk, "version": document.version},
    )
    return document


def documents_from_complaint(*, matter: Matter, complaint: Complaint, by: Any) -> None:
    """The complaint's papers become the matter's, pointing at the same encrypted files."""
    from rightsdesk.cases.models import MatterDocument

    MatterDocument.objects.bulk_create(
        [
            MatterDocument(
                matter=matter,
                kind=MatterDocument.Kind.FROM_COMPLAINT,
                file=d.file.name,
                original_name=d.original_name,
                file_type=d.file_type,
                content_type=d.content_type,
                size=d.size,
                uploaded_by_id=by.pk,
            )
            for d in complaint.documents.all()
        ]
    )


@transaction.atomic
def matter_close(*, matter: Matter, outcome: str, by: Any) -> None:
    from datetime import date

    from django.conf import settings

    now = timezone.now()
    today = timezone.localdate()
    years = settings.MATTER_RETENTION_YEARS
    try:
        retain = today.replace(year=today.year + years)
    except ValueError:  # 29 February
        retain = date(today.year + years, 2, 28)
    matter.status = Matter.Status.CLOSED
    matter.outcome = outcome
    matter.closed_at, matter.closed_by_id, matter.retain_until = now, by.pk, retain
    matter.save(update_fields=["status", "outcome", "closed_at", "closed_by_id", "retain_until"])
    audit_record(
        by=by, action="matter_closed", obj=matter, detail={"retain_until": retain.isoformat()}
    )


def _carry_screening(*, matter: Matter, complaint: Complaint, by: Any) -> None:
    """Tags and estimated filing deadlines travel with the complaint into the matter."""
    from datetime import date

    from rightsdesk.triage.models import Screening

    screening = Screening.objects.filter(complaint=complaint).first()
    if screening is None:
        return
    matter.tags = [f"{t.group}:{t.tag}" for t in screening.tags.filter(rejected=False)]
    matter.save(update_fields=["tags"])
    for estimate in screening.deadlines:
        if estimate.get("due") and estimate.get("status") in {"ok", "soon"}:
            matter_date_add(
                matter=matter,
                kind="filing",
                by=by,
                all_day=date.fromisoformat(estimate["due"]),
                lead_minutes=[10080, 1440],
                description=f"Estimate for an attorney to confirm: {estimate['name']} "
                f"({estimate['citation']})",
            )


class PartyAlreadyOnMatter(Exception):
    """The same name is already a party on this matter."""


@transaction.atomic
def matter_open(*, title: str, kind: str, by: Any, complaints: Iterable[Complaint] = ()) -> Matter:
    """A matter opened directly, or from a pattern (linking its complaints)."""
    matter = Matter.objects.create(
        title=title, kind=kind, opened_at=timezone.now(), opened_by_id=by.pk
    )
    linked = list(complaints)
    if linked:
        matter.complaints.set(linked)
    audit_record(
        by=by, action="matter_opened", obj=matter, detail={"complaints": [c.pk for c in linked]}
    )
    return matter


@transaction.atomic
def matter_activate(*, matter: Matter, by: Any) -> None:
    matter.status = Matter.Status.ACTIVE
    matter.save(update_fields=["status"])
    audit_record(by=by, action="matter_active", obj=matter)
