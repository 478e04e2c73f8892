"""Screening a complaint: run the rules, store the results, let staff confirm or correct tags."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from rightsdesk.campaigns.coverage import ordinance_coverage
from rightsdesk.campaigns.selectors import ordinance_records
from rightsdesk.intake.models import Complaint
from rightsdesk.reports.services import facts_refresh
from rightsdesk.triage.deadlines import estimate_deadlines, rules_from_dicts
from rightsdesk.triage.entities import complaint_entities
from rightsdesk.triage.models import (
    ComplaintEntity,
    Decision,
    Entity,
    FilingDeadlineRule,
    ReferralOrganisation,
    Screening,
    ScreeningTag,
)
from rightsdesk.triage.results import DeadlineEstimate, Tagging
from rightsdesk.triage.tagging import tag_complaint
from rightsdesk.triage.taxonomy import GROUPS, tags
from rightsdesk.vault.audit import audit_change, audit_record
from rightsdesk.vault.crypto import blind_index

COURT_SOON_DAYS = 14
DEADLINE_SOON_DAYS = 30


def urgency_rank(
    *, tagging: Tagging, complaint: Complaint, deadlines: list[DeadlineEstimate], today: date
) -> int:
    """The queue's order: custody and removal first, then a court date within two weeks, then a
    filing deadline within 30 days, then harm that is still going on."""
    urgency = set(tagging.urgency)
    if complaint.in_custody or {"detained", "removal_risk"} & urgency:
        return 0
    court = complaint.next_court_date
    if court and court <= today + timedelta(days=COURT_SOON_DAYS):
        return 1
    if any(d.days_left is not None and 0 <= d.days_left < DEADLINE_SOON_DAYS for d in deadlines):
        return 2
    if "ongoing" in urgency:
        return 3
    return 9


def deadline_rules() -> list[Any]:
    return rules_from_dicts(
        r.as_rule_dict() for r in FilingDeadlineRule.objects.filter(active=True)
    )


@transaction.atomic
def screening_run(*, complaint: Complaint, by: Any = None, today: date | None = None) -> Screening:
    """Screen (or re-screen) a complaint. Tags staff added or rejected are kept as they are."""
    today = today or timezone.localdate()
    data = complaint.data
    tagging = tag_complaint(data, today=today)
    deadlines = estimate_deadlines(
        data,
        classes=tagging.classes,
        areas=tagging.areas,
        actors=tagging.actors,
        rules=deadline_rules(),
        today=today,
    )
    coverage = ordinance_coverage(
        data, classes=tagging.classes, areas=tagging.areas, ordinances=ordinance_records()
    )
    dated = [
        d.due
        for d in deadlines
        if d.due is not None and d.days_left is not None and d.days_left >= 0
    ]
    where = (data.get("incident") or {}).get("where") or {}
    screening, _created = Screening.objects.update_or_create(
        complaint=complaint,
        defaults={
            "scope": tagging.scope,
            "urgency_rank": urgency_rank(
                tagging=tagging, complaint=complaint, deadlines=deadlines, today=today
            ),
            "county": str(where.get("county") or "")[:100],
            "received_at": complaint.received_at,
            "next_deadline": min(dated) if dated else None,
            "date_needed": any(d.status == "date_needed" for d in deadlines),
            "evidence": [e.__dict__ for e in tagging.evidence],
            "deadlines": [d.as_dict() for d in deadlines],
            "coverage": coverage.as_dict(),
            "counts_for_campaign": coverage.counts_for_campaign,
            "tagged_at": timezone.now(),
        },
    )
    # The tags carry the queue's sort key (see ScreeningTag): the rank may have changed.
    screening.tags.update(urgency_rank=screening.urgency_rank, complaint_id=complaint.pk)
    kept = {(t.group, t.tag) for t in screening.tags.filter(source=ScreeningTag.Source.STAFF)}
    kept |= {(t.group, t.tag) for t in screening.tags.filter(rejected=True)}
    screening.tags.filter(source=ScreeningTag.Source.AUTO, rejected=False).delete()
    suggested = [(group, tag) for group in GROUPS[:4] for tag in getattr(tagging, group)]
    ScreeningTag.objects.bulk_create(
        [
            ScreeningTag(
                screening=screening,
                group=group,
                tag=tag,
                urgency_rank=screening.urgency_rank,
                complaint_id=complaint.pk,
            )
            for group, tag in suggested
            if (group, tag) not in kept
        ]
    )
    ComplaintEntity.objects.filter(complaint=complaint).delete()
    rows = []
    for entity in {e.key: e for e in complaint_entities(data)}.values():
        raw = blind_index("exact", entity.key)
        known, _new = Entity.objects.get_or_create(
            key_hash=raw, defaults={"label": entity.label, "kind": entity.kind}
        )
        rows.append(
            ComplaintEntity(
                complaint=complaint,
                raw_hash=raw,
                entity_hash=_canonical(known).key_hash,
                kind=entity.kind,
            )
        )
    ComplaintEntity.objects.bulk_create(rows)
    facts_refresh(complaint)
    audit_record(by=by, action="screened", obj=complaint)
    return screening


@transaction.atomic
def screening_correct(
    *, screening: Screening, by: Any, accepted: dict[str, list[str]], scope: str
) -> None:
    """Staff confirm the tags: what they keep, add and remove is recorded for the quality page."""
    current = {(t.group, t.tag): t for t in screening.tags.all()}
    wanted = {
        (group, tag)
        for group, values in accepted.items()
        for tag in values
        if group in GROUPS[:4] and tag in tags(group)
    }
    for key, row in current.items():
        should_reject = key not in wanted
        if row.rejected != should_reject:
            row.rejected = should_reject
            row.save(update_fields=["rejected"])
    ScreeningTag.objects.bulk_create(
        [
            ScreeningTag(
                screening=screening,
                group=group,
                tag=tag,
                source=ScreeningTag.Source.STAFF,
                urgency_rank=screening.urgency_rank,
                complaint_id=screening.complaint_id,
            )
            for group, tag in wanted - set(current)
        ]
    )
    if scope in tags("scope"):
        screening.scope = scope
    screening.confirmed_at = timezone.now()
    screening.confirmed_by_id = by.pk
    screening.save(update_fields=["scope", "confirmed_at", "confirmed_by_id"])
    facts_refresh(screening.complaint)
    audit_record(
        by=by,
        action="screening_confirmed",
        obj=screening.complaint,
        detail={"tags": sorted(f"{g}:{t}" for g, t in wanted), "scope": scope},
    )


class DecisionRefused(Exception):
    """The decision cannot be recorded as asked; the message says why, for staff."""


def _referral_note(organisation: ReferralOrganisation, *, shared: bool) -> str:
    lines = [
        _("We passed your complaint to: %(name)s.") % {"name": organisation.name}
        if shared
        else _(
            "We suggest you contact: %(name)s. We did not send them your complaint, because "
            "you asked us not to share it."
        )
        % {"name": organisation.name}
    ]
    if organisation.how_to_reach:
        lines.append(_("How to reach them: %(how)s") % {"how": organisation.how_to_reach})
    return "\n".join(lines)


@transaction.atomic
def decision_record(
    *,
    complaint: Complaint,
    outcome: str,
    reason: str,
    by: Any,
    referral: ReferralOrganisation | None = None,
    question: str = "",
) -> Decision:
    """Accept (opens a matter), ask for more information, refer, or decline; the person's
    status page and any email they asked for follow."""
    from rightsdesk.cases.services import matter_open_from_complaint
    from rightsdesk.intake.services import complaint_request_info, complaint_set_status

    Outcome = Decision.Outcome  # noqa: N806
    decision = Decision(
        complaint=complaint,
        outcome=outcome,
        reason=reason,
        decided_at=timezone.now(),
        decided_by_id=by.pk,
    )
    with translation.override(complaint.language):
        if outcome == Outcome.ACCEPT:
            matter = matter_open_from_complaint(complaint=complaint, by=by)
            decision.matter_id = matter.pk
            complaint_set_status(complaint=complaint, status=Complaint.Status.ACCEPTED, by=by)
        elif outcome == Outcome.NEED_INFO:
            if not question:
                raise DecisionRefused("Write the question the person will see.")
            complaint_request_info(complaint=complaint, question=question, by=by)
        elif outcome == Outcome.REFER:
            if referral is None:
                raise DecisionRefused("Choose the organisation to refer to.")
            shared = bool(
                complaint.data.get("consents", {}).get("share_with_partner_organisations")
            )
            decision.referral = referral
            decision.shared_with_referral = shared
            complaint_set_status(
                complaint=complaint,
                status=Complaint.Status.REFERRED,
                by=by,
                public_note=_referral_note(referral, shared=shared),
            )
        elif outcome == Outcome.DECLINE:
            complaint_set_status(complaint=complaint, status=Complaint.Status.CLOSED, by=by)
        else:
            raise DecisionRefused(f"Unknown outcome {outcome!r}.")
    decision.save()
    facts_refresh(complaint)
    audit_record(
        by=by,
        action="decision",
        obj=complaint,
        detail={"outcome": outcome, "decision": decision.pk},
    )
    return decision


@transaction.atomic
def deadline_rule_save(*, form: Any, by: Any) -> FilingDeadlineRule:
    rule = form.save()
    audit_change(by=by, obj=rule, fields=form.changed_data)
    return rule


@transaction.atomic
def referral_save(
    *, organisation: ReferralOrganisation, data: dict[str, Any], by: Any
) -> ReferralOrganisation:
    changed = [name for name, value in data.items() if getattr(organisation, name) != value]
    for name, value in data.items():
        setattr(organisation, name, value)
    organisation.save()
    audit_change(by=by, obj=organisation, fields=changed)
    return organisation


def _canonical(entity: Entity) -> Entity:
    """Where merges lead; a loop (which entity_merge refuses) stops where it started."""
    seen = {entity.pk}
    while entity.merged_into_id and entity.merged_into_id not in seen:
        entity = Entity.objects.get(pk=entity.merged_into_id)
        seen.add(entity.pk)
    return entity


def _repoint(entities: list[Entity]) -> None:
    """Point every complaint naming these entities at where each now leads."""
    for entity in entities:
        ComplaintEntity.objects.filter(raw_hash=entity.key_hash).update(
            entity_hash=_canonical(entity).key_hash
        )


def _chain_of(entity: Entity) -> list[Entity]:
    """The entity and every entity merged into it, directly or through others."""
    found, frontier = [entity], [entity]
    while frontier:
        frontier = list(Entity.objects.filter(merged_into__in=frontier))
        found.extend(frontier)
    return found


@transaction.atomic
def entity_merge(*, source: Entity, target: Entity, by: Any) -> None:
    if _canonical(target).pk == source.pk:
        raise DecisionRefused("That would merge an entity into itself.")
    source.merged_into = target
    source.save(update_fields=["merged_into"])
    _repoint(_chain_of(source))
    audit_record(by=by, action="entity_merged", obj=source, detail={"into": target.pk})


@transaction.atomic
def entity_split(*, entity: Entity, by: Any) -> None:
    entity.merged_into = None
    entity.save(update_fields=["merged_into"])
    _repoint(_chain_of(entity))
    audit_record(by=by, action="entity_split", obj=entity)
