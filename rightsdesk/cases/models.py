from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from rightsdesk.vault.fields import EncryptedTextField


class Matter(models.Model):
    """Work the organisation took on. Created when screening accepts a complaint."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ACTIVE = "active", _("Active")
        CLOSED = "closed", _("Closed")

    complaint = models.OneToOneField(
        "intake.Complaint", null=True, blank=True, on_delete=models.PROTECT, related_name="matter"
    )
    title = EncryptedTextField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    opened_at = models.DateTimeField()
    opened_by_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_at"]

    def __str__(self) -> str:
        return f"matter {self.pk}"
