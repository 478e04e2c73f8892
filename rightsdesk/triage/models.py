"""Screening results for each complaint.

Tag keys, the urgency rank, the county and the soonest deadline are plain columns so the queue
can sort and filter 100,000 complaints with indexes; none of them names anyone. The words quoted
as evidence, the deadline details and the place are encrypted. Entities (who is responsible) are
kept only as keyed hashes, enough to find related complaints, never the names.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from rightsdesk.intake.models import Complaint
from rightsdesk.vault.fields import EncryptedJSONField, EncryptedTextField


class Screening(models.Model):
    complaint = models.OneToOneField(Complaint, on_delete=models.CASCADE, related_name="screening")
    scope = models.CharField(max_length=16, default="individual")
    # Lower is more urgent: 0 in custody or removal risk, 1 court date within 14 days, 2 a
    # filing deadline within 30 days, 3 ongoing, 9 nothing urgent.
    # Indexed through the composite indexes below, which lead with them.
    urgency_rank = models.PositiveSmallIntegerField(default=9)
    county = models.CharField(max_length=100, blank=True)
    # A copy of the complaint's arrival time (set by screening_run), so "same county in the same
    # weeks" is one range on the (county, received_at) index instead of a join that reads every
    # screening of a county.
    received_at = models.DateTimeField(null=True, blank=True)
    next_deadline = models.DateField(null=True, blank=True)
    date_needed = models.BooleanField(default=False)
    # Discrimination where no local ordinance covers it: counted, by county only, as evidence
    # for ordinance campaigns. Nothing else about the complaint is needed for that count.
    counts_for_campaign = models.BooleanField(default=False)
    evidence = EncryptedJSONField(default=list)
    deadlines = EncryptedJSONField(default=list)
    coverage = EncryptedJSONField(default=dict)
    tagged_at = models.DateTimeField()
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        # The queue's ORDER BY, alone and after a county filter: each page is an index walk
        # that stops after one page, however many complaints there are.
        indexes = [
            models.Index(fields=["urgency_rank", "complaint"]),
            models.Index(fields=["county", "urgency_rank", "complaint"]),
            models.Index(fields=["county", "received_at"], name="triage_screening_weeks_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(confirmed_at__isnull=True, confirmed_by_id__isnull=True)
                    | models.Q(confirmed_at__isnull=False, confirmed_by_id__isnull=False)
                ),
                name="screening_confirmed_together",
            )
        ]

    def __str__(self) -> str:
        return f"screening of {self.complaint_id}"


class ScreeningTag(models.Model):
    """One tag on one complaint: a row per tag, so filtering is an indexed join on any database."""

    class Source(models.TextChoices):
        AUTO = "auto", _("Suggested by the rules")
        STAFF = "staff", _("Added by staff")

    screening = models.ForeignKey(Screening, on_delete=models.CASCADE, related_name="tags")
    group = models.CharField(max_length=16)
    tag = models.CharField(max_length=40)
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.AUTO)
    # Staff removed it: kept, so the quality page can count the rules' false positives.
    rejected = models.BooleanField(default=False)
    # Copies of the screening's urgency rank and complaint id (kept equal by screening_run and
    # screening_correct), so the queue filtered by a tag walks one index in queue order: the
    # cost of a page does not depend on how many complaints carry the tag.
    urgency_rank = models.PositiveSmallIntegerField(default=9)
    complaint_id = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["screening", "group", "tag"], name="one_row_per_tag"),
        ]
        # Not `rejected`: Django writes rejected=False as NOT "rejected", which cannot narrow an
        # index; the few rejected rows are skipped during the walk.
        indexes = [
            models.Index(
                fields=["group", "tag", "urgency_rank", "complaint_id"],
                name="triage_tag_queue_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.group}:{self.tag}"


class Entity(models.Model):
    """A person, business or agency complaints hold responsible, as resolved from the names
    people wrote. Staff merge two entities the rules kept apart, and split them again."""

    key_hash = models.CharField(max_length=32, unique=True)
    label = EncryptedTextField()
    kind = models.CharField(max_length=16, blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged"
    )

    class Meta:
        verbose_name_plural = "entities"

    def __str__(self) -> str:
        return f"entity {self.pk}"


class ComplaintEntity(models.Model):
    """Who a complaint holds responsible, as a keyed hash of the resolved entity key."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="entities")
    # The entity as resolved by the rules; entity_hash is where staff merges lead.
    raw_hash = models.CharField(max_length=32, default="", db_index=True)
    entity_hash = models.CharField(max_length=32)
    kind = models.CharField(max_length=16, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["complaint", "entity_hash"], name="entity_once"),
        ]
        # "The newest complaints naming this party" walks this index backwards and stops after
        # a few rows, even for a sheriff's office named in a hundred thousand complaints.
        indexes = [
            models.Index(fields=["entity_hash", "complaint"], name="triage_entity_newest_idx")
        ]

    def __str__(self) -> str:
        return f"entity of {self.complaint_id}"


class FilingDeadlineRule(models.Model):
    """A filing-deadline rule, seeded from deadlines.json and maintained by the organisation's
    attorneys. Every computed date is shown with its rule and citation, as an estimate."""

    key = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=200)
    conditions = models.JSONField(
        default=dict,
        help_text=_(
            "Which complaints it applies to, as in deadlines.json: areas, classes, any_class, "
            "any_of_classes, government_actor, actors, mentions."
        ),
    )
    days = models.PositiveIntegerField(null=True, blank=True)
    months = models.PositiveIntegerField(null=True, blank=True)
    count_from = models.CharField(max_length=100, default="incident")
    citation = models.CharField(max_length=300)
    note = models.TextField(blank=True)
    active = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["key"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(days__isnull=False) | models.Q(months__isnull=False),
                name="rule_has_a_period",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def as_rule_dict(self) -> dict[str, object]:
        rule: dict[str, object] = {
            "key": self.key,
            "name": self.name,
            "when": self.conditions,
            "citation": self.citation,
            "note": self.note,
            "count_from": self.count_from,
        }
        if self.days is not None:
            rule["days"] = self.days
        if self.months is not None:
            rule["months"] = self.months
        return rule


class ReferralOrganisation(models.Model):
    """Where complaints the organisation cannot take can go. Contact details are for admins to
    fill in from the organisations themselves, never guessed."""

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=60)
    areas = models.JSONField(default=list, blank=True)
    counties = models.JSONField(default=list, blank=True, help_text=_("Empty: statewide."))
    languages = models.JSONField(default=list, blank=True)
    how_to_reach = models.TextField(blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Decision(models.Model):
    """What screening decided about a complaint, who decided and why."""

    class Outcome(models.TextChoices):
        ACCEPT = "accept", _("Accept")
        NEED_INFO = "need_info", _("Ask for more information")
        REFER = "refer", _("Refer to another organisation")
        DECLINE = "decline", _("Decline")

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="decisions")
    outcome = models.CharField(max_length=12, choices=Outcome.choices)
    reason = EncryptedTextField()
    referral = models.ForeignKey(
        ReferralOrganisation, null=True, blank=True, on_delete=models.PROTECT
    )
    shared_with_referral = models.BooleanField(default=False)
    matter_id = models.BigIntegerField(null=True, blank=True)
    decided_at = models.DateTimeField()
    decided_by_id = models.BigIntegerField()

    class Meta:
        ordering = ["-decided_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(outcome="refer") | models.Q(referral__isnull=False),
                name="a_referral_names_where",
            )
        ]

    def __str__(self) -> str:
        return f"{self.outcome} for {self.complaint_id}"
