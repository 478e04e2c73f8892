"""Emails to someone who signed up for an event, in their language.

When the organiser marked the event sensitive, no email names its topic, title or host: an
email can be read over a shoulder, and "Know your rights when ICE comes" on a phone's lock
screen can put someone in danger. It says only "your appointment" with the day, time and place.
"""

from __future__ import annotations

from rightsdesk.events.models import Registration
from rightsdesk.intake.notify import notifier, render_notice

TEMPLATES = {
    "registered": "events/emails/registered.txt",
    "moved_up": "events/emails/moved_up.txt",
    "reminder": "events/emails/reminder.txt",
    "event_cancelled": "events/emails/event_cancelled.txt",
    "event_changed": "events/emails/event_changed.txt",
}


def registration_notify(*, registration_id: int, notice: str) -> None:
    registration = Registration.objects.filter(pk=registration_id).select_related("event").first()
    if registration is None or not registration.email:
        return
    if notice != "event_cancelled" and (
        registration.status == Registration.Status.CANCELLED or registration.event.is_cancelled
    ):
        return  # cancelled (the place or the event) since the email was queued
    subject, body = render_notice(
        template=TEMPLATES[notice],
        language=registration.language,
        context={"registration": registration, "event": registration.event},
    )
    notifier().send(to=registration.email, subject=subject, body=body)
