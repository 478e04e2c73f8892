"""Every write of trainings, requirements and mentoring, each with its audit entry in the same
transaction. Emails go to the task queue after the commit, with ids only."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from rightsdesk.core.handouts import handout_delete, handout_store
from rightsdesk.network.models import (
    CheckIn,
    MentorPair,
    Requirement,
    Training,
    TrainingMaterial,
    TrainingRegistration,
    TrainingTopic,
    Volunteer,
)
from rightsdesk.vault.audit import audit_change, audit_record

TRAINING_FIELDS = (
    "topic",
    "title",
    "starts_at",
    "ends_at",
    "place",
    "online",
    "cle_hours",
    "capacity",
    "description",
)


class Refused(Exception):
    """A write that cannot be done; ``code`` says why, ``str()`` says it to the person."""

    messages: dict[str, Any] = {}

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code

    def __str__(self) -> str:
        return str(self.messages.get(self.code, self.code))


class TrainingRefused(Refused):
    messages = {
        "cancelled": _("This training was cancelled."),
        "not_started": _("Attendance can be taken from the day of the training."),
        "capacity_below_registered": _(
            "More people are registered than that capacity: keep it at least at the number "
            "registered."
        ),
    }


class RegistrationRefused(Refused):
    messages = {
        "cancelled": _("This training was cancelled."),
        "started": _("This training has already started."),
        "full": _("This training is full."),
        "not_approved": _("Only approved volunteers can register for trainings."),
        "not_registered": _("You are not registered for this training."),
    }


class MentoringRefused(Refused):
    messages = {
        "ended": _("This mentoring pair has ended."),
        "same_person": _("A volunteer cannot mentor themself."),
        "already_paired": _("This volunteer already has this mentor."),
        "future": _("A check-in cannot be in the future."),
        "before_start": _("A check-in cannot be before the pair started."),
    }


def local_datetime(day: date, at: time) -> datetime:
    """A date and a time as the organisation's clock shows them (settings.TIME_ZONE)."""
    return datetime.combine(day, at, tzinfo=ZoneInfo(settings.TIME_ZONE))


# --- trainings ---------------------------------------------------------------------------------


def active_registrations(training: Training) -> Any:
    return training.registrations.filter(cancelled_at__isnull=True)


@transaction.atomic
def training_save(*, training: Training | None, data: dict[str, Any], by: Any) -> Training:
    """Create a training (``training=None``) or change one. ``data`` holds TRAINING_FIELDS."""
    creating = training is None
    if training is None:
        training = Training(created_by_id=getattr(by, "pk", None))
    else:
        training = Training.objects.select_for_update().get(pk=training.pk)
        capacity = data.get("capacity")
        if capacity is not None and capacity < active_registrations(training).count():
            raise TrainingRefused("capacity_below_registered")
    changed = [name for name in TRAINING_FIELDS if getattr(training, name, None) != data[name]]
    for name in TRAINING_FIELDS:
        setattr(training, name, data[name])
    training.save()
    _on_the_calendar(training)
    if creating:
        audit_record(by=by, action="training_created", obj=training)
    else:
        audit_change(by=by, obj=training, fields=changed)
    return training


def _on_the_calendar(training: Training) -> None:
    # Trainings are events of kind "training" on the public calendar (events app).
    from rightsdesk.events.trainings import training_event_sync

    training_event_sync(training)


@transaction.atomic
def training_cancel(*, training: Training, by: Any) -> None:
    if training.cancelled_at is not None:
        return
    training.cancelled_at = timezone.now()
    training.save(update_fields=["cancelled_at"])
    _on_the_calendar(training)
    audit_record(by=by, action="training_cancelled", obj=training)


@transaction.atomic
def material_add(*, training: Training, upload: Any, checked: Any, by: Any) -> TrainingMaterial:
    material = handout_store(
        TrainingMaterial(training=training), upload=upload, checked=checked, by=by
    )
    audit_record(by=by, action="material_added", obj=training, detail={"material": material.pk})
    return material


