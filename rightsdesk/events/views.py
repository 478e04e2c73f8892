"""The public calendar (no account, works without JavaScript) and the organisers' event pages."""

from __future__ import annotations

import json
import secrets
from datetime import time, timedelta
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rightsdesk.accounts.access import public_view, staff_view
from rightsdesk.accounts.roles import COORDINATORS, EVENT_ORGANISERS
from rightsdesk.core.downloads import attachment
from rightsdesk.core.ratelimit import allow
from rightsdesk.events import feeds, registrations, selectors, services
from rightsdesk.events.forms import (
    AfterEventForm,
    CalendarFilterForm,
    CancelForm,
    CheckInForm,
    EventForm,
    MaterialForm,
    PeriodForm,
    RegistrationForm,
    town_copy_forms,
)
from rightsdesk.events.models import Event, EventMaterial, Registration
from rightsdesk.geo.maps import county_map_svg
from rightsdesk.intake.uploads import UploadRefused, check_upload
from rightsdesk.intake.views import HONEYPOT
from rightsdesk.network.trainings.certificate import hours_text
from rightsdesk.network.trainings.services import local_datetime
from rightsdesk.vault.audit import audit_record
from rightsdesk.vault.crypto import DecryptionFailed, decrypt_text, encrypt_text

CALENDAR_PAGE = 20
STAFF_PAGE = 30
# As the complaint form: a family signs up once for all of them, so a few a minute is plenty.
REGISTRATIONS_PER_MINUTE = 5
REGISTRATIONS_PER_HOUR = 20
RECEIPT_SESSION = "event_receipts"
RECEIPT_CONTEXT = "event-receipt"


@public_view
@require_GET
def calendar_view(request: HttpRequest) -> HttpResponse:
    form = CalendarFilterForm(request.GET or None)
    chosen = form.chosen()
    page = Paginator(selectors.upcoming_events(chosen), CALENDAR_PAGE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "events/calendar.html",
        {
            "form": form,
            "page": page,
            "past": selectors.past_events(chosen) if page.number == 1 else [],
            "filtered": chosen != selectors.CalendarFilter(),
            "query": query.urlencode(),
        },
    )


def _event_page(
    request: HttpRequest, event: Event, form: RegistrationForm | None = None, status: int = 200
) -> HttpResponse:
    problem = registrations.open_problem(event)
    if form is None and not problem:
        form = RegistrationForm(event=event, initial={"token": secrets.token_urlsafe(32)})
    return render(
        request,
        "events/event.html",
        {
            "event": event,
            "form": None if problem else form,
            "closed": problem,
            "places": registrations.places(event),
            "materials": list(event.materials.all()),
            "cle_hours": hours_text(event.training.cle_hours) if event.training else "",
        },
        status=status,
    )


@public_view
@require_GET
def event_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _event_page(request, get_object_or_404(Event, pk=pk))


def _receipts(request: HttpRequest) -> dict[str, Any]:
    """Sign-ups made from this browser, by event; the cancel code sits in the session only
    encrypted (the session store is a database table)."""
    sealed = request.session.get(RECEIPT_SESSION)
    if not sealed:
        return {}
    try:
        return dict(json.loads(decrypt_text(sealed, context=RECEIPT_CONTEXT)))
    except (DecryptionFailed, ValueError):
        return {}


def _keep_receipt(request: HttpRequest, registration: Registration, code: str, token: str) -> None:
    receipts = _receipts(request)
    receipts[str(registration.event_id)] = {"id": registration.pk, "code": code, "token": token}
    request.session[RECEIPT_SESSION] = encrypt_text(json.dumps(receipts), context=RECEIPT_CONTEXT)


def _forget_receipt(request: HttpRequest, registration: Registration) -> None:
    """A cancelled place's code and private address leave this browser's session (a shared
    computer in a library must not show them to the next person)."""
    receipts = _receipts(request)
    if receipts.pop(str(registration.event_id), None) is not None:
        request.session[RECEIPT_SESSION] = encrypt_text(
            json.dumps(receipts), context=RECEIPT_CONTEXT
        )


