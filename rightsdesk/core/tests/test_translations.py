"""Spanish must be complete for everything the public reads; the compiled catalogue must match."""

import gettext
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "es" / "LC_MESSAGES"


def test_every_message_has_a_spanish_translation():
    catalogue = polib.pofile(str(LOCALE / "django.po"))
    untranslated = [e.msgid for e in catalogue.untranslated_entries()]
    fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
    assert untranslated == [] and fuzzy == []


def test_the_compiled_catalogue_matches_the_source():
    catalogue = polib.pofile(str(LOCALE / "django.po"))
    with (LOCALE / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = [
        e.msgid
        for e in catalogue.translated_entries()
        if not e.msgid_plural
        and (compiled.pgettext(e.msgctxt, e.msgid) if e.msgctxt else compiled.gettext(e.msgid))
        != e.msgstr
    ]
    assert stale == [], "run compilemessages"


def test_placeholders_survive_translation():
    import re

    catalogue = polib.pofile(str(LOCALE / "django.po"))
    pattern = re.compile(r"%\(\w+\)[sd]|\{\w+\}")
    for entry in catalogue.translated_entries():
        source = sorted(pattern.findall(entry.msgid))
        for text in [entry.msgstr] if not entry.msgid_plural else entry.msgstr_plural.values():
            assert sorted(pattern.findall(text)) == source or entry.msgid_plural, entry.msgid
