from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task


@db_periodic_task(crontab(minute="*/15"))
def count_uncounted(limit: int = 500) -> int:
    """Count complaints screened before the reports existed, or whose refresh a crash lost."""
    from rightsdesk.reports.services import facts_catch_up

    return facts_catch_up(limit)
