from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rightsdesk.triage.lines import read_complaints
from rightsdesk.triage.patterns import find_patterns


class Command(BaseCommand):
    help = (
        "Print the groups of related complaints in a JSONL file, one JSON line per group: "
        "members, entity, reason. Touches no database."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="a JSONL file, or - for standard input")
        parser.add_argument("--window-days", type=int, default=60)
        parser.add_argument("--min-size", type=int, default=3)

    def handle(
        self, *args: Any, file: str, window_days: int, min_size: int, **options: Any
    ) -> None:
        try:
            stream = sys.stdin if file == "-" else Path(file).open(encoding="utf-8")
        except OSError as error:
            raise CommandError(f"cannot read {file}: {error}") from None
        with stream:
            complaints = list(read_complaints(stream, self.stderr))
        for pattern in find_patterns(complaints, window_days=window_days, min_size=min_size):
            self.stdout.write(
                json.dumps(
                    {
                        "members": list(pattern.members),
                        "entity": pattern.entity,
                        "reason": pattern.reason,
                    },
                    ensure_ascii=False,
                )
            )