@transaction.atomic
def material_remove(*, material: TrainingMaterial, by: Any) -> None:
    training = material.training
    pk = handout_delete(material)
    audit_record(by=by, action="material_removed", obj=training, detail={"material": pk})


@transaction.atomic
def training_register(*, training: Training, volunteer: Volunteer, by: Any) -> TrainingRegistration:
    """Register a volunteer. A second post while registered returns the same registration.

    The training's row is locked first (SELECT ... FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE
    transactions already queue writers), so two people taking the last seat at once cannot both
    get it."""
    training = Training.objects.select_for_update().get(pk=training.pk)
    now = timezone.now()
    if training.cancelled_at is not None:
        raise RegistrationRefused("cancelled")
    if training.starts_at <= now:
        raise RegistrationRefused("started")
    if volunteer.status != Volunteer.Status.APPROVED:
        raise RegistrationRefused("not_approved")
    registration = training.registrations.filter(volunteer=volunteer).first()
    if registration is not None and registration.cancelled_at is None:
        return registration
    if training.capacity is not None and active_registrations(training).count() >= (
        training.capacity
    ):
        raise RegistrationRefused("full")
    if registration is None:
        try:
            with transaction.atomic():
                registration = TrainingRegistration.objects.create(
                    training=training, volunteer=volunteer, registered_at=now
                )
        except IntegrityError:
            # The same volunteer's other tab won the race: theirs is the registration.
            return training.registrations.get(volunteer=volunteer)
    else:
        registration.cancelled_at = None
        registration.registered_at = now
        registration.attended = None
        registration.save(update_fields=["cancelled_at", "registered_at", "attended"])
    audit_record(
        by=by,
        action="training_registered",
        obj=training,
        detail={"registration": registration.pk, "volunteer": volunteer.pk},
    )
    from rightsdesk.network.trainings.tasks import notify_registration

    pk = registration.pk
    transaction.on_commit(lambda: notify_registration(pk))
    return registration


@transaction.atomic
def registration_cancel(*, registration: TrainingRegistration, by: Any) -> None:
    training = Training.objects.select_for_update().get(pk=registration.training_id)
    registration.refresh_from_db()
    if registration.cancelled_at is not None:
        return
    if training.starts_at <= timezone.now():
        raise RegistrationRefused("started")
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["cancelled_at"])
    audit_record(
        by=by,
        action="training_registration_cancelled",
        obj=training,
        detail={"registration": registration.pk, "volunteer": registration.volunteer_id},
    )


@transaction.atomic
def attendance_record(*, training: Training, attended: Iterable[int], by: Any) -> int:
    """Mark every active registration as attended (its id is in ``attended``) or not.
    Returns how many attended. Ids of other trainings' registrations are ignored."""
    if training.cancelled_at is not None:
        raise TrainingRefused("cancelled")
    if timezone.localdate(training.starts_at) > timezone.localdate():
        raise TrainingRefused("not_started")
    came = set(attended)
    now = timezone.now()
    registrations = list(active_registrations(training).select_for_update())
    present = [r.pk for r in registrations if r.pk in came]
    absent = [r.pk for r in registrations if r.pk not in came]
    mark = {"attendance_by_id": by.pk, "attendance_at": now}
    TrainingRegistration.objects.filter(pk__in=present).update(attended=True, **mark)
    TrainingRegistration.objects.filter(pk__in=absent).update(attended=False, **mark)
    audit_record(
        by=by,
        action="training_attendance",
        obj=training,
        detail={"attended": present, "absent": absent},
    )
    return len(present)


