"""The restore drill, run through the real `rightsdesk` command as an operator would run it:
populate a data directory, back it up, verify, restore into a new one, compare."""

from __future__ import annotations

import base64
import json
import os
import secrets
import sys
from pathlib import Path

import pytest

from rightsdesk.core.tests.test_settings_and_cli import _env, _run

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# Printed by `rightsdesk shell -c` in each installation: what "everything reads back" means.
READ_BACK = """
import json
from hashlib import sha256 as digest
from rightsdesk.intake.models import Complaint, Document
print(json.dumps({
    "complaints": sorted(
        [c.reference, c.data["contact"]["name"], c.data["incident"]["what"]]
        for c in Complaint.objects.all()
    ),
    "documents": sorted(
        [d.complaint.reference, d.original_name, digest(d.file.open("rb").read()).hexdigest()]
        for d in Document.objects.all()
    ),
}))
"""


def _ok(result) -> str:
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def _populate(env: dict[str, str], tmp_path: Path) -> None:
    _ok(_run(["createstaff", "keeper", "--role", "admin", "--temporary-password"], env))
    lines = [
        {
            "contact": {"name": "Ana Ejemplo"},
            "incident": {"what": "Stopped and searched at the county line"},
            "documents": [
                {
                    "filename": "letter.pdf",
                    "kind": "letter",
                    "content_base64": base64.b64encode(PDF).decode(),
                }
            ],
        },
        {"contact": {"name": "Ben Example"}, "incident": {"what": "Held past release date"}},
    ]
    source = tmp_path / "complaints.jsonl"
    source.write_text("".join(json.dumps(line) + "\n" for line in lines))
    _ok(_run(["import", str(source)], env))


def _read_back(env: dict[str, str]) -> dict:
    return json.loads(_ok(_run(["shell", "-c", READ_BACK], env)).strip().splitlines()[-1])


def _drill(tmp_path: Path, source_env: dict[str, str], target_env: dict[str, str]) -> None:
    _populate(source_env, tmp_path)
    before = _read_back(source_env)
    assert len(before["complaints"]) == 2 and len(before["documents"]) == 1

    archive = tmp_path / "offsite" / "drill.rdbackup"
    made = _ok(_run(["backup", "--output", str(archive)], source_env))
    assert "Backup written" in made and "1 file(s)" in made
    assert archive.stat().st_mode & 0o777 == 0o600
    assert b"Ana Ejemplo" not in archive.read_bytes()
    assert "Backup intact" in _ok(_run(["backup", "--verify", str(archive)], source_env))

    restored = _ok(_run(["restore", str(archive)], target_env))
    assert "2 complaint(s), 1 file(s)" in restored and "rightsdesk audit verify" in restored
    assert "Audit log intact" in _ok(_run(["audit", "verify"], target_env))
    assert _read_back(target_env) == before

    # Once restored, the directory is no longer empty: a second restore is refused...
    again = _run(["restore", str(archive)], target_env)
    assert again.returncode != 0 and "Refusing to restore over existing data" in again.stderr
    # ...unless told, and the result is the same.
    _ok(_run(["restore", "--force", str(archive)], target_env))
    assert _read_back(target_env) == before

    # A damaged copy is refused by --verify and by restore.
    damaged = tmp_path / "damaged.rdbackup"
    raw = bytearray(archive.read_bytes())
    raw[len(raw) // 2] ^= 0x40
    damaged.write_bytes(bytes(raw))
    refused = _run(["backup", "--verify", str(damaged)], source_env)
    assert refused.returncode != 0 and "REFUSED" in refused.stderr
    # Restore checks the whole file before it puts anything in place: with --force over the
    # restored installation, the damage (in the middle, after the database member) changes nothing.
    refused = _run(["restore", "--force", str(damaged)], target_env)
    assert refused.returncode != 0 and "nothing was restored" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert _read_back(target_env) == before


@pytest.mark.timeout(120)
def test_restore_drill_on_sqlite(tmp_path):
    source_env = _env(tmp_path)
    target_env = _env(tmp_path, RIGHTSDESK_DATA_DIR=str(tmp_path / "new-data"))
    _drill(tmp_path, source_env, target_env)
    assert not any((tmp_path / "data").glob(".backup-*")), "the staging copy must be removed"
    assert not any((tmp_path / "new-data").glob(".restore-*"))


def test_restore_without_the_key_file_refuses_and_creates_no_key(tmp_path):
    archive = tmp_path / "any.rdbackup"
    archive.write_bytes(b"RDBACKUP")
    env = _env(tmp_path)
    result = _run(["restore", str(archive)], env)
    assert result.returncode != 0
    assert "never creates a key" in result.stderr and "Restore it from your key backup" in (
        result.stderr
    )
    assert not Path(env["RIGHTSDESK_KEY_FILE"]).exists()


def test_the_backup_directory_may_not_live_in_the_data_directory(tmp_path):
    env = _env(tmp_path, RIGHTSDESK_BACKUP_DIR=str(tmp_path / "data" / "backups"))
    result = _run(["backup", "--verify", "x"], env)
    assert result.returncode != 0 and "Keep backups somewhere else" in result.stderr


# --- PostgreSQL: runs in the test command's PostgreSQL lane (DATABASE_URL set by ./dev) -------


def _postgres_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


@pytest.mark.timeout(180)
@pytest.mark.skipif(_postgres_url() is None, reason="only in the PostgreSQL lane")
def test_restore_drill_on_postgresql(tmp_path):
    import psycopg

    url = _postgres_url()
    assert url is not None
    base, _, _ = url.rpartition("/")
    names = [f"rd_backup_{role}_{secrets.token_hex(4)}" for role in ("source", "target")]
    with psycopg.connect(url, autocommit=True) as admin:
        for name in names:
            admin.execute(f'CREATE DATABASE "{name}"')
    try:
        source_env = _env(tmp_path, DATABASE_URL=f"{base}/{names[0]}")
        target_env = _env(
            tmp_path,
            DATABASE_URL=f"{base}/{names[1]}",
            RIGHTSDESK_DATA_DIR=str(tmp_path / "new-data"),
        )
        _drill(tmp_path, source_env, target_env)

        # Without pg_dump on the PATH: a sentence saying what to install, and no file.
        bare = {**source_env, "PATH": str(Path(sys.executable).parent)}
        missing = _run(["backup", "--output", str(tmp_path / "none.rdbackup")], bare)
        assert missing.returncode != 0 and "pg_dump is not installed" in missing.stderr
        assert "postgresql-client" in missing.stderr
        assert not (tmp_path / "none.rdbackup").exists()
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            for name in names:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
