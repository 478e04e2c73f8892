"""Background work for facility visits: emails to volunteers and the day-before reminder.
Arguments are ids only: the task queue never holds people's data."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task


class NotificationFailed(Exception):
    """An email could not be sent; the message names no one."""


@db_task(retries=5, retry_delay=300)
def notify_signup(signup_id: int, event: str) -> None:
    from rightsdesk.network.visits.notify import signup_notify

    try:
        signup_notify(signup_id=signup_id, event=event)
    except Exception as error:
        # Mail errors quote the recipient's address; keep only the id and the kind of error.
        raise NotificationFailed(
            f"visit email {event} for signup {signup_id} failed: {type(error).__name__}"
        ) from None


@db_periodic_task(crontab(minute="0"))
def send_visit_reminders() -> int:
    from rightsdesk.network.visits.services import visit_reminders_send

    # Hourly: a visit someone joins late in the day still gets its reminder the day before.
    return visit_reminders_send()
