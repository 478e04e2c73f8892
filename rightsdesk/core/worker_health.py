"""Is the background worker taking tasks? Its heartbeat, and the selector that reads it.

The worker stamps the time whenever it starts a task (core.tasks), and takes a do-nothing task
every minute, so an idle worker keeps beating. The stamp is one timestamp, nothing about any
person, kept in the task queue's own storage (huey's key-value table in tasks.sqlite3): the worker
writes that file for every task it takes anyway, the main database is never written for it, and it
stays right whichever huey backend is configured.

"Stalled" means tasks wait and the worker has taken none for RIGHTSDESK_WORKER_STALL_MINUTES. An
empty queue is never stalled: nothing is delayed, and a dead worker with nothing to do harms no
one until a task arrives, when the old heartbeat shows at once.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from django.conf import settings
from huey import Huey

log = logging.getLogger("rightsdesk.worker")

HEARTBEAT_KEY = "rightsdesk.worker.heartbeat"

# ok: tasks wait and the worker is taking them; idle: no task waits; stalled: tasks wait and the
# worker has taken none for too long; immediate: tasks run in the request (tests), there is no
# worker; unknown: the task queue could not be read.
State = Literal["ok", "idle", "stalled", "immediate", "unknown"]
HEALTHY_STATES = frozenset({"ok", "idle", "immediate"})


def _default_huey() -> Huey:
    from huey.contrib.djhuey import HUEY

    return HUEY


def record_heartbeat(huey: Huey | None = None, *, now: float | None = None) -> None:
    """In the worker: note that it is alive and taking tasks."""
    (huey or _default_huey()).put(HEARTBEAT_KEY, time.time() if now is None else now)


def last_heartbeat(huey: Huey | None = None) -> float | None:
    """The time (seconds since the epoch) of the worker's last heartbeat, None if it never beat."""
    value = (huey or _default_huey()).get(HEARTBEAT_KEY, peek=True)
    return float(value) if isinstance(value, int | float) else None


@dataclass(frozen=True)
class WorkerHealth:
    state: State
    pending: int | None
    seconds_since_heartbeat: int | None
    stall_after_seconds: int
    last_heartbeat_at: datetime | None = None

    @property
    def stalled(self) -> bool:
        return self.state == "stalled"

    @property
    def healthy(self) -> bool:
        return self.state in HEALTHY_STATES

    def as_dict(self) -> dict[str, Any]:
        # Counts and ages only: safe for an unauthenticated health check.
        return {
            "state": self.state,
            "pending_tasks": self.pending,
            "seconds_since_heartbeat": self.seconds_since_heartbeat,
            "stall_after_seconds": self.stall_after_seconds,
        }


def worker_health(*, huey: Huey | None = None, now: float | None = None) -> WorkerHealth:
    """Two cheap reads of the task queue (its length and the heartbeat); no main database."""
    huey = huey or _default_huey()
    stall_after = int(settings.WORKER_STALL_MINUTES) * 60
    if huey.immediate:
        return WorkerHealth("immediate", 0, None, stall_after)
    try:
        pending = huey.pending_count()
        beat = last_heartbeat(huey)
    except Exception as problem:  # each huey backend raises its own kind of error
        log.warning("Could not read the task queue: %s", type(problem).__name__)
        return WorkerHealth("unknown", None, None, stall_after)
    now = time.time() if now is None else now
    # A clock stepped backwards must not make the age negative.
    age = None if beat is None else max(0, int(now - beat))
    if pending == 0:
        state: State = "idle"
    elif age is None or age > stall_after:
        state = "stalled"
    else:
        state = "ok"
    at = None if beat is None else datetime.fromtimestamp(beat, tz=UTC)
    return WorkerHealth(state, pending, age, stall_after, at)
