"""What a visit still lacks, in plain words: every visit needs its attorneys and an interpreter
for every language the people to be seen speak (English needs none). Pure functions."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rightsdesk.network.dates import day_in_words
from rightsdesk.network.languages import language_name

# Languages the visiting attorneys are assumed to speak, so no interpreter is needed for them.
NO_INTERPRETER_NEEDED = frozenset({"en"})


@dataclass(frozen=True)
class Gap:
    kind: str  # "attorney" or "language"
    language: str  # the uncovered language; "" for attorney gaps
    day: str  # the visit's day in words ("Saturday 5 December")
    what: str  # what is missing, without the day ("no Mam interpreter yet"), for lists by visit

    @property
    def text(self) -> str:
        """The gap said whole: "Saturday 5 December: no Mam interpreter yet"."""
        return _("%(day)s: %(what)s") % {"day": self.day, "what": self.what}


def languages_needed(people_languages: Iterable[Sequence[str]]) -> list[str]:
    """Every language of the people to be seen that needs an interpreter, in first-seen order."""
    seen: dict[str, None] = {}
    for languages in people_languages:
        for code in languages:
            if code not in NO_INTERPRETER_NEEDED:
                seen.setdefault(code, None)
    return list(seen)


def uncovered_languages(needed: Iterable[str], covered: Iterable[str]) -> list[str]:
    covered_set = set(covered)
    return [code for code in needed if code not in covered_set]


def has_gaps(
    *, attorneys_needed: int, attorneys_on: int, needed: Sequence[str], covered: Iterable[str]
) -> bool:
    """Whether ``visit_gaps`` would find anything, without putting it in words (cheap enough
    for every visit in a count)."""
    return attorneys_on < attorneys_needed or bool(uncovered_languages(needed, covered))


def visit_gaps(
    *,
    on: date,
    attorneys_needed: int,
    attorneys_on: int,
    needed: Sequence[str],
    covered: Iterable[str],
) -> list[Gap]:
    day = day_in_words(on)
    gaps = []
    missing = max(0, attorneys_needed - attorneys_on)
    if missing:
        if attorneys_on == 0:
            what = ngettext("no attorney yet", "no attorneys yet (needs %(count)d)", missing)
        else:
            what = ngettext(
                "needs %(count)d more attorney", "needs %(count)d more attorneys", missing
            )
        gaps.append(Gap("attorney", "", day, what % {"count": missing}))
    for code in uncovered_languages(needed, covered):
        what = _("no %(language)s interpreter yet") % {
            "language": language_name(code, in_sentence=True)
        }
        gaps.append(Gap("language", code, day, what))
    return gaps
