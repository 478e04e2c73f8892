"""The last attorney place on a visit goes to one volunteer even when two take it at once."""

import threading

import pytest
from django.db import connection

from rightsdesk.accounts.services import staff_create
from rightsdesk.network.models import VisitSignup
from rightsdesk.network.tests.visits_helpers import make_visit, make_volunteer
from rightsdesk.network.visits import services

TAKEN = "That place has just been taken or is not one you can take."


# The suite's SQLite database is an in-memory one shared between threads, where a second writer
# fails at once ("table is locked") instead of queueing as the real file database's IMMEDIATE
# transactions make it; so the race is run where it means something: on PostgreSQL, where the
# service's SELECT ... FOR UPDATE on the visit is what keeps the count right.
@pytest.mark.skipif(
    connection.vendor == "sqlite", reason="in-memory SQLite does not queue concurrent writers"
)
@pytest.mark.django_db(transaction=True)
def test_two_attorneys_claiming_the_last_place_at_once_get_one_signup():
    visit = make_visit(attorneys_needed=1)
    attorneys = []
    for n in range(2):
        user, _ = staff_create(by=None, username=f"racer{n}", role="volunteer_attorney")
        attorneys.append(
            make_volunteer(kind="attorney", user=user, name=f"Example Racer {n}", trained=True)
        )
    start = threading.Barrier(len(attorneys))
    outcomes: list[str] = []

    def claim(volunteer):
        try:
            start.wait()
            services.visit_signup_claim(
                visit=visit, volunteer=volunteer, role=VisitSignup.Role.ATTORNEY, by=volunteer.user
            )
            outcomes.append("claimed")
        except services.SignupRefused as refusal:
            outcomes.append(str(refusal))
        finally:
            connection.close()

    threads = [threading.Thread(target=claim, args=(v,)) for v in attorneys]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == sorted(["claimed", TAKEN])
    active = VisitSignup.objects.filter(visit=visit, cancelled_at__isnull=True)
    assert active.filter(role=VisitSignup.Role.ATTORNEY).count() == 1
    assert active.count() == 1
