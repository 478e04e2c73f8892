"""Languages volunteers offer and detained people speak, by ISO 639 code.

Mississippi's detention centres hold many people from Guatemala who speak a Mayan language
(Mam, K'iche', Q'anjob'al, Akateko) and little Spanish: an interpreter "who speaks Spanish" is
often not enough, so these are listed by name rather than folded into "other"."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

LANGUAGES: dict[str, object] = {
    "en": _("English"),
    "es": _("Spanish"),
    "mam": _("Mam"),
    "quc": _("K'iche'"),
    "kjb": _("Q'anjob'al"),
    "knj": _("Akateko"),
    "pt": _("Portuguese"),
    "fr": _("French"),
    "ht": _("Haitian Creole"),
    "ar": _("Arabic"),
    "zh": _("Chinese (Mandarin)"),
    "vi": _("Vietnamese"),
    "hi": _("Hindi"),
    "pa": _("Punjabi"),
    "ru": _("Russian"),
    "uk": _("Ukrainian"),
    "tr": _("Turkish"),
    "asl": _("American Sign Language"),
}


def language_name(code: str, *, in_sentence: bool = False) -> str:
    """The language's name in the active language; an unknown code is shown as it is.

    ``in_sentence``: the name goes inside a sentence ("no Spanish interpreter yet"). English
    capitalises language names there; Spanish does not ("intérprete de español")."""
    name = str(LANGUAGES.get(code, code))
    if in_sentence and code in LANGUAGES:
        return as_in_sentence(name)
    return name


def as_in_sentence(name: str) -> str:
    """A language or weekday name as it is written inside a sentence in the active language.
    The translator gives the rule by translating the switch below as "yes" or "no"."""
    lower = pgettext(
        "Are language and weekday names written in lower case inside a sentence in this "
        "language? Answer with the English word yes or no.",
        "no",
    )
    return name[:1].lower() + name[1:] if lower == "yes" else name


def language_choices() -> list[tuple[str, str]]:
    return [(code, str(name)) for code, name in LANGUAGES.items()]
