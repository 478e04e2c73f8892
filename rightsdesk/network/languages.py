"""Languages volunteers offer and detained people speak, by ISO 639 code.

Mississippi's detention centres hold many people from Guatemala who speak a Mayan language
(Mam, K'iche', Q'anjob'al, Akateko) and little Spanish: an interpreter "who speaks Spanish" is
often not enough, so these are listed by name rather than folded into "other"."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

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


def language_name(code: str) -> str:
    """The language's name in the active language; an unknown code is shown as it is."""
    return str(LANGUAGES.get(code, code))


def language_choices() -> list[tuple[str, str]]:
    return [(code, str(name)) for code, name in LANGUAGES.items()]
