"""Matters and what hangs off them. People's names and details are encrypted; conflict checks
use keyed hashes of name variants (conflicts.blind_keys), never names."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rightsdesk.vault.fields import EncryptedJSONField, EncryptedTextField


class Matter(models.Model):
    """Work the organisation took on. Created when screening accepts a complaint, or directly."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ACTIVE = "active", _("Active")
        CLOSED = "closed", _("Closed")

    class Kind(models.TextChoices):
        IMPACT = "impact_litigation", _("Impact litigation")
        INDIVIDUAL = "individual_representation", _("Individual representation")
        IMMIGRATION = "immigration_detention", _("Immigration / detention")
        ADVOCACY = "advocacy", _("Advocacy")
        REFERRAL = "referral_follow_up", _("Referral follow-up")

    complaint = models.OneToOneField(
        "intake.Complaint", null=True, blank=True, on_delete=models.PROTECT, related_name="matter"
    )
    title = EncryptedTextField()
    kind = models.CharField(max_length=32, choices=Kind.choices, default=Kind.INDIVIDUAL)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    opened_at = models.DateTimeField(db_index=True)
    opened_by_id = models.BigIntegerField(null=True, blank=True)
    # An impact matter links the many complaints of a pattern.
    complaints = models.ManyToManyField(
        "intake.Complaint", blank=True, related_name="impact_matters"
    )
    # Screening tags carried over from the complaint, e.g. ["classes:race", "areas:housing"].
    tags = models.JSONField(default=list, blank=True)
    outcome = models.CharField(max_length=200, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by_id = models.BigIntegerField(null=True, blank=True)
    # Closing starts the retention clock (RIGHTSDESK_MATTER_RETENTION_YEARS).
    retain_until = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_at"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(closed_at__isnull=True, closed_by_id__isnull=True)
                    | models.Q(closed_at__isnull=False, closed_by_id__isnull=False)
                ),
                name="matter_closed_together",
            )
        ]

    def __str__(self) -> str:
        return f"matter {self.pk}"


class MatterMember(models.Model):
    """Who works on a matter. Volunteers reach only the matters they are members of."""

    class Role(models.TextChoices):
        LEAD = "lead_attorney", _("Lead attorney")
        STAFF = "staff", _("Staff")
        VOLUNTEER_ATTORNEY = "volunteer_attorney", _("Volunteer attorney")
        INTERPRETER = "interpreter", _("Interpreter")

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="matter_memberships"
    )
    role = models.CharField(max_length=24, choices=Role.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["matter", "user"], name="member_once")]

    def __str__(self) -> str:
        return f"{self.role} on {self.matter_id}"


class Party(models.Model):
    class Role(models.TextChoices):
        CLIENT = "client", _("Client")
        ADVERSE = "adverse", _("Adverse party")
        AGENCY = "agency", _("Agency")
        WITNESS = "witness", _("Witness")
        CO_COUNSEL = "co_counsel", _("Co-counsel")

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="parties")
    role = models.CharField(max_length=16, choices=Role.choices)
    name = EncryptedTextField()
    details = EncryptedJSONField(default=dict, blank=True)
    added_at = models.DateTimeField()
    added_by_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["role", "pk"]

    def __str__(self) -> str:
        return f"party {self.pk}"


class NameKey(models.Model):
    """One blind key of a name that conflict checks search: a party's, a complainant's or a
    responsible party's. ``kind`` and the keyed hash ``body`` are stored apart so a look-up can
    find every kind a key may match."""

    class Source(models.TextChoices):
        PARTY = "party", _("Party on a matter")
        COMPLAINANT = "complainant", _("Complainant")
        RESPONSIBLE = "responsible", _("Responsible party in a complaint")

    source = models.CharField(max_length=12, choices=Source.choices)
    party = models.ForeignKey(
        Party, null=True, blank=True, on_delete=models.CASCADE, related_name="keys"
    )
    complaint = models.ForeignKey(
        "intake.Complaint",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="name_keys",
    )
    kind = models.CharField(max_length=2)
    body = models.CharField(max_length=40)

    class Meta:
        # Conflict checks ask for a body and the kinds that can match it.
        indexes = [models.Index(fields=["body", "kind"])]

    def __str__(self) -> str:
        return f"{self.kind}:{self.source}"


class ConflictCheck(models.Model):
    class Decision(models.TextChoices):
        CLEAR = "clear", _("No conflict")
        WAIVED = "waived", _("Possible conflict, cleared by an attorney")
        CONFLICT = "conflict", _("Conflict")

    matter = models.ForeignKey(
        Matter, null=True, blank=True, on_delete=models.CASCADE, related_name="conflict_checks"
    )
    name = EncryptedTextField()
    hits = EncryptedJSONField(default=list)
    checked_at = models.DateTimeField()
    checked_by_id = models.BigIntegerField(null=True, blank=True)
    decision = models.CharField(max_length=8, choices=Decision.choices, blank=True)
    decision_note = EncryptedTextField(null=True, blank=True)
    decided_by_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-checked_at"]

    def __str__(self) -> str:
        return f"conflict check {self.pk}"


class MatterDate(models.Model):
    """A court date, hearing or deadline on a matter, with the reminders staff chose."""

    class Kind(models.TextChoices):
        COURT = "court", _("Court date")
        HEARING = "hearing", _("Hearing")
        FILING = "filing", _("Filing deadline")
        OTHER = "other", _("Other deadline")

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="dates")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    description = EncryptedTextField(blank=True, default="")
    starts = models.DateTimeField(null=True, blank=True, db_index=True)
    all_day = models.DateField(null=True, blank=True, db_index=True)
    lead_minutes = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["all_day", "starts", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(starts__isnull=False, all_day__isnull=True)
                    | models.Q(starts__isnull=True, all_day__isnull=False)
                ),
                name="date_is_timed_or_all_day",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} on matter {self.matter_id}"

    @property
    def safe_title(self) -> str:
        """What calendars and reminder emails may show: never a name or a description."""
        return f"{self.get_kind_display()}: matter {self.matter_id}"


class ReminderSent(models.Model):
    matter_date = models.ForeignKey(
        MatterDate, on_delete=models.CASCADE, related_name="reminders_sent"
    )
    lead = models.IntegerField()
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["matter_date", "lead"], name="reminder_once")
        ]

    def __str__(self) -> str:
        return f"reminder {self.lead} for {self.matter_date_id}"


class CalendarToken(models.Model):
    """The secret in someone's private calendar feed address, kept only as a keyed hash."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_token"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"calendar of {self.user_id}"


class Task(models.Model):
    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="tasks")
    title = EncryptedTextField()
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="matter_tasks",
    )
    due = models.DateField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["done_at", "due", "pk"]

    def __str__(self) -> str:
        return f"task {self.pk}"


class Note(models.Model):
    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="notes")
    body = EncryptedTextField()  # Markdown, rendered through a sanitiser
    created_at = models.DateTimeField(auto_now_add=True)
    created_by_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"note {self.pk}"


class MatterDocument(models.Model):
    class Kind(models.TextChoices):
        PLEADING = "pleading", _("Pleading or motion")
        EVIDENCE = "evidence", _("Evidence")
        CORRESPONDENCE = "correspondence", _("Correspondence")
        COURT = "court_paper", _("Court paper")
        FROM_COMPLAINT = "from_complaint", _("From the complaint")
        OTHER = "other", _("Other")

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.OTHER)
    file = models.FileField(upload_to="matters")
    original_name = EncryptedTextField()
    file_type = models.CharField(max_length=8)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    version = models.PositiveIntegerField(default=1)
    replaces = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="newer"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return f"document {self.pk}"
