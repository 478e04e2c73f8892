"""What a planned visit still lacks: attorneys short of the number needed, and languages of the
people to be seen that no interpreter covers.

Pure logic over plain values, so the coordinator's home can compute it for every upcoming visit
from two prefetched lists. The visits part shows gaps on its own pages; the integrator may join
the two behind one function."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# The visits are held in English by the attorneys: an English speaker needs no interpreter.
NO_INTERPRETER_NEEDED = frozenset({"en"})


@dataclass(frozen=True)
class VisitGaps:
    attorneys_missing: int
    languages_missing: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.attorneys_missing or self.languages_missing)


def visit_gaps(
    *,
    attorneys_needed: int,
    signups: Iterable[tuple[str, str]],
    people_languages: Iterable[Iterable[str]],
) -> VisitGaps:
    """``signups`` are the active ones as (role, language); ``people_languages`` the language
    codes of each person to be seen."""
    attorneys = 0
    covered: set[str] = set()
    for role, language in signups:
        if role == "attorney":
            attorneys += 1
        elif role == "interpreter" and language:
            covered.add(language)
    wanted = {code for codes in people_languages for code in codes} - NO_INTERPRETER_NEEDED
    return VisitGaps(
        attorneys_missing=max(attorneys_needed - attorneys, 0),
        languages_missing=tuple(sorted(wanted - covered)),
    )
