"""A dead or stuck background worker is shown on the staff home page and in /healthz?detail=1."""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from huey import SqliteHuey
from huey.contrib.djhuey import HUEY

from rightsdesk.core import worker_health as health_module
from rightsdesk.core.tasks import worker_heartbeat
from rightsdesk.core.worker_health import (
    HEARTBEAT_KEY,
    last_heartbeat,
    record_heartbeat,
    worker_health,
)

pytestmark = pytest.mark.django_db
STALL_SECONDS = 5 * 60


@pytest.fixture
def queue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settings) -> SqliteHuey:
    """A real task queue on disk, as in production, that the pages read instead of the tests'
    in-process one."""
    settings.WORKER_STALL_MINUTES = 5
    huey = SqliteHuey("rightsdesk-test", filename=str(tmp_path / "tasks.sqlite3"), utc=True)
    monkeypatch.setattr(health_module, "_default_huey", lambda: huey)
    return huey


def _wait(huey: SqliteHuey, tasks: int = 1) -> None:
    @huey.task()
    def screen_complaint(complaint_id: int) -> None:
        pass

    for number in range(tasks):
        screen_complaint(number)


# The selector


def test_tasks_waiting_with_an_old_heartbeat_are_stalled(queue):
    _wait(queue, 3)
    record_heartbeat(queue, now=1_000_000.0)
    health = worker_health(now=1_000_000.0 + STALL_SECONDS + 1)
    assert health.stalled and not health.healthy
    assert (health.pending, health.seconds_since_heartbeat) == (3, STALL_SECONDS + 1)
    assert health.last_heartbeat_at == datetime.fromtimestamp(1_000_000, tz=UTC)


def test_tasks_waiting_for_a_worker_that_never_ran_are_stalled(queue):
    _wait(queue)
    health = worker_health()
    assert health.stalled and health.seconds_since_heartbeat is None


def test_a_fresh_heartbeat_is_not_stalled_even_with_tasks_waiting(queue):
    _wait(queue, 2)
    record_heartbeat(queue, now=1_000_000.0)
    health = worker_health(now=1_000_000.0 + STALL_SECONDS)
    assert health.state == "ok" and health.healthy


def test_an_empty_queue_is_idle_whatever_the_heartbeat(queue):
    assert worker_health().state == "idle"
    record_heartbeat(queue, now=1_000_000.0)
    assert worker_health(now=2_000_000.0).state == "idle"


def test_the_threshold_is_the_setting(queue, settings):
    _wait(queue)
    record_heartbeat(queue, now=1_000_000.0)
    settings.WORKER_STALL_MINUTES = 30
    assert worker_health(now=1_000_000.0 + 29 * 60).state == "ok"
    assert worker_health(now=1_000_000.0 + 31 * 60).state == "stalled"


def test_a_clock_stepped_back_is_not_a_negative_age(queue):
    _wait(queue)
    record_heartbeat(queue, now=1_000_000.0)
    assert worker_health(now=999_000.0).seconds_since_heartbeat == 0


def test_a_queue_that_cannot_be_read_is_unknown_not_a_crash(queue, monkeypatch, caplog):
    def locked() -> int:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(queue, "pending_count", locked)
    health = worker_health()
    assert health.state == "unknown" and not health.healthy and not health.stalled
    assert "OperationalError" in caplog.text


def test_tasks_run_in_the_request_are_never_stalled():
    # The tests' own queue runs tasks at once (RIGHTSDESK_TASKS_IMMEDIATE): no worker to wait for.
    assert HUEY.immediate
    health = worker_health()
    assert health.state == "immediate" and health.healthy and not health.stalled


# The heartbeat


def test_every_task_that_starts_beats_and_the_idle_one_is_due_every_minute():
    HUEY.delete(HEARTBEAT_KEY)
    try:
        before = time.time()
        worker_heartbeat()  # immediate mode: executed at once, like a worker would
        assert (last_heartbeat(HUEY) or 0) >= before
    finally:
        HUEY.delete(HEARTBEAT_KEY)
    for minute in (0, 1, 17, 59):
        due = HUEY.read_periodic(datetime(2030, 1, 1, 3, minute, tzinfo=UTC))
        assert any(isinstance(task, worker_heartbeat.task_class) for task in due)


def test_the_heartbeat_task_is_kept_out_of_the_log_but_others_are_not(caplog):
    from rightsdesk.core.management.commands.worker import HEARTBEAT_LOGGERS, quiet_heartbeat_lines

    quiet = quiet_heartbeat_lines()
    try:
        huey_log = logging.getLogger("huey")
        caplog.set_level("INFO", logger="huey")
        huey_log.info("Executing %s", worker_heartbeat.s())
        huey_log.info("Executing %s", "rightsdesk.intake.tasks.notify_complaint: 1")
        huey_log.warning("Task %s was revoked, not executing", worker_heartbeat.s())
    finally:
        for name in HEARTBEAT_LOGGERS:
            logging.getLogger(name).removeFilter(quiet)
    messages = [record.getMessage() for record in caplog.records]
    assert not any(m.startswith("Executing rightsdesk.core.tasks") for m in messages)
    assert any("notify_complaint" in m for m in messages)
    assert any("revoked" in m for m in messages)


