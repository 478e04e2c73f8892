"""Volunteer trainings are events of kind "training" on the calendar, kept in step with the
training the coordinator edits; volunteers register in their portal, not on the public page."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from rightsdesk.accounts.models import User
from rightsdesk.conftest import sign_in
from rightsdesk.events.models import Event, Registration
from rightsdesk.network.models import TrainingTopic
from rightsdesk.network.trainings import services as trainings

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(make_staff):
    return make_staff(User.Role.COORDINATOR)


def _training(coordinator, **changes):
    starts = timezone.now() + timedelta(days=5)
    data = {
        "topic": TrainingTopic.objects.get(key="detention-visit-orientation"),
        "title": "Detention visit orientation",
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=2),
        "place": "Jackson office, 200 Example St",
        "online": False,
        "cle_hours": Decimal("2.50"),
        "capacity": 20,
        "description": "Bring your bar card.",
        **changes,
    }
    return trainings.training_save(training=None, data=data, by=coordinator), data


def test_a_training_is_on_the_calendar_and_follows_its_changes(coordinator, client):
    training, data = _training(coordinator)
    event = Event.objects.get(training=training)
    assert (event.kind, event.title, event.address, event.capacity) == (
        "training",
        "Detention visit orientation",
        "Jackson office, 200 Example St",
        20,
    )
    assert event.starts_at == training.starts_at and not event.walk_ins
    trainings.training_save(
        training=training, data={**data, "title": "Orientation (online)", "online": True,
                                 "place": ""}, by=coordinator,
    )  # fmt: skip
    event.refresh_from_db()
    assert (event.title, event.place, event.address) == ("Orientation (online)", "online", "")
    assert [e.title for e in client.get("/events/?kind=training").context["page"]] == [
        "Orientation (online)"
    ]
    trainings.training_cancel(training=training, by=coordinator)
    event.refresh_from_db()
    assert event.is_cancelled
    assert Event.objects.count() == 1


def test_its_public_page_sends_volunteers_to_their_portal_and_takes_no_sign_up(coordinator, client):
    training, _ = _training(coordinator)
    event = training.calendar_event
    page = client.get(f"/events/{event.pk}/")
    body = page.content.decode()
    assert page.context["form"] is None
    assert "Continuing legal education: 2.5 hours." in body
    assert "/portal/trainings/" in body and "/volunteer/" in body
    refused = client.post(f"/events/{event.pk}/register/", {"party_size": "1"})
    assert refused.status_code == 400 and "volunteer home" in refused.content.decode()
    assert not Registration.objects.exists()


def test_organisers_are_told_where_a_training_is_changed_and_the_coordinator_is_taken_there(
    coordinator, make_staff
):
    training, _ = _training(coordinator)
    event = training.calendar_event
    organiser = sign_in(Client(), make_staff(User.Role.ORGANISER))
    note = organiser.get(f"/staff/events/{event.pk}/")
    assert note.status_code == 200 and "volunteer coordinator changes it" in note.content.decode()
    assert (
        "volunteer coordinator"
        in organiser.get(f"/staff/events/{event.pk}/attendees/").content.decode()
    )
    organiser.post(f"/staff/events/{event.pk}/cancel/")
    event.refresh_from_db()
    assert not event.is_cancelled  # only cancelling the training cancels it
    desk = sign_in(Client(), coordinator)
    response = desk.get(f"/staff/events/{event.pk}/")
    assert response.status_code == 302
    assert response["Location"] == f"/staff/network/trainings/{training.pk}/"
    listed = organiser.get("/staff/events/").content.decode()
    assert "Volunteer training: the coordinator changes it" in listed


@pytest.mark.django_db(transaction=True)
def test_trainings_made_before_the_calendar_get_their_entry_when_it_is_installed():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from rightsdesk.network.tests.trainings_helpers import make_training

    executor = MigrationExecutor(connection)
    executor.migrate([("events", None)])  # as before the events app existed
    try:
        training = make_training(title="Credible-fear interviews")
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes("events"))
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    event = Event.objects.get(training_id=training.pk)
    assert (event.kind, event.title, event.starts_at) == (
        "training",
        "Credible-fear interviews",
        training.starts_at,
    )


def test_where_a_training_meets_stays_off_the_public_pages_and_it_cannot_be_copied(
    coordinator, client, make_staff
):
    training, _ = _training(coordinator, place="Room 2, Safe Haven Shelter, Jackson")
    event = training.calendar_event
    assert "Safe Haven" not in client.get(f"/events/{event.pk}/").content.decode()
    assert b"Safe Haven" not in client.get("/events/events.ics").content
    organiser = sign_in(Client(), make_staff(User.Role.ORGANISER))
    form = organiser.get(f"/staff/events/new/?copy={event.pk}").context["form"]
    assert not form.initial  # a plain new event, not a public copy of the training
