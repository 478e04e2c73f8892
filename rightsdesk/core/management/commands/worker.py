from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from rightsdesk.core.worker_process import stop_with_parent


class Command(BaseCommand):
    help = "Run background tasks (emails, purging expired drafts) until stopped."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--workers", type=int, default=2)

    def handle(self, *args: Any, workers: int, **options: Any) -> None:
        stop_with_parent()
        call_command("run_huey", workers=workers, worker_type="thread")