@public_view
@require_POST
def register_view(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    if request.POST.get(HONEYPOT):
        return redirect("events:event", pk=event.pk)
    form = RegistrationForm(request.POST, event=event)
    if registrations.open_problem(event) or not form.is_valid():
        return _event_page(request, event, form, status=400)
    token = form.cleaned_data["token"]
    receipt = _receipts(request).get(str(event.pk), {})
    if token and receipt.get("token") == token:
        return redirect("events:registered", pk=event.pk)  # sent twice from this browser
    if not allow(
        request, "event-register", limit=REGISTRATIONS_PER_MINUTE, window_seconds=60
    ) or not allow(
        request, "event-register-hour", limit=REGISTRATIONS_PER_HOUR, window_seconds=3600
    ):
        form.add_error(
            None,
            _(
                "Many sign-ups came from this connection just now. Please wait a few minutes, "
                "then press the button again: what you typed is still here."
            ),
        )
        return _event_page(request, event, form, status=429)
    try:
        registration, code = registrations.registration_make(
            event=event,
            data=form.registration_data(),
            language=translation.get_language() or "en",
            token=token,
        )
    except registrations.RegistrationRefused as refused:
        form.add_error(None, str(refused))
        return _event_page(request, event, form, status=400)
    if code is None:
        if receipt.get("id") != registration.pk:
            # Sent before from another browser with the same page: it exists; no code again.
            return render(request, "events/registered.html", {"event": event, "again": True})
    else:
        _keep_receipt(request, registration, code, token)
    return redirect("events:registered", pk=event.pk)


@public_view
@require_GET
def registered_view(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    receipt = _receipts(request).get(str(event.pk))
    registration = (
        Registration.objects.filter(pk=receipt["id"], event=event).first() if receipt else None
    )
    if registration is None:
        return redirect("events:event", pk=event.pk)
    return render(
        request,
        "events/registered.html",
        {"event": event, "registration": registration, "code": receipt["code"]},
    )


@public_view
@require_http_methods(["GET", "POST"])
def cancel_view(request: HttpRequest) -> HttpResponse:
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # Guessing codes is slow: ten tries a quarter of an hour from one address.
        if not allow(request, "event-cancel", limit=10, window_seconds=900):
            return render(request, "events/slow_down.html", status=429)
        registration = registrations.registration_find(form.cleaned_data["code"])
        if registration is None:
            form.add_error("code", _("We could not find that code. Check it and try again."))
        elif registration.status == Registration.Status.CANCELLED:
            form.add_error("code", _("This place was cancelled already."))
        elif registration.event.ends_at <= timezone.now():
            form.add_error("code", _("This event is over, so there is nothing to cancel."))
        else:
            registrations.registration_cancel(registration=registration)
            _forget_receipt(request, registration)
            return render(request, "events/cancelled.html", {"event": registration.event})
    return render(request, "events/cancel.html", {"form": form}, status=400 if form.errors else 200)


@public_view
@require_GET
def event_ics_view(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    return _ics(feeds.event_ics(event, url=_page_url(request, event)), f"event-{event.pk}.ics")


@public_view
@require_GET
def feed_view(request: HttpRequest) -> HttpResponse:
    body = feeds.public_feed_ics(url_for=lambda event: _page_url(request, event))
    return _ics(body, "events.ics")


def _page_url(request: HttpRequest, event: Event) -> str:
    return request.build_absolute_uri(reverse("events:event", args=[event.pk]))


@public_view
@require_GET
def material_view(request: HttpRequest, pk: int, material_id: int) -> HttpResponse:
    material = get_object_or_404(EventMaterial, pk=material_id, event_id=pk)
    with material.file.open("rb") as handle:
        content = handle.read()
    return attachment(content, filename=material.original_name)


def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@staff_view(EVENT_ORGANISERS)
@require_GET
def staff_list_view(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.staff_events_with_counts(), STAFF_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "events/staff_list.html",
        {"page": page, "edits_trainings": request.user.role in COORDINATORS},
    )


def _training_elsewhere(request: HttpRequest, event: Event) -> HttpResponse | None:
    """A training's calendar entry is changed with the training, in the network pages: the
    coordinator goes there; anyone else learns where it lives."""
    if event.training_id is None:
        return None
    if request.user.role in COORDINATORS:
        return redirect("network:training_detail", pk=event.training_id)
    return render(request, "events/training_elsewhere.html", {"event": event})


def _form_page(
    request: HttpRequest,
    form: EventForm,
    event: Event | None,
    material_form: MaterialForm | None = None,
    refused: str = "",
) -> HttpResponse:
    return render(
        request,
        "events/form.html",
        {
            "form": form,
            "event": event,
            "time_zone": settings.TIME_ZONE,
            "materials": list(event.materials.all()) if event else [],
            "material_form": material_form or MaterialForm(),
            "refused": refused,
        },
        status=400 if form.errors or refused or (material_form and material_form.errors) else 200,
    )


@staff_view(EVENT_ORGANISERS)
@require_http_methods(["GET", "POST"])
def event_new_view(request: HttpRequest) -> HttpResponse:
    copy_of = request.GET.get("copy", "")
    source = (
        Event.objects.filter(pk=int(copy_of), training__isnull=True).first()
        if copy_of.isascii() and copy_of.isdecimal()
        else None
    )
    form = EventForm(request.POST or None, event=source)
    if request.method == "POST" and form.is_valid():
        event = services.event_save(event=None, data=form.event_data(), by=request.user)
        messages.success(request, _("Event saved."))
        return redirect("events_staff:event_edit", pk=event.pk)
    return _form_page(request, form, None)


@staff_view(EVENT_ORGANISERS)
@require_http_methods(["GET", "POST"])
def event_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    if (elsewhere := _training_elsewhere(request, event)) is not None:
        return elsewhere
    form = EventForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        services.event_save(event=event, data=form.event_data(), by=request.user)
        messages.success(request, _("Event saved."))
        return redirect("events_staff:event_edit", pk=event.pk)
    return _form_page(request, form, event)


@staff_view(EVENT_ORGANISERS)
@require_http_methods(["GET", "POST"])
def attendees_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The list at the door: phone-sized, names and group sizes only (no contact details)."""
    event = get_object_or_404(Event, pk=pk)
    if (elsewhere := _training_elsewhere(request, event)) is not None:
        return elsewhere
    counted = AfterEventForm(
        request.POST if "walk_in_count" in request.POST else None,
        initial={name: getattr(event, name) for name in registrations.AFTER_EVENT_FIELDS},
    )
    if request.method == "POST":
        if counted.is_bound:
            if counted.is_valid():
                registrations.after_event_record(
                    event=event, counts=counted.cleaned_data, by=request.user
                )
                messages.success(request, _("Counts saved."))
                return redirect("events_staff:attendees", pk=event.pk)
        else:
            check = CheckInForm(request.POST)
            if check.is_valid():
                registration = get_object_or_404(
                    Registration,
                    pk=check.cleaned_data["registration"],
                    event=event,
                    status=Registration.Status.CONFIRMED,
                )
                registrations.check_in(
                    registration=registration, by=request.user, undo=check.cleaned_data["undo"]
                )
                return redirect(f"{request.path}#registration-{registration.pk}")
    else:
        audit_record(by=request.user, action="event_attendees_viewed", obj=event)
    return render(
        request,
        "events/attendees.html",
        {"event": event, "counted": counted, **selectors.attendance(event)},
        status=400 if counted.errors else 200,
    )


@staff_view(EVENT_ORGANISERS)
@require_http_methods(["GET", "POST"])
def copies_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A tour: the same event on other days in other towns, up to five at a time."""
    event = get_object_or_404(Event, pk=pk)
    if (elsewhere := _training_elsewhere(request, event)) is not None:
        return elsewhere
    online = event.place == Event.Place.ONLINE
    stops = town_copy_forms(request.POST if request.method == "POST" else None, online=online)
    if request.method == "POST":
        valid = all(form.is_valid() for form in stops)
        chosen = [form.cleaned_data for form in stops if valid and form.cleaned_data.get("day")]
        if valid and chosen:
            made = services.event_copies_make(source=event, stops=chosen, by=request.user)
            messages.success(
                request,
                ngettext("%(n)d copy made.", "%(n)d copies made.", len(made)) % {"n": len(made)},
            )
            return redirect("events_staff:event_list")
        if valid:
            messages.error(request, _("Fill in at least one town."))
    return render(
        request,
        "events/copies.html",
        {"event": event, "stops": stops, "online": online},
        status=400 if request.method == "POST" else 200,
    )


@staff_view(EVENT_ORGANISERS)
@require_POST
def materials_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a handout to an event, or take one away."""
    event = get_object_or_404(Event, pk=pk)
    if (elsewhere := _training_elsewhere(request, event)) is not None:
        return elsewhere
    if request.POST.get("action") == "remove":
        material_id = request.POST.get("material", "")
        material = (
            event.materials.filter(pk=int(material_id)).first()
            if material_id.isascii() and material_id.isdecimal()
            else None
        )
        if material is not None:
            services.material_remove(material=material, by=request.user)
            messages.success(request, _("File removed."))
        return redirect("events_staff:event_edit", pk=event.pk)
    form = MaterialForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            checked = check_upload(upload, files_so_far=0, bytes_so_far=0)
        except UploadRefused as refusal:
            return _form_page(request, EventForm(event=event), event, form, str(refusal))
        services.material_add(event=event, upload=upload, checked=checked, by=request.user)
        messages.success(request, _("File added. It shows on the event's public page."))
        return redirect("events_staff:event_edit", pk=event.pk)
    return _form_page(request, EventForm(event=event), event, form)


@staff_view(EVENT_ORGANISERS)
@require_POST
def event_cancel_view(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    if (elsewhere := _training_elsewhere(request, event)) is not None:
        return elsewhere
    services.event_cancel(event=event, by=request.user)
    messages.success(request, _("Event cancelled. The calendar shows it as cancelled."))
    return redirect("events_staff:event_edit", pk=event.pk)


# Attendance bins for the map: (lowest number of people, CSS class). A county with no event in
# the period has its own colour, so "not been there yet" stands out.
MAP_BINS = ((100, "came-3"), (25, "came-2"), (0, "came-1"))


def _map_class(row: selectors.CountyVisits) -> str:
    if not row.events:
        return "came-none"
    return next(css for lowest, css in MAP_BINS if row.came >= lowest)


def _events_count(n: int) -> str:
    return ngettext("%(n)d event", "%(n)d events", n) % {"n": n}


def _came_count(n: int) -> str:
    return ngettext("%(n)d person came", "%(n)d people came", n) % {"n": n}


def _where_summary(visited: list[selectors.CountyVisits]) -> str:
    counties = ngettext("%(n)d county", "%(n)d counties", len(visited)) % {"n": len(visited)}
    return _("%(events)s in %(counties)s; %(people)s.") % {
        "events": _events_count(sum(r.events for r in visited)),
        "counties": counties,
        "people": _came_count(sum(r.came for r in visited)),
    }


@staff_view(EVENT_ORGANISERS)
@require_GET
def where_view(request: HttpRequest) -> HttpResponse:
    """Where we have been: events and attendance per county, on a map and in a table."""
    form = PeriodForm(request.GET or None)
    first, last = form.period()
    start = local_datetime(first, time.min)
    end = local_datetime(last + timedelta(days=1), time.min)
    rows = selectors.where_we_have_been(start, end)
    visited = sorted((r for r in rows if r.events), key=lambda r: (-r.came, -r.events, r.name))
    labels = {r.fips: f"{_events_count(r.events)}, {_came_count(r.came)}" for r in visited}
    county_map = county_map_svg(
        {r.fips: _map_class(r) for r in rows},
        title=_("Mississippi counties by how many people came to our events"),
        description=_("The same numbers are in the table below the map."),
        labels=labels,
    )
    return render(
        request,
        "events/where.html",
        {
            "form": form,
            "first": first,
            "last": last,
            "visited": visited,
            "not_visited": [r for r in rows if not r.events],
            "county_map": county_map,
            "summary": _where_summary(visited),
        },
    )
