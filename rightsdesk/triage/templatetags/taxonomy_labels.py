"""Tag groups named in the page's language ("classes" is a key, not a word for staff)."""

from __future__ import annotations

from django import template

from rightsdesk.triage.taxonomy import group_label as _group_label
from rightsdesk.triage.taxonomy import label as _label

register = template.Library()


@register.filter
def group_label(group: str) -> str:
    return _group_label(group)


@register.filter
def scope_label(scope: str) -> str:
    return _label("scope", scope)
