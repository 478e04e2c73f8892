from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from rightsdesk.cases.services import conflict_search
from rightsdesk.vault.audit import audit_record


class Command(BaseCommand):
    help = "Check a name for conflicts; print one JSON line per hit, strongest first (audited)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name")

    def handle(self, *args: Any, name: str, **options: Any) -> None:
        hits = conflict_search(name)
        audit_record(
            by="conflicts command",
            action="conflict_search",
            object_type="cases.party",
            detail={"hits": len(hits)},
        )
        for hit in hits:
            self.stdout.write(json.dumps(hit.as_dict(), ensure_ascii=False))
