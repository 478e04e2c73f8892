"""Reads for the screening desk. The queue reads plaintext columns only; opening a complaint
reads (and audits) the person's record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import QuerySet

from rightsdesk.intake.models import Complaint
from rightsdesk.intake.selectors import LIST_COLUMNS
from rightsdesk.triage.models import ScreeningTag


@dataclass(frozen=True)
class QueueFilters:
    tag: str = ""  # "group:tag"
    county: str = ""
    language: str = ""
    status: str = ""


def screening_queue(filters: QueueFilters) -> QuerySet[Complaint]:
    """Screened complaints by urgency (custody, court within 14 days, deadline within 30 days,
    ongoing), then oldest first, so nobody waits behind newer, less urgent ones.

    Ordered by (urgency rank, complaint id), the trailing columns of an index for every
    indexed filter: (urgency_rank, complaint) unfiltered, (county, urgency_rank, complaint) by
    county, the tags' own (group, tag, urgency_rank, complaint_id) by tag (the few rejected
    tags are skipped on the way). The database walks the index in queue order and stops after
    one page instead of sorting every match. Complaints not yet screened are listed by
    ``unscreened_complaints``."""
    complaints = (
        Complaint.objects.select_related("screening")
        .filter(screening__isnull=False)
        .only(
            *LIST_COLUMNS,
            "screening__urgency_rank",
            "screening__county",
            "screening__next_deadline",
            "screening__date_needed",
            "screening__scope",
        )
    )
    order = ("screening__urgency_rank", "screening__complaint_id")
    if filters.tag and ":" in filters.tag:
        group, tag = filters.tag.split(":", 1)
        # A join on the tag rows, sorted by their copy of the sort key: one walk of the tag
        # index in queue order, for rare and common tags alike (one row per tag and complaint).
        complaints = complaints.filter(
            screening__tags__group=group,
            screening__tags__tag=tag,
            screening__tags__rejected=False,
        )
        order = ("screening__tags__urgency_rank", "screening__tags__complaint_id")
    if filters.county:
        complaints = complaints.filter(screening__county=filters.county)
    if filters.language:
        complaints = complaints.filter(language=filters.language)
    if filters.status:
        complaints = complaints.filter(status=filters.status)
    return complaints.order_by(*order)


RECENT_ARRIVALS = 1_000


def unscreened_complaints(limit: int = 20) -> list[Complaint]:
    """Complaints the background screening has not reached yet (normally none for long)."""
    # Only recent arrivals can be waiting (a periodic task catches up older ones). Looking
    # among the newest RECENT_ARRIVALS by id keeps this one bounded walk of the primary key:
    # a week of arrivals, or a scan by id filtered on the date, grows with the table.
    from datetime import timedelta

    from django.utils import timezone

    since = timezone.now() - timedelta(days=7)
    newest = Complaint.objects.order_by("-pk").values("pk")[:RECENT_ARRIVALS]
    return list(
        Complaint.objects.filter(pk__in=newest, received_at__gte=since, screening__isnull=True)
        .order_by("pk")
        .only("reference", "received_at", "kind", "language")[:limit]
    )


def tags_for(complaints: list[Complaint]) -> dict[int, list[ScreeningTag]]:
    """The accepted tags of a page of complaints, in one query."""
    found: dict[int, list[ScreeningTag]] = {c.pk: [] for c in complaints}
    rows = ScreeningTag.objects.filter(screening__complaint__in=complaints, rejected=False)
    for row in rows.select_related("screening").only("group", "tag", "screening__complaint_id"):
        found[row.screening.complaint_id].append(row)
    return found


def counties_in_queue() -> list[str]:
    """Mississippi's counties, for the filter: a fixed list, not a DISTINCT over every
    screening (which costs tens of milliseconds at 100,000 complaints)."""
    from rightsdesk.geo.places import counties

    return [county.name for county in counties()]


def screening_or_none(complaint: Complaint) -> Any:
    from rightsdesk.triage.models import Screening

    try:
        return complaint.screening
    except Screening.DoesNotExist:
        return None


@dataclass(frozen=True)
class Related:
    complaint: Complaint
    reasons: tuple[str, ...]


def related_for(complaint: Complaint, *, window_days: int = 60, limit: int = 10) -> list[Related]:
    """Complaints that name the same responsible party, may come from the same person (blind
    index match), or come from the same county in the same weeks. Index look-ups only."""
    from django.db.models import Q

    from rightsdesk.triage.models import Screening

    reasons: dict[int, list[str]] = {}

    def add(ids: Any, reason: str) -> None:
        for pk in ids:
            if pk != complaint.pk:
                reasons.setdefault(pk, [])
                if reason not in reasons[pk]:
                    reasons[pk].append(reason)

    add(same_party_ids(complaint.pk, limit=limit), "names the same responsible party")
    same_person = Q()
    for field in ("name_index", "phone_index", "email_index"):
        value = getattr(complaint, field)
        if value:
            same_person |= Q(**{field: value})
    if same_person:
        add(
            Complaint.objects.filter(same_person)
            .exclude(pk=complaint.pk)
            .values_list("pk", flat=True)[:limit],
            "same name, phone or email: possibly the same person",
        )
    screening = Screening.objects.filter(complaint=complaint).only("county", "received_at").first()
    if screening and screening.county:
        add(
            same_weeks_ids(
                complaint.pk,
                county=screening.county,
                received_at=screening.received_at or complaint.received_at,
                window_days=window_days,
                limit=limit,
            ),
            f"same county ({screening.county}) within {window_days} days",
        )
    if screening and screening.county:
        _similar_accounts(complaint, county=screening.county, add=add)
    found = Complaint.objects.filter(pk__in=list(reasons)[: limit * 3]).only(
        "reference", "received_at", "status", "kind"
    )
    return [Related(c, tuple(reasons[c.pk])) for c in found.order_by("-received_at")][:limit]


def same_party_ids(complaint_id: int, *, limit: int = 10) -> list[int]:
    """The newest complaints naming a party this one names: one short index walk per party, so
    a party named in 100,000 complaints costs what a party named in two does."""
    from rightsdesk.triage.models import ComplaintEntity

    hashes = ComplaintEntity.objects.filter(complaint_id=complaint_id).values_list(
        "entity_hash", flat=True
    )
    found: set[int] = set()
    for entity_hash in set(hashes):
        found.update(
            ComplaintEntity.objects.filter(entity_hash=entity_hash)
            .exclude(complaint_id=complaint_id)
            .order_by("-complaint_id")
            .values_list("complaint_id", flat=True)[:limit]
        )
    return sorted(found, reverse=True)[:limit]


def same_weeks_ids(
    complaint_id: int, *, county: str, received_at: datetime, window_days: int, limit: int = 10
) -> list[int]:
    """The newest screened complaints from the county that arrived within window_days either
    side (the incident date is encrypted; arrival is its plaintext stand-in)."""
    from rightsdesk.triage.models import Screening

    window = timedelta(days=window_days)
    return list(
        Screening.objects.filter(
            county=county, received_at__range=(received_at - window, received_at + window)
        )
        .exclude(complaint_id=complaint_id)
        .order_by("-received_at")
        .values_list("complaint_id", flat=True)[:limit]
    )


@dataclass(frozen=True)
class TagQuality:
    group: str
    tag: str
    label: str
    confirmed: int  # suggested and kept by staff
    rejected: int  # suggested, removed by staff
    missed: int  # added by staff
    precision: float | None
    recall: float | None


def tag_quality() -> list[TagQuality]:
    """How the rules did against staff's confirmed screenings, per tag. One grouped query."""
    from django.db.models import Count, Q

    from rightsdesk.triage.taxonomy import label

    rows = (
        ScreeningTag.objects.filter(screening__confirmed_at__isnull=False)
        .values("group", "tag")
        .annotate(
            kept=Count("pk", filter=Q(source="auto", rejected=False)),
            removed=Count("pk", filter=Q(source="auto", rejected=True)),
            added=Count("pk", filter=Q(source="staff", rejected=False)),
        )
        .order_by("group", "tag")
    )
    result = []
    for row in rows:
        kept, removed, added = row["kept"], row["removed"], row["added"]
        result.append(
            TagQuality(
                group=row["group"],
                tag=row["tag"],
                label=label(row["group"], row["tag"]),
                confirmed=kept,
                rejected=removed,
                missed=added,
                precision=kept / (kept + removed) if kept + removed else None,
                recall=kept / (kept + added) if kept + added else None,
            )
        )
    return result


