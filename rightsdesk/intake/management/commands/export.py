from __future__ import annotations

import base64
import getpass
import json
import os
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rightsdesk.accounts.models import User
from rightsdesk.accounts.roles import ADMINS
from rightsdesk.intake.models import Complaint
from rightsdesk.intake.uploads import remove_location
from rightsdesk.vault.audit import EXPORT, audit_record


class Command(BaseCommand):
    help = (
        "Write every complaint as JSONL ({id, status, received_at, complaint}). Only for an "
        "active admin account, named with --by; the export is audit logged."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--by", required=True, help="the admin's username")
        parser.add_argument("--output", type=Path, help="a file (default: standard output)")
        parser.add_argument(
            "--with-files",
            action="store_true",
            help="include documents (pictures without location data)",
        )

    def handle(
        self, *args: Any, by: str, output: Path | None, with_files: bool, **options: Any
    ) -> None:
        admin = User.objects.filter(username=by, is_active=True, role__in=ADMINS).first()
        if admin is None:
            raise CommandError(f"{by!r} is not an active admin account; only admins may export.")
        # Recorded before anything is written: an interrupted export still leaves its trace.
        audit_record(
            by=admin,
            action="export_started",
            object_type="intake.complaint",
            object_id="all",
            detail={"os_user": getpass.getuser(), "with_files": with_files},
        )
        if output:
            try:
                # Private to its owner, and never over an existing file.
                fd = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                raise CommandError(f"{output} already exists; choose a new file.") from None
            out = os.fdopen(fd, "w", encoding="utf-8")
        else:
            out = sys.stdout
        count = 0
        try:
            complaints = Complaint.objects.order_by("received_at").prefetch_related("documents")
            for complaint in complaints.iterator(chunk_size=500):
                data = dict(complaint.data)
                if with_files:
                    data["documents"] = [self._document(d) for d in complaint.documents.all()]
                record = {
                    "id": complaint.reference,
                    "status": complaint.status,
                    "received_at": complaint.received_at.isoformat(),
                    "complaint": data,
                }
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
        finally:
            if output:
                out.close()
        audit_record(
            by=admin,
            action=EXPORT,
            object_type="intake.complaint",
            object_id="all",
            detail={"count": count, "with_files": with_files},
        )
        self.stderr.write(f"Exported {count} complaint(s).")

    def _document(self, document: Any) -> dict[str, Any]:
        with document.file.open("rb") as handle:
            raw, _kind = remove_location(handle.read(), document.file_type)
        return {
            "filename": document.original_name,
            "kind": document.kind,
            "content_base64": base64.b64encode(raw).decode("ascii"),
        }
