"""Events for the tests: fictional, in real Mississippi places."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from rightsdesk.events.models import Event

HINDS, MADISON, LEAKE = "28049", "28089", "28079"


def make_event(*, starts: datetime | None = None, hours: float = 2, **fields: Any) -> Event:
    starts = starts or timezone.now() + timedelta(days=7)
    fields.setdefault("kind", Event.Kind.KNOW_YOUR_RIGHTS)
    fields.setdefault("title", "Know your rights at home and at work")
    fields.setdefault("address", "Canton Public Library, 102 Priestley St, Canton, MS")
    fields.setdefault("county", MADISON)
    fields.setdefault("languages", ",en,es,")
    return Event.objects.create(starts_at=starts, ends_at=starts + timedelta(hours=hours), **fields)


def sign_up(client: Any, event: Event, **data: Any) -> Any:
    """Post the event's sign-up form the way a browser does (a fresh page's token)."""
    page = client.get(f"/events/{event.pk}/")
    token = page.context["form"]["token"].value()
    form = {"token": token, "party_size": "1", **data}
    return client.post(f"/events/{event.pk}/register/", form)
