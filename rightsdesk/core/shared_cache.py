"""The cache every server process shares: rate-limit counters live here.

`rightsdesk serve --processes N` runs several server processes, so a per-process memory cache
would let one address start N times the allowed forms. The default is Django's database cache in
the main database (SQLite or PostgreSQL), so nothing extra has to run; `RIGHTSDESK_CACHE_URL`
(redis://...) uses Django's Redis backend instead. The table is made by `migrate` (and so by
`serve`) through the post-migrate receiver below: Django itself only makes it with
`createcachetable`, which nobody would remember to run.
"""

from __future__ import annotations

from typing import Any

from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router, transaction

CACHE_TABLE = "rightsdesk_cache"


class AtomicDatabaseCache(DatabaseCache):
    """Django's database cache with an `incr` that two processes cannot interleave.

    Django's own `incr` is a read and then a write: two server processes counting the same
    address at once would both read 3 and both write 4, and a limit would let more through than
    it says. Here the read and the write share one transaction that holds the row (PostgreSQL,
    FOR UPDATE) or the database's write lock (SQLite, which RightsDesk opens in IMMEDIATE mode)."""

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        alias = router.db_for_write(self.cache_model_class)
        connection = connections[alias]
        with transaction.atomic(using=alias):
            if connection.features.has_select_for_update:
                table = connection.ops.quote_name(self._table)
                # The table name is ours (settings), quoted; the key is a parameter.
                lock = f"SELECT cache_key FROM {table} WHERE cache_key = %s FOR UPDATE"  # noqa: S608
                with connection.cursor() as cursor:
                    cursor.execute(lock, [self.make_and_validate_key(key, version=version)])
            return super().incr(key, delta, version)


def create_cache_table(sender: object, using: str = "default", **kwargs: Any) -> None:
    """post_migrate: make the database cache's table if settings use one (a no-op otherwise)."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)
