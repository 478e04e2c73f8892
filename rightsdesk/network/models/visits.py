"""Detention facilities with their visit rules, and the visits volunteers make to them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from rightsdesk.vault.fields import EncryptedTextField


class VisitPurpose(models.TextChoices):
    OUTREACH = "outreach", _("Know-your-rights outreach")
    CONSULTATIONS = "consultations", _("Legal consultations")
    CREDIBLE_FEAR = "credible_fear", _("Credible-fear interview preparation")
    BOND = "bond", _("Bond hearing preparation")
    REPRESENTATION = "representation", _("Client meetings on open matters")


class Facility(models.Model):
    """A place where people are held. The visit rules are shown to every volunteer before a
    visit; they are the organisation's notes, edited by the coordinator, not the facility's."""

    class Kind(models.TextChoices):
        PRIVATE_PRISON = "private_prison", _("Privately run detention centre")
        COUNTY_JAIL = "county_jail", _("County jail holding people for immigration authorities")
        OTHER = "other", _("Other")

    key = models.SlugField(max_length=64, unique=True)
    name = models.CharField(max_length=160)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    town = models.CharField(max_length=80)
    county = models.CharField(max_length=5)
    address = models.CharField(max_length=200, blank=True)
    operator = models.CharField(max_length=120, blank=True)
    id_needed = models.TextField(blank=True)
    booking_lead_days = models.PositiveSmallIntegerField(null=True, blank=True)
    visiting_hours = models.TextField(blank=True)
    allowed_items = models.TextField(blank=True)
    contact_channel = models.TextField(blank=True)
    other_rules = models.TextField(blank=True)
    rules_updated_at = models.DateTimeField(null=True, blank=True)
    rules_updated_by_id = models.BigIntegerField(null=True, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = _("facilities")

    def __str__(self) -> str:
        return self.name


class Visit(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    facility = models.ForeignKey(Facility, on_delete=models.PROTECT, related_name="visits")
    on = models.DateField(db_index=True)
    starts = models.TimeField()
    ends = models.TimeField()
    purpose = models.CharField(max_length=16, choices=VisitPurpose.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    attorneys_needed = models.PositiveSmallIntegerField(default=1)
    notes = EncryptedTextField(blank=True, default="")
    planned_by_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["on", "starts"]
        indexes = [models.Index(fields=["status", "on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(starts__lt=models.F("ends")), name="visit_ordered"
            )
        ]

    def __str__(self) -> str:
        return f"visit {self.pk}"


class VisitPerson(models.Model):
    """Someone to be seen on a visit: a client on a matter, or a detained person by name."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="people")
    matter = models.ForeignKey(
        "cases.Matter", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = EncryptedTextField(blank=True, default="")
    # Language codes they speak, e.g. ["mam", "es"]: what interpreters must cover.
    languages = models.JSONField(default=list, blank=True)
    # Filled by the visit report.
    seen = models.BooleanField(null=True, blank=True)
    needs = EncryptedTextField(blank=True, default="")

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"person {self.pk} on visit {self.visit_id}"


class VisitSignup(models.Model):
    """A volunteer on a visit, placed by the coordinator or claimed by themselves."""

    class Role(models.TextChoices):
        ATTORNEY = "attorney", _("Attorney")
        INTERPRETER = "interpreter", _("Interpreter")

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="signups")
    volunteer = models.ForeignKey(
        "network.Volunteer", on_delete=models.CASCADE, related_name="visit_signups"
    )
    role = models.CharField(max_length=12, choices=Role.choices)
    # The language an interpreter covers on this visit.
    language = models.CharField(max_length=8, blank=True)
    claimed_by_self = models.BooleanField(default=False)
    created_at = models.DateTimeField()
    created_by_id = models.BigIntegerField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["visit", "volunteer"],
                condition=models.Q(cancelled_at__isnull=True),
                name="signup_once_while_active",
            )
        ]
        indexes = [models.Index(fields=["volunteer", "cancelled_at"])]

    def __str__(self) -> str:
        return f"{self.role} {self.volunteer_id} on {self.visit_id}"


class VisitReport(models.Model):
    visit = models.OneToOneField(Visit, on_delete=models.CASCADE, related_name="report")
    summary = EncryptedTextField(blank=True, default="")
    filed_by_id = models.BigIntegerField()
    filed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"report on visit {self.visit_id}"


class FollowUp(models.Model):
    """Something a visit found that needs doing: it becomes a new matter or a task on one."""

    report = models.ForeignKey(VisitReport, on_delete=models.CASCADE, related_name="follow_ups")
    person = models.ForeignKey(
        VisitPerson, null=True, blank=True, on_delete=models.SET_NULL, related_name="follow_ups"
    )
    description = EncryptedTextField()
    matter = models.ForeignKey(
        "cases.Matter", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    task = models.ForeignKey(
        "cases.Task", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()
    created_by_id = models.BigIntegerField()

    def __str__(self) -> str:
        return f"follow-up {self.pk}"
