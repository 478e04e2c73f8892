"""The daily backup task: a sealed backup in RIGHTSDESK_BACKUP_DIR, then retention."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from rightsdesk.backups.services import backup_file_name, backup_verify
from rightsdesk.backups.tasks import backup_daily
from rightsdesk.vault import crypto
from rightsdesk.vault.models import AuditEntry


@pytest.mark.django_db(transaction=True)
def test_the_daily_task_writes_a_backup_and_keeps_7_daily_and_4_weekly(tmp_path, settings):
    settings.BACKUP_DIR = tmp_path / "backups"
    settings.BACKUP_DIR.mkdir()
    old = datetime.now(UTC) - timedelta(days=1)
    for day in range(40):
        (settings.BACKUP_DIR / backup_file_name(old - timedelta(days=day))).write_bytes(b"old")
    (settings.BACKUP_DIR / "keep-me.txt").write_text("not a backup")

    name = backup_daily.call_local()

    written = settings.BACKUP_DIR / name
    opened = backup_verify(written, crypto.keyring())
    assert opened.manifest.data["database"]["member"].startswith("database/")
    names = sorted(p.name for p in settings.BACKUP_DIR.iterdir())
    assert "keep-me.txt" in names and name in names
    # Seven days (today's and six before), then the newest of each older week up to four weeks:
    # the seven days span one or two of those weeks.
    assert 9 <= len(names) - 1 <= 10
    assert AuditEntry.objects.filter(action="backup", actor="scheduled backup").exists()
