"""The coordinator's home at /staff/network/: what needs them, in a constant number of queries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from rightsdesk.accounts.models import User
from rightsdesk.cases import services as cases
from rightsdesk.conftest import queries_for, sign_in
from rightsdesk.network.models import MentorPair, Training, TrainingRegistration, TrainingTopic
from rightsdesk.network.portal import services
from rightsdesk.network.tests.portal_helpers import (
    make_facility,
    make_visit,
    make_volunteer,
    sign_up,
)

pytestmark = pytest.mark.django_db

Role = User.Role
HOME = "/staff/network/"


def _fill(n, *, make_staff, topic, mentor):
    """n of everything the home counts, and as many of what it must leave out."""
    today = timezone.localdate()
    for i in range(n):
        make_volunteer(name=f"Applicant {i}", status="applied")
        make_volunteer(name=f"Approved {i}")
        # A gap in languages, a gap in attorneys, and a fully covered visit.
        lacking = make_visit(
            facility=make_facility(f"Gap Facility {i}"),
            on=today + timedelta(days=i + 1),
            people=[(f"Person {i}", ["quc"])],
        )
        sign_up(lacking, make_volunteer(), "attorney")
        short = make_visit(
            facility=make_facility(f"Short Facility {i}"),
            on=today + timedelta(days=i + 1),
            attorneys_needed=2,
        )
        sign_up(short, make_volunteer(), "attorney")
        covered = make_visit(
            facility=make_facility(f"Covered Facility {i}"),
            on=today + timedelta(days=i + 1),
            people=[(f"Covered {i}", ["es"])],
        )
        sign_up(covered, make_volunteer(), "attorney")
        sign_up(covered, make_volunteer(kind="interpreter"), "interpreter", "es")
        MentorPair.objects.create(
            mentee=make_volunteer(name=f"Quiet Mentee {i}"),
            mentor=mentor,
            started_on=today - timedelta(days=60),
            last_check_in_on=today - timedelta(days=31),
        )
        MentorPair.objects.create(
            mentee=make_volunteer(name=f"New Mentee {i}"),
            mentor=mentor,
            started_on=today - timedelta(days=29),
        )
        MentorPair.objects.create(
            mentee=make_volunteer(name=f"Never Mentee {i}"),
            mentor=mentor,
            started_on=today - timedelta(days=30),
        )
        starts = timezone.now() + timedelta(days=i + 1)
        training = Training.objects.create(
            topic=topic,
            title=f"Training {i}",
            starts_at=starts,
            ends_at=starts + timedelta(hours=1),
            capacity=20,
        )
        TrainingRegistration.objects.create(
            training=training, volunteer=make_volunteer(), registered_at=timezone.now()
        )
        matter = cases.matter_open(title=f"M{i}", kind="advocacy", by=mentor)
        services.conflict_confirm(
            matter=matter, user=make_staff(Role.INTERPRETER), has_conflict=True, note=f"N{i}"
        )
        report = services.visit_report_file(
            visit=make_visit(facility=make_facility(f"Reported Facility {i}")),
            summary="",
            outcomes={},
            by=mentor,
        )
        services.follow_up_add(report=report, person=None, description=f"Do {i}", by=mentor)


def test_the_coordinators_home_counts_and_lists_what_needs_them(client, make_staff):
    coordinator = make_staff(Role.COORDINATOR)
    topic = TrainingTopic.objects.create(key="orientation", name="Orientation")
    _fill(1, make_staff=make_staff, topic=topic, mentor=coordinator)
    sign_in(client, coordinator)
    body = client.get(HOME).content.decode()
    assert "1 application waiting for checks" in body and "Applicant 0" not in body
    assert "2 upcoming visits with gaps" in body
    assert "Gap Facility 0" in body and "no K&#x27;iche&#x27; interpreter yet" in body
    # The day once per visit, beside the facility, not repeated in each gap.
    day = date_format(timezone.localdate() + timedelta(days=1), "l j F")
    gap_row = body[body.index("Gap Facility 0") :].split("</li>")[0]
    assert gap_row.startswith(f"Gap Facility 0, {day}</a>:") and gap_row.count(day) == 1
    assert "Short Facility 0" in body and "needs 1 more attorney" in body
    assert "Covered Facility 0" not in body
    assert "2 quiet mentoring pairs" in body
    assert "Quiet Mentee 0" in body and "Never Mentee 0" in body and "New Mentee 0" not in body
    assert "Training 0" in body and "1 of 20" in body
    assert "1 declared conflict" in body and "N0" in body
    assert "1 follow-up waiting" in body and "Reported Facility 0" in body


def test_the_coordinators_home_costs_the_same_queries_with_ten_times_the_data(client, make_staff):
    coordinator = make_staff(Role.COORDINATOR)
    topic = TrainingTopic.objects.create(key="orientation", name="Orientation")
    sign_in(client, coordinator)
    _fill(1, make_staff=make_staff, topic=topic, mentor=coordinator)
    few = queries_for(client, HOME)
    _fill(10, make_staff=make_staff, topic=topic, mentor=coordinator)
    many = queries_for(client, HOME)
    assert many == few
    body = client.get(HOME).content.decode()
    assert "11 upcoming trainings" in body
    # Every visit with a gap is counted (22: a language gap and an attorney gap each time);
    # only the first eight are listed, each with its words.
    assert "22 upcoming visits with gaps" in body
    gaps = body[body.index('id="gaps"') : body.index('id="quiet"')]
    assert gaps.count("<li>") == 8


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.LEGAL_DIRECTOR, Role.ATTORNEY])
def test_network_staff_reach_the_home(client, make_staff, role):
    sign_in(client, make_staff(role))
    assert client.get(reverse("network:home")).status_code == 200


@pytest.mark.parametrize(
    "role", [Role.INTAKE, Role.ADMIN, Role.VOLUNTEER_ATTORNEY, Role.INTERPRETER]
)
def test_others_do_not(client, make_staff, role):
    sign_in(client, make_staff(role))
    assert client.get(reverse("network:home")).status_code == 403
