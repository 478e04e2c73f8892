"""The volunteer's home at /portal/: only their own visits, trainings, mentoring pairs and
matters; where volunteers land; the staff home's way to the coordinator's home."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from rightsdesk.accounts.models import User
from rightsdesk.cases import services as cases
from rightsdesk.cases.models import Matter
from rightsdesk.conftest import sign_in
from rightsdesk.network.models import (
    MentorPair,
    Training,
    TrainingRegistration,
    TrainingTopic,
    VisitReport,
)
from rightsdesk.network.portal import services
from rightsdesk.network.tests.portal_helpers import (
    make_facility,
    make_visit,
    make_volunteer,
    sign_up,
)

pytestmark = pytest.mark.django_db

Role = User.Role


def _own_things(tag, user, make_staff, *, admin, topic):
    """A volunteer's upcoming visit, training, mentoring pair and matter, each named by tag.
    Returns the texts that must show on their home and on nobody else's."""
    volunteer = make_volunteer(user, name=f"{tag} Volunteer")
    today = timezone.localdate()
    visit = make_visit(facility=make_facility(f"{tag} County Jail"), on=today + timedelta(days=5))
    sign_up(visit, volunteer)
    past = make_visit(facility=make_facility(f"{tag} Past Facility"), on=today - timedelta(days=2))
    sign_up(past, volunteer)
    starts = timezone.now() + timedelta(days=10)
    training = Training.objects.create(
        topic=topic,
        title=f"{tag} orientation",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
    )
    TrainingRegistration.objects.create(
        training=training, volunteer=volunteer, registered_at=timezone.now()
    )
    mentor = make_staff(Role.ATTORNEY, first_name=f"{tag}mentor", last_name="Example")
    MentorPair.objects.create(mentee=volunteer, mentor=mentor, started_on=today)
    mentee = make_volunteer(name=f"{tag} Mentee")
    MentorPair.objects.create(mentee=mentee, mentor=user, started_on=today)
    matter = cases.matter_open(title=f"{tag} matter title", kind=Matter.Kind.IMMIGRATION, by=admin)
    cases.matter_member_add(matter=matter, user=user, role="volunteer_attorney", by=admin)
    services.conflict_confirm(matter=matter, user=user, has_conflict=False)
    unconfirmed = cases.matter_open(title=f"{tag} unconfirmed", kind="advocacy", by=admin)
    cases.matter_member_add(matter=unconfirmed, user=user, role="volunteer_attorney", by=admin)
    return {
        "visit": f"{tag} County Jail",
        "visit link": f"/portal/visits/{visit.pk}/",
        "report due": reverse("portal:report_file", kwargs={"pk": past.pk}),
        "training": f"{tag} orientation",
        "mentor": f"{tag}mentor Example",
        "mentee": f"{tag} Mentee",
        "matter": f"{tag} matter title",
        "matter link": f"/staff/matters/{matter.pk}/",
        "unconfirmed link": reverse("portal:portal_matter_confirm", kwargs={"pk": unconfirmed.pk}),
    }


@pytest.mark.parametrize("viewer", ["A", "B"])
def test_a_volunteer_sees_their_own_things_and_never_another_volunteers(client, make_staff, viewer):
    admin = make_staff(Role.ADMIN)
    topic = TrainingTopic.objects.create(key="orientation", name="Detention visit orientation")
    users = {tag: make_staff(Role.VOLUNTEER_ATTORNEY) for tag in "AB"}
    things = {
        tag: _own_things(tag, users[tag], make_staff, admin=admin, topic=topic) for tag in "AB"
    }
    other = "B" if viewer == "A" else "A"
    sign_in(client, users[viewer])
    body = client.get(reverse("portal:portal_home")).content.decode()
    missing = [k for k, text in things[viewer].items() if text not in body]
    leaked = [k for k, text in things[other].items() if text in body]
    assert missing == []
    assert leaked == []
    # A matter not yet confirmed is named by its number only.
    assert f"{viewer} unconfirmed" not in body


