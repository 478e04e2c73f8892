"""Trainings, registration, attendance, certificates and mentoring through their services."""

from datetime import UTC, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from rightsdesk.letters.tests.helpers import page_count, shown_text
from rightsdesk.network.models import (
    CheckIn,
    MentorPair,
    Requirement,
    TrainingRegistration,
    TrainingTopic,
    Volunteer,
)
from rightsdesk.network.tests.trainings_helpers import attended, make_training, make_volunteer
from rightsdesk.network.trainings import selectors, services
from rightsdesk.network.trainings.certificate import certificate_pdf, hours_text
from rightsdesk.vault.models import AuditEntry
from rightsdesk.vault.testing import plaintext_found

pytestmark = pytest.mark.django_db


def _actions(action):
    return AuditEntry.objects.filter(action=action)


def test_the_topics_and_their_requirements_are_seeded():
    keys = set(TrainingTopic.objects.values_list("key", flat=True))
    assert {"detention-visit-orientation", "credible-fear-interviews", "bond-hearings"} <= keys
    pairs = set(Requirement.objects.values_list("applies_to", "topic__key"))
    assert ("visit", "detention-visit-orientation") in pairs
    assert ("visit:credible_fear", "credible-fear-interviews") in pairs


def test_a_removed_requirement_does_not_come_back_with_the_next_migrate():
    from importlib import import_module

    from django.apps import apps

    Requirement.objects.filter(applies_to="visit").delete()
    import_module("rightsdesk.network.migrations.0002_trainings").seed(apps, None)
    assert not Requirement.objects.filter(applies_to="visit").exists()


def test_saving_a_training_takes_the_time_in_the_organisations_zone(make_staff, settings):
    settings.TIME_ZONE = "America/Chicago"
    from datetime import date, time

    coordinator = make_staff("coordinator")
    data = {
        "topic": TrainingTopic.objects.get(key="bond-hearings"),
        "title": "Bond hearings",
        "starts_at": services.local_datetime(date(2027, 1, 15), time(9, 0)),
        "ends_at": services.local_datetime(date(2027, 1, 15), time(12, 0)),
        "place": "",
        "online": True,
        "cle_hours": Decimal("3"),
        "capacity": 20,
        "description": "",
    }
    training = services.training_save(training=None, data=data, by=coordinator)
    training.refresh_from_db()
    # 9:00 in Jackson in January is 15:00 UTC.
    assert training.starts_at.astimezone(UTC).hour == 15
    assert _actions("training_created").filter(object_id=str(training.pk)).exists()
    services.training_save(training=training, data={**data, "capacity": 25}, by=coordinator)
    change = AuditEntry.objects.filter(action="update", object_id=str(training.pk)).get()
    assert change.detail == {"fields": ["capacity"]}


def test_registering_takes_a_seat_and_the_last_seat_goes_to_one_person(make_staff):
    training = make_training(capacity=2)
    first, second, third = (make_volunteer(name=n) for n in ("Ana Uno", "Bea Dos", "Cy Tres"))
    services.training_register(training=training, volunteer=first, by="test")
    services.training_register(training=training, volunteer=second, by="test")
    with pytest.raises(services.RegistrationRefused) as refused:
        services.training_register(training=training, volunteer=third, by="test")
    assert refused.value.code == "full"
    assert training.registrations.filter(cancelled_at__isnull=True).count() == 2
    assert _actions("training_registered").count() == 2


def test_registering_twice_makes_one_registration_and_one_email(
    django_capture_on_commit_callbacks,
):
    training = make_training()
    volunteer = make_volunteer(email="ana@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        one = services.training_register(training=training, volunteer=volunteer, by="test")
        two = services.training_register(training=training, volunteer=volunteer, by="test")
    assert one.pk == two.pk
    assert TrainingRegistration.objects.filter(volunteer=volunteer).count() == 1
    assert _actions("training_registered").count() == 1
    assert len(mail.outbox) == 1


def test_a_cancelled_place_goes_to_the_next_person_and_can_be_taken_again():
    training = make_training(capacity=1)
    ana, bea = make_volunteer(name="Ana Uno"), make_volunteer(name="Bea Dos")
    registration = services.training_register(training=training, volunteer=ana, by="test")
    services.registration_cancel(registration=registration, by="test")
    assert _actions("training_registration_cancelled").count() == 1
    services.training_register(training=training, volunteer=bea, by="test")
    with pytest.raises(services.RegistrationRefused):
        services.training_register(training=training, volunteer=ana, by="test")
    services.registration_cancel(registration=training.registrations.get(volunteer=bea), by="test")
    again = services.training_register(training=training, volunteer=ana, by="test")
    assert again.pk == registration.pk and again.cancelled_at is None


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"in_days": -1}, "started"),
        ({"cancelled": True}, "cancelled"),
        ({"status": Volunteer.Status.INACTIVE}, "not_approved"),
    ],
)
def test_registration_is_refused_for_a_started_or_cancelled_training_or_an_unapproved_volunteer(
    change, code
):
    training = make_training(in_days=change.get("in_days", 5))
    if change.get("cancelled"):
        services.training_cancel(training=training, by="test")
    volunteer = make_volunteer(status=change.get("status", Volunteer.Status.APPROVED))
    with pytest.raises(services.RegistrationRefused) as refused:
        services.training_register(training=training, volunteer=volunteer, by="test")
    assert refused.value.code == code
    assert not TrainingRegistration.objects.exists()


