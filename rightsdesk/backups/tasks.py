"""The scheduled backup. Found by the worker like every tasks.py."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task


# 08:40 UTC is early morning in Mississippi (02:40 or 03:40), when hardly anyone is working.
@db_periodic_task(crontab(hour="8", minute="40"))
def backup_daily() -> str:
    from rightsdesk.backups.services import backup_scheduled

    # Only the file's name goes to the task's result: it says nothing about anyone.
    return backup_scheduled().path.name
