"""Showing staff the words that made each tag, marked in the person's own text."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def field_text(complaint: Mapping[str, Any], path: str) -> str:
    """The text at a dotted path ("incident.what", "responsible_parties.0.name")."""
    value: Any = complaint
    for part in path.split("."):
        if isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        elif isinstance(value, Mapping):
            value = value.get(part)
        else:
            return ""
    return value if isinstance(value, str) else ""


def mark(text: str, spans: Iterable[tuple[int, int, str]]) -> SafeString:
    """Escape ``text`` and wrap each (start, end, title) span in <mark>; overlaps are merged."""
    merged: list[list[Any]] = []
    for start, end, title in sorted((s, e, t) for s, e, t in spans if 0 <= s < e <= len(text)):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            merged[-1][2].add(title)
        else:
            merged.append([start, end, {title}])
    out, cursor = [], 0
    for start, end, titles in merged:
        out.append(escape(text[cursor:start]))
        out.append(
            f'<mark title="{escape(", ".join(sorted(titles)))}">{escape(text[start:end])}</mark>'
        )
        cursor = end
    out.append(escape(text[cursor:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped


def highlighted_fields(
    complaint: Mapping[str, Any], evidence: Iterable[Mapping[str, Any]]
) -> list[tuple[str, SafeString]]:
    """(field path, marked text) for every text field some evidence points into."""
    spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for item in evidence:
        spans[item["field"]].append((item["start"], item["end"], f"{item['group']}: {item['tag']}"))
    shown = []
    for path, field_spans in spans.items():
        text = field_text(complaint, path)
        if text:
            shown.append((path, mark(text, field_spans)))
    return shown
