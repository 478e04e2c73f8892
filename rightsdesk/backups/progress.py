"""tqdm progress bars for the backup commands (they hide themselves when not on a terminal)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from tqdm import tqdm

from rightsdesk.backups.archive import Progress


@contextmanager
def terminal_bars(description: str, total: int, unit: str) -> Iterator[Progress]:
    with tqdm(
        total=total, desc=description, unit=unit, unit_scale=unit == "B", disable=None
    ) as bar:
        yield bar.update
