"""Which commits wait for the disk on SQLite (core/durability.py)."""

import pytest
from django.db import connection, transaction

from rightsdesk.core.durability import relaxed_commit

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "sqlite", reason="a SQLite setting"),
]
FULL, NORMAL = 2, 1


def _synchronous() -> int:
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous")
        return cursor.fetchone()[0]


def test_relaxed_commits_wait_less_and_every_other_commit_waits_in_full():
    from rightsdesk.intake import services

    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous=FULL")  # as settings' init_command leaves it
    seen = []
    with relaxed_commit():
        seen.append(_synchronous())
        with transaction.atomic():
            services.draft_start(kind="help", language="en")
    seen.append(_synchronous())
    assert seen == [NORMAL, FULL]


def test_inside_an_enclosing_transaction_nothing_changes():
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous=FULL")
    with transaction.atomic():
        with relaxed_commit():
            # SQLite could not change it here; the enclosing commit decides.
            assert _synchronous() == FULL
    assert _synchronous() == FULL


def test_the_settings_open_sqlite_in_full():
    from django.conf import settings

    assert "synchronous=FULL" in settings.DATABASES["default"]["OPTIONS"]["init_command"]
