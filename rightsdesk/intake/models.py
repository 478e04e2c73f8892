"""Complaints and what comes with them.

Everything a person tells us lives in encrypted fields. The few plaintext columns (kind, source,
language, status, dates, the in-custody flag, the next court date) exist so the inbox can sort and
filter by urgency without decrypting 100,000 rows; none of them names or locates anyone.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from rightsdesk.vault.fields import EncryptedJSONField, EncryptedTextField


class Complaint(models.Model):
    class Kind(models.TextChoices):
        HELP = "help", _("Request for help")
        TIP = "tip", _("Report without asking for help")

    class Source(models.TextChoices):
        ONLINE = "online", _("Online form")
        PAPER = "paper", _("Paper form")
        IMPORT = "import", _("Import")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        REVIEWING = "reviewing", _("Being reviewed")
        NEED_INFO = "need_info", _("We need more information")
        ACCEPTED = "accepted", _("Accepted")
        REFERRED = "referred", _("Referred to another organisation")
        CLOSED = "closed", _("Closed")

    reference = models.CharField(max_length=16, unique=True)
    status_code_hash = models.CharField(max_length=64)
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.HELP)
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.ONLINE)
    language = models.CharField(max_length=2, default="en")
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    received_at = models.DateTimeField(db_index=True)
    status_changed_at = models.DateTimeField()
    # The complaint as JSON, in the shape of complaint.schema.json (documents listed separately).
    data = EncryptedJSONField()
    in_custody = models.BooleanField(default=False)
    next_court_date = models.DateField(null=True, blank=True)
    # Keyed hashes for duplicate detection and conflict checks; never the values themselves.
    name_index = models.CharField(max_length=32, blank=True, db_index=True)
    phone_index = models.CharField(max_length=32, blank=True, db_index=True)
    email_index = models.CharField(max_length=32, blank=True, db_index=True)
    # The same submission posted twice (double click, retry) must make one complaint.
    submission_token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    notify_email = EncryptedTextField(null=True, blank=True)
    # What the person reads on their status page beside the status (e.g. where they were
    # referred), written in their language by whoever changed the status.
    public_note = EncryptedTextField(null=True, blank=True)
    entered_by_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        indexes = [models.Index(fields=["status", "-received_at"])]

    def __str__(self) -> str:
        return self.reference


class Document(models.Model):
    """A copy of a paper, attached to a draft while the form is filled, then to the complaint."""

    class Kind(models.TextChoices):
        POLICE_REPORT = "police_report", _("Police report")
        NEWS_CLIPPING = "news_clipping", _("News clipping")
        COURT_PAPER = "court_paper", _("Court paper")
        LETTER = "letter", _("Letter")
        PHOTO = "photo", _("Photo")
        OTHER = "other", _("Other")

    complaint = models.ForeignKey(
        Complaint, null=True, blank=True, on_delete=models.CASCADE, related_name="documents"
    )
    draft = models.ForeignKey(
        "Draft", null=True, blank=True, on_delete=models.SET_NULL, related_name="documents"
    )
    file = models.FileField(upload_to="complaints")
    original_name = EncryptedTextField()
    file_type = models.CharField(max_length=8)  # pdf, jpeg, png, heic, docx, txt
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.OTHER)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    added_by_staff_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(complaint__isnull=False) | models.Q(draft__isnull=False),
                name="document_belongs_somewhere",
            )
        ]

    def __str__(self) -> str:
        return f"document {self.pk}"


class Draft(models.Model):
    """Answers saved at every step, so nothing typed is lost; resumable with a code."""

    resume_code_hash = models.CharField(max_length=64, unique=True)
    kind = models.CharField(max_length=8, choices=Complaint.Kind.choices)
    language = models.CharField(max_length=2, default="en")
    answers = EncryptedJSONField(default=dict)
    submission_token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    expires_at = models.DateTimeField(db_index=True)
    submitted_complaint = models.OneToOneField(
        Complaint, null=True, blank=True, on_delete=models.SET_NULL, related_name="draft"
    )

    def __str__(self) -> str:
        return f"draft {self.pk}"


class InfoRequest(models.Model):
    """Staff ask the person a question; the person answers on the status page."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="questions")
    question = EncryptedTextField()
    asked_at = models.DateTimeField()
    asked_by_id = models.BigIntegerField(null=True, blank=True)
    answer = EncryptedTextField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["asked_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(answer__isnull=True, answered_at__isnull=True)
                    | models.Q(answer__isnull=False, answered_at__isnull=False)
                ),
                name="info_answer_and_time_together",
            )
        ]

    def __str__(self) -> str:
        return f"question {self.pk}"


class PaperFormRequest(models.Model):
    """Someone asked for a blank paper form by post."""

    name = EncryptedTextField()
    address = EncryptedJSONField()
    language = models.CharField(max_length=2, default="en")
    requested_at = models.DateTimeField(db_index=True)
    mailed_at = models.DateTimeField(null=True, blank=True)
    mailed_by_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["requested_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(mailed_at__isnull=True, mailed_by_id__isnull=True)
                    | models.Q(mailed_at__isnull=False, mailed_by_id__isnull=False)
                ),
                name="paper_form_mailed_together",
            )
        ]

    def __str__(self) -> str:
        return f"paper form request {self.pk}"
