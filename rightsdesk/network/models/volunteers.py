"""A volunteer from the day they apply: vetting checks, languages, bar admissions, availability,
and the conflict confirmations they give before reading a matter."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rightsdesk.vault.fields import EncryptedJSONField, EncryptedTextField


class LanguageLevel(models.TextChoices):
    BASIC = "basic", _("Basic")
    CONVERSATIONAL = "conversational", _("Conversational")
    FLUENT = "fluent", _("Fluent")
    NATIVE = "native", _("Native or first language")


LEVEL_RANK: dict[str, int] = {
    LanguageLevel.BASIC: 1,
    LanguageLevel.CONVERSATIONAL: 2,
    LanguageLevel.FLUENT: 3,
    LanguageLevel.NATIVE: 4,
}


class Volunteer(models.Model):
    """One person who offered to help, from the public sign-up on. Approval gives them an account
    (``user``); until then they have only the reference and status code of their receipt."""

    class Kind(models.TextChoices):
        ATTORNEY = "attorney", _("Attorney")
        INTERPRETER = "interpreter", _("Interpreter")
        LAW_STUDENT = "law_student", _("Law student")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied, waiting for checks")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")
        INACTIVE = "inactive", _("Inactive")

    reference = models.CharField(max_length=16, unique=True)
    status_code_hash = models.CharField(max_length=64)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.APPLIED, db_index=True
    )
    # The language the person applied in, for every message we send them.
    language = models.CharField(max_length=2, default="en")
    name = EncryptedTextField()
    email = EncryptedTextField()
    phone = EncryptedTextField(blank=True, default="")
    # Everything else they told us: immigration experience, availability in their words, how they
    # heard of us, anything else. Shape documented in network/signup.py.
    details = EncryptedJSONField(default=dict, blank=True)
    # Home county (5-digit FIPS) for travel distance; like a complaint's county, names no one.
    county = models.CharField(max_length=5, blank=True, db_index=True)
    name_index = models.CharField(max_length=32, blank=True, db_index=True)
    email_index = models.CharField(max_length=32, blank=True, db_index=True)
    applied_at = models.DateTimeField(db_index=True)
    status_changed_at = models.DateTimeField()
    decided_by_id = models.BigIntegerField(null=True, blank=True)
    decline_reason = EncryptedTextField(blank=True, default="")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="volunteer",
    )
    # The same sign-up posted twice must make one volunteer.
    submission_token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    # When they last went on a facility visit: the matcher spreads the load without a join.
    last_visit_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-applied_at"]
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        # Covering the matcher's read (visits/selectors.candidates_for), so the database need
        # not visit the wide rows with their encrypted columns: twice as fast (bench/network.py).
        indexes = [
            models.Index(
                fields=["status", "kind", "county", "last_visit_on", "reference"],
                name="volunteer_matcher_idx",
            )
        ]

    def __str__(self) -> str:
        return self.reference


class VettingCheck(models.Model):
    """One check done before approval, with who did it and when."""

    class Kind(models.TextChoices):
        BAR_VERIFIED = "bar_verified", _("Bar admission verified")
        LANGUAGE_VERIFIED = "language_verified", _("Interpreter language verified")
        AGREEMENT_SIGNED = "agreement_signed", _("Volunteer agreement signed")
        PLEDGE_SIGNED = "pledge_signed", _("Confidentiality pledge signed")
        REFERENCES_CHECKED = "references_checked", _("References checked")

    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="checks")
    kind = models.CharField(max_length=24, choices=Kind.choices)
    # What was checked, e.g. a bar admission's id or a language code; never a name.
    subject = models.CharField(max_length=32, blank=True)
    # For a language check: who verified it (a staff member or another volunteer) and how.
    note = EncryptedTextField(blank=True, default="")
    signed_on = models.DateField(null=True, blank=True)
    done_by_id = models.BigIntegerField()
    done_at = models.DateTimeField()

    class Meta:
        ordering = ["done_at"]

    def __str__(self) -> str:
        return f"{self.kind} for {self.volunteer_id}"


class VolunteerLanguage(models.Model):
    """A language a volunteer speaks: their own rating, and the verified one once checked."""

    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="languages")
    # ISO 639 code: "en", "es", "mam", "quc" (K'iche'), "ar", ... (see network/languages.py).
    code = models.CharField(max_length=8)
    self_level = models.CharField(max_length=16, choices=LanguageLevel.choices)
    verified_level = models.CharField(
        max_length=16, choices=LanguageLevel.choices, blank=True, default=""
    )
    verified_by_id = models.BigIntegerField(null=True, blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["volunteer", "code"], name="volunteer_language_once")
        ]
        # Covers the matcher's read of who speaks the languages a visit needs.
        indexes = [
            models.Index(
                fields=["code", "volunteer", "self_level", "verified_level"],
                name="language_matcher_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} for {self.volunteer_id}"


class BarAdmission(models.Model):
    volunteer = models.ForeignKey(
        Volunteer, on_delete=models.CASCADE, related_name="bar_admissions"
    )
    state = models.CharField(max_length=2)
    number = EncryptedTextField()
    year = models.PositiveSmallIntegerField()
    verified_by_id = models.BigIntegerField(null=True, blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["state", "year"]

    def __str__(self) -> str:
        return f"{self.state} bar for {self.volunteer_id}"


class Availability(models.Model):
    """When a volunteer can go: every week on a weekday, or one date."""

    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="availability")
    # 0 = Monday, as date.weekday(); null when the row is for one date.
    weekday = models.PositiveSmallIntegerField(null=True, blank=True)
    on_date = models.DateField(null=True, blank=True)
    starts = models.TimeField()
    ends = models.TimeField()

    class Meta:
        # Cover the matcher's read of who is free on a day, weekly rows and one-date rows.
        indexes = [
            models.Index(
                fields=["weekday", "on_date", "volunteer", "starts", "ends"],
                name="availability_weekday_idx",
            ),
            models.Index(
                fields=["on_date", "volunteer", "starts", "ends"], name="availability_date_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(weekday__isnull=False, on_date__isnull=True)
                    | models.Q(weekday__isnull=True, on_date__isnull=False)
                ),
                name="availability_weekday_or_date",
            ),
            models.CheckConstraint(
                condition=models.Q(starts__lt=models.F("ends")), name="availability_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"availability of {self.volunteer_id}"


class ConflictConfirmation(models.Model):
    """A volunteer saw only a matter's party names and said whether they have a conflict.
    Until they confirm none, the matter's details stay closed to them."""

    matter = models.ForeignKey(
        "cases.Matter", on_delete=models.CASCADE, related_name="volunteer_confirmations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conflict_confirmations"
    )
    has_conflict = models.BooleanField()
    note = EncryptedTextField(blank=True, default="")
    confirmed_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["matter", "user"], name="confirmation_once")]

    def __str__(self) -> str:
        return f"confirmation by {self.user_id} on {self.matter_id}"
