"""Lets the screening desk list a complaint's letters without importing this app."""

from __future__ import annotations

from typing import Any

from django import template

from rightsdesk.letters.models import Letter

register = template.Library()


@register.simple_tag
def letters_for(complaint: Any) -> list[Letter]:
    return list(Letter.objects.filter(complaint=complaint))
