"""Background work for intake. Arguments are ids only: the task queue never holds people's data."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from rightsdesk.intake.models import Complaint


@db_task(retries=5, retry_delay=300)
def notify_complaint(complaint_id: int, receipt: bool) -> None:
    from rightsdesk.intake.services import complaint_notify

    complaint = Complaint.objects.filter(pk=complaint_id).first()
    if complaint is not None:
        complaint_notify(complaint=complaint, receipt=receipt)


@db_periodic_task(crontab(minute="17"))
def purge_expired_drafts() -> int:
    from rightsdesk.intake.services import drafts_purge_expired

    return drafts_purge_expired()
