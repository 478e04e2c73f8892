from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rightsdesk.backups.archive import BackupRefused
from rightsdesk.backups.progress import terminal_bars
from rightsdesk.backups.services import BackupFailed, backup_create, backup_verify
from rightsdesk.vault import crypto


class Command(BaseCommand):
    help = (
        "Write one encrypted backup file (the database, every stored file and a manifest; "
        "never the keys), or check one with --verify without restoring it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        which = parser.add_mutually_exclusive_group()
        which.add_argument(
            "--output",
            type=Path,
            help="the new backup file (default: a dated file in RIGHTSDESK_BACKUP_DIR)",
        )
        which.add_argument("--verify", type=Path, metavar="FILE", help="check a backup file")

    def handle(self, *args: Any, output: Path | None, verify: Path | None, **options: Any) -> None:
        ring = crypto.keyring()
        if verify is not None:
            self._verify(verify, ring)
            return
        try:
            result = backup_create(output, ring=ring, bars=terminal_bars)
        except BackupFailed as problem:
            raise CommandError(str(problem)) from None
        self.stdout.write(
            f"Backup written: {result.path} ({result.size} bytes; the {result.vendor} database "
            f"and {result.files} file(s)), sealed with key version {ring.current_version}. "
            "It opens only with the key file: keep that backed up separately."
        )

    def _verify(self, path: Path, ring: Any) -> None:
        if not path.is_file():
            raise CommandError(f"{path} does not exist.")
        try:
            opened = backup_verify(path, ring, bars=terminal_bars)
        except BackupRefused as problem:
            raise CommandError(f"{path}: REFUSED: {problem}") from None
        manifest = opened.manifest.data
        total = sum(m["size"] for m in opened.members)
        self.stdout.write(
            f"Backup intact: {path}, made {manifest.get('created_at')}, "
            f"{len(opened.members)} member(s), {total} bytes, every SHA-256 matches; "
            f"{manifest.get('database', {}).get('vendor')} database; sealed with key version "
            f"{opened.key_version}; the data needs key version(s) {opened.manifest.key_versions}."
        )
