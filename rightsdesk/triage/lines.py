"""Reading complaints from JSONL for the command line: one complaint per line, either a complaint
object or {"id": ..., "complaint": {...}} with other keys ignored. Bad lines are reported, not
fatal, because screening a file should screen everything it can."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any


def read_complaints(stream: IO[str], errors: IO[str]) -> Iterator[tuple[str, dict[str, Any]]]:
    for number, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            errors.write(f"line {number}: not JSON ({error.msg})\n")
            continue
        if not isinstance(record, dict):
            errors.write(f"line {number}: not a JSON object\n")
            continue
        if isinstance(record.get("complaint"), dict):
            yield str(record.get("id", number)), record["complaint"]
        else:
            yield str(record.get("id", number)), record
