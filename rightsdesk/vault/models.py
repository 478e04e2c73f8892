from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class KeyCheck(models.Model):
    """One row per key version: a known value sealed with that key.

    At start-up the keys in use must open every row, so a wrong or missing key is refused before
    any data is read or written.
    """

    version = models.PositiveIntegerField(primary_key=True)
    sealed = models.TextField()
    blind_index_check = models.CharField(max_length=64)
    audit_check = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("key check")

    def __str__(self) -> str:
        return f"key check for version {self.version}"


class AuditEntry(models.Model):
    """An append-only, hash-chained record of who did what to which object.

    No foreign keys on purpose: deleting a user or a record must never cascade its history away,
    and the chain must hash the values as they were written. ``detail`` never holds people's
    data, only identifiers and field names.
    """

    seq = models.PositiveBigIntegerField(unique=True)
    at = models.DateTimeField()
    actor_id = models.BigIntegerField(null=True, blank=True)
    actor = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=64, db_index=True)
    object_type = models.CharField(max_length=64, blank=True, db_index=True)
    object_id = models.CharField(max_length=64, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["-seq"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [models.Index(fields=["object_type", "object_id"]), models.Index(fields=["at"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"


class AuditHead(models.Model):
    """The chain's tip: one row, updated first in every append so appends queue one at a time."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="")
    # A keyed MAC of (seq, last_hash): rewinding the tip to hide the newest entries needs the key.
    head_mac = models.CharField(max_length=64, default="")

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(id=1), name="audit_head_single_row")
        ]

    def __str__(self) -> str:
        return f"audit head at {self.seq}"
