"""The services' safety rails: what pruning may delete, a restore that fails half-way, disk space,
and what pg_dump and pg_restore are given."""

from __future__ import annotations

import os
import time
from collections import namedtuple
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest

from rightsdesk.backups import services
from rightsdesk.backups.services import BackupFailed, backup_create, backup_file_name, backups_prune

_DAY = 24 * 3600


def _age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then), follow_symlinks=False)


def test_pruning_never_deletes_the_backup_just_written_even_with_a_clock_gone_wrong(tmp_path):
    future = datetime.now(UTC) + timedelta(days=400)
    for day in range(40):  # written while the clock was a year ahead
        (tmp_path / backup_file_name(future - timedelta(days=day))).write_bytes(b"x")
    just_written = tmp_path / backup_file_name(datetime.now(UTC))
    just_written.write_bytes(b"x")
    removed = backups_prune(tmp_path, protect=just_written)
    assert just_written.exists() and just_written not in removed
    assert just_written in backups_prune(tmp_path)  # without protect, retention alone


def test_pruning_removes_a_killed_backups_partial_file_after_a_day_and_nothing_else(tmp_path):
    stale = tmp_path / ".rightsdesk-20250101T084000Z.rdbackup.abc123.partial"
    running = tmp_path / ".rightsdesk-20250102T084000Z.rdbackup.def456.partial"
    other = tmp_path / ".something.partial"
    for path in (stale, running, other):
        path.write_bytes(b"sealed bytes")
    _age(stale, 2 * _DAY)
    _age(other, 2 * _DAY)
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    outside.mkdir()
    (outside / "keep").write_bytes(b"x")
    link = tmp_path / ".rightsdesk-20250103T084000Z.rdbackup.ghi789.partial"
    link.symlink_to(outside)
    _age(link, 2 * _DAY)

    assert backups_prune(tmp_path) == [stale]
    assert running.exists() and other.exists() and (outside / "keep").exists()


def test_a_failed_database_step_puts_the_old_files_back(tmp_path, monkeypatch):
    root = tmp_path / "data" / "files"
    (root / "complaints").mkdir(parents=True)
    (root / "complaints" / "old.rdf").write_bytes(b"old")
    staging = tmp_path / "data" / ".restore-0123456789abcdef"
    (staging / "files").mkdir(parents=True)
    (staging / "files" / "new.rdf").write_bytes(b"new")
    (staging / "database").mkdir()
    (staging / "database" / "rightsdesk.sqlite3").write_bytes(b"db")

    def broken(staged: Path) -> None:
        raise OSError("disk gone")

    monkeypatch.setattr(services, "_files_root", lambda: root)
    monkeypatch.setattr(services, "_place_sqlite", broken)
    with pytest.raises(OSError, match="disk gone"):
        services._put_in_place(
            staging, staging / "database" / "rightsdesk.sqlite3", vendor="sqlite", clean=True
        )
    assert [p.name for p in root.rglob("*.rdf")] == ["old.rdf"]
    assert sorted(p.name for p in (tmp_path / "data").iterdir()) == [
        ".restore-0123456789abcdef",
        "files",
    ]


def test_a_restored_sqlite_database_replaces_the_old_one_and_its_log(tmp_path, monkeypatch):
    live = tmp_path / "data" / "rightsdesk.sqlite3"
    live.parent.mkdir()
    live.write_bytes(b"old")
    Path(f"{live}-wal").write_bytes(b"old log")
    staged = tmp_path / "data" / ".restore-0123456789abcdef" / "rightsdesk.sqlite3"
    staged.parent.mkdir()
    staged.write_bytes(b"new")
    monkeypatch.setattr(services, "_sqlite_path", lambda: live)
    services._place_sqlite(staged)
    assert live.read_bytes() == b"new" and live.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in live.parent.iterdir()) == [
        ".restore-0123456789abcdef",
        "rightsdesk.sqlite3",
    ]


@pytest.mark.django_db(transaction=True)
def test_a_backup_that_would_fill_the_disk_is_refused_before_writing(
    tmp_path, settings, monkeypatch
):
    settings.BACKUP_DIR = tmp_path / "backups"
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(services.shutil, "disk_usage", lambda path: usage(10**9, 10**9, 10**6))
    with pytest.raises(BackupFailed, match="Not enough free space"):
        backup_create()
    assert not settings.BACKUP_DIR.exists() or not any(settings.BACKUP_DIR.iterdir())
    assert not any(Path(settings.DATA_DIR).glob(".backup-*"))


def test_pg_tools_get_the_tls_settings_and_never_the_keys(monkeypatch):
    monkeypatch.setenv("RIGHTSDESK_ENCRYPTION_KEYS", "1:c2VjcmV0")
    monkeypatch.setenv("DATABASE_URL", "postgres://u:pw@db/rd?sslmode=require")
    database = {"NAME": "rd", "USER": "u", "PASSWORD": "pw", "OPTIONS": {"sslmode": "require"}}
    monkeypatch.setattr(services, "connection", SimpleNamespace(settings_dict=database))
    env = services._pg_env()
    assert env["PGSSLMODE"] == "require" and env["PGPASSWORD"] == "pw"
    assert "RIGHTSDESK_ENCRYPTION_KEYS" not in env and "DATABASE_URL" not in env
