"""Helpers for tests that prove nothing readable reaches the database or the disk."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from django.db import connection


def database_contents() -> str:
    """Every value of every row of every table, as text: what a stolen database would show."""
    parts: list[str] = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 - names from introspection
            for row in cursor.fetchall():
                parts.extend(
                    bytes(v).decode("latin-1") if isinstance(v, bytes | memoryview) else str(v)
                    for v in row
                )
    return "\n".join(parts)


def files_contents(root: Path) -> bytes:
    return b"\n".join(p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file())


def plaintext_found(needles: Iterable[str], *, root: Path | None = None) -> list[str]:
    """The needles (names, phone numbers, stories) readable in the database or under ``root``."""
    rows = database_contents().casefold()
    raw = files_contents(root) if root is not None and root.exists() else b""
    found = []
    for needle in needles:
        if needle.casefold() in rows or needle.encode("utf-8") in raw:
            found.append(needle)
    return found
