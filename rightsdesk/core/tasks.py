"""The worker's heartbeat (read by core.worker_health). Found by the worker like every tasks.py."""

from __future__ import annotations

from typing import Any

from huey import crontab
from huey.api import Task
from huey.contrib.djhuey import periodic_task, signal
from huey.signals import SIGNAL_EXECUTING

from rightsdesk.core.worker_health import record_heartbeat


@signal(SIGNAL_EXECUTING)
def beat_when_a_task_starts(signal_name: str, task: Task, *args: Any) -> None:
    # Every task taken, not only our own, so a busy worker is never mistaken for a stuck one.
    record_heartbeat()


@periodic_task(crontab())
def worker_heartbeat() -> None:
    """Does nothing: taking it every minute is what beats (beat_when_a_task_starts).

    The scheduler also queues it the moment a worker starts, so a worker started again beats at
    once. Going through the scheduler, the queue and a worker thread like any task, it cannot
    beat for a worker whose process is alive but whose threads are all stuck."""
