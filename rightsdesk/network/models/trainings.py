"""Trainings (with CLE hours), who registered and came, and which trainings an assignment needs."""

from __future__ import annotations

from django.db import models

from rightsdesk.core.handouts import Handout


class TrainingTopic(models.Model):
    """What a training teaches, e.g. "detention visit orientation". Requirements name topics,
    so any training on the topic satisfies them."""

    key = models.SlugField(max_length=48, unique=True)
    name = models.CharField(max_length=120)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Training(models.Model):
    topic = models.ForeignKey(TrainingTopic, on_delete=models.PROTECT, related_name="trainings")
    title = models.CharField(max_length=160)
    starts_at = models.DateTimeField(db_index=True)
    ends_at = models.DateTimeField()
    # An address, a room, or empty when online.
    place = models.CharField(max_length=200, blank=True)
    online = models.BooleanField(default=False)
    cle_hours = models.DecimalField(max_digits=4, decimal_places=2, default=0)
    capacity = models.PositiveIntegerField(null=True, blank=True)
    description = models.TextField(blank=True)
    created_by_id = models.BigIntegerField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at"]

    def __str__(self) -> str:
        return self.title


class TrainingRegistration(models.Model):
    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="registrations")
    volunteer = models.ForeignKey(
        "network.Volunteer", on_delete=models.CASCADE, related_name="registrations"
    )
    registered_at = models.DateTimeField()
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # Null until the coordinator takes attendance.
    attended = models.BooleanField(null=True, blank=True)
    attendance_by_id = models.BigIntegerField(null=True, blank=True)
    attendance_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["training", "volunteer"], name="registration_once")
        ]
        indexes = [models.Index(fields=["volunteer", "attended"])]

    def __str__(self) -> str:
        return f"{self.volunteer_id} at {self.training_id}"


class Requirement(models.Model):
    """A training topic someone must have attended before a kind of assignment.

    ``applies_to`` is "visit" (any facility visit), "visit:<purpose>" (one VisitPurpose) or
    "matter:<kind>" (one cases.Matter.Kind)."""

    applies_to = models.CharField(max_length=48, db_index=True)
    topic = models.ForeignKey(TrainingTopic, on_delete=models.PROTECT, related_name="required_by")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["applies_to", "topic"], name="requirement_once")
        ]

    def __str__(self) -> str:
        return f"{self.topic} for {self.applies_to}"


class TrainingMaterial(Handout):
    """A file handed out with a training (slides, a checklist), stored encrypted like a matter's
    documents. Only the file's own name is kept, and encrypted: it can name someone."""

    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="materials")
    file = models.FileField(upload_to="trainings")

    def __str__(self) -> str:
        return f"material {self.pk} of {self.training_id}"
