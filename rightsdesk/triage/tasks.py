from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from rightsdesk.intake.models import Complaint


@db_task(retries=3, retry_delay=60)
def screen_complaint(complaint_id: int) -> None:
    from rightsdesk.triage.services import screening_run

    complaint = Complaint.objects.filter(pk=complaint_id).first()
    if complaint is not None:
        screening_run(complaint=complaint)


@db_periodic_task(crontab(minute="*/10"))
def screen_unscreened(limit: int = 200) -> int:
    """Catch up on complaints whose screening task was lost (a crash, a full queue)."""
    from rightsdesk.triage.services import screening_run

    missing = Complaint.objects.filter(screening__isnull=True).order_by("pk")[:limit]
    for complaint in missing:
        screening_run(complaint=complaint)
    return len(missing)
