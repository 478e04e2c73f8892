"""What the matcher asks: which required trainings each volunteer still lacks, in a constant
number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rightsdesk.network.models import Requirement, TrainingTopic
from rightsdesk.network.tests.trainings_helpers import attended, make_training, make_volunteer
from rightsdesk.network.trainings import services
from rightsdesk.network.trainings.selectors import (
    TopicRef,
    completed_topics,
    missing_requirements,
)

pytestmark = pytest.mark.django_db

ORIENTATION = TopicRef("detention-visit-orientation", "Detention visit orientation")
CREDIBLE_FEAR = TopicRef("credible-fear-interviews", "Credible-fear interviews")


def _volunteers(count):
    return [make_volunteer(name=f"Example Volunteer {n}") for n in range(count)]


def test_a_volunteer_who_attended_the_orientation_lacks_nothing_for_a_visit():
    done, never, absent = _volunteers(3)
    attended(make_training(in_days=-5), done)
    attended(make_training(in_days=-5), absent, came=False)
    missing = missing_requirements([done.pk, never.pk, absent.pk], ["visit"])
    assert missing == {done.pk: [], never.pk: [ORIENTATION], absent.pk: [ORIENTATION]}


def test_a_credible_fear_visit_needs_the_general_visit_training_too():
    (volunteer,) = _volunteers(1)
    attended(
        make_training(in_days=-5, topic="credible-fear-interviews", title="Credible fear"),
        volunteer,
    )
    missing = missing_requirements([volunteer.pk], ["visit:credible_fear"])
    assert missing == {volunteer.pk: [ORIENTATION]}


def test_a_cancelled_training_does_not_count():
    (volunteer,) = _volunteers(1)
    training = make_training(in_days=-5)
    attended(training, volunteer)
    services.training_cancel(training=training, by="test")
    assert missing_requirements([volunteer.pk], ["visit"]) == {volunteer.pk: [ORIENTATION]}
    assert completed_topics(volunteer) == set()


def test_requirements_follow_what_the_coordinator_set():
    (volunteer,) = _volunteers(1)
    Requirement.objects.filter(applies_to="visit").delete()
    assert missing_requirements([volunteer.pk], ["visit"]) == {volunteer.pk: []}
    services.requirement_add(
        applies_to="matter:immigration_detention",
        topic=TrainingTopic.objects.get(key="bond-hearings"),
        by="test",
    )
    missing = missing_requirements([volunteer.pk], ["matter:immigration_detention"])
    assert missing == {volunteer.pk: [TopicRef("bond-hearings", "Bond hearings")]}


def _queries(ids, applies_to):
    with CaptureQueriesContext(connection) as captured:
        missing_requirements(ids, applies_to)
    return len(captured)


def test_missing_requirements_costs_the_same_queries_for_3_or_60_volunteers():
    few, many = _volunteers(3), _volunteers(60)
    for volunteer in many[::2]:
        attended(make_training(in_days=-5), volunteer)
    applies = ["visit", "visit:credible_fear"]
    assert _queries([v.pk for v in few], applies) == _queries([v.pk for v in many], applies) == 2
    result = missing_requirements([v.pk for v in many], applies)
    assert result[many[0].pk] == [CREDIBLE_FEAR]
    assert result[many[1].pk] == [CREDIBLE_FEAR, ORIENTATION]


def test_completed_topics_are_the_keys_of_trainings_attended(django_assert_num_queries):
    (volunteer,) = _volunteers(1)
    attended(make_training(in_days=-9), volunteer)
    attended(make_training(in_days=-4, topic="bond-hearings", title="Bond"), volunteer, came=False)
    with django_assert_num_queries(1):
        assert completed_topics(volunteer) == {"detention-visit-orientation"}
