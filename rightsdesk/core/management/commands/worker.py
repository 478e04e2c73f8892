from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from rightsdesk.core.worker_process import stop_with_parent

# huey's own logger says "Executing" and "executed"; the scheduler's says "Enqueueing".
HEARTBEAT_LOGGERS = ("huey", "huey.consumer.Scheduler")


class Command(BaseCommand):
    help = "Run background tasks (emails, purging expired drafts) until stopped."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--workers", type=int, default=2)

    def handle(self, *args: Any, workers: int, **options: Any) -> None:
        stop_with_parent()
        quiet_heartbeat_lines()
        call_command("run_huey", workers=workers, worker_type="thread")


def quiet_heartbeat_lines() -> Callable[[logging.LogRecord], bool]:
    """Keep the once-a-minute heartbeat task out of the log (three lines a minute otherwise).

    Only huey's routine lines (enqueueing, executing, executed) are dropped; a warning or an
    error about it is still logged."""
    from rightsdesk.core.tasks import worker_heartbeat

    heartbeat = worker_heartbeat.task_class

    def not_the_heartbeat(record: logging.LogRecord) -> bool:
        if record.levelno > logging.INFO or not isinstance(record.args, tuple):
            return True
        return not any(isinstance(arg, heartbeat) for arg in record.args)

    for name in HEARTBEAT_LOGGERS:
        logging.getLogger(name).addFilter(not_the_heartbeat)
    return not_the_heartbeat
