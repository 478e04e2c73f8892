"""The trainings demo data: realistic, fictional, and added once however often it runs."""

import pytest
from django.utils import timezone

from rightsdesk.accounts.models import User
from rightsdesk.network.models import MentorPair, Training, TrainingRegistration
from rightsdesk.network.trainings.demo import demo
from rightsdesk.network.trainings.selectors import missing_requirements, quiet_pairs

pytestmark = pytest.mark.django_db


def test_the_demo_adds_trainings_attendance_and_a_quiet_pair_once(make_staff):
    make_staff(User.Role.ATTORNEY, username="demo-attorney")
    volunteer_user = make_staff(User.Role.VOLUNTEER_ATTORNEY, username="demo-volunteer")
    now = timezone.now()
    demo(now)
    demo(now)
    assert Training.objects.filter(starts_at__lt=now).count() == 2
    assert Training.objects.filter(starts_at__gt=now).count() == 3
    assert TrainingRegistration.objects.filter(attended=True).count() == 3
    assert MentorPair.objects.count() == 2
    assert [q.pair.mentee.name for q in quiet_pairs(timezone.localdate())] == ["Marisol Example"]
    val = volunteer_user.volunteer
    assert missing_requirements([val.pk], ["visit:credible_fear"]) == {val.pk: []}