def test_cancelled_signups_cancelled_trainings_and_ended_pairs_leave_the_home(client, make_staff):
    user = make_staff(Role.INTERPRETER)
    volunteer = make_volunteer(user, kind="interpreter")
    visit = make_visit(
        facility=make_facility("Cancelled Jail"), on=timezone.localdate() + timedelta(days=3)
    )
    signup = sign_up(visit, volunteer, role="interpreter", language="mam")
    signup.cancelled_at = timezone.now()
    signup.save()
    topic = TrainingTopic.objects.create(key="cf", name="Credible fear")
    starts = timezone.now() + timedelta(days=3)
    training = Training.objects.create(
        topic=topic,
        title="Cancelled training",
        starts_at=starts,
        ends_at=starts,
        cancelled_at=timezone.now(),
    )
    TrainingRegistration.objects.create(
        training=training, volunteer=volunteer, registered_at=timezone.now()
    )
    MentorPair.objects.create(
        mentee=volunteer,
        mentor=make_staff(Role.ATTORNEY, first_name="Ended", last_name="Mentor"),
        started_on=timezone.localdate() - timedelta(days=90),
        ended_on=timezone.localdate(),
    )
    sign_in(client, user)
    body = client.get(reverse("portal:portal_home")).content.decode()
    for text in ("Cancelled Jail", "Cancelled training", "Ended Mentor"):
        assert text not in body


def test_volunteers_land_on_the_portal_and_staff_do_not_reach_it(client, make_staff):
    volunteer = make_staff(Role.VOLUNTEER_ATTORNEY)
    sign_in(client, volunteer)
    response = client.get(reverse("core:staff_home"))
    assert response.status_code == 302 and response["Location"] == reverse("portal:portal_home")
    assert client.get(reverse("portal:portal_home")).status_code == 200
    assert b"not linked to an approved volunteer record" in client.get("/portal/").content
    sign_in(client, make_staff(Role.ATTORNEY))
    assert client.get(reverse("portal:portal_home")).status_code == 403


@pytest.mark.parametrize(
    ("role", "shown"),
    [
        (Role.COORDINATOR, True),
        (Role.LEGAL_DIRECTOR, True),
        (Role.ATTORNEY, True),
        (Role.INTAKE, False),
    ],
)
def test_the_staff_home_shows_the_volunteer_network_to_network_staff(
    client, make_staff, role, shown
):
    sign_in(client, make_staff(role))
    body = client.get(reverse("core:staff_home")).content.decode()
    assert (f'href="{reverse("network:home")}"' in body) is shown


def _nav(body: str) -> str:
    start = body.index('<nav class="staff-nav')
    return body[start : body.index("</nav>", start)]


@pytest.mark.parametrize(
    ("role", "network", "portal"),
    [
        (Role.COORDINATOR, True, False),
        (Role.INTAKE, False, False),
        (Role.VOLUNTEER_ATTORNEY, False, True),
        (Role.INTERPRETER, False, True),
    ],
)
def test_the_menu_leads_network_staff_to_volunteers_and_volunteers_to_their_home(
    client, make_staff, role, network, portal
):
    sign_in(client, make_staff(role))
    nav = _nav(client.get(reverse("accounts:password_change")).content.decode())
    assert (f'href="{reverse("network:home")}"' in nav) is network
    assert (f'href="{reverse("portal:portal_home")}"' in nav) is portal


def test_a_visit_reported_today_is_no_longer_upcoming(client, make_staff):
    user = make_staff(Role.VOLUNTEER_ATTORNEY)
    volunteer = make_volunteer(user)
    visit = make_visit(facility=make_facility("Today County Jail"), on=timezone.localdate())
    sign_up(visit, volunteer)
    sign_in(client, user)
    assert "Today County Jail" in client.get(reverse("portal:portal_home")).content.decode()
    VisitReport.objects.create(visit=visit, filed_by_id=user.pk, filed_at=timezone.now())
    assert "Today County Jail" not in client.get(reverse("portal:portal_home")).content.decode()
