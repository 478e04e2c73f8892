"""Helpers for the trainings tests and the access matrix: fictional volunteers and trainings."""

from __future__ import annotations

import itertools
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from rightsdesk.network.models import Training, TrainingTopic, Volunteer

_numbers = itertools.count(1)


def make_volunteer(
    *,
    user: Any = None,
    name: str = "Ana Example",
    email: str = "",
    language: str = "en",
    status: str = Volunteer.Status.APPROVED,
    kind: str = Volunteer.Kind.ATTORNEY,
) -> Volunteer:
    n = next(_numbers)
    now = timezone.now()
    return Volunteer.objects.create(
        reference=f"VT-{n:05d}",
        status_code_hash="0" * 64,
        kind=kind,
        status=status,
        language=language,
        name=name,
        email=email or f"volunteer{n}@example.org",
        applied_at=now,
        status_changed_at=now,
        user=user,
    )


def volunteer_for(user: Any, **fields: Any) -> Volunteer:
    """The account's own volunteer record, made on first use."""
    existing = Volunteer.objects.filter(user=user).first()
    return existing or make_volunteer(user=user, **fields)


def make_training(
    *,
    topic: str = "detention-visit-orientation",
    title: str = "Detention visit orientation",
    in_days: float = 7,
    hours: float = 2,
    capacity: int | None = None,
    cle_hours: str = "2.00",
    online: bool = False,
    place: str = "Jackson office, 200 Example St",
) -> Training:
    starts = timezone.now() + timedelta(days=in_days)
    return Training.objects.create(
        topic=TrainingTopic.objects.get(key=topic),
        title=title,
        starts_at=starts,
        ends_at=starts + timedelta(hours=hours),
        place="" if online else place,
        online=online,
        cle_hours=Decimal(cle_hours),
        capacity=capacity,
    )


def attended(training: Training, volunteer: Volunteer, *, came: bool = True) -> Any:
    """A registration with attendance taken, made directly (the training may be past)."""
    from rightsdesk.network.models import TrainingRegistration

    return TrainingRegistration.objects.create(
        training=training,
        volunteer=volunteer,
        registered_at=training.starts_at - timedelta(days=3),
        attended=came,
        attendance_at=training.ends_at,
    )


# --- the access matrix (rightsdesk/core/tests/test_access.py) ----------------------------------

_ACCESS: dict[str, Any] = {}


def _fixtures(world: Any) -> dict[str, Any]:
    """One past training with materials, attended by the requesting volunteer attorney and by
    someone else; made once per matrix run."""
    key = id(world)
    if key not in _ACCESS:
        from django.core.files.uploadedfile import SimpleUploadedFile

        from rightsdesk.accounts.models import User
        from rightsdesk.intake.uploads import check_upload
        from rightsdesk.network.models import MentorPair
        from rightsdesk.network.trainings.services import material_add

        admin = world.requesters[User.Role.ADMIN]
        training = make_training(in_days=-3)
        other_training = make_training(in_days=-2, title="Credible fear")
        pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
        upload = SimpleUploadedFile("slides.pdf", pdf, content_type="application/pdf")
        checked = check_upload(upload, files_so_far=0, bytes_so_far=0)
        material = material_add(training=training, upload=upload, checked=checked, by=admin)
        upload = SimpleUploadedFile("other.pdf", pdf, content_type="application/pdf")
        checked = check_upload(upload, files_so_far=0, bytes_so_far=0)
        other_material = material_add(
            training=other_training, upload=upload, checked=checked, by=admin
        )
        someone = make_volunteer(name="Birch Volunteer")
        theirs = attended(training, someone)
        attended(other_training, someone)
        pair = MentorPair.objects.create(
            mentee=someone,
            mentor=world.requesters[User.Role.ATTORNEY],
            started_on=timezone.localdate() - timedelta(days=40),
        )
        _ACCESS.clear()
        _ACCESS[key] = {
            "training": training,
            "other_training": other_training,
            "material": material,
            "other_material": other_material,
            "theirs": theirs,
            "pair": pair,
        }
    return _ACCESS[key]


def _own_registration(world: Any, user: Any) -> Any:
    from rightsdesk.accounts.models import User
    from rightsdesk.network.models import TrainingRegistration

    data = _fixtures(world)
    if user is None or not user.is_volunteer:
        user = world.requesters[User.Role.VOLUNTEER_ATTORNEY]
    volunteer = volunteer_for(user)
    registration = TrainingRegistration.objects.filter(
        training=data["training"], volunteer=volunteer
    ).first()
    if registration is None:
        return attended(data["training"], volunteer)
    _came(registration)
    return registration


def _came(registration: Any) -> None:
    # The attendance page's empty POST marks everyone absent; put them back for the next cell.
    type(registration).objects.filter(pk=registration.pk).update(attended=True)


def _training(w: Any, u: Any) -> dict[str, Any]:
    return {"pk": _fixtures(w)["training"].pk}


def _material(w: Any, u: Any) -> dict[str, Any]:
    data = _fixtures(w)
    return {"pk": data["training"].pk, "material_id": data["material"].pk}


def _certificate(w: Any, u: Any) -> dict[str, Any]:
    data = _fixtures(w)
    _came(data["theirs"])
    return {"pk": data["training"].pk, "registration_id": data["theirs"].pk}


def _own_certificate(w: Any, u: Any) -> dict[str, Any]:
    return {"registration_id": _own_registration(w, u).pk}


def _their_certificate(w: Any, u: Any) -> dict[str, Any]:
    _came(_fixtures(w)["theirs"])
    return {"registration_id": _fixtures(w)["theirs"].pk}


def _own_material(w: Any, u: Any) -> dict[str, Any]:
    _own_registration(w, u)
    return _material(w, u)


def _their_material(w: Any, u: Any) -> dict[str, Any]:
    # A training the requester is not registered for.
    data = _fixtures(w)
    return {"pk": data["other_training"].pk, "material_id": data["other_material"].pk}


def _pair(w: Any, u: Any) -> dict[str, Any]:
    return {"pk": _fixtures(w)["pair"].pk}


def access_fill(on: str, not_on: str) -> dict[str, dict[str, Any]]:
    """FILL entries for the trainings part's URL patterns with parameters."""
    return {
        "network:training_detail": {"": _training},
        "network:training_edit": {"": _training},
        "network:training_attendance": {"": _training},
        "network:training_material": {"": _material},
        "network:training_certificate": {"": _certificate},
        "network:mentoring_pair": {"": _pair},
        "portal:training_portal_certificate": {on: _own_certificate, not_on: _their_certificate},
        "portal:training_portal_material": {on: _own_material, not_on: _their_material},
    }
