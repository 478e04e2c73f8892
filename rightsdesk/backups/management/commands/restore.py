from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from rightsdesk.backups.archive import BackupRefused
from rightsdesk.backups.progress import terminal_bars
from rightsdesk.backups.services import BackupFailed, backup_restore
from rightsdesk.vault.keyring import KeyProblem, load_keyring


class Command(BaseCommand):
    help = (
        "Restore a backup file into an empty data directory (or database): checks every "
        "member first, needs the key file, never creates a key."
    )
    # Nothing may touch the database before it is replaced.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace the database and stored files that are there now",
        )

    def handle(self, *args: Any, file: Path, force: bool, **options: Any) -> None:
        if not file.is_file():
            raise CommandError(f"{file} does not exist.")
        try:
            ring = load_keyring(Path(settings.KEY_FILE))
        except KeyProblem as problem:
            raise CommandError(
                f"{problem} `rightsdesk restore` never creates a key: a new key could not "
                "open the backup."
            ) from None
        try:
            result = backup_restore(file, ring, force=force, bars=terminal_bars)
        except BackupRefused as problem:
            raise CommandError(f"{file}: REFUSED, nothing was restored: {problem}") from None
        except BackupFailed as problem:
            raise CommandError(str(problem)) from None
        complaints = "" if result.complaints is None else f"{result.complaints} complaint(s), "
        self.stdout.write(
            f"Restored the backup made {result.created_at}: the {result.vendor} database, "
            f"{complaints}{result.files} file(s). The keys fit the restored database."
        )
        if result.files_unreadable:
            raise CommandError(
                f"{len(result.files_unreadable)} restored file(s) do not open with the key "
                f"file: {', '.join(result.files_unreadable[:5])}"
            )
        if not result.audited:
            self.stdout.write(
                "The restore could not be written to the audit log yet: run "
                "`rightsdesk migrate` first."
            )
        self.stdout.write("Now run `rightsdesk audit verify` to check the audit log.")
