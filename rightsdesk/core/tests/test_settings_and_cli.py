"""The console script and production settings, run as a user would run them."""

import hashlib
import os
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

RIGHTSDESK = shutil.which("rightsdesk") or str(Path(sys.executable).parent / "rightsdesk")


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("RIGHTSDESK_", "DJANGO_")) and k != "DATABASE_URL"
    }
    env.update(
        {
            "RIGHTSDESK_DATA_DIR": str(tmp_path / "data"),
            "RIGHTSDESK_KEY_FILE": str(tmp_path / "keys" / "keys.json"),
            "DJANGO_SETTINGS_MODULE": "rightsdesk.settings",
            **extra,
        }
    )
    return env


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _run(args, env, timeout=120):
    return subprocess.run(
        [RIGHTSDESK, *args], env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def test_production_settings_pass_the_deploy_check(tmp_path):
    env = _env(
        tmp_path,
        RIGHTSDESK_SECRET_KEY="s" * 20 + "-production-like-secret-0123456789",
        RIGHTSDESK_ALLOWED_HOSTS="rights.example.org",
    )
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_debug_or_a_missing_key_fail_the_deploy_check(tmp_path):
    env = _env(tmp_path, RIGHTSDESK_DEBUG="true")
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0


def test_a_bad_setting_stops_start_up_with_a_sentence(tmp_path):
    result = _run(["audit", "verify"], _env(tmp_path, RIGHTSDESK_SESSION_IDLE_MINUTES="soon"))
    assert result.returncode != 0
    assert "RIGHTSDESK_SESSION_IDLE_MINUTES must be a whole number" in result.stderr


def test_the_key_file_may_not_live_in_the_data_directory(tmp_path):
    env = _env(tmp_path, RIGHTSDESK_KEY_FILE=str(tmp_path / "data" / "keys.json"))
    result = _run(["audit", "verify"], env)
    assert result.returncode != 0 and "Keep the key somewhere else" in result.stderr


@pytest.mark.timeout(300)
def test_a_missing_or_wrong_key_is_refused_and_nothing_is_touched(tmp_path):
    from rightsdesk.vault.keyring import create_key_file

    env = _env(tmp_path)
    key_file = Path(env["RIGHTSDESK_KEY_FILE"])
    create_key_file(key_file)
    assert _run(["migrate", "--verbosity", "0"], env).returncode == 0
    made = _run(["createstaff", "keeper", "--temporary-password"], env)
    assert made.returncode == 0, made.stderr
    database = Path(env["RIGHTSDESK_DATA_DIR"]) / "rightsdesk.sqlite3"
    assert database.read_bytes()[18:20] == b"\x02\x02", "the database must be in WAL mode"
    before = hashlib.sha256(database.read_bytes()).hexdigest()

    # The wrong key: refused, with what to do, and the database is byte-for-byte the same.
    real = key_file.read_bytes()
    key_file.unlink()
    create_key_file(key_file)
    wrong = _run(["audit", "verify"], env)
    assert wrong.returncode != 0
    assert "is not the key this database was encrypted with" in wrong.stderr
    assert "Nothing has been changed" in wrong.stderr

    # No key at all: even `serve` refuses, and does not make a new key over existing data.
    key_file.unlink()
    missing = _run(["serve", "--port", "8799"], env, timeout=60)
    assert missing.returncode != 0 and "does not exist" in missing.stderr
    assert not key_file.exists()
    assert hashlib.sha256(database.read_bytes()).hexdigest() == before

    key_file.write_bytes(real)
    right = _run(["audit", "verify"], env)
    assert right.returncode == 0 and "Audit log intact" in right.stdout


def test_keys_generate_prints_a_fresh_key(tmp_path):
    import base64

    from rightsdesk.vault.keyring import create_key_file

    env = _env(tmp_path)
    create_key_file(Path(env["RIGHTSDESK_KEY_FILE"]))
    result = _run(["keys", "generate"], env)
    assert result.returncode == 0 and len(base64.b64decode(result.stdout.strip())) == 32


@pytest.mark.timeout(120)
def test_serve_trusts_its_tls_proxy_and_stops_on_ctrl_c(tmp_path):
    import signal
    import time

    port = free_port()
    env = _env(tmp_path, RIGHTSDESK_HTTPS="true", RIGHTSDESK_BEHIND_PROXY="true")
    server = subprocess.Popen(
        [RIGHTSDESK, "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        opener = urllib.request.build_opener(_NoRedirect)

        def status(headers: dict[str, str]) -> int:
            request = urllib.request.Request(f"http://127.0.0.1:{port}/healthz", headers=headers)
            try:
                return opener.open(request, timeout=5).status
            except urllib.error.HTTPError as error:
                return error.code

        deadline = time.monotonic() + 60
        while True:
            try:
                first = status({"X-Forwarded-Proto": "https"})
                break
            except OSError:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.3)
        assert first == 200, "a request the proxy says is HTTPS must not be redirected"
        assert status({}) == 301, "plain HTTP must be sent to HTTPS"
        server.send_signal(signal.SIGINT)
        assert server.wait(timeout=20) is not None
        assert "RightsDesk stopped." in server.stdout.read()
    finally:
        if server.poll() is None:
            server.kill()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _worker_children(parent: int) -> list[int]:
    """The `rightsdesk worker` processes whose parent is `parent` (read from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == parent and b"worker" in cmdline:
            found.append(int(entry.name))
    return found


def _wait_for(condition, seconds: float, what: str):
    import time

    deadline = time.monotonic() + seconds
    while True:
        value = condition()
        if value:
            return value
        assert time.monotonic() < deadline, what
        time.sleep(0.3)


@pytest.mark.timeout(240)
def test_serve_screens_in_a_worker_process_that_it_restarts_and_stops(tmp_path):
    import json
    import signal
    import sqlite3

    port = free_port()
    env = _env(tmp_path)
    # A planted package in the directory serve starts in must not be what the worker runs.
    planted = tmp_path / "rightsdesk"
    planted.mkdir()
    (planted / "__init__.py").write_text("")
    (planted / "cli.py").write_text(f"open({str(tmp_path / 'hijacked')!r}, 'w').close()\n")
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [RIGHTSDESK, "serve", "--port", str(port)],
        env=env,
        cwd=tmp_path,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    workers: list[int] = []
    try:

        def healthy() -> bool:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as r:
                    return r.status == 200
            except OSError:
                return False

        _wait_for(healthy, 90, "the server did not start")
        workers = _wait_for(lambda: _worker_children(server.pid), 30, "no worker process")
        assert len(workers) == 1

        # A complaint that arrives while the server runs is screened by the worker process.
        tip = {"kind": "tip", "incident": {"what": "Deputies stopped every car on Highway 49"}}
        (tmp_path / "tip.jsonl").write_text(json.dumps(tip) + "\n")
        assert _run(["import", str(tmp_path / "tip.jsonl")], env).returncode == 0

        def screened() -> int:
            with sqlite3.connect(tmp_path / "data" / "rightsdesk.sqlite3") as db:
                return db.execute("SELECT count(*) FROM triage_screening").fetchone()[0]

        _wait_for(screened, 60, "the worker did not screen the new complaint")

        # A worker that dies is started again.
        os.kill(workers[0], signal.SIGKILL)
        workers = _wait_for(
            lambda: [p for p in _worker_children(server.pid) if p != workers[0]],
            30,
            "the worker was not started again",
        )

        server.send_signal(signal.SIGINT)
        assert server.wait(timeout=30) == 0
        _wait_for(
            lambda: not Path(f"/proc/{workers[0]}").exists(), 20, "the worker outlived the server"
        )
    finally:
        for pid in workers:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        if server.poll() is None:
            server.kill()
        log.close()
    output = (tmp_path / "serve.log").read_text()
    assert "starting it again" in output
    assert not (tmp_path / "hijacked").exists()
