"""Signing up for an event: places, the waiting list that moves up by itself, the cancel code,
check-in on the day and the day-before reminder. Each change is in the audit log with the
registration's id only; emails go through the worker after the commit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from rightsdesk.events.models import Event, Registration
from rightsdesk.intake import codes
from rightsdesk.vault.audit import audit_record

# Mixed into the cancel code's hash, so it can never match a complaint's status code.
CANCEL = "event-cancel"
MAX_PARTY = 10


class RegistrationRefused(Exception):
    """The event cannot take this sign-up; the message, in the person's language, says why."""


@dataclass(frozen=True)
class Places:
    capacity: int | None
    taken: int
    waiting: int

    @property
    def left(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.taken, 0)


def places(event: Event) -> Places:
    counts = dict(
        event.registrations.exclude(status=Registration.Status.CANCELLED)
        .values_list("status")
        .annotate(people=Sum("party_size"))
        .order_by()
    )
    return Places(
        capacity=event.capacity,
        taken=counts.get(Registration.Status.CONFIRMED, 0) or 0,
        waiting=counts.get(Registration.Status.WAITING, 0) or 0,
    )


def open_problem(event: Event, *, now: datetime | None = None) -> str:
    """Why nobody can sign up for the event now, in words; empty when they can."""
    now = now or timezone.now()
    if event.training_id is not None:
        return _("Volunteers sign up for trainings from their volunteer home.")
    if event.is_cancelled:
        return _("This event is cancelled, so you cannot sign up. We are sorry.")
    if event.starts_at <= now:
        return _("This event has already started, so sign-up is closed.")
    return ""


def registration_make(
    *, event: Event, data: dict[str, Any], language: str, token: str | None
) -> tuple[Registration, str | None]:
    """Keep a place (or a place in line) for ``data`` (validated by RegistrationForm) and return
    the registration with its new cancel code. The same form sent twice (same token) returns
    the first registration and no code."""
    if token:
        existing = Registration.objects.filter(submission_token=token).first()
        if existing is not None:
            return existing, None
    for _attempt in range(5):
        code = codes.new_status_code()
        try:
            with transaction.atomic():
                # The event row is the lock: two people cannot both take the last place.
                locked = Event.objects.select_for_update().get(pk=event.pk)
                problem = open_problem(locked)
                if problem:
                    raise RegistrationRefused(problem)
                size = data["party_size"]
                if locked.capacity is not None and size > locked.capacity:
                    raise RegistrationRefused(
                        _("This event has %(places)d places in all: please sign up fewer people.")
                        % {"places": locked.capacity}
                    )
                now = timezone.now()
                left = places(locked).left
                # Nobody jumps the line: while anyone waits, newcomers wait behind them.
                fits = left is None or size <= left
                status = (
                    Registration.Status.CONFIRMED
                    if fits and not _line(locked, could_fit=True).exists()
                    else Registration.Status.WAITING
                )
                registration = Registration.objects.create(
                    event=locked,
                    status=status,
                    name=data.get("name", ""),
                    email=data.get("email", ""),
                    phone=data.get("phone", ""),
                    party_size=size,
                    interpretation=data.get("interpretation", ""),
                    needs=data.get("needs", ""),
                    language=language if language in {"en", "es"} else "en",
                    cancel_code_hash=codes.code_hash(CANCEL, code),
                    submission_token=token or None,
                    created_at=now,
                    status_changed_at=now,
                )
                audit_record(
                    by="public",
                    action="event_registered",
                    obj=locked,
                    detail={"registration": registration.pk, "status": status},
                )
                _notify_later(registration, "registered")
        except IntegrityError:
            if token:
                existing = Registration.objects.filter(submission_token=token).first()
                if existing is not None:
                    return existing, None
            continue  # a code clash: draw another
        return registration, code
    raise RuntimeError("could not draw a free cancel code")


def _line(event: Event, *, could_fit: bool = False) -> Any:
    """The waiting list; with ``could_fit``, only groups the event could ever take (a group
    left bigger than a lowered capacity must not block everyone behind it)."""
    line = event.registrations.filter(status=Registration.Status.WAITING)
    if could_fit and event.capacity is not None:
        line = line.filter(party_size__lte=event.capacity)
    return line


def registration_find(code: str) -> Registration | None:
    """The registration a cancel code belongs to, or None."""
    return (
        Registration.objects.filter(cancel_code_hash=codes.code_hash(CANCEL, code))
        .select_related("event")
        .first()
    )


