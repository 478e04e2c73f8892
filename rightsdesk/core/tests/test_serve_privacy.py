"""A complaint with an email address, served by `rightsdesk serve` exactly as installed: the
address must not reach the server's output, the worker's, or any file on disk."""

import importlib.util
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from rightsdesk.core.tests.test_settings_and_cli import RIGHTSDESK, _env, _wait_for, free_port
from rightsdesk.intake.tests import journey

ROOT = Path(__file__).resolve().parents[3]


def _bench_intake():
    # The load benchmark already walks the whole form over HTTP as a browser does; one walker.
    sys.path.insert(0, str(ROOT / "bench"))
    spec = importlib.util.spec_from_file_location("bench_intake", ROOT / "bench" / "intake.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def _files_containing(root: Path, needle: bytes) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() and needle in p.read_bytes()]


@pytest.mark.timeout(240)
def test_a_served_submission_writes_no_email_address_to_any_log_or_file(tmp_path):
    bench = _bench_intake()
    port = free_port()
    env = _env(tmp_path)  # no RIGHTSDESK_EMAIL_BACKEND: the default
    log_path = tmp_path / "serve.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [RIGHTSDESK, "serve", "--port", str(port)],
            env=env,
            cwd=tmp_path,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        base = f"http://127.0.0.1:{port}/"
        bench.wait_healthy(base, server, log_path)
        stats = bench.FlowStats()
        bench.Submission(base, 1, None, stats).run()
        assert len(stats.references) == 1, stats.errors

        # The worker handles the receipt in the background: wait until it has, one way or another.
        steps = journey.answers()
        addresses = (steps["contact"]["email"], steps["for-whom"]["filer_email"])

        def handled() -> bool:
            text = log_path.read_text(errors="replace")
            return "email(s) not sent" in text or any(a in text for a in addresses)

        _wait_for(handled, 90, "the worker never handled the receipt email")
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
    finally:
        if server.poll() is None:
            server.kill()

    output = log_path.read_text(errors="replace")
    for address in addresses:
        assert address not in output
        found = _files_containing(tmp_path, address.encode())
        assert found == [], f"{address} written to {found}"
    assert stats.references[0] not in output