def registration_notify(*, registration: TrainingRegistration) -> None:
    """The confirmation email, in the volunteer's language. It names the training, its time and
    place, and no person: not the volunteer, the coordinator or anyone else registered."""
    from rightsdesk.intake.notify import notifier, render_notice
    from rightsdesk.network.trainings.certificate import hours_text

    volunteer = registration.volunteer
    training = registration.training
    if not volunteer.email or registration.cancelled_at is not None:
        return
    with timezone.override(ZoneInfo(settings.TIME_ZONE)):
        subject, body = render_notice(
            template="network/trainings/emails/registered.txt",
            language=volunteer.language or settings.LANGUAGE_CODE,
            context={
                "training": training,
                "starts": timezone.localtime(training.starts_at),
                "ends": timezone.localtime(training.ends_at),
                "hours": hours_text(training.cle_hours),
            },
        )
    notifier().send(to=volunteer.email, subject=subject, body=body)


# --- topics and requirements -------------------------------------------------------------------


@transaction.atomic
def topic_add(*, name: str, by: Any) -> TrainingTopic:
    base = slugify(name)[:40] or "topic"
    key, n = base, 1
    while TrainingTopic.objects.filter(key=key).exists():
        n += 1
        key = f"{base}-{n}"
    topic = TrainingTopic.objects.create(key=key, name=name)
    audit_record(by=by, action="training_topic_added", obj=topic)
    return topic


@transaction.atomic
def requirement_add(*, applies_to: str, topic: TrainingTopic, by: Any) -> Requirement:
    requirement, created = Requirement.objects.get_or_create(applies_to=applies_to, topic=topic)
    if created:
        audit_record(
            by=by,
            action="requirement_added",
            obj=requirement,
            detail={"applies_to": applies_to, "topic": topic.key},
        )
    return requirement


@transaction.atomic
def requirement_remove(*, requirement: Requirement, by: Any) -> None:
    detail = {"applies_to": requirement.applies_to, "topic": requirement.topic.key}
    pk = requirement.pk
    requirement.delete()
    audit_record(
        by=by,
        action="requirement_removed",
        object_type="network.requirement",
        object_id=pk,
        detail=detail,
    )


# --- mentoring ---------------------------------------------------------------------------------


@transaction.atomic
def mentor_pair_start(*, mentee: Volunteer, mentor: Any, started_on: date, by: Any) -> MentorPair:
    if mentee.user_id is not None and mentee.user_id == mentor.pk:
        raise MentoringRefused("same_person")
    if MentorPair.objects.filter(mentee=mentee, mentor=mentor, ended_on__isnull=True).exists():
        raise MentoringRefused("already_paired")
    pair = MentorPair.objects.create(
        mentee=mentee, mentor=mentor, started_on=started_on, created_by_id=getattr(by, "pk", None)
    )
    audit_record(
        by=by,
        action="mentoring_started",
        obj=pair,
        detail={"mentee": mentee.pk, "mentor": mentor.pk},
    )
    return pair


@transaction.atomic
def check_in_record(*, pair: MentorPair, on: date, note: str, by: Any) -> CheckIn:
    """A check-in, and the pair's latest check-in date moved on in the same transaction (the
    coordinator's home finds quiet pairs from that one column)."""
    pair = MentorPair.objects.select_for_update().get(pk=pair.pk)
    if pair.ended_on is not None:
        raise MentoringRefused("ended")
    if on > timezone.localdate():
        raise MentoringRefused("future")
    if on < pair.started_on:
        raise MentoringRefused("before_start")
    check_in = CheckIn.objects.create(
        pair=pair, on=on, note=note, by_id=by.pk, recorded_at=timezone.now()
    )
    if pair.last_check_in_on is None or on > pair.last_check_in_on:
        pair.last_check_in_on = on
        pair.save(update_fields=["last_check_in_on"])
    audit_record(by=by, action="mentoring_check_in", obj=pair, detail={"check_in": check_in.pk})
    return check_in


@transaction.atomic
def mentor_pair_end(*, pair: MentorPair, ended_on: date, by: Any) -> None:
    pair = MentorPair.objects.select_for_update().get(pk=pair.pk)
    if pair.ended_on is not None:
        return
    pair.ended_on = max(ended_on, pair.started_on)
    pair.save(update_fields=["ended_on"])
    audit_record(by=by, action="mentoring_ended", obj=pair)
