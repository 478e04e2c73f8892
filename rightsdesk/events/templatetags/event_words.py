"""Event fields in words: language codes and county codes as the reader's language names them."""

from __future__ import annotations

from django import template

from rightsdesk.geo.places import county_by_fips
from rightsdesk.network.languages import as_in_sentence, language_name

register = template.Library()


@register.filter
def language_names(codes: list[str]) -> str:
    """For a sentence ("In Spanish, English"; in Spanish "En español, inglés")."""
    return ", ".join(as_in_sentence(str(language_name(code))) for code in codes)


@register.filter
def county_name(fips: str) -> str:
    county = county_by_fips(fips) if fips else None
    return str(county) if county else ""


@register.filter
def language(code: str) -> str:
    return language_name(code)
