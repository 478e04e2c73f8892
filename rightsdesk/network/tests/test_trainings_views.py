"""The coordinator's training and mentoring pages and the volunteer's portal: who may do what,
and that a volunteer reaches only their own registrations, certificates and pairs."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from rightsdesk.conftest import queries_for, sign_in
from rightsdesk.network.models import CheckIn, MentorPair, Training, TrainingRegistration
from rightsdesk.network.tests.trainings_helpers import attended, make_training, make_volunteer
from rightsdesk.vault.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def volunteer_client(make_staff):
    def make(name="Ana Example", role="volunteer_attorney", **fields):
        user = make_staff(role)
        volunteer = make_volunteer(user=user, name=name, **fields)
        return sign_in(Client(), user), volunteer

    return make


def test_a_coordinator_plans_a_training_in_local_time(client, make_staff, settings):
    settings.TIME_ZONE = "America/Chicago"
    sign_in(client, make_staff("coordinator"))
    day = timezone.localdate() + timedelta(days=20)
    response = client.post(
        reverse("network:training_new"),
        {
            "topic": "1",
            "title": "Orientation for Adams County",
            "day": day.isoformat(),
            "starts": "18:00",
            "ends": "20:30",
            "place": "Natchez library, meeting room",
            "cle_hours": "2.5",
            "capacity": "12",
            "description": "",
        },
    )
    training = Training.objects.get()
    assert response.status_code == 302
    local = timezone.localtime(training.starts_at)
    assert (local.date(), local.hour, str(local.tzinfo)) == (day, 18, "America/Chicago")
    page = client.get(reverse("network:training_list")).content.decode()
    assert "Orientation for Adams County" in page and "0 of 12" in page


def test_the_training_form_keeps_what_was_typed_and_explains_the_problem(client, make_staff):
    sign_in(client, make_staff("coordinator"))
    response = client.post(
        reverse("network:training_new"),
        {
            "topic": "1",
            "title": "Evening session",
            "day": "2030-01-10",
            "starts": "19:00",
            "ends": "18:00",
            "cle_hours": "1",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "It must end after it starts." in html and "Say where it is" in html
    assert 'value="Evening session"' in html


def test_a_volunteer_registers_and_cancels_from_the_portal(volunteer_client):
    client, volunteer = volunteer_client()
    training = make_training(capacity=3)
    url = reverse("portal:training_portal")
    page = client.get(url).content.decode()
    assert "3 places left" in page
    assert client.post(url, {"action": "register", "training": training.pk}).status_code == 302
    assert training.registrations.get().volunteer == volunteer
    page = client.get(url).content.decode()
    assert "You are registered." in page and "2 places left" in page
    client.post(url, {"action": "cancel", "training": training.pk})
    assert training.registrations.get().cancelled_at is not None


def test_a_full_training_says_so_and_refuses_another_registration(volunteer_client):
    client, _volunteer = volunteer_client()
    training = make_training(capacity=1)
    TrainingRegistration.objects.create(
        training=training, volunteer=make_volunteer(), registered_at=timezone.now()
    )
    url = reverse("portal:training_portal")
    assert "It is full." in client.get(url).content.decode()
    response = client.post(url, {"action": "register", "training": training.pk}, follow=True)
    assert "This training is full." in response.content.decode()
    assert training.registrations.count() == 1


def test_a_volunteer_sees_only_their_own_registrations_and_certificates(volunteer_client):
    client, ana = volunteer_client(name="Ana Example")
    _other_client, bea = volunteer_client(name="Bea Otherperson", role="interpreter")
    training = make_training(in_days=-3, title="Orientation in Tutwiler")
    mine = attended(training, ana)
    theirs = attended(training, bea)
    page = client.get(reverse("portal:training_portal")).content.decode()
    assert "Orientation in Tutwiler" in page and "Bea Otherperson" not in page
    own = client.get(reverse("portal:training_portal_certificate", args=[mine.pk]))
    assert own.status_code == 200 and own["Content-Type"] == "application/pdf"
    other = client.get(reverse("portal:training_portal_certificate", args=[theirs.pk]))
    assert other.status_code == 404


def test_no_certificate_for_someone_who_did_not_come(volunteer_client):
    client, ana = volunteer_client()
    registration = attended(make_training(in_days=-3), ana, came=False)
    url = reverse("portal:training_portal_certificate", args=[registration.pk])
    assert client.get(url).status_code == 404


def test_a_volunteer_cannot_cancel_someone_elses_place(volunteer_client):
    client, _ana = volunteer_client()
    training = make_training()
    theirs = TrainingRegistration.objects.create(
        training=training, volunteer=make_volunteer(), registered_at=timezone.now()
    )
    response = client.post(
        reverse("portal:training_portal"), {"action": "cancel", "training": training.pk}
    )
    assert response.status_code == 302
    theirs.refresh_from_db()
    assert theirs.cancelled_at is None


def test_a_volunteer_account_without_a_volunteer_record_gets_a_clear_page(client, make_staff):
    sign_in(client, make_staff("interpreter"))
    for name in ("portal:training_portal", "portal:mentoring_portal"):
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert "not linked to a volunteer record" in response.content.decode()


def test_staff_reading_registrations_is_audited_and_the_coordinator_gets_the_certificate(
    client, make_staff
):
    coordinator = make_staff("coordinator")
    sign_in(client, coordinator)
    training = make_training(in_days=-1)
    volunteer = make_volunteer(name="Carla Example")
    registration = attended(training, volunteer)
    page = client.get(reverse("network:training_detail", args=[training.pk])).content.decode()
    assert "Carla Example" in page
    read = AuditEntry.objects.filter(action="read", actor_id=coordinator.pk).get()
    assert read.detail["ids"] == [str(volunteer.pk)]
    pdf = client.get(reverse("network:training_certificate", args=[training.pk, registration.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert AuditEntry.objects.filter(action="download", object_id=str(volunteer.pk)).exists()


def test_the_attendance_form_marks_the_ticked_registrants(client, make_staff):
    sign_in(client, make_staff("coordinator"))
    training = make_training(in_days=-0.02)
    came, missed = (
        TrainingRegistration.objects.create(
            training=training, volunteer=make_volunteer(name=n), registered_at=timezone.now()
        )
        for n in ("Dana Example", "Eli Example")
    )
    url = reverse("network:training_attendance", args=[training.pk])
    page = client.get(url).content.decode()
    assert page.count('type="checkbox" name="attended"') == 2
    assert client.post(url, {"attended": [str(came.pk)]}).status_code == 302
    came.refresh_from_db(), missed.refresh_from_db()
    assert (came.attended, missed.attended) == (True, False)


def test_the_training_list_costs_the_same_queries_with_more_trainings(client, make_staff):
    sign_in(client, make_staff("coordinator"))
    make_training()
    url = reverse("network:training_list")
    few = queries_for(client, url)
    for n in range(8):
        training = make_training(in_days=n - 4)
        attended(training, make_volunteer())
    assert queries_for(client, url) == few


def test_the_portal_training_list_costs_the_same_queries_with_more_trainings(volunteer_client):
    client, ana = volunteer_client()
    make_training()
    url = reverse("portal:training_portal")
    few = queries_for(client, url)
    for n in range(6):
        attended(make_training(in_days=n - 3), ana)
    assert queries_for(client, url) == few


def test_the_requirements_page_adds_and_removes_a_requirement(client, make_staff):
    from rightsdesk.network.models import Requirement, TrainingTopic

    sign_in(client, make_staff("coordinator"))
    url = reverse("network:training_requirements")
    topic = TrainingTopic.objects.get(key="bond-hearings")
    client.post(url, {"action": "requirement", "applies_to": "visit:bond", "topic": topic.pk})
    requirement = Requirement.objects.get(applies_to="visit:bond")
    assert "Visit: Bond hearing preparation" in client.get(url).content.decode()
    client.post(url, {"action": "remove", "requirement": requirement.pk})
    assert not Requirement.objects.filter(applies_to="visit:bond").exists()
    assert AuditEntry.objects.filter(action="requirement_removed").count() == 1


def test_the_coordinator_pairs_a_volunteer_and_the_pair_sees_it_in_the_portal(
    client, make_staff, volunteer_client
):
    coordinator = make_staff("coordinator")
    sign_in(client, coordinator)
    mentee_client, mentee = volunteer_client(name="Fran Newvolunteer")
    mentor_client, mentor_record = volunteer_client(name="Gus Seasoned")
    response = client.post(
        reverse("network:mentoring_list"),
        {
            "mentee": mentee.pk,
            "mentor": mentor_record.user_id,
            "started_on": timezone.localdate().isoformat(),
        },
    )
    pair = MentorPair.objects.get()
    assert response.status_code == 302 and pair.mentor_id == mentor_record.user_id
    url = reverse("portal:mentoring_portal")
    assert "You mentor Fran Newvolunteer" in mentor_client.get(url).content.decode()
    assert (
        mentee_client.post(
            url, {"pair": pair.pk, "on": timezone.localdate().isoformat(), "note": "First call"}
        ).status_code
        == 302
    )
    pair.refresh_from_db()
    assert pair.last_check_in_on == timezone.localdate()
    page = client.get(reverse("network:mentoring_pair", args=[pair.pk])).content.decode()
    assert "First call" in page


def test_a_volunteer_cannot_check_in_on_someone_elses_pair(make_staff, volunteer_client):
    client, _ana = volunteer_client()
    pair = MentorPair.objects.create(
        mentee=make_volunteer(name="Hal Stranger"),
        mentor=make_staff("attorney"),
        started_on=timezone.localdate() - timedelta(days=3),
    )
    url = reverse("portal:mentoring_portal")
    assert "Hal Stranger" not in client.get(url).content.decode()
    client.post(url, {"pair": pair.pk, "on": timezone.localdate().isoformat(), "note": "x"})
    assert not CheckIn.objects.exists()


def test_a_volunteer_cannot_download_materials_of_a_training_they_are_not_on(
    volunteer_client, make_staff
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from rightsdesk.intake.uploads import check_upload
    from rightsdesk.network.trainings.services import material_add

    client, ana = volunteer_client()
    training = make_training()
    upload = SimpleUploadedFile("agenda.txt", b"Agenda for the day", content_type="text/plain")
    material = material_add(
        training=training,
        upload=upload,
        checked=check_upload(upload, files_so_far=0, bytes_so_far=0),
        by=make_staff("coordinator"),
    )
    url = reverse("portal:training_portal_material", args=[training.pk, material.pk])
    assert client.get(url).status_code == 404
    TrainingRegistration.objects.create(
        training=training, volunteer=ana, registered_at=timezone.now()
    )
    response = client.get(url)
    assert response.status_code == 200 and response.content == b"Agenda for the day"
    assert response["Content-Disposition"].startswith("attachment")


def test_the_quiet_pairs_include_renders_for_the_coordinators_home(make_staff):
    from django.template.loader import render_to_string

    from rightsdesk.network.trainings.selectors import quiet_pairs

    MentorPair.objects.create(
        mentee=make_volunteer(name="Ivy Quiet"),
        mentor=make_staff("attorney", first_name="Jo", last_name="Mentor"),
        started_on=timezone.localdate() - timedelta(days=35),
    )
    html = render_to_string(
        "network/trainings/_quiet_pairs.html", {"quiet": quiet_pairs(timezone.localdate())}
    )
    assert "Ivy Quiet with Jo Mentor" in html and "(35 days)" in html
