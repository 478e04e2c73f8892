"""Know-your-rights workshops, "Immigration 101" classes, town halls and other public events.

An event holds no one's personal data: it is what the organisation announces. Where a venue
must stay private (a church that shelters people, a community centre watched by police), the
organiser says so and the public pages say "address given after you sign up"."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from rightsdesk.core.handouts import Handout
from rightsdesk.vault.fields import EncryptedTextField


class Event(models.Model):
    class Kind(models.TextChoices):
        KNOW_YOUR_RIGHTS = "know_your_rights", _("Know-your-rights workshop")
        IMMIGRATION_101 = "immigration_101", _("Immigration 101 class")
        TOWN_HALL = "town_hall", _("Town hall")
        TRAINING = "training", _("Training")
        OTHER = "other", _("Other event")

    class Place(models.TextChoices):
        ADDRESS = "address", _("At an address")
        ONLINE = "online", _("Online")
        AFTER_SIGNUP = "after_signup", _("Address given after you sign up")

    kind = models.CharField(max_length=24, choices=Kind.choices)
    title = models.CharField(max_length=160)
    description = models.TextField(blank=True)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    place = models.CharField(max_length=16, choices=Place.choices, default=Place.ADDRESS)
    # Shown to the public only when ``place`` is ADDRESS.
    address = models.CharField(max_length=240, blank=True)
    # A Mississippi county's 5-digit FIPS code; empty for an online event.
    county = models.CharField(max_length=5, blank=True)
    # Language codes (network.languages) the event is held in, and interpretation offered,
    # stored as ",en,es," so both databases can filter on one code with a plain LIKE.
    languages = models.CharField(max_length=200, blank=True)
    interpretation = models.CharField(max_length=200, blank=True)
    accessibility = models.TextField(blank=True)
    host = models.CharField(max_length=160, blank=True)
    capacity = models.PositiveIntegerField(null=True, blank=True)
    walk_ins = models.BooleanField(default=True)
    # The topic is not named in reminders ("your appointment tomorrow at 6 pm").
    sensitive = models.BooleanField(default=False)
    created_by_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # People who came without signing up, counted by the organiser on the day.
    walk_in_count = models.PositiveIntegerField(null=True, blank=True)
    # A volunteer training (network app) shown on the calendar: the training is the source,
    # kept in step by events.trainings.training_event_sync; volunteers register in the portal.
    training = models.OneToOneField(
        "network.Training",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="calendar_event",
    )
    # Feedback slips handed back at the end, counted by the organiser (no one's answers kept).
    feedback_useful = models.PositiveIntegerField(null=True, blank=True)
    feedback_somewhat = models.PositiveIntegerField(null=True, blank=True)
    feedback_not_useful = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["starts_at"], name="event_starts_idx"),
            models.Index(fields=["county", "starts_at"], name="event_county_idx"),
            models.Index(fields=["kind", "starts_at"], name="event_kind_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="event_ends_after"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def language_codes(self) -> list[str]:
        return codes_of(self.languages)

    @property
    def interpretation_codes(self) -> list[str]:
        return codes_of(self.interpretation)

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None


class EventMaterial(Handout):
    """A handout (slides, a rights card) shared with the public on the event's page once
    uploaded. Stored encrypted like every file; the file's own name is kept encrypted too."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="materials")
    file = models.FileField(upload_to="events")

    def __str__(self) -> str:
        return f"material {self.pk} of event {self.event_id}"


class Registration(models.Model):
    """One sign-up: as little as the organiser needs to keep a place and send a reminder.
    Everything that could say who someone is stays encrypted, as in a complaint."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Has a place")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="registrations")
    status = models.CharField(max_length=12, choices=Status.choices)
    name = EncryptedTextField(blank=True, default="")
    email = EncryptedTextField(blank=True, default="")
    phone = EncryptedTextField(blank=True, default="")
    party_size = models.PositiveSmallIntegerField(default=1)
    # A language code the event offers interpretation into; counted for planning.
    interpretation = models.CharField(max_length=16, blank=True)
    needs = EncryptedTextField(blank=True, default="")
    language = models.CharField(max_length=8, default="en")
    cancel_code_hash = models.CharField(max_length=64, unique=True)
    submission_token = models.CharField(max_length=64, null=True, blank=True, unique=True)
    created_at = models.DateTimeField()
    status_changed_at = models.DateTimeField()
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    checked_in_by_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            # Places taken and the waiting list's order, per event.
            models.Index(
                fields=["event", "status", "created_at", "party_size"], name="registration_line_idx"
            ),
            models.Index(fields=["status", "reminder_sent_at"], name="registration_remind_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(party_size__gte=1), name="registration_party_size"
            )
        ]

    def __str__(self) -> str:
        return f"registration {self.pk}"


def codes_of(stored: str) -> list[str]:
    return [code for code in stored.split(",") if code]


def stored_codes(codes: list[str]) -> str:
    return f",{','.join(codes)}," if codes else ""