def test_a_place_cannot_be_cancelled_once_the_training_started():
    training = make_training(in_days=-0.01)
    registration = attended(training, make_volunteer())
    with pytest.raises(services.RegistrationRefused):
        services.registration_cancel(registration=registration, by="test")


def test_the_confirmation_email_is_in_the_volunteers_language_and_names_no_one(
    django_capture_on_commit_callbacks,
):
    from django.utils import translation
    from django.utils.formats import date_format

    training = make_training(title="Orientación para visitas")
    volunteer = make_volunteer(name="Rosa Ejemplo", email="rosa@example.org", language="es")
    other = make_volunteer(name="Otro Voluntario")
    services.training_register(training=training, volunteer=other, by="test")
    with django_capture_on_commit_callbacks(execute=True):
        services.training_register(training=training, volunteer=volunteer, by="test")
    message = mail.outbox[-1]
    assert message.to == ["rosa@example.org"]
    text = message.subject + message.body
    assert "Orientación para visitas" in text
    for name in ("Rosa", "Otro", "Ejemplo"):
        assert name not in text
    # Weekday and month names come from Django's own Spanish locale.
    with translation.override("es"):
        spanish_day = date_format(timezone.localtime(training.starts_at), "l")
    assert spanish_day in message.body


def test_attendance_marks_who_came_and_ignores_other_trainings_registrations(make_staff):
    coordinator = make_staff("coordinator")
    training = make_training(in_days=-0.02)
    other = make_training(in_days=-0.02)
    ana, bea = make_volunteer(name="Ana Uno"), make_volunteer(name="Bea Dos")
    ra = TrainingRegistration.objects.create(
        training=training, volunteer=ana, registered_at=timezone.now()
    )
    rb = TrainingRegistration.objects.create(
        training=training, volunteer=bea, registered_at=timezone.now()
    )
    elsewhere = TrainingRegistration.objects.create(
        training=other, volunteer=ana, registered_at=timezone.now()
    )
    count = services.attendance_record(
        training=training, attended=[ra.pk, elsewhere.pk], by=coordinator
    )
    assert count == 1
    ra.refresh_from_db(), rb.refresh_from_db(), elsewhere.refresh_from_db()
    assert (ra.attended, rb.attended, elsewhere.attended) == (True, False, None)
    assert ra.attendance_by_id == coordinator.pk
    entry = _actions("training_attendance").get()
    assert entry.detail == {"attended": [ra.pk], "absent": [rb.pk]}


def test_attendance_cannot_be_taken_before_the_day_of_the_training(make_staff):
    training = make_training(in_days=3)
    with pytest.raises(services.TrainingRefused):
        services.attendance_record(training=training, attended=[], by=make_staff("coordinator"))


def test_the_certificate_names_the_volunteer_the_training_and_the_hours():
    training = make_training(in_days=-2, title="Credible-fear interviews", cle_hours="1.50")
    registration = attended(training, make_volunteer(name="José Núñez Example"))
    pdf = certificate_pdf(selectors.certificate_facts(registration), compress=False)
    text = shown_text(pdf)
    assert page_count(pdf) == 1
    assert "José Núñez Example" in text
    assert "Credible-fear interviews" in text
    assert "Continuing legal education: 1.5 hours" in text
    assert f"T{training.pk}-R{registration.pk}" in text
    assert timezone.localtime(training.starts_at).strftime("%Y") in text