def registration_cancel(*, registration: Registration, by: Any = "public") -> list[Registration]:
    """Give the place up; whoever is first in line moves up into it. Returns those moved up."""
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        current = Registration.objects.get(pk=registration.pk)
        if current.status == Registration.Status.CANCELLED:
            return []
        current.status = Registration.Status.CANCELLED
        current.status_changed_at = timezone.now()
        current.save(update_fields=["status", "status_changed_at"])
        audit_record(
            by=by,
            action="event_registration_cancelled",
            obj=event,
            detail={"registration": current.pk},
        )
        return move_up(event)


def move_up(event: Event) -> list[Registration]:
    """Fill free places from the waiting list, in the order people joined it. Called inside
    the transaction that holds the event's lock. Someone whose group is bigger than the places
    left keeps their turn: the next place that frees up goes to them, not to a later smaller
    group (first come, first served). Nobody moves up once the event has started: a "a place
    opened" email then would come too late."""
    if event.is_cancelled or event.starts_at <= timezone.now():
        return []
    left = places(event).left
    moved: list[Registration] = []
    for waiting in _line(event, could_fit=True).order_by("created_at", "pk"):
        if left is not None and waiting.party_size > left:
            break
        waiting.status = Registration.Status.CONFIRMED
        waiting.status_changed_at = timezone.now()
        waiting.save(update_fields=["status", "status_changed_at"])
        audit_record(
            by="system",
            action="event_registration_moved_up",
            obj=event,
            detail={"registration": waiting.pk},
        )
        _notify_later(waiting, "moved_up")
        moved.append(waiting)
        if left is not None:
            left -= waiting.party_size
    return moved


def notify_event_cancelled(event: Event) -> None:
    """Everyone with a place or in line hears that the event is off (after the commit)."""
    for registration in event.registrations.exclude(status=Registration.Status.CANCELLED):
        _notify_later(registration, "event_cancelled")


# --- the day itself ----------------------------------------------------------------------


def notify_event_changed(event: Event) -> None:
    """The day, time or place changed: everyone with a place or in line hears it, and the
    day-before reminder goes again for the new day."""
    people = event.registrations.exclude(status=Registration.Status.CANCELLED)
    people.update(reminder_sent_at=None)
    for registration in people:
        _notify_later(registration, "event_changed")


@transaction.atomic
def check_in(*, registration: Registration, by: Any, undo: bool = False) -> None:
    registration.checked_in_at = None if undo else timezone.now()
    registration.checked_in_by_id = None if undo else by.pk
    registration.save(update_fields=["checked_in_at", "checked_in_by_id"])
    audit_record(
        by=by,
        action="event_check_in_undone" if undo else "event_checked_in",
        obj=registration.event,
        detail={"registration": registration.pk},
    )


AFTER_EVENT_FIELDS = (
    "walk_in_count",
    "feedback_useful",
    "feedback_somewhat",
    "feedback_not_useful",
)


@transaction.atomic
def after_event_record(*, event: Event, counts: dict[str, int | None], by: Any) -> None:
    """The head count of walk-ins and the feedback slips, as the organiser counted them."""
    for name in AFTER_EVENT_FIELDS:
        setattr(event, name, counts.get(name))
    event.save(update_fields=list(AFTER_EVENT_FIELDS))
    audit_record(
        by=by,
        action="event_counts",
        obj=event,
        detail={n: counts.get(n) for n in AFTER_EVENT_FIELDS},
    )


# --- emails ------------------------------------------------------------------------------


def _notify_later(registration: Registration, notice: str) -> None:
    if not registration.email:
        return  # phone only: the text-message notifier is not built yet
    from rightsdesk.events.tasks import notify_registration

    transaction.on_commit(lambda: notify_registration(registration.pk, notice))


def reminders_send(*, now: datetime | None = None) -> int:
    """Remind everyone with a place at an event tomorrow (local date), once each; marked sent in
    the same transaction as the email is queued, so none goes twice."""
    now = now or timezone.now()
    tomorrow = timezone.localtime(now).date() + timezone.timedelta(days=1)
    start = timezone.make_aware(datetime.combine(tomorrow, datetime.min.time()))
    end = start + timezone.timedelta(days=1)
    due = [
        registration.pk
        for registration in Registration.objects.filter(
            status=Registration.Status.CONFIRMED,
            reminder_sent_at__isnull=True,
            event__cancelled_at__isnull=True,
            event__starts_at__gte=start,
            event__starts_at__lt=end,
        ).only("pk", "email")
        # Only email can be sent today; the others wait for the text-message notifier.
        if registration.email
    ]
    sent = 0
    for pk in due:
        with transaction.atomic():
            if not Registration.objects.filter(pk=pk, reminder_sent_at__isnull=True).update(
                reminder_sent_at=now
            ):
                continue
            _notify_later(Registration.objects.get(pk=pk), "reminder")
            sent += 1
    return sent
