"""Keeping the tallies current: screening and decisions call ``facts_refresh`` for the
complaint they changed; ``facts_rebuild`` recomputes everything (after an import or a restore).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

from rightsdesk.intake.models import Complaint
from rightsdesk.reports.facts import WAITING, Facts, TallyKey, fact_keys
from rightsdesk.reports.models import ComplaintFact, Tally
from rightsdesk.reports.statistics import complaint_county

ANSWERS = ("accept", "refer", "decline")


def _days(start: Any, end: Any) -> int:
    return max((end - start).days, 0)


def facts_of(complaint: Complaint) -> Facts | None:
    """The complaint's countable facts, once it has been screened (before that its tags are
    unknown, and the screening task comes within minutes)."""
    from rightsdesk.triage.models import Decision, Screening, ScreeningTag

    screening = Screening.objects.filter(complaint=complaint).only("pk").first()
    if screening is None:
        return None
    tags: dict[str, set[str]] = {"areas": set(), "classes": set(), "actors": set()}
    for group, tag in ScreeningTag.objects.filter(
        screening=screening, rejected=False, group__in=tags
    ).values_list("group", "tag"):
        tags[group].add(tag)
    decisions = list(
        Decision.objects.filter(complaint=complaint)
        .order_by("decided_at", "pk")
        .values_list("outcome", "decided_at")
    )
    answered = [at for outcome, at in decisions if outcome in ANSWERS]
    return Facts(
        received=timezone.localtime(complaint.received_at).date(),
        county=complaint_county(complaint.data),
        areas=tuple(sorted(tags["areas"])),
        classes=tuple(sorted(tags["classes"])),
        actors=tuple(sorted(tags["actors"])),
        language=complaint.language,
        source=complaint.source,
        kind=complaint.kind,
        outcome=decisions[-1][0] if decisions else WAITING,
        first_answer_days=_days(complaint.received_at, decisions[0][1]) if decisions else None,
        decision_days=_days(complaint.received_at, answered[0]) if answered else None,
    )


def _add(key: TallyKey, delta: int) -> None:
    cube, period, a, b = key
    cell = Tally.objects.filter(cube=cube, period=period, a=a, b=b)
    if cell.update(count=F("count") + delta):
        return
    try:
        with transaction.atomic():
            Tally.objects.create(cube=cube, period=period, a=a, b=b, count=delta)
    except IntegrityError:  # another process created the cell in between
        cell.update(count=F("count") + delta)


@transaction.atomic
def facts_refresh(complaint: Complaint) -> None:
    """Bring the tallies in line with what is known of this complaint now: only the cells it
    leaves or joins change."""
    fact, _created = ComplaintFact.objects.get_or_create(
        complaint=complaint, defaults={"refreshed_at": timezone.now()}
    )
    # Locked, so two refreshes of one complaint cannot both apply the same difference.
    fact = ComplaintFact.objects.select_for_update().get(pk=fact.pk)
    old = {tuple(key) for key in fact.keys}
    facts = facts_of(complaint)
    new = fact_keys(facts) if facts else set()
    # A fixed order, so concurrent refreshes take the cells' row locks in the same order.
    for key in sorted(old - new):
        _add(key, -1)  # type: ignore[arg-type]
    for key in sorted(new - old):
        _add(key, +1)
    fact.keys = sorted(list(key) for key in new)
    fact.refreshed_at = timezone.now()
    fact.save(update_fields=["keys", "refreshed_at"])


def facts_forget(sender: Any, instance: ComplaintFact, **kwargs: Any) -> None:
    """Take a deleted complaint out of every tally it counted in."""
    for key in sorted(tuple(k) for k in instance.keys):
        _add(key, -1)  # type: ignore[arg-type]


def facts_catch_up(limit: int = 500) -> int:
    """Complaints screened without their facts being counted (screened before reports existed,
    or a refresh lost to a crash)."""
    missing = (
        Complaint.objects.filter(screening__isnull=False, fact__isnull=True)
        .order_by("pk")
        .only("pk", "received_at", "data", "language", "source", "kind")[:limit]
    )
    done = 0
    for complaint in missing:
        facts_refresh(complaint)
        done += 1
    return done


@transaction.atomic
def facts_rebuild(*, progress: Callable[[int], None] | None = None) -> int:
    """Recount every complaint from scratch; answers how many were counted."""
    totals: Counter[TallyKey] = Counter()
    remembered: list[ComplaintFact] = []
    now = timezone.now()
    complaints: Iterable[Complaint] = (
        Complaint.objects.filter(screening__isnull=False)
        .order_by("pk")
        .only("pk", "received_at", "data", "language", "source", "kind")
        .iterator(chunk_size=500)
    )
    for complaint in complaints:
        facts = facts_of(complaint)
        keys = fact_keys(facts) if facts else set()
        totals.update(keys)
        remembered.append(
            ComplaintFact(complaint=complaint, keys=sorted(list(k) for k in keys), refreshed_at=now)
        )
        if progress:
            progress(1)
    # Raw, so facts_forget does not subtract every old fact one cell at a time: the tallies
    # are replaced whole just below.
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {ComplaintFact._meta.db_table}")  # noqa: S608
    Tally.objects.all().delete()
    ComplaintFact.objects.bulk_create(remembered, batch_size=1000)
    Tally.objects.bulk_create(
        [Tally(cube=c, period=p, a=a, b=b, count=n) for (c, p, a, b), n in totals.items()],
        batch_size=2000,
    )
    return len(remembered)
