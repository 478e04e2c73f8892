"""Reference data that must be present after every migrate and every flush (tests, a fresh
database): the seeding migrations' own functions, run again from post_migrate."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any


def reseed_after_migrate(*migrations: str) -> Callable[..., None]:
    """A post_migrate receiver that runs `seed(apps, schema_editor)` of each named migration
    module (seeds are idempotent)."""

    def receiver(sender: object, apps: Any = None, **kwargs: object) -> None:
        from django.apps import apps as installed_apps

        # migrate passes the migration state's apps; flush passes none.
        for name in migrations:
            import_module(name).seed(apps or installed_apps, None)

    return receiver
