from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from rightsdesk.vault import crypto
from rightsdesk.vault.audit import audit_record
from rightsdesk.vault.keyring import add_encryption_key, generate_key_text, mark_rotation_finished
from rightsdesk.vault.keys import keys_record, rotation_plan


class Command(BaseCommand):
    help = "Encryption keys: status, rotate (add a key and re-encrypt everything), generate."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("status", help="which keys exist and how much data each one seals")
        rotate = sub.add_parser(
            "rotate",
            help="add a new key, then re-encrypt all data under it; "
            "resumes an interrupted rotation",
        )
        rotate.add_argument("--batch-size", type=int, default=500)
        sub.add_parser("generate", help="print a new random key (for RIGHTSDESK_* env variables)")

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        if action == "generate":
            self.stdout.write(generate_key_text())
        elif action == "status":
            self._status()
        else:
            self._rotate(options["batch_size"])

    def _status(self) -> None:
        ring = crypto.keyring()
        self.stdout.write(f"Keys from: {ring.source}")
        self.stdout.write(
            f"Encryption key versions: {sorted(ring.encryption_keys)}; "
            f"current: {ring.current_version}"
        )
        pending = rotation_plan()
        if not pending:
            self.stdout.write("Everything is encrypted with the current key.")
        for work in pending:
            self.stdout.write(f"  still under an older key: {work.label}: {work.remaining}")

    def _rotate(self, batch_size: int) -> None:
        ring = crypto.keyring()
        key_file = Path(settings.KEY_FILE)
        if ring.from_file and not ring.rotation_unfinished:
            ring = add_encryption_key(key_file)
            crypto.use_keyring(ring)
            keys_record(ring)
            audit_record(
                by="keys rotate", action="key_added", detail={"version": ring.current_version}
            )
            self.stdout.write(
                f"Added key version {ring.current_version} to {key_file}. "
                "Back up the key file again now."
            )
        elif ring.from_file:
            # The key may have been added just before an interruption: record its check now.
            keys_record(ring)
            self.stdout.write(f"Resuming the rotation to key version {ring.current_version}.")
        else:
            keys_record(ring)
            self.stdout.write(
                "Keys come from RIGHTSDESK_ENCRYPTION_KEYS: re-encrypting under its "
                f"highest version, {ring.current_version}. To rotate, add a new "
                "version there first."
            )
        plan = rotation_plan(batch_size=batch_size)
        total = sum(work.remaining for work in plan)
        with tqdm(total=total, unit="item", desc="Re-encrypting", disable=None) as bar:
            for work in plan:
                bar.set_postfix_str(work.label)
                work.run(bar.update)
        leftover = rotation_plan()
        if leftover:
            raise CommandError(
                "Some data is still under an older key (it changed while rotating); "
                "run `rightsdesk keys rotate` again."
            )
        if ring.from_file:
            mark_rotation_finished(key_file)
            crypto.use_keyring(replace(ring, rotation_unfinished=False))
        audit_record(
            by="keys rotate",
            action="key_rotation_finished",
            detail={"version": ring.current_version, "items": total},
        )
        self.stdout.write(
            f"Done: {total} item(s) re-encrypted under key version "
            f"{ring.current_version}. Keep old keys until every backup made "
            "with them has expired."
        )
