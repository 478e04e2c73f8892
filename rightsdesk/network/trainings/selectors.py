"""Reads of trainings, requirements and mentoring.

``requirements_for``, ``done_by``, ``missing_requirements`` and ``completed_topics`` serve the
matcher (network/visits) and the portal; they read only plaintext columns and decrypt nothing.
Reads that show a volunteer's details to staff record them in the audit log; volunteers reach
only their own registrations and pairs, through their own Volunteer record or account."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from rightsdesk.network.models import (
    MentorPair,
    Requirement,
    Training,
    TrainingRegistration,
    TrainingTopic,
    Volunteer,
)
from rightsdesk.vault.audit import audit_reads

# A pair with no check-in for this long shows on the coordinator's home.
QUIET_AFTER_DAYS = 30


class TopicRef(NamedTuple):
    key: str
    name: str


def _with_general(applies_to: Iterable[str]) -> set[str]:
    """ "visit:credible_fear" needs what every visit needs ("visit") as well."""
    keys = set()
    for key in applies_to:
        keys.add(key)
        if ":" in key:
            keys.add(key.split(":", 1)[0])
    return keys


def requirements_for(applies_to: Iterable[str]) -> list[TopicRef]:
    """The topics an assignment needs, by name. One query."""
    topics = (
        TrainingTopic.objects.filter(required_by__applies_to__in=_with_general(applies_to))
        .distinct()
        .order_by("name")
        .values_list("key", "name")
    )
    return [TopicRef(key, name) for key, name in topics]


def _attended() -> QuerySet[TrainingRegistration]:
    """Registrations that count as having done the topic: attended, and neither the
    registration nor the training cancelled."""
    return TrainingRegistration.objects.filter(
        attended=True, cancelled_at__isnull=True, training__cancelled_at__isnull=True
    )


def done_by(key: str) -> QuerySet[TrainingRegistration]:
    """The ids of the volunteers who have done the topic, as a subquery for
    ``pk__in=done_by(key)`` (the database runs it once, not once per volunteer)."""
    return _attended().filter(training__topic__key=key).values("volunteer_id")


def missing_requirements(
    volunteer_ids: Iterable[int], applies_to: Iterable[str]
) -> dict[int, list[TopicRef]]:
    """For each volunteer, the required topics they have not done (every id is a key; [] when
    nothing is missing). Two queries whatever the number of volunteers.

    ``applies_to`` takes Requirement.applies_to keys: "visit", "visit:<purpose>",
    "matter:<kind>"; "visit:<purpose>" brings in the "visit" requirements too."""
    ids = [int(pk) for pk in volunteer_ids]
    needed = requirements_for(applies_to)
    if not ids or not needed:
        return {pk: [] for pk in ids}
    done: dict[int, set[str]] = {}
    rows = (
        _attended()
        .filter(volunteer_id__in=ids, training__topic__key__in=[t.key for t in needed])
        .values_list("volunteer_id", "training__topic__key")
        .distinct()
    )
    for volunteer_id, key in rows:
        done.setdefault(volunteer_id, set()).add(key)
    return {pk: [t for t in needed if t.key not in done.get(pk, ())] for pk in ids}


def completed_topics(volunteer: Volunteer | int) -> set[str]:
    """Keys of the topics a volunteer has done. One query."""
    volunteer_id = volunteer if isinstance(volunteer, int) else volunteer.pk
    return set(
        _attended().filter(volunteer_id=volunteer_id).values_list("training__topic__key", flat=True)
    )


# --- trainings ---------------------------------------------------------------------------------


def trainings_with_counts() -> QuerySet[Training]:
    return Training.objects.select_related("topic").annotate(
        registered=Count("registrations", filter=Q(registrations__cancelled_at__isnull=True)),
        attended_count=Count("registrations", filter=Q(registrations__attended=True)),
    )


def trainings_upcoming(now: datetime) -> QuerySet[Training]:
    return trainings_with_counts().filter(ends_at__gt=now).order_by("starts_at")


def trainings_past(now: datetime) -> QuerySet[Training]:
    return trainings_with_counts().filter(ends_at__lte=now).order_by("-starts_at")


def seats_left(training: Any) -> int | None:
    """None when there is no limit; ``training`` carries the ``registered`` annotation."""
    if training.capacity is None:
        return None
    return max(training.capacity - training.registered, 0)


def registrations_for_staff(*, training: Training, user: Any, purpose: str) -> list[Any]:
    """Who registered, with their names (decrypted), recorded as a read of those volunteers."""
    registrations = list(
        training.registrations.select_related("volunteer").order_by("registered_at", "pk")
    )
    audit_reads(by=user, objects=[r.volunteer for r in registrations], purpose=purpose)
    return registrations


def registration_get_for_staff(*, training: Training, pk: int) -> TrainingRegistration:
    registration = (
        training.registrations.select_related("volunteer", "training__topic").filter(pk=pk).first()
    )
    if registration is None:
        raise Http404
    return registration


# --- the volunteer's own --------------------------------------------------------------------


def volunteer_for_user(user: Any) -> Volunteer | None:
    """The signed-in account's own volunteer record, or None (an account made by hand)."""
    return Volunteer.objects.filter(user_id=user.pk).first()


