"""Pre-aggregated counts, so dashboards and public statistics read a few hundred rows however
many complaints there are (no scan of the complaints per page).

Each complaint's contribution is remembered (``ComplaintFact.keys``) so that when screening or
a decision changes it, only the difference is applied to the tallies. Nothing here names
anyone: places are counties, dates are months, the rest are taxonomy keys.
"""

from __future__ import annotations

from django.db import models

from rightsdesk.intake.models import Complaint


class ComplaintFact(models.Model):
    complaint = models.OneToOneField(Complaint, on_delete=models.CASCADE, related_name="fact")
    # The tally keys this complaint counts in: [cube, period, a, b] each.
    keys = models.JSONField(default=list)
    refreshed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"facts of {self.complaint_id}"


class Tally(models.Model):
    """How many complaints count in one cell of one cube.

    Cubes (see ``reports.facts``): ``public`` (period = year received, a = county, b = area),
    ``month`` (period = month received, a = dimension, b = value) and ``answer`` (period =
    month received, a = "first_answer" or "decision", b = days it took). An empty ``a`` or
    ``b`` means "all"."""

    cube = models.CharField(max_length=16)
    period = models.CharField(max_length=7)
    a = models.CharField(max_length=100, blank=True)
    b = models.CharField(max_length=100, blank=True)
    count = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cube", "period", "a", "b"], name="one_tally_per_cell")
        ]

    def __str__(self) -> str:
        return f"{self.cube} {self.period} {self.a}/{self.b}: {self.count}"
