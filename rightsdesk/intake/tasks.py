"""Background work for intake. Arguments are ids only: the task queue never holds people's data."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from rightsdesk.intake.models import Complaint


@db_task(retries=5, retry_delay=300)
def notify_complaint(complaint_id: int, receipt: bool) -> None:
    from rightsdesk.intake.services import complaint_notify

    complaint = Complaint.objects.filter(pk=complaint_id).first()
    if complaint is None:
        return
    try:
        complaint_notify(complaint=complaint, receipt=receipt)
    except Exception as error:
        # Mail errors quote the recipient's address; the queue logs and retries with only the
        # complaint's id and the kind of error.
        raise NotificationFailed(
            f"email for complaint {complaint_id} failed: {type(error).__name__}"
        ) from None


class NotificationFailed(Exception):
    """An email could not be sent; the message names no one."""


@db_periodic_task(crontab(minute="17"))
def purge_expired_drafts() -> int:
    from rightsdesk.intake.services import drafts_purge_expired

    return drafts_purge_expired()
