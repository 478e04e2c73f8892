"""The supervisor of the background worker that `rightsdesk serve` starts."""

import sys
import time

from rightsdesk.core import worker_process
from rightsdesk.core.worker_process import WorkerProcess


def test_a_worker_that_keeps_failing_is_started_again_less_and_less_often(monkeypatch, caplog):
    monkeypatch.setattr(worker_process, "RESTART_DELAY_SECONDS", 0.05)
    monkeypatch.setattr(worker_process, "MAX_RESTART_DELAY_SECONDS", 0.4)
    worker = WorkerProcess()
    worker.command = [sys.executable, "-c", "raise SystemExit(3)"]
    caplog.set_level("ERROR", logger="rightsdesk.worker")
    worker.start()
    deadline = time.monotonic() + 20
    try:
        while len(caplog.records) < 5:
            assert time.monotonic() < deadline, "the worker was not started again"
            time.sleep(0.05)
    finally:
        worker.stop()
    codes, delays = zip(*(record.args for record in caplog.records[:5]), strict=True)
    assert set(codes) == {3}
    assert list(delays) == [0.05, 0.1, 0.2, 0.4, 0.4]


def test_stopping_ends_a_running_worker_and_starts_no_other():
    worker = WorkerProcess()
    worker.command = [sys.executable, "-c", "import time; time.sleep(60)"]
    worker.start()
    first = worker.pid
    worker.stop()
    assert worker._process is not None and worker._process.poll() is not None
    time.sleep(0.3)
    assert worker.pid == first


def test_stopping_while_a_worker_is_being_started_again_leaves_none_behind(monkeypatch):
    import random

    monkeypatch.setattr(worker_process, "RESTART_DELAY_SECONDS", 0.005)
    monkeypatch.setattr(worker_process, "MAX_RESTART_DELAY_SECONDS", 0.01)
    for _ in range(15):
        worker = WorkerProcess()
        worker.command = [sys.executable, "-c", "import time; time.sleep(0.01)"]
        worker.start()
        time.sleep(random.uniform(0, 0.15))
        worker.stop()
        time.sleep(0.05)  # long enough for a late restart to have happened
        assert worker._process is None or worker._process.poll() is not None
        assert not worker._supervisor.is_alive()


def test_a_public_session_with_nothing_left_in_it_is_not_kept_alive():
    from django.contrib.sessions.backends.signed_cookies import SessionStore

    from rightsdesk.accounts.middleware import TOUCHED, touch_public_session

    left = SessionStore()
    left[TOUCHED] = "2000-01-01T00:00:00+00:00"
    left.modified = False
    touch_public_session(left)
    assert not left.modified

    filling_in = SessionStore()
    filling_in["intake_draft"] = 1
    filling_in[TOUCHED] = "2000-01-01T00:00:00+00:00"
    filling_in.modified = False
    touch_public_session(filling_in)
    assert filling_in.modified and filling_in[TOUCHED] > "2000"
