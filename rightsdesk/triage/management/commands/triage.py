from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rightsdesk.campaigns.coverage import ordinance_coverage, seed_records
from rightsdesk.triage.deadlines import estimate_deadlines, load_rules
from rightsdesk.triage.lines import read_complaints
from rightsdesk.triage.tagging import tag_complaint


class Command(BaseCommand):
    help = (
        "Screen complaints from a JSONL file and print one JSON line each: tags, evidence, "
        "urgency, deadlines (estimates for an attorney to confirm) and ordinance coverage. "
        "Touches no database."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="a JSONL file, or - for standard input")
        parser.add_argument(
            "--today",
            type=date.fromisoformat,
            default=None,
            help="count deadlines from this date (YYYY-MM-DD)",
        )

    def handle(self, *args: Any, file: str, today: date | None, **options: Any) -> None:
        today = today or date.today()  # noqa: DTZ011 - a calendar date in the user's own terms
        rules = load_rules()
        ordinances = seed_records()
        try:
            stream = sys.stdin if file == "-" else Path(file).open(encoding="utf-8")
        except OSError as error:
            raise CommandError(f"cannot read {file}: {error}") from None
        with stream:
            for complaint_id, complaint in read_complaints(stream, self.stderr):
                self.stdout.write(
                    json.dumps(
                        screen_record(
                            complaint_id, complaint, rules=rules, ordinances=ordinances, today=today
                        ),
                        ensure_ascii=False,
                    )
                )


def screen_record(
    complaint_id: str, complaint: dict[str, Any], *, rules: Any, ordinances: Any, today: date
) -> dict[str, Any]:
    tagging = tag_complaint(complaint, today=today)
    deadlines = estimate_deadlines(
        complaint,
        classes=tagging.classes,
        areas=tagging.areas,
        actors=tagging.actors,
        rules=rules,
        today=today,
    )
    coverage = ordinance_coverage(
        complaint, classes=tagging.classes, areas=tagging.areas, ordinances=ordinances
    )
    return {
        "id": complaint_id,
        "classes": tagging.classes,
        "areas": tagging.areas,
        "actors": tagging.actors,
        "urgency": tagging.urgency,
        "scope": tagging.scope,
        "evidence": [e.__dict__ for e in tagging.evidence],
        "deadlines": [d.as_dict() for d in deadlines],
        "ordinance_coverage": coverage.as_dict(),
    }
