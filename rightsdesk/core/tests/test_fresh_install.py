"""A new machine: the README's first commands work from an empty data directory, and a key is
made only where there is no data it could hide."""

import base64
import json
from pathlib import Path

import pytest

from rightsdesk.core.tests.test_settings_and_cli import _env, _run

TIP = {"kind": "tip", "incident": {"what": "Deputies stopped every car on Highway 49"}}


def test_keys_generate_needs_no_key_and_makes_none(tmp_path):
    env = _env(tmp_path)
    result = _run(["keys", "generate"], env)
    assert result.returncode == 0, result.stderr
    assert len(base64.b64decode(result.stdout.strip())) == 32
    assert not Path(env["RIGHTSDESK_KEY_FILE"]).exists()
    assert "NEW ENCRYPTION KEY FILE" not in result.stderr


@pytest.mark.timeout(300)
def test_createstaff_first_on_a_new_machine_makes_the_key_and_the_database(tmp_path):
    env = _env(tmp_path)
    key_file = Path(env["RIGHTSDESK_KEY_FILE"])

    made = _run(["createstaff", "keeper", "--role", "admin", "--temporary-password"], env)
    assert made.returncode == 0, made.stderr
    assert "NEW ENCRYPTION KEY FILE" in made.stderr and str(key_file) in made.stderr
    assert key_file.exists() and key_file.stat().st_mode & 0o077 == 0

    # The next commands use that key without a word about a new one.
    (tmp_path / "tip.jsonl").write_text(json.dumps(TIP) + "\n")
    imported = _run(["import", str(tmp_path / "tip.jsonl")], env)
    assert imported.returncode == 0, imported.stderr
    assert "NEW ENCRYPTION KEY FILE" not in imported.stderr
    verified = _run(["audit", "verify"], env)
    assert verified.returncode == 0 and "Audit log intact" in verified.stdout

    # Lose the key: nothing makes a new one over the data that is there now.
    key_file.unlink()
    for args in (
        ["createstaff", "second", "--temporary-password"],
        ["migrate"],
        ["keys", "status"],
    ):
        refused = _run(args, env)
        assert refused.returncode != 0, args
        assert "does not exist" in refused.stderr and "key backup" in refused.stderr
    assert not key_file.exists()


@pytest.mark.timeout(300)
def test_import_and_migrate_work_first_on_a_new_machine(tmp_path):
    (tmp_path / "tip.jsonl").write_text(json.dumps(TIP) + "\n")
    first = _env(tmp_path / "one")
    imported = _run(["import", str(tmp_path / "tip.jsonl")], first)
    assert imported.returncode == 0, imported.stderr
    assert "NEW ENCRYPTION KEY FILE" in imported.stderr

    second = _env(tmp_path / "two")
    migrated = _run(["migrate", "--verbosity", "0"], second)
    assert migrated.returncode == 0, migrated.stderr
    assert Path(second["RIGHTSDESK_KEY_FILE"]).exists()
    status = _run(["keys", "status"], second)
    assert status.returncode == 0 and "Everything is encrypted with the current key" in (
        status.stdout
    )


def test_a_backup_command_on_a_new_machine_never_makes_a_key(tmp_path):
    env = _env(tmp_path)
    (tmp_path / "some.rdbackup").write_bytes(b"RDBACKUP")
    for args in (["backup", "--verify", str(tmp_path / "some.rdbackup")], ["backup"]):
        refused = _run(args, env)
        assert refused.returncode != 0, args
        assert "does not exist" in refused.stderr, refused.stderr
        assert "NEW ENCRYPTION KEY FILE" not in refused.stderr
    assert not Path(env["RIGHTSDESK_KEY_FILE"]).exists()
