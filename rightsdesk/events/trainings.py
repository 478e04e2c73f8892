"""Volunteer trainings (network app) on the events calendar, as events of kind "training".

The training stays the source: its coordinator edits it, volunteers register in their portal,
attendance there feeds the CLE certificates. This module only keeps its calendar entry in step,
so the public and the organisers see every training among the other events and feeds."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from rightsdesk.events.models import Event


def training_event_fields(training: Any) -> dict[str, Any]:
    return {
        "kind": Event.Kind.TRAINING,
        "title": training.title,
        "description": training.description,
        "starts_at": training.starts_at,
        "ends_at": training.ends_at,
        # Trainings were for volunteers only: where they meet (a shelter's room, an office) is
        # given to the volunteers in their portal, not to the public.
        "place": Event.Place.ONLINE if training.online else Event.Place.AFTER_SIGNUP,
        "address": "" if training.online else training.place,
        "languages": ",en,",
        "capacity": training.capacity,
        "walk_ins": False,
        "host": settings.ORGANISATION_NAME,
        "cancelled_at": training.cancelled_at,
    }


def training_event_sync(training: Any) -> Event:
    """Create or update the training's calendar entry; called in the training's transaction."""
    event, _created = Event.objects.update_or_create(
        training=training, defaults=training_event_fields(training)
    )
    return event
