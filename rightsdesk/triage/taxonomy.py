"""The screening vocabulary (taxonomy.json, copied from the organisation's shared schema)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

GROUPS = ("classes", "areas", "actors", "urgency", "scope")


@lru_cache(maxsize=1)
def taxonomy() -> dict[str, Any]:
    return json.loads((Path(__file__).parent / "data" / "taxonomy.json").read_text("utf-8"))


def tags(group: str) -> list[str]:
    return list(taxonomy()[group]["tags"])


def label(group: str, tag: str, language: str = "en") -> str:
    entry = taxonomy()[group]["tags"][tag]
    return str(entry.get(language) or entry["en"])


def government_actors() -> frozenset[str]:
    return frozenset(k for k, v in taxonomy()["actors"]["tags"].items() if v.get("government"))
