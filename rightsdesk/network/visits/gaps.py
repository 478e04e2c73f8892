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


@dataclass(frozen=True)
class Staffing:
    """Who a visit has and needs, the plain facts its gaps are worked out from: cheap enough to
    make for every visit in a count, with the words left until a gap is shown."""

    attorneys_needed: int
    attorneys_on: int
    needed: list[str]  # languages of the people to be seen that need an interpreter
    covered: list[str]  # languages an interpreter on the visit covers

    @property
    def uncovered(self) -> list[str]:
        return uncovered_languages(self.needed, self.covered)

    @property
    def has_gaps(self) -> bool:
        return self.attorneys_on < self.attorneys_needed or bool(self.uncovered)

    def gaps(self, on: date) -> list[Gap]:
        return visit_gaps(
            on=on,
            attorneys_needed=self.attorneys_needed,
            attorneys_on=self.attorneys_on,
            needed=self.needed,
            covered=self.covered,
        )


def staffing(
    *,
    attorneys_needed: int,
    signups: Iterable[tuple[str, str]],
    people_languages: Iterable[Sequence[str]],
) -> Staffing:
    """From the active signups as (role, language) and each person's language codes."""
    roles = list(signups)
    return Staffing(
        attorneys_needed=attorneys_needed,
        attorneys_on=sum(1 for role, _language in roles if role == "attorney"),
        needed=languages_needed(people_languages),
        covered=[language for role, language in roles if role == "interpreter"],
    )


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
