"""Filling letter templates with a small, safe placeholder language.

Admins edit the templates, so a template is text, never code. Python's own str.format would
follow "{person_name.__class__}" or "{context[0]}" into the objects behind the values and pad
"{x:>999999999}" to any width; here a placeholder is only a bare name in braces. A name the
context does not fill stays visible as "[name]" so a gap is seen on the page rather than
raising halfway through a batch of letters.
"""

from __future__ import annotations

import re
import string
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

# Placeholders a letter reads well without: they sit in a paragraph of their own, and an empty
# paragraph is dropped.
OPTIONAL_PLACEHOLDERS = frozenset({"reason"})

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
# A blank line (perhaps holding spaces) separates paragraphs.
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_FORMATTER = string.Formatter()


class TemplateProblem(ValueError):
    """The template text cannot be filled safely; ``problems`` says why, for people."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class RenderedLetter:
    subject: str
    paragraphs: list[str] = field(default_factory=list)


class _Placeholders(dict[str, str]):
    """Values by name; a name with no value comes out as "[name]" instead of a KeyError."""

    def __missing__(self, key: str) -> str:
        return f"[{key}]"


def _as_written(name: str, spec: str | None, conversion: str | None) -> str:
    return (
        "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
    )


def template_problems(text: str, allowed: Collection[str] | None = None) -> list[str]:
    """Why ``text`` cannot be used as a template, or [] when it can.

    With ``allowed``, names outside it are problems too (for the admin form, which knows the
    kind of letter); rendering itself only needs the syntax to be safe.
    """
    try:
        parsed = list(_FORMATTER.parse(text))
    except ValueError:
        return [
            _(
                "A brace is not closed. Placeholders look like {person_name}; to print a brace, "
                "write it twice: {{ or }}."
            )
        ]
    problems: list[str] = []
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        written = _as_written(name, spec, conversion)
        if not _NAME.match(name) or spec or conversion:
            problems.append(
                _("%(placeholder)s is not allowed: a placeholder is only a name in braces.")
                % {"placeholder": written}
            )
        elif allowed is not None and name not in allowed:
            problems.append(
                _("%(placeholder)s is not a placeholder this letter can fill.")
                % {"placeholder": written}
            )
    return problems


def _fill(text: str, values: _Placeholders) -> str:
    problems = template_problems(text)
    if problems:
        raise TemplateProblem(problems)
    # Safe now: every field is a bare name, so format_map only looks names up in ``values``.
    return text.format_map(values)


def _normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def render_letter(*, subject: str, body: str, context: Mapping[str, str]) -> RenderedLetter:
    """Fill a template; the body becomes paragraphs (split at blank lines, empty ones dropped).

    Raises TemplateProblem for placeholders that are more than a bare name.
    """
    values = _Placeholders(dict.fromkeys(OPTIONAL_PLACEHOLDERS, ""))
    values.update(
        {
            str(key): "" if value is None else _normalise(str(value))
            for key, value in context.items()
        }
    )
    filled_subject = " ".join(_fill(subject, values).split())
    filled_body = _fill(_normalise(body), values)
    paragraphs = []
    for chunk in _PARAGRAPH_BREAK.split(filled_body):
        # Lines inside a paragraph stay (a signature, an address); stray spaces do not.
        paragraph = "\n".join(line.strip() for line in chunk.strip().split("\n"))
        if paragraph:
            paragraphs.append(paragraph)
    return RenderedLetter(subject=filled_subject, paragraphs=paragraphs)


def inquiry_allowed(complaint_data: Mapping[str, Any]) -> tuple[bool, str]:
    """May we write to the responsible party using the person's name?

    Only an explicit yes counts: a missing answer (tips, imports, old complaints) is a no.
    """
    if complaint_data.get("authorize_letter_with_name") is True:
        return True, ""
    return False, _("The person did not authorise a letter that uses their name.")
