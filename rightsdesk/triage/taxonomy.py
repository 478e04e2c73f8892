"""The screening vocabulary (taxonomy.json, copied from the organisation's shared schema)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.utils import translation
from django.utils.translation import gettext_lazy as _

GROUPS = ("classes", "areas", "actors", "urgency", "scope")


@lru_cache(maxsize=1)
def taxonomy() -> dict[str, Any]:
    return json.loads((Path(__file__).parent / "data" / "taxonomy.json").read_text("utf-8"))


def tags(group: str) -> list[str]:
    return list(taxonomy()[group]["tags"])


_GROUP_LABELS = {
    "classes": _("Protected classes"),
    "areas": _("Areas of life"),
    "actors": _("Who is responsible"),
    "urgency": _("Urgency"),
    "scope": _("Scope"),
}


def label(group: str, tag: str, language: str | None = None) -> str:
    """The tag's label in `language`, by default the page's, falling back to English."""
    entry = taxonomy()[group]["tags"][tag]
    language = (language or translation.get_language() or "en").split("-")[0]
    return str(entry.get(language) or entry["en"])


def group_label(group: str) -> str:
    return str(_GROUP_LABELS.get(group, group))


def government_actors() -> frozenset[str]:
    return frozenset(k for k, v in taxonomy()["actors"]["tags"].items() if v.get("government"))
