"""Files handed out with something (a training's slides, a workshop's rights card): one
abstract model and the two writes every kind of handout shares. Stored encrypted like every
file; the file's own name is kept encrypted too, as it can name someone."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction
from django.utils import timezone

from rightsdesk.vault.fields import EncryptedTextField


class Handout(models.Model):
    # Subclasses declare ``file = models.FileField(upload_to=...)`` and their owner's key.
    original_name = EncryptedTextField()
    file_type = models.CharField(max_length=8)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField()
    uploaded_by_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["uploaded_at", "pk"]


def handout_store(handout: Handout, *, upload: Any, checked: Any, by: Any) -> Handout:
    """Fill in and save ``handout`` (its owner already set). ``checked`` comes from
    intake.uploads.check_upload: the type decided by the content, never by the name."""
    handout.original_name = checked.safe_name
    handout.file_type = checked.kind
    handout.content_type = checked.content_type
    handout.size = checked.size
    handout.uploaded_at = timezone.now()
    handout.uploaded_by_id = by.pk
    handout.file.save("handout.rdf", upload, save=False)  # type: ignore[attr-defined]
    handout.save()
    return handout


def handout_delete(handout: Handout) -> int:
    """Delete the row now and the encrypted file once the row is surely gone; returns its id.
    Call inside the caller's transaction (with its audit entry)."""
    pk, name = handout.pk, handout.file.name  # type: ignore[attr-defined]
    storage = handout.file.storage  # type: ignore[attr-defined]
    handout.delete()
    transaction.on_commit(lambda: storage.delete(name))
    return pk