def pattern_candidates(*, days: int = 180, limit: int = 5000) -> list[tuple[str, dict[str, Any]]]:
    """Recent complaints as (reference, data) for pattern finding. Decrypts up to ``limit``
    records; the caller audits the read."""
    from datetime import timedelta

    from django.utils import timezone

    since = timezone.now() - timedelta(days=days)
    recent = (
        Complaint.objects.filter(received_at__gte=since)
        .order_by("-received_at")
        .only("reference", "data")[:limit]
    )
    return [(c.reference, c.data) for c in recent]


def campaign_evidence() -> list[dict[str, Any]]:
    """Complaints of discrimination where no local ordinance covers them, counted by county.
    Only counts leave this function, and through disclosure control: a county with a handful
    of complaints could point at the people who made them. Withheld counts are None and come
    last, by name (an order by size would hint at their size)."""
    from django.conf import settings
    from django.db.models import Count

    from rightsdesk.reports.disclosure import suppress
    from rightsdesk.triage.models import Screening

    counts = {
        (row["county"],): row["complaints"]
        for row in Screening.objects.filter(counts_for_campaign=True)
        .exclude(county="")
        .values("county")
        .annotate(complaints=Count("pk"))
    }
    if not counts:
        return []
    counts[(None,)] = sum(counts.values())  # one county each: the total an organiser could add up
    shown = suppress(counts, k=settings.DISCLOSURE_K)
    rows = [{"county": key[0], "complaints": shown[key]} for key in counts if key[0] is not None]
    return sorted(
        rows, key=lambda r: (r["complaints"] is None, -(r["complaints"] or 0), r["county"])
    )