def own_registrations(volunteer: Volunteer) -> dict[int, TrainingRegistration]:
    """The volunteer's registrations by training id (cancelled ones too)."""
    return {r.training_id: r for r in volunteer.registrations.all()}


def own_past_trainings(volunteer: Volunteer, now: datetime) -> list[TrainingRegistration]:
    return list(
        volunteer.registrations.filter(cancelled_at__isnull=True, training__ends_at__lte=now)
        .select_related("training__topic")
        .order_by("-training__starts_at")
    )


def own_registration(volunteer: Volunteer, pk: int) -> TrainingRegistration:
    """One of the volunteer's own registrations; anyone else's is a 404."""
    registration = (
        volunteer.registrations.select_related("training__topic", "volunteer").filter(pk=pk).first()
    )
    if registration is None:
        raise Http404
    return registration


def certificate_allowed(registration: TrainingRegistration) -> bool:
    return (
        registration.attended is True
        and registration.cancelled_at is None
        and registration.training.cancelled_at is None
    )


# --- mentoring ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuietPair:
    pair: MentorPair
    since: date  # the last check-in, or the start when there has been none
    days: int
    checked_in: bool


def quiet_pairs(today: date, *, by: Any = None) -> list[QuietPair]:
    """Active pairs with no check-in for QUIET_AFTER_DAYS days (or none since starting that long
    ago), quietest first. One query. Pass ``by`` when the names will be shown to staff: the read
    of the mentees is then recorded."""
    cutoff = today - timedelta(days=QUIET_AFTER_DAYS)
    pairs = list(
        MentorPair.objects.filter(ended_on__isnull=True)
        .filter(
            Q(last_check_in_on__lte=cutoff)
            | Q(last_check_in_on__isnull=True, started_on__lte=cutoff)
        )
        .select_related("mentee", "mentor")
    )
    quiet = []
    for pair in pairs:
        since = pair.last_check_in_on or pair.started_on
        checked_in = pair.last_check_in_on is not None
        quiet.append(QuietPair(pair, since, (today - since).days, checked_in))
    quiet.sort(key=lambda q: (q.since, q.pair.pk))
    if by is not None:
        audit_reads(by=by, objects=[q.pair.mentee for q in quiet], purpose="quiet mentoring pairs")
    return quiet


def pairs_for_staff(*, user: Any, active: bool) -> list[MentorPair]:
    pairs = list(
        MentorPair.objects.filter(ended_on__isnull=active)
        .select_related("mentee", "mentor")
        .order_by("-started_on", "-pk")
    )
    audit_reads(by=user, objects=[p.mentee for p in pairs], purpose="mentoring pairs")
    return pairs


def pairs_for_user(user: Any) -> Sequence[MentorPair]:
    """Pairs the account is in, as mentee (through their volunteer record) or as mentor."""
    return list(
        MentorPair.objects.filter(Q(mentee__user_id=user.pk) | Q(mentor_id=user.pk))
        .select_related("mentee", "mentor")
        .prefetch_related("check_ins")
        .order_by("ended_on", "-started_on")
    )


def mentors_available() -> QuerySet[Any]:
    """Who may mentor: staff attorneys, and volunteer attorneys whose volunteer record is
    approved."""
    from rightsdesk.accounts.models import User

    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(role=User.Role.ATTORNEY)
            | Q(role=User.Role.VOLUNTEER_ATTORNEY, volunteer__status=Volunteer.Status.APPROVED)
        )
        .order_by("username")
    )


def requirements_list() -> list[Requirement]:
    return list(Requirement.objects.select_related("topic").order_by("applies_to", "topic__name"))


def certificate_facts(registration: TrainingRegistration) -> Any:
    """What the certificate says: the volunteer's own name and the training, in their
    language and the organisation's time zone."""
    from zoneinfo import ZoneInfo

    from django.conf import settings
    from django.utils import timezone

    from rightsdesk.network.trainings.certificate import CertificateFacts

    training = registration.training
    zone = ZoneInfo(settings.TIME_ZONE)
    return CertificateFacts(
        organisation=settings.ORGANISATION_NAME,
        volunteer_name=registration.volunteer.name,
        title=training.title,
        topic=training.topic.name,
        starts=training.starts_at.astimezone(zone),
        ends=training.ends_at.astimezone(zone),
        place="" if training.online else training.place,
        online=training.online,
        cle_hours=training.cle_hours,
        number=f"T{training.pk}-R{registration.pk}",
        issued_on=timezone.localdate(registration.attendance_at or training.ends_at, zone),
        language=registration.volunteer.language or settings.LANGUAGE_CODE,
    )
