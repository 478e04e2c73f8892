from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task


@db_periodic_task(crontab(minute="*/5"))
def send_reminders() -> int:
    from rightsdesk.cases.services import reminders_send

    return reminders_send()
