"""Helpers for tests that prove nothing readable reaches the database or the disk."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from django.db import connection

from rightsdesk.vault.storage import EncryptedFileSystemStorage


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


class SmallDiskStorage(EncryptedFileSystemStorage):
    """The real encrypted storage on a pretend disk of ``room`` bytes: a write that would take
    the folder past it writes what fits and then fails with ENOSPC, as a full disk does (a
    size-limited tmpfs needs root to mount). Set ``room`` on the class to free or fill space.
    """

    room = 0

    def _sealed_file(self, fd: int) -> IO[bytes]:
        return _FillingFile(os.fdopen(fd, "wb", buffering=0), Path(self.location), self.room)


class _FillingFile:
    def __init__(self, out: IO[bytes], root: Path, room: int) -> None:
        self._out, self._root, self._room = out, root, room

    def __enter__(self) -> _FillingFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self._out.close()

    def write(self, data: bytes) -> int:
        used = sum(p.stat().st_size for p in self._root.rglob("*") if p.is_file())
        fits = max(0, self._room - used)
        if len(data) > fits:
            self._out.write(data[:fits])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return self._out.write(data)

    def __getattr__(self, name: str) -> Any:  # flush, fileno: the real file's
        return getattr(self._out, name)
