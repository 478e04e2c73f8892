"""Mentoring: a new volunteer paired with an experienced attorney, and their check-ins."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from rightsdesk.vault.fields import EncryptedTextField


class MentorPair(models.Model):
    mentee = models.ForeignKey(
        "network.Volunteer", on_delete=models.CASCADE, related_name="mentor_pairs"
    )
    # An experienced attorney: a staff attorney or an approved volunteer attorney's account.
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="mentees"
    )
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    created_by_id = models.BigIntegerField(null=True, blank=True)
    # The latest check-in's date, so the coordinator's home finds quiet pairs with one query.
    last_check_in_on = models.DateField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-started_on"]

    def __str__(self) -> str:
        return f"mentoring {self.mentee_id} by {self.mentor_id}"


class CheckIn(models.Model):
    pair = models.ForeignKey(MentorPair, on_delete=models.CASCADE, related_name="check_ins")
    on = models.DateField()
    note = EncryptedTextField(blank=True, default="")
    by_id = models.BigIntegerField()
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-on", "-pk"]

    def __str__(self) -> str:
        return f"check-in {self.pk}"
