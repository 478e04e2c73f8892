"""`kill -9` of `rightsdesk serve` and of its worker while people send complaints: every receipt
shown belongs to its own stored complaint and files, and none is stored twice (DESIGN invariant
6). A small run of bench/faults.py, which does the same with more people and more crashes."""

import importlib.util
import sys
from pathlib import Path

import pytest

from rightsdesk.core.tests.test_settings_and_cli import free_port

ROOT = Path(__file__).resolve().parents[3]


def _bench_faults():
    sys.path.insert(0, str(ROOT / "bench"))
    spec = importlib.util.spec_from_file_location("bench_faults", ROOT / "bench" / "faults.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


@pytest.mark.timeout(240)
def test_receipts_survive_kill_9_of_the_server_and_the_worker_under_load(tmp_path, monkeypatch):
    faults = _bench_faults()
    # Every second person presses "send" twice, so double submits meet the crash too.
    monkeypatch.setattr(faults.intake, "DUPLICATE_EVERY", 2)
    outcome = faults.run(
        tmp_path, port=free_port(), clients=3, submissions=6, server_kills=1, worker_kills=1
    )

    assert outcome.violations() == [], outcome.errors
    assert outcome.server_kills == 1 and outcome.worker_kills == 1
    assert outcome.finished == 6 and len(outcome.receipts) == 6
    assert sorted(c["number"] for c in outcome.stored) == [1, 2, 3, 4, 5, 6]
