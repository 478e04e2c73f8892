"""The coordinator's trainings, requirements and mentoring pages (/staff/network/), and the
volunteer's own trainings and mentoring in the portal (/portal/)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from rightsdesk.accounts.access import staff_view
from rightsdesk.accounts.roles import COORDINATORS, VOLUNTEER_ROLES
from rightsdesk.core.downloads import attachment
from rightsdesk.intake.uploads import UploadRefused, check_upload
from rightsdesk.network.models import MentorPair, Requirement, Training, TrainingRegistration
from rightsdesk.network.trainings import selectors, services
from rightsdesk.network.trainings.certificate import certificate_pdf, hours_text
from rightsdesk.network.trainings.forms import (
    CheckInForm,
    MaterialForm,
    PairForm,
    RequirementForm,
    TopicForm,
    TrainingForm,
    applies_to_label,
)
from rightsdesk.vault.audit import DOWNLOAD, audit_read, audit_reads, audit_record

# --- coordinator: trainings --------------------------------------------------------------------


@staff_view(COORDINATORS)
@require_GET
def training_list_view(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    upcoming = list(selectors.trainings_upcoming(now))
    past = list(selectors.trainings_past(now)[:50])
    for training in upcoming:
        training.seats_left = selectors.seats_left(training)
    for training in [*upcoming, *past]:
        training.hours = hours_text(training.cle_hours)
    return render(
        request, "network/trainings/list.html", {"upcoming": upcoming, "past": past, "now": now}
    )


@staff_view(COORDINATORS)
@require_http_methods(["GET", "POST"])
def training_new_view(request: HttpRequest) -> HttpResponse:
    form = TrainingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        training = services.training_save(training=None, data=form.training_data(), by=request.user)
        messages.success(request, _("Training saved."))
        return redirect("network:training_detail", pk=training.pk)
    return render(
        request,
        "network/trainings/form.html",
        {"form": form, "training": None, "time_zone": settings.TIME_ZONE},
        status=400 if form.errors else 200,
    )


@staff_view(COORDINATORS)
@require_http_methods(["GET", "POST"])
def training_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    training = get_object_or_404(Training, pk=pk)
    form = TrainingForm(request.POST or None, training=training)
    if request.method == "POST" and form.is_valid():
        try:
            services.training_save(training=training, data=form.training_data(), by=request.user)
        except services.TrainingRefused as refusal:
            form.add_error("capacity", str(refusal))
        else:
            messages.success(request, _("Training saved."))
            return redirect("network:training_detail", pk=training.pk)
    return render(
        request,
        "network/trainings/form.html",
        {"form": form, "training": training, "time_zone": settings.TIME_ZONE},
        status=400 if form.errors else 200,
    )


@staff_view(COORDINATORS)
@require_http_methods(["GET", "POST"])
def training_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    training = get_object_or_404(selectors.trainings_with_counts(), pk=pk)
    action = request.POST.get("action", "")
    material_form = MaterialForm(
        request.POST if action == "material" else None,
        request.FILES if action == "material" else None,
    )
    refused = ""
    if request.method == "POST":
        if action == "material" and material_form.is_valid():
            upload = material_form.cleaned_data["file"]
            try:
                checked = check_upload(upload, files_so_far=0, bytes_so_far=0)
            except UploadRefused as refusal:
                refused = str(refusal)
            else:
                services.material_add(
                    training=training, upload=upload, checked=checked, by=request.user
                )
                return redirect("network:training_detail", pk=training.pk)
        elif action == "material_remove":
            material = training.materials.filter(pk=_int(request.POST.get("material"))).first()
            if material is not None:
                services.material_remove(material=material, by=request.user)
            return redirect("network:training_detail", pk=training.pk)
        elif action == "cancel":
            services.training_cancel(training=training, by=request.user)
            messages.success(request, _("Training cancelled."))
            return redirect("network:training_detail", pk=training.pk)
    registrations = selectors.registrations_for_staff(
        training=training, user=request.user, purpose="training registrations"
    )
    return render(
        request,
        "network/trainings/detail.html",
        {
            "training": training,
            "seats_left": selectors.seats_left(training),
            "hours": hours_text(training.cle_hours),
            "registrations": registrations,
            "materials": list(training.materials.all()),
            "material_form": material_form,
            "refused": refused,
            "started": training.starts_at <= timezone.now(),
        },
        status=400 if (material_form.errors or refused) else 200,
    )


@staff_view(COORDINATORS)
@require_http_methods(["GET", "POST"])
def training_attendance_view(request: HttpRequest, pk: int) -> HttpResponse:
    training = get_object_or_404(Training.objects.select_related("topic"), pk=pk)
    refused = ""
    if request.method == "POST":
        came = [_int(value) for value in request.POST.getlist("attended")]
        try:
            count = services.attendance_record(training=training, attended=came, by=request.user)
        except services.TrainingRefused as refusal:
            refused = str(refusal)
        else:
            messages.success(
                request,
                _("Attendance saved: %(count)s came.") % {"count": count},
            )
            return redirect("network:training_detail", pk=training.pk)
    registrations = [
        r
        for r in selectors.registrations_for_staff(
            training=training, user=request.user, purpose="training attendance"
        )
        if r.cancelled_at is None
    ]
    return render(
        request,
        "network/trainings/attendance.html",
        {"training": training, "registrations": registrations, "refused": refused},
        status=400 if refused else 200,
    )


@staff_view(COORDINATORS)
@require_GET
def training_material_view(request: HttpRequest, pk: int, material_id: int) -> HttpResponse:
    training = get_object_or_404(Training, pk=pk)
    material = get_object_or_404(training.materials, pk=material_id)
    return _material_file(request, training, material)


@staff_view(COORDINATORS)
@require_GET
def training_certificate_view(request: HttpRequest, pk: int, registration_id: int) -> HttpResponse:
    training = get_object_or_404(Training, pk=pk)
    registration = selectors.registration_get_for_staff(training=training, pk=registration_id)
    return _certificate(request, registration)


# --- coordinator: requirements -----------------------------------------------------------------


@staff_view(COORDINATORS)
@require_http_methods(["GET", "POST"])
def training_requirements_view(request: HttpRequest) -> HttpResponse:
    action = request.POST.get("action", "")
    form = RequirementForm(request.POST if action == "requirement" else None)
    topic_form = TopicForm(request.POST if action == "topic" else None)
    if request.method == "POST":
        if action == "requirement" and form.is_valid():
            services.requirement_add(by=request.user, **form.cleaned_data)
            messages.success(request, _("Requirement saved."))
            return redirect("network:training_requirements")
        if action == "topic" and topic_form.is_valid():
            services.topic_add(name=topic_form.cleaned_data["name"], by=request.user)
            messages.success(request, _("Topic added."))
            return redirect("network:training_requirements")
        if action == "remove":
            requirement = Requirement.objects.filter(pk=_int(request.POST.get("requirement")))
            if found := requirement.select_related("topic").first():
                services.requirement_remove(requirement=found, by=request.user)
                messages.success(request, _("Requirement removed."))
            return redirect("network:training_requirements")
    from rightsdesk.network.models import TrainingTopic

    requirements = selectors.requirements_list()
    for requirement in requirements:
        requirement.label = applies_to_label(requirement.applies_to)
    return render(
        request,
        "network/trainings/requirements.html",
        {
            "requirements": requirements,
            "topics": list(TrainingTopic.objects.all()),
            "form": form,
            "topic_form": topic_form,
        },
        status=400 if (form.errors or topic_form.errors) else 200,
    )


# --- coordinator: mentoring --------------------------------------------------------------------


@staff_view(COORDINATORS)
@require_http_methods(["GET", "POST"])
def mentoring_list_view(request: HttpRequest) -> HttpResponse:
    form = PairForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            pair = services.mentor_pair_start(
                mentee=data["mentee"],
                mentor=data["mentor"],
                started_on=data["started_on"],
                by=request.user,
            )
        except services.MentoringRefused as refusal:
            form.add_error("mentor", str(refusal))
        else:
            messages.success(request, _("Mentoring pair started."))
            return redirect("network:mentoring_pair", pk=pair.pk)
    today = timezone.localdate()
    active = selectors.pairs_for_staff(user=request.user, active=True)
    quiet = {q.pair.pk: q for q in selectors.quiet_pairs(today)}
    # The form's list of volunteers shows their names: a read of each of them.
    audit_reads(
        by=request.user, objects=list(form.fields["mentee"].queryset), purpose="mentee choices"
    )
    return render(
        request,
        "network/trainings/mentoring_list.html",
        {
            "active": [(p, quiet.get(p.pk)) for p in active],
            "ended": selectors.pairs_for_staff(user=request.user, active=False)[:50],
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@staff_view(COORDINATORS)
@require_http_methods(["GET", "POST"])
def mentoring_pair_view(request: HttpRequest, pk: int) -> HttpResponse:
    pair = get_object_or_404(MentorPair.objects.select_related("mentee", "mentor"), pk=pk)
    action = request.POST.get("action", "")
    form = CheckInForm(request.POST if action == "check_in" else None)
    refused = ""
    if request.method == "POST":
        if action == "check_in" and form.is_valid():
            try:
                services.check_in_record(pair=pair, by=request.user, **form.cleaned_data)
            except services.MentoringRefused as refusal:
                form.add_error("on", str(refusal))
            else:
                messages.success(request, _("Check-in saved."))
                return redirect("network:mentoring_pair", pk=pair.pk)
        elif action == "end":
            services.mentor_pair_end(pair=pair, ended_on=timezone.localdate(), by=request.user)
            messages.success(request, _("Mentoring pair ended."))
            return redirect("network:mentoring_pair", pk=pair.pk)
    audit_read(by=request.user, obj=pair.mentee, detail={"mentoring_pair": pair.pk})
    return render(
        request,
        "network/trainings/mentoring_pair.html",
        {"pair": pair, "check_ins": list(pair.check_ins.all()), "form": form, "refused": refused},
        status=400 if form.errors else 200,
    )


# --- the volunteer's portal --------------------------------------------------------------------


def _no_record(request: HttpRequest) -> HttpResponse:
    return render(request, "network/trainings/portal_no_record.html")


@staff_view(VOLUNTEER_ROLES)
@require_http_methods(["GET", "POST"])
def training_portal_view(request: HttpRequest) -> HttpResponse:
    volunteer = selectors.volunteer_for_user(request.user)
    if volunteer is None:
        return _no_record(request)
    if request.method == "POST":
        action = request.POST.get("action", "")
        training = Training.objects.filter(pk=_int(request.POST.get("training"))).first()
        if training is None or action not in {"register", "cancel"}:
            return redirect("portal:training_portal")
        try:
            if action == "register":
                services.training_register(training=training, volunteer=volunteer, by=request.user)
                messages.success(
                    request, _("You are registered. We sent you an email with the details.")
                )
            else:
                registration = volunteer.registrations.filter(training=training).first()
                if registration is None:
                    raise services.RegistrationRefused("not_registered")
                services.registration_cancel(registration=registration, by=request.user)
                messages.success(request, _("Your place is cancelled."))
        except services.RegistrationRefused as refusal:
            messages.error(request, str(refusal))
        return redirect("portal:training_portal")
    now = timezone.now()
    mine = selectors.own_registrations(volunteer)
    upcoming = []
    trainings = selectors.trainings_upcoming(now).filter(cancelled_at__isnull=True)
    for training in trainings.prefetch_related("materials"):
        registration = mine.get(training.pk)
        training.seats_left = selectors.seats_left(training)
        training.hours = hours_text(training.cle_hours)
        training.registered_here = registration is not None and registration.cancelled_at is None
        training.started = training.starts_at <= now
        upcoming.append(training)
    past = selectors.own_past_trainings(volunteer, now)
    for registration in past:
        registration.certificate = selectors.certificate_allowed(registration)
        registration.hours = hours_text(registration.training.cle_hours)
    return render(
        request,
        "network/trainings/portal.html",
        {
            "volunteer": volunteer,
            "upcoming": upcoming,
            "past": past,
            "total_hours": hours_text(
                sum((r.training.cle_hours for r in past if r.certificate), start=Decimal(0))
            ),
        },
    )


@staff_view(VOLUNTEER_ROLES)
@require_GET
def training_portal_certificate_view(request: HttpRequest, registration_id: int) -> HttpResponse:
    volunteer = selectors.volunteer_for_user(request.user)
    if volunteer is None:
        raise Http404
    return _certificate(request, selectors.own_registration(volunteer, registration_id))


@staff_view(VOLUNTEER_ROLES)
@require_GET
def training_portal_material_view(request: HttpRequest, pk: int, material_id: int) -> HttpResponse:
    volunteer = selectors.volunteer_for_user(request.user)
    if volunteer is None:
        raise Http404
    # Materials are for the people registered for the training.
    registration = volunteer.registrations.filter(training_id=pk, cancelled_at__isnull=True)
    found = registration.select_related("training").first()
    if found is None:
        raise Http404
    material = get_object_or_404(found.training.materials, pk=material_id)
    return _material_file(request, found.training, material)


@staff_view(VOLUNTEER_ROLES)
@require_http_methods(["GET", "POST"])
def mentoring_portal_view(request: HttpRequest) -> HttpResponse:
    volunteer = selectors.volunteer_for_user(request.user)
    pairs = selectors.pairs_for_user(request.user)
    if volunteer is None and not pairs:
        return _no_record(request)
    form = CheckInForm(request.POST or None)
    if request.method == "POST":
        pair = next((p for p in pairs if p.pk == _int(request.POST.get("pair"))), None)
        if pair is None:
            return redirect("portal:mentoring_portal")
        if form.is_valid():
            try:
                services.check_in_record(pair=pair, by=request.user, **form.cleaned_data)
            except services.MentoringRefused as refusal:
                form.add_error("on", str(refusal))
            else:
                messages.success(request, _("Check-in saved."))
                return redirect("portal:mentoring_portal")
    return render(
        request,
        "network/trainings/mentoring_portal.html",
        {
            "pairs": pairs,
            "active_pairs": [p for p in pairs if p.ended_on is None],
            "form": form,
            "chosen_pair": _int(request.POST.get("pair")),
            "user_id": request.user.pk,
        },
        status=400 if form.errors else 200,
    )


# --- shared ------------------------------------------------------------------------------------


def _certificate(request: HttpRequest, registration: TrainingRegistration) -> HttpResponse:
    if not selectors.certificate_allowed(registration):
        raise Http404
    audit_record(
        by=request.user,
        action=DOWNLOAD,
        obj=registration.volunteer,
        detail={"certificate": registration.pk},
    )
    pdf = certificate_pdf(selectors.certificate_facts(registration))
    return attachment(
        pdf,
        filename=f"certificate-{registration.training_id}-{registration.pk}.pdf",
        content_type="application/pdf",
    )


def _material_file(request: HttpRequest, training: Training, material: Any) -> HttpResponse:
    audit_record(by=request.user, action=DOWNLOAD, obj=training, detail={"material": material.pk})
    with material.file.open("rb") as handle:
        content = handle.read()
    return attachment(content, filename=material.original_name)


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
