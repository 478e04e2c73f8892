"""Django's database sessions, saved without forcing each save to the disk (core/durability.py):
a session lost to a power cut means signing in again, or reopening a draft with its code."""

from __future__ import annotations

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import router

from rightsdesk.core.durability import relaxed_commit


class SessionStore(DatabaseSessionStore):
    def save(self, must_create: bool = False) -> None:
        with relaxed_commit(using=router.db_for_write(self.model)):
            super().save(must_create=must_create)
