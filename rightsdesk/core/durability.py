"""How hard a commit waits for the disk, on SQLite.

RightsDesk opens SQLite with synchronous=FULL: every commit waits for the disk (an fsync of the
write-ahead log, about 8 ms here), so a receipt is only ever shown for a complaint that survives
a power cut. While it waits the commit holds the database's only write lock, so on the public
form, where every step saves the draft and often the session, those waits queued every writer
behind each other and were the flow's largest cost under load.

Some writes lose nothing that matters if the last second of them vanishes in a power cut: a
draft's latest step (the person types it again), a session's refresh, a rate-limit count.
`relaxed_commit` commits those with synchronous=NORMAL: in WAL mode still atomic and safe from a
crash of the server or of the machine's processes, only not yet forced to the disk; the next full
commit (a complaint, anything staff do) forces them too. Everything else stays FULL.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections


@contextmanager
def relaxed_commit(using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """Commits inside are not forced to the disk (SQLite only; elsewhere, or inside an
    enclosing transaction, whose commit decides, it changes nothing)."""
    connection = connections[using]
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield
        return
    connection.ensure_connection()
    # SQLite refuses to change this inside a transaction: only ever between them.
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous=NORMAL")
    try:
        yield
    finally:
        if connection.connection is not None and not connection.in_atomic_block:
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA synchronous=FULL")
