"""A visit's day in words, the same way on every page, email and reason: "Saturday 5
December", in Spanish "sábado 5 de diciembre". The formats are translatable because Spanish
needs "de" between the day and the month, which Django's own formats leave out."""

from __future__ import annotations

from datetime import date

from django.utils.formats import date_format
from django.utils.translation import pgettext

from rightsdesk.network.languages import as_in_sentence


def day_in_words(on: date, *, in_sentence: bool = False, year: bool = False) -> str:
    """``in_sentence``: inside a sentence ("free on Saturday 5 December"), where Spanish writes
    the weekday in lower case; ``year`` adds the year."""
    if year:
        text = date_format(
            on, pgettext("Django date format of a visit's day, with the year", "l j F Y")
        )
    else:
        text = date_format(on, pgettext("Django date format of a day in a visit gap", "l j F"))
    return as_in_sentence(text) if in_sentence else text
