"""Scoring the tagger against labelled complaints ({"id", "complaint", "expected"} lines)."""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from rightsdesk.triage.tagging import tag_complaint

MULTI_GROUPS = ("classes", "areas", "actors", "urgency")


def micro_f1(pairs: Iterable[tuple[Collection[str], Collection[str]]]) -> float:
    """Micro-averaged F1 over (expected, predicted) tag sets, pooled across all cases.

    Two empty sets agree perfectly, so a group where nothing is expected and nothing is
    predicted scores 1.0."""
    tp = fp = fn = 0
    for expected, predicted in pairs:
        want, got = set(expected), set(predicted)
        tp += len(want & got)
        fp += len(got - want)
        fn += len(want - got)
    if tp + fp + fn == 0:
        return 1.0
    return 2 * tp / (2 * tp + fp + fn)


def load_cases(path: str | Path) -> list[dict[str, Any]]:
    lines = Path(path).read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def score(cases: Iterable[Mapping[str, Any]], *, today: date) -> dict[str, float]:
    """Micro-F1 per multi-label group and accuracy for scope."""
    pairs: dict[str, list[tuple[list[str], list[str]]]] = {g: [] for g in MULTI_GROUPS}
    scope_hits = total = 0
    for case in cases:
        tagging = tag_complaint(case["complaint"], today=today)
        expected = case["expected"]
        for group in MULTI_GROUPS:
            pairs[group].append((expected[group], getattr(tagging, group)))
        scope_hits += tagging.scope == expected["scope"]
        total += 1
    result = {group: micro_f1(p) for group, p in pairs.items()}
    result["scope"] = scope_hits / total if total else 1.0
    return result


def mismatches(cases: Iterable[Mapping[str, Any]], *, today: date) -> list[str]:
    """One line per case and group where the tagger disagrees with the label (for tuning)."""
    lines = []
    for case in cases:
        tagging = tag_complaint(case["complaint"], today=today)
        expected = case["expected"]
        for group in (*MULTI_GROUPS, "scope"):
            got = getattr(tagging, group)
            want = expected[group]
            if (set(got) != set(want)) if group != "scope" else got != want:
                lines.append(f"{case['id']} {group}: expected {want} got {got}")
    return lines
