"""``{{ visit.on|day_in_words }}`` and ``{{ training.starts_at|day_in_words:"year" }}``."""

from __future__ import annotations

from datetime import date, datetime

from django import template
from django.utils import timezone

from rightsdesk.network.dates import day_in_words as _day_in_words

register = template.Library()


@register.filter
def day_in_words(on: date | datetime | None, option: str = "") -> str:
    if on is None:
        return ""
    if isinstance(on, datetime):
        # The organisation's day, as Django's own date filter would show it.
        on = timezone.localtime(on).date()
    return _day_in_words(on, year=option == "year")