def test_hours_are_written_without_trailing_zeros():
    assert [hours_text(Decimal(v)) for v in ("2.00", "1.50", "0.25", "0")] == [
        "2",
        "1.5",
        "0.25",
        "0",
    ]


def test_a_material_is_stored_encrypted(make_staff, file_store):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from rightsdesk.intake.uploads import check_upload

    training = make_training()
    body = b"Bring your bar card and a photo ID. Checklist for Tutwiler visits."
    upload = SimpleUploadedFile("Tutwiler checklist.txt", body, content_type="text/plain")
    checked = check_upload(upload, files_so_far=0, bytes_so_far=0)
    material = services.material_add(
        training=training, upload=upload, checked=checked, by=make_staff("coordinator")
    )
    assert material.original_name == "Tutwiler checklist.txt"
    assert plaintext_found(["Checklist for Tutwiler", "Tutwiler checklist"], root=file_store) == []
    with material.file.open("rb") as handle:
        assert handle.read() == body


def test_a_check_in_moves_the_pairs_last_check_in_date_with_its_audit_entry(make_staff):
    attorney = make_staff("attorney")
    pair = services.mentor_pair_start(
        mentee=make_volunteer(),
        mentor=attorney,
        started_on=timezone.localdate() - timedelta(days=10),
        by=make_staff("coordinator"),
    )
    day = timezone.localdate() - timedelta(days=2)
    services.check_in_record(pair=pair, on=day, note="Talked about the first visit", by=attorney)
    services.check_in_record(pair=pair, on=day - timedelta(days=5), note="", by=attorney)
    pair.refresh_from_db()
    assert pair.last_check_in_on == day  # an older check-in does not move it back
    assert _actions("mentoring_check_in").count() == 2
    assert CheckIn.objects.filter(pair=pair).count() == 2
    assert plaintext_found(["Talked about the first visit"]) == []


def test_an_ended_pair_takes_no_check_in_and_a_check_in_cannot_be_in_the_future(make_staff):
    attorney = make_staff("attorney")
    pair = services.mentor_pair_start(
        mentee=make_volunteer(), mentor=attorney, started_on=timezone.localdate(), by=attorney
    )
    with pytest.raises(services.MentoringRefused):
        services.check_in_record(
            pair=pair, on=timezone.localdate() + timedelta(days=1), note="", by=attorney
        )
    services.mentor_pair_end(pair=pair, ended_on=timezone.localdate(), by=attorney)
    assert _actions("mentoring_ended").count() == 1
    with pytest.raises(services.MentoringRefused):
        services.check_in_record(pair=pair, on=timezone.localdate(), note="", by=attorney)


def test_quiet_pairs_are_those_with_no_check_in_for_thirty_days(make_staff):
    attorney = make_staff("attorney")
    today = timezone.localdate()

    def pair(started, last=None, ended=None):
        return MentorPair.objects.create(
            mentee=make_volunteer(),
            mentor=attorney,
            started_on=today - timedelta(days=started),
            last_check_in_on=today - timedelta(days=last) if last is not None else None,
            ended_on=ended,
        )

    never = pair(45)
    lapsed = pair(90, last=31)
    pair(10)  # new: not quiet yet
    pair(90, last=3)  # checked in lately
    pair(90, last=60, ended=today)  # ended
    quiet = selectors.quiet_pairs(today)
    assert [q.pair.pk for q in quiet] == [never.pk, lapsed.pk]
    assert [(q.days, q.checked_in) for q in quiet] == [(45, False), (31, True)]


def test_quiet_pairs_record_the_read_when_shown_to_staff(make_staff):
    coordinator = make_staff("coordinator")
    mentee = make_volunteer()
    MentorPair.objects.create(
        mentee=mentee,
        mentor=make_staff("attorney"),
        started_on=timezone.localdate() - timedelta(days=40),
    )
    selectors.quiet_pairs(timezone.localdate(), by=coordinator)
    entry = AuditEntry.objects.filter(action="read", actor_id=coordinator.pk).get()
    assert entry.detail["ids"] == [str(mentee.pk)]


@pytest.mark.django_db(transaction=True)
def test_topics_and_their_requirements_come_back_after_a_flush():
    from django.core.management import call_command

    before = set(Requirement.objects.values_list("applies_to", "topic__key"))
    call_command("flush", interactive=False, verbosity=0)
    assert TrainingTopic.objects.count() == 4
    assert set(Requirement.objects.values_list("applies_to", "topic__key")) == before
