"""Tag groups named in the page's language ("classes" is a key, not a word for staff)."""

from __future__ import annotations

from django import template

from rightsdesk.triage.taxonomy import group_label as _group_label

register = template.Library()


@register.filter
def group_label(group: str) -> str:
    return _group_label(group)
