from __future__ import annotations

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rightsdesk.reports.facts import DIMENSIONS, month_of
from rightsdesk.reports.selectors import MAX_MONTHS, months_between

_MONTH = re.compile(r"(19|20)\d\d-(0[1-9]|1[0-2])")

DIMENSION_LABELS = {
    "area": _("Area of life"),
    "class": _("Protected class"),
    "actor": _("Who is responsible"),
    "county": _("County"),
    "language": _("Language"),
    "source": _("How it reached us"),
    "kind": _("Kind of complaint"),
    "outcome": _("Answer"),
}


class MonthField(forms.CharField):
    widget = forms.TextInput(attrs={"type": "month", "placeholder": "2026-01", "size": 8})
    default_error_messages = {"invalid": _("Enter a month as year and month, like 2026-01.")}

    def clean(self, value: str | None) -> str:
        value = super().clean(value)
        if value and not _MONTH.fullmatch(value):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return value


class DashboardForm(forms.Form):
    """The dashboard's months and dimension: the last 12 months by area unless chosen."""

    start = MonthField(label=_("From month"), required=False)
    end = MonthField(label=_("To month"), required=False)
    by = forms.ChoiceField(
        label=_("Complaints by"), required=False, choices=list(DIMENSION_LABELS.items())
    )

    def chosen(self) -> tuple[str, str, str]:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        this_month = month_of(timezone.localdate())
        end = data.get("end") or this_month
        start = data.get("start") or months_between(_year_before(end), end)[1]
        if start > end:
            start, end = end, start
        months = months_between(start, end)
        if len(months) > MAX_MONTHS:
            start = months[-MAX_MONTHS]
        return start, end, data.get("by") or DIMENSIONS[0]

    @property
    def shortened(self) -> bool:
        """The chosen period was longer than a dashboard shows."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        if not (data.get("start") and data.get("end")):
            return False
        first, last = sorted((data["start"], data["end"]))
        return len(months_between(first, last)) > MAX_MONTHS


def _year_before(month: str) -> str:
    return f"{int(month[:4]) - 1:04d}{month[4:]}"
