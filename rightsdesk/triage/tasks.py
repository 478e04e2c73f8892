from __future__ import annotations

from huey.contrib.djhuey import db_task

from rightsdesk.intake.models import Complaint


@db_task(retries=3, retry_delay=60)
def screen_complaint(complaint_id: int) -> None:
    from rightsdesk.triage.services import screening_run

    complaint = Complaint.objects.filter(pk=complaint_id).first()
    if complaint is not None:
        screening_run(complaint=complaint)
