"""Changes to events, each in the audit log."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from rightsdesk.core.handouts import handout_delete, handout_store
from rightsdesk.events.models import Event, EventMaterial
from rightsdesk.events.registrations import move_up, notify_event_cancelled, notify_event_changed
from rightsdesk.vault.audit import audit_change, audit_record

EVENT_FIELDS = (
    "kind",
    "title",
    "description",
    "starts_at",
    "ends_at",
    "place",
    "address",
    "county",
    "languages",
    "interpretation",
    "accessibility",
    "host",
    "capacity",
    "walk_ins",
    "sensitive",
)


# What people who signed up must hear about when it changes.
WHEN_AND_WHERE = {"starts_at", "ends_at", "place", "address"}


@transaction.atomic
def event_save(*, event: Event | None, data: dict[str, Any], by: Any) -> Event:
    """Create an event (``event=None``) or change one. ``data`` holds EVENT_FIELDS."""
    creating = event is None
    if event is None:
        event = Event(created_by_id=getattr(by, "pk", None))
    else:
        event = Event.objects.select_for_update().get(pk=event.pk)
    changed = [name for name in EVENT_FIELDS if getattr(event, name, None) != data[name]]
    for name in EVENT_FIELDS:
        setattr(event, name, data[name])
    event.save()
    if "capacity" in changed:
        # More places (or no limit now): the waiting list moves up at once.
        move_up(event)
    if not creating and WHEN_AND_WHERE & set(changed):
        notify_event_changed(event)
    if creating:
        audit_record(by=by, action="event_created", obj=event)
    else:
        audit_change(by=by, obj=event, fields=changed)
    return event


@transaction.atomic
def event_copies_make(*, source: Event, stops: list[dict[str, Any]], by: Any) -> list[Event]:
    """The same event on other days in other towns (a tour): each stop gives ``day`` and, for an
    event with a place, ``address`` and ``county``; times and everything else are copied."""
    from django.utils.timezone import localtime

    from rightsdesk.network.trainings.services import local_datetime

    # Wall-clock times: a 6 pm workshop stays at 6 pm across a daylight-saving change.
    starts, ends = localtime(source.starts_at).time(), localtime(source.ends_at).time()
    made = []
    for stop in stops:
        data = {name: getattr(source, name) for name in EVENT_FIELDS}
        data["starts_at"] = local_datetime(stop["day"], starts)
        data["ends_at"] = local_datetime(stop["day"], ends)
        if source.place != Event.Place.ONLINE:
            data["address"], data["county"] = stop["address"], stop["county"]
        copy = event_save(event=None, data=data, by=by)
        made.append(copy)
    if made:
        audit_record(
            by=by, action="event_copied", obj=source, detail={"copies": [e.pk for e in made]}
        )
    return made


@transaction.atomic
def event_cancel(*, event: Event, by: Any) -> None:
    if event.cancelled_at is not None:
        return
    event.cancelled_at = timezone.now()
    event.save(update_fields=["cancelled_at"])
    audit_record(by=by, action="event_cancelled", obj=event)
    notify_event_cancelled(event)


# --- materials -----------------------------------------------------------------------------


@transaction.atomic
def material_add(*, event: Event, upload: Any, checked: Any, by: Any) -> EventMaterial:
    material = handout_store(EventMaterial(event=event), upload=upload, checked=checked, by=by)
    audit_record(by=by, action="material_added", obj=event, detail={"material": material.pk})
    return material


@transaction.atomic
def material_remove(*, material: EventMaterial, by: Any) -> None:
    event = material.event
    pk = handout_delete(material)
    audit_record(by=by, action="material_removed", obj=event, detail={"material": pk})
