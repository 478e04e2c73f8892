"""Letter templates admins can edit, and the letters made from them.

A letter's rendered files go to the default storage, which encrypts them on disk; the recipient's
name and address are encrypted in the database. The plaintext columns (kind, language, dates,
whether the person's name was used) say nothing about who the letter is for.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from rightsdesk.vault.fields import EncryptedJSONField


class LetterKind(models.TextChoices):
    # The same values as the "kind" keys in seed.DEFAULT_TEMPLATES.
    ACKNOWLEDGMENT = "acknowledgment", _("Acknowledgment")
    NEED_INFO = "need_info", _("Need more information")
    REFERRAL = "referral", _("Referral")
    DECLINE = "decline", _("Decline")
    INQUIRY = "inquiry", _("Letter of inquiry or protest")


class LetterLanguage(models.TextChoices):
    ENGLISH = "en", _("English")
    SPANISH = "es", _("Spanish")


class LetterTemplate(models.Model):
    Kind = LetterKind
    Language = LetterLanguage

    kind = models.CharField(_("kind"), max_length=16, choices=LetterKind.choices)
    language = models.CharField(_("language"), max_length=2, choices=LetterLanguage.choices)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(
        _("body"),
        help_text=_(
            "Leave a blank line between paragraphs. Placeholders in braces, such as "
            "{person_name} or {reference}, are filled in when the letter is made."
        ),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["kind", "language"]
        verbose_name = _("letter template")
        verbose_name_plural = _("letter templates")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "language"], name="letters_template_one_per_kind_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.language})"


class Letter(models.Model):
    Kind = LetterKind
    Language = LetterLanguage

    # PROTECT: a complaint that letters were sent about must not vanish from under them.
    complaint = models.ForeignKey(
        "intake.Complaint", on_delete=models.PROTECT, related_name="letters"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=LetterKind.choices)
    language = models.CharField(_("language"), max_length=2, choices=LetterLanguage.choices)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    # A plain id rather than a foreign key, like Complaint.entered_by_id: the record of who made
    # a letter outlives the staff account.
    created_by_id = models.BigIntegerField(null=True, blank=True)
    pdf = models.FileField(_("PDF"), upload_to="letters")
    docx = models.FileField(_("Word document"), upload_to="letters")
    # {"name": "...", "address": ["line 1", "line 2", ...]}
    recipient = EncryptedJSONField(_("recipient"))
    # True when the letter names the person to someone else (an inquiry); kept in the clear so
    # it can be audited against the person's authorisation without decrypting anything.
    uses_name = models.BooleanField(_("uses the person's name"), default=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("letter")
        verbose_name_plural = _("letters")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.language})"
