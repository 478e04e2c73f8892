from __future__ import annotations

import base64
import binascii
import json
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from rightsdesk.intake import services
from rightsdesk.intake.uploads import UploadRefused, check_upload
from rightsdesk.vault.audit import audit_record


def _complaint_of(record: Any) -> dict[str, Any]:
    """A line is a complaint object, or {"id": ..., "complaint": {...}} with other keys ignored."""
    if isinstance(record, dict) and isinstance(record.get("complaint"), dict):
        return record["complaint"]
    if isinstance(record, dict):
        return record
    raise ValueError("the line is not a JSON object")


def _decoded_documents(complaint: dict[str, Any]) -> list[tuple[dict[str, Any], Any, Any]]:
    found = []
    files = bytes_so_far = 0
    for document in complaint.get("documents", []):
        content = document.get("content_base64")
        if content is None:
            continue
        try:
            raw = base64.b64decode(content, validate=True)
        except (binascii.Error, ValueError):
            raise ValueError(f"document {document.get('filename')!r}: not valid base64") from None
        upload = SimpleUploadedFile(document.get("filename", "document"), raw)
        try:
            checked = check_upload(upload, files_so_far=files, bytes_so_far=bytes_so_far)
        except UploadRefused as refusal:
            raise ValueError(f"document refused ({refusal.code})") from None
        files, bytes_so_far = files + 1, bytes_so_far + checked.size
        found.append((document, upload, checked))
    return found


class Command(BaseCommand):
    help = (
        "Validate and import complaints from a JSONL file (one complaint per line). If any "
        "line is bad, each bad line is reported and nothing is imported."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        try:
            lines = file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"cannot read {file}: {error}") from None
        ready: list[tuple[dict[str, Any], list[Any]]] = []
        problems: list[str] = []
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                complaint = _complaint_of(json.loads(line))
                errors = services.complaint_validate(complaint)
                if errors:
                    raise ValueError("; ".join(errors))
                ready.append((complaint, _decoded_documents(complaint)))
            except (ValueError, json.JSONDecodeError) as error:
                problems.append(f"line {number}: {error}")
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            raise CommandError(f"{len(problems)} bad line(s) in {file}; nothing was imported.")
        if not ready:
            raise CommandError(f"{file} holds no complaints.")
        references = []
        with transaction.atomic():
            for complaint, documents in ready:
                data = {k: v for k, v in complaint.items() if k != "documents"}
                data["documents"] = [
                    {k: v for k, v in d.items() if k != "content_base64"}
                    for d in complaint.get("documents", [])
                ]
                made, _code = services.complaint_create(
                    data=data,
                    kind=complaint.get("kind", "help"),
                    source="import",
                    language=complaint.get("language", "en"),
                    by="import",
                )
                for document, upload, checked in documents:
                    services.complaint_add_document(
                        complaint=made,
                        upload=upload,
                        checked=checked,
                        kind=document.get("kind", "other"),
                        by="import",
                    )
                references.append(made.reference)
            audit_record(
                by="import",
                action="import",
                object_type="intake.complaint",
                detail={"count": len(references)},
            )
        self.stdout.write(f"Imported {len(references)} complaint(s): {', '.join(references)}")
