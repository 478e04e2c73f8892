"""The last seat of a training goes to one person even when several take it at the same moment."""

import threading

import pytest
from django.db import connection

from rightsdesk.network.models import TrainingRegistration
from rightsdesk.network.tests.trainings_helpers import make_training, make_volunteer
from rightsdesk.network.trainings import services


# The suite's SQLite database is an in-memory one shared between threads, where a second writer
# fails at once ("table is locked") instead of queueing as the real file database's IMMEDIATE
# transactions make it; so the race is run where it means something: on PostgreSQL, where the
# service's SELECT ... FOR UPDATE on the training is what keeps the count right.
@pytest.mark.skipif(
    connection.vendor == "sqlite", reason="in-memory SQLite does not queue concurrent writers"
)
@pytest.mark.django_db(transaction=True)
def test_four_people_taking_the_last_two_seats_at_once_get_two_registrations():
    training = make_training(capacity=2)
    volunteers = [make_volunteer(name=f"Example Racer {n}") for n in range(4)]
    start = threading.Barrier(len(volunteers))
    outcomes: list[str] = []

    def take(volunteer):
        try:
            start.wait()
            services.training_register(training=training, volunteer=volunteer, by="test")
            outcomes.append("registered")
        except services.RegistrationRefused as refusal:
            outcomes.append(refusal.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=take, args=(v,)) for v in volunteers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["full", "full", "registered", "registered"]
    assert TrainingRegistration.objects.filter(training=training).count() == 2
