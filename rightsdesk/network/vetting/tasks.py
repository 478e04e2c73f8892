"""Background work for vetting. Arguments are ids only: the task queue never holds people's
data."""

from __future__ import annotations

from huey.contrib.djhuey import db_task

from rightsdesk.network.models import Volunteer


class NotificationFailed(Exception):
    """An email could not be sent; the message names no one."""


@db_task(retries=5, retry_delay=300)
def notify_volunteer(volunteer_id: int, notice: str) -> None:
    from rightsdesk.network.vetting.services import volunteer_notify

    volunteer = Volunteer.objects.filter(pk=volunteer_id).first()
    if volunteer is None:
        return
    try:
        volunteer_notify(volunteer=volunteer, notice=notice)
    except Exception as error:
        # Mail errors quote the recipient's address; the queue logs only the id and the kind.
        raise NotificationFailed(
            f"email {notice} for volunteer {volunteer_id} failed: {type(error).__name__}"
        ) from None
