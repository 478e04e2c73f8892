"""Faults an installation meets in practice, run as they happen: a key file that cannot be read,
a database that is gone. Each must end in one clear sentence or a plain page, never a
traceback. (A full disk during an upload is in intake/tests/test_upload_faults.py; `kill -9`
under load in test_crash_recovery.py and bench/faults.py.)"""

import os
import subprocess
from pathlib import Path

import pytest

from rightsdesk.core.tests.test_settings_and_cli import RIGHTSDESK, _env, free_port

WAITRESS = str(Path(RIGHTSDESK).parent / "waitress-serve")


def _key_file_fault(kind: str, key_file: Path) -> None:
    from rightsdesk.vault.keyring import create_key_file

    create_key_file(key_file)
    if kind == "permissions 000":
        key_file.chmod(0)
    elif kind == "a directory":
        key_file.unlink()
        key_file.mkdir()
    elif kind == "garbage":
        key_file.write_bytes(os.urandom(300))
    elif kind == "cut short":
        key_file.write_bytes(key_file.read_bytes()[:40])


def _snapshot(path: Path) -> tuple[int, int, int]:
    found = path.stat()
    return found.st_mode, found.st_size, found.st_mtime_ns


def _as_a_service(command: list[str]) -> list[str]:
    """Run as an ordinary service does. Root reads a file whatever its mode, so as root the
    command runs without the two capabilities that let it (util-linux's setpriv, in every
    Debian)."""
    if os.geteuid() != 0:
        return command
    return ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--", *command]


@pytest.mark.timeout(120)
@pytest.mark.parametrize(
    ("kind", "sentence"),
    [
        ("permissions 000", "cannot be read by this user (permission denied): make it owned"),
        ("a directory", "is a directory, not a file: set RIGHTSDESK_KEY_FILE to the key file"),
        ("garbage", "is damaged or not a RightsDesk key file"),
        ("cut short", "is damaged or not a RightsDesk key file"),
    ],
)
def test_an_unreadable_key_file_stops_start_up_with_its_sentence(tmp_path, kind, sentence):
    env = _env(tmp_path)
    key_file = Path(env["RIGHTSDESK_KEY_FILE"])
    _key_file_fault(kind, key_file)
    before = _snapshot(key_file)
    commands = {
        "rightsdesk serve": [RIGHTSDESK, "serve", "--port", str(free_port())],
        "rightsdesk worker": [RIGHTSDESK, "worker"],
        "a WSGI server": [WAITRESS, f"--port={free_port()}", "rightsdesk.wsgi:application"],
    }
    for what, command in commands.items():
        done = subprocess.run(
            _as_a_service(command),
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode != 0, f"{what} started with {kind} as its key file"
        assert "Traceback" not in done.stderr, f"{what}:\n{done.stderr}"
        assert f"The key file {key_file} {sentence}" in done.stderr, f"{what}:\n{done.stderr}"
        # One sentence on one line, not a screenful.
        assert len(done.stderr.strip().splitlines()) == 1, f"{what}:\n{done.stderr}"
    # Refusing touched nothing: no new key over the old one, no change of mode.
    assert _snapshot(key_file) == before
