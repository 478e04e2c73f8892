from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from rightsdesk.vault.audit import audit_verify


class Command(BaseCommand):
    help = "The audit log. `rightsdesk audit verify` checks the hash chain end to end."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="report the first broken link, if any (exit code 1)")

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        report = audit_verify()
        if report.ok:
            self.stdout.write(f"Audit log intact: {report.checked} entries checked.")
            return
        self.stderr.write(
            f"Audit log BROKEN at entry {report.broken_at}: {report.reason}. "
            f"({report.checked} entries before it are intact.)"
        )
        raise SystemExit(1)
