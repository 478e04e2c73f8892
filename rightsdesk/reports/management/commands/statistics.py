from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rightsdesk.reports.disclosure import K_MINIMUM, DisclosureSettingRefused
from rightsdesk.reports.statistics import KEYS, UnknownKey, statistics_rows
from rightsdesk.triage.lines import read_complaints


class Command(BaseCommand):
    help = (
        "Count complaints from a JSONL file (the import format) by county, area and other keys, "
        "with cells of fewer than k people withheld (and enough others that none can be worked "
        "out), one JSON line per cell; a key of null means all. Touches no database."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="a JSONL file, or - for standard input")
        parser.add_argument(
            "--by", default="county,area", help=f"keys, comma-separated: {', '.join(KEYS)}"
        )
        parser.add_argument(
            "--k",
            type=int,
            default=None,
            help=f"smallest count shown (default 10, at least {K_MINIMUM})",
        )

    def handle(self, *args: Any, file: str, by: str, k: int | None, **options: Any) -> None:
        keys = [name.strip() for name in by.split(",") if name.strip()]
        try:
            stream = sys.stdin if file == "-" else Path(file).open(encoding="utf-8")
        except OSError as error:
            raise CommandError(f"cannot read {file}: {error}") from None
        with stream:
            complaints = (complaint for _id, complaint in read_complaints(stream, self.stderr))
            try:
                for row in statistics_rows(complaints, keys, k=k):
                    self.stdout.write(json.dumps(row, ensure_ascii=False))
            except (UnknownKey, DisclosureSettingRefused) as error:
                raise CommandError(str(error)) from None
