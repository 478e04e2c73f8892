"""Background work for trainings. Arguments are ids only: the queue never holds anyone's details."""

from __future__ import annotations

from huey.contrib.djhuey import db_task


@db_task(retries=5, retry_delay=300)
def notify_registration(registration_id: int) -> None:
    from rightsdesk.network.models import TrainingRegistration
    from rightsdesk.network.trainings.services import registration_notify

    registration = (
        TrainingRegistration.objects.select_related("training", "volunteer")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None:
        return
    try:
        registration_notify(registration=registration)
    except Exception as error:
        # Mail errors quote the recipient's address: retry with the registration's id only.
        raise NotificationFailed(
            f"email for training registration {registration_id} failed: {type(error).__name__}"
        ) from None


class NotificationFailed(Exception):
    """A confirmation could not be sent; the message names no one."""