SIMILAR_POOL = 50


def _similar_accounts(complaint: Complaint, *, county: str, add: Any) -> None:
    """Accounts that read alike, among the latest complaints from the same county: the story is
    encrypted, so similarity is computed on a small pool the index narrows down."""
    from rightsdesk.triage.models import Screening
    from rightsdesk.triage.patterns import related_complaints

    pool_ids = list(
        Screening.objects.filter(county=county)
        .exclude(complaint=complaint)
        .order_by("-complaint_id")
        .values_list("complaint_id", flat=True)[:SIMILAR_POOL]
    )
    pool = Complaint.objects.filter(pk__in=pool_ids).only("pk", "data")
    found = related_complaints(
        (str(complaint.pk), complaint.data), [(str(c.pk), c.data) for c in pool]
    )
    add([int(pk) for pk, reason in found if "similar" in reason], "tells a similar account")


def entity_list() -> QuerySet[Any]:
    """Entities with how many complaints name them (through merges), most named first."""
    from django.db.models import Count, OuterRef, Subquery
    from django.db.models.functions import Coalesce

    from rightsdesk.triage.models import ComplaintEntity, Entity

    named = (
        ComplaintEntity.objects.filter(raw_hash=OuterRef("key_hash"))
        .values("raw_hash")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Entity.objects.select_related("merged_into")
        .annotate(complaint_count=Coalesce(Subquery(named), 0))
        .order_by("-complaint_count", "pk")
    )


def complaints_naming(entity: Any, limit: int = 50) -> list[Complaint]:
    from rightsdesk.triage.models import ComplaintEntity

    ids = ComplaintEntity.objects.filter(raw_hash=entity.key_hash).values("complaint_id")
    return list(
        Complaint.objects.filter(pk__in=ids)
        .only("reference", "received_at", "status")
        .order_by("-received_at")[:limit]
    )
