from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Ordinance(models.Model):
    """A local non-discrimination ordinance. Public information: not encrypted."""

    class Precision(models.TextChoices):
        DAY = "day", _("Exact day")
        MONTH = "month", _("Month only")
        YEAR = "year", _("Year only")

    municipality = models.CharField(_("municipality"), max_length=100)
    county = models.CharField(_("county"), max_length=100, blank=True)
    adopted_on = models.DateField(_("adopted on"))
    adopted_precision = models.CharField(
        max_length=8, choices=Precision.choices, default=Precision.DAY
    )
    protected_classes = models.JSONField(_("protected classes"), default=list, blank=True)
    areas = models.JSONField(_("areas covered"), default=list, blank=True)
    coverage_confirmed = models.BooleanField(
        _("classes and areas checked against the text"), default=False
    )
    source_note = models.TextField(_("source"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["municipality"]
        constraints = [
            models.UniqueConstraint(fields=["municipality"], name="one_ordinance_per_town"),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} ({self.adopted_on.year})"

    def as_record_dict(self) -> dict[str, object]:
        return {
            "municipality": self.municipality,
            "county": self.county,
            "adopted_on": self.adopted_on.isoformat(),
            "protected_classes": self.protected_classes,
            "areas": self.areas,
            "coverage_confirmed": self.coverage_confirmed,
            "source_note": self.source_note,
        }
