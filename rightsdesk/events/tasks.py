"""Background work for events: emails to people who signed up and the day-before reminder.
Arguments are ids only: the task queue never holds people's data."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task


class NotificationFailed(Exception):
    """An email could not be sent; the message names no one."""


@db_task(retries=5, retry_delay=300)
def notify_registration(registration_id: int, notice: str) -> None:
    from rightsdesk.events.notify import registration_notify

    try:
        registration_notify(registration_id=registration_id, notice=notice)
    except Exception as error:
        # Mail errors quote the recipient's address; keep only the id and the kind of error.
        raise NotificationFailed(
            f"event email {notice} for registration {registration_id} failed: "
            f"{type(error).__name__}"
        ) from None


@db_periodic_task(crontab(minute="5"))
def send_event_reminders() -> int:
    from rightsdesk.events.registrations import reminders_send

    # Hourly: someone who signs up late in the day still gets the reminder the day before.
    return reminders_send()