@pytest.mark.timeout(180)
def test_a_real_worker_beats_as_it_starts_and_whenever_it_takes_a_task(tmp_path, monkeypatch):
    from rightsdesk.core.worker_process import WorkerProcess

    # The worker runs `rightsdesk worker` with production settings on a data directory of its
    # own, never the suite's database.
    for name in list(os.environ):
        if name.startswith(("RIGHTSDESK_", "DJANGO_")) or name == "DATABASE_URL":
            monkeypatch.delenv(name)
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    monkeypatch.setenv("RIGHTSDESK_DATA_DIR", str(data))
    monkeypatch.setenv("RIGHTSDESK_KEY_FILE", str(tmp_path / "keys" / "keys.json"))
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "rightsdesk.settings")
    real = SqliteHuey("rightsdesk", filename=str(data / "tasks.sqlite3"), utc=True)

    def until(condition, seconds: float, what: str):
        deadline = time.monotonic() + seconds
        while not (value := condition()):
            assert time.monotonic() < deadline, what
            time.sleep(0.1)
        return value

    worker = WorkerProcess(workers=1)
    worker.start()
    try:
        before = until(lambda: last_heartbeat(real), 120, "the worker never beat")
        # Let the start-up beats settle (the first idle task runs at once, the next a minute on).
        for _ in range(20):
            time.sleep(1.5)
            beat = last_heartbeat(real)
            if beat == before and real.pending_count() == 0:
                break
            before = beat
        else:
            raise AssertionError("the worker kept beating with nothing to do")

        # The heartbeat task does nothing itself: only the worker's hook can move the stamp.
        real.storage.enqueue(HUEY.serialize_task(worker_heartbeat.s()), 0)
        until(lambda: (last_heartbeat(real) or 0) > before, 30, "taking a task did not beat")
        until(lambda: real.pending_count() == 0, 30, "the task was not taken")
        assert worker_health(huey=real).state == "idle"
    finally:
        worker.stop()

    # With the worker gone a task waits, and in five minutes' time that is stalled.
    real.storage.enqueue(HUEY.serialize_task(worker_heartbeat.s()), 0)
    assert worker_health(huey=real).state == "ok"
    assert worker_health(huey=real, now=time.time() + STALL_SECONDS + 5).stalled


# The staff home page


def test_staff_home_warns_everyone_on_staff_when_tasks_wait_for_a_stalled_worker(
    queue, staff_client
):
    _wait(queue, 4)
    record_heartbeat(queue, now=time.time() - 20 * 60)
    # Volunteers land on their portal instead (core.views.staff_home_view).
    for role in ("admin", "coordinator"):
        page = staff_client(role).get("/staff/").content.decode()
        assert 'id="worker-stalled"' in page
        assert "Background tasks are waiting and not being run" in page
        assert "4 tasks are waiting for the background worker." in page
        assert "The worker was last seen running 20" in page
        assert "receipts and status emails are not sent" in page
        assert "<code>rightsdesk serve</code>" in page and "<code>rightsdesk worker</code>" in page


def test_staff_home_says_when_no_worker_ever_ran(queue, staff_client):
    _wait(queue)
    page = staff_client("intake").get("/staff/").content.decode()
    assert "1 task is waiting for the background worker." in page
    assert "No worker has run on this queue yet." in page


def test_staff_home_has_no_warning_when_the_queue_is_empty(queue, staff_client):
    record_heartbeat(queue, now=time.time() - 24 * 3600)
    page = staff_client("admin").get("/staff/").content.decode()
    assert "worker-stalled" not in page


def test_staff_home_has_no_warning_when_the_worker_beat_recently(queue, staff_client):
    _wait(queue, 2)
    record_heartbeat(queue)
    page = staff_client("admin").get("/staff/").content.decode()
    assert "worker-stalled" not in page


def test_staff_home_has_no_warning_when_tasks_run_in_the_request(staff_client):
    assert "worker-stalled" not in staff_client("admin").get("/staff/").content.decode()


# /healthz


def test_plain_healthz_stays_ok_even_when_the_worker_is_stalled(queue, client):
    _wait(queue)
    response = client.get("/healthz")
    assert (response.status_code, response.content) == (200, b"ok")
    assert response["Content-Type"].startswith("text/plain")


def test_healthz_detail_answers_503_with_counts_only_when_stalled(queue, client):
    _wait(queue, 2)
    record_heartbeat(queue, now=time.time() - 600)
    response = client.get("/healthz?detail=1")
    assert response.status_code == 503
    body = response.json()
    assert set(body) == {"web", "worker"} and body["web"] == "ok"
    assert set(body["worker"]) == {
        "state",
        "pending_tasks",
        "seconds_since_heartbeat",
        "stall_after_seconds",
    }
    assert body["worker"]["state"] == "stalled"
    assert body["worker"]["pending_tasks"] == 2
    assert 600 <= body["worker"]["seconds_since_heartbeat"] < 660
    assert body["worker"]["stall_after_seconds"] == STALL_SECONDS


@pytest.mark.parametrize(
    ("tasks", "beat_ago", "state"), [(0, None, "idle"), (0, 3600, "idle"), (3, 10, "ok")]
)
def test_healthz_detail_answers_200_when_nothing_is_stuck(queue, client, tasks, beat_ago, state):
    _wait(queue, tasks)
    if beat_ago is not None:
        record_heartbeat(queue, now=time.time() - beat_ago)
    response = client.get("/healthz?detail=1")
    assert response.status_code == 200
    assert response.json()["worker"]["state"] == state


def test_healthz_detail_answers_503_when_the_queue_cannot_be_read(queue, client, monkeypatch):
    def broken() -> int:
        raise sqlite3.DatabaseError("file is not a database")

    monkeypatch.setattr(queue, "pending_count", broken)
    response = client.get("/healthz?detail=1")
    assert response.status_code == 503 and response.json()["worker"]["state"] == "unknown"


def test_healthz_detail_with_tasks_run_in_the_request(client):
    response = client.get("/healthz?detail=1")
    assert response.status_code == 200
    assert response.json()["worker"]["state"] == "immediate"
