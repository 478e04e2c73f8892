"""In Chromium on a 360 px phone: someone signs up in Spanish, gets the reminder, cancels with
the code so the first on the waiting list moves up; the organiser checks that person in."""

from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from rightsdesk.accounts.services import staff_create
from rightsdesk.conftest import PASSWORD, axe_violations, browser_sign_in
from rightsdesk.conftest import click_and_wait as _go
from rightsdesk.events import registrations
from rightsdesk.events.models import Registration
from rightsdesk.events.tests.helpers import make_event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_sign_up_in_spanish_remind_cancel_move_up_and_check_in(browsing):
    tomorrow = timezone.localdate() + timedelta(days=1)
    event = make_event(
        starts=timezone.make_aware(datetime.combine(tomorrow, time(18))),
        title="Conozca sus derechos en el trabajo",
        capacity=1,
        interpretation=",mam,",
        walk_ins=False,
    )

    phone = browsing(viewport=PHONE).page
    phone.goto("/events/")
    _go(phone, phone.get_by_role("button", name="Español"))
    assert "Talleres y eventos" in phone.content()
    assert axe_violations(phone) == [] and _fits(phone)
    _go(phone, phone.get_by_role("link", name="Conozca sus derechos en el trabajo"))
    assert "Queda 1 lugar." in phone.content()
    assert axe_violations(phone) == [] and _fits(phone)
    phone.get_by_label("Nombre o apodo").fill("Lupe")
    phone.get_by_label("Correo electrónico o teléfono, para un recordatorio").fill(
        "lupe@example.org"
    )
    phone.get_by_label("¿Necesita interpretación?").select_option("mam")
    _go(phone, phone.get_by_role("button", name="Inscribirme"))
    assert "Tiene un lugar" in phone.content()
    assert axe_violations(phone) == [] and _fits(phone)
    code = phone.locator("#cancel-code").inner_text()
    lupe = Registration.objects.get()
    assert (lupe.status, lupe.language, lupe.interpretation) == ("confirmed", "es", "mam")

    # Someone else finds the workshop full and joins the waiting list.
    other = browsing(viewport=PHONE).page
    other.goto(f"/events/{event.pk}/")
    assert "This event is full." in other.content()
    other.get_by_label("First name or nickname").fill("Beto")
    other.get_by_label("Email or phone, for a reminder").fill("(601) 555-0148")
    _go(other, other.get_by_role("button", name="Join the waiting list"))
    assert "You are on the waiting list" in other.content()

    # The day before, the worker's hourly reminder reaches Lupe, in Spanish.
    mail.outbox.clear()
    assert registrations.reminders_send() == 1
    (reminder,) = mail.outbox
    assert reminder.to == ["lupe@example.org"]
    assert "Le recordamos que el evento es mañana." in reminder.body

    # Lupe cannot come after all, and gives her place up with the code.
    _go(phone, phone.get_by_role("link", name="Cancelar su lugar"))
    phone.get_by_label("Su código").fill(code.lower())
    _go(phone, phone.get_by_role("button", name="Cancelar mi lugar"))
    assert "Su lugar está cancelado" in phone.content()
    beto = Registration.objects.exclude(pk=lupe.pk).get()
    assert beto.status == "confirmed" and beto.phone == "601-555-0148"

    # On the day, the organiser checks Beto in on a phone at the door.
    staff_create(by=None, username="olu", role="organiser", password=PASSWORD)
    door = browsing(viewport=PHONE).page
    browser_sign_in(door, "olu")
    door.goto(f"/staff/events/{event.pk}/attendees/")
    assert "0 of 1 person signed up has arrived." in door.content()
    assert axe_violations(door) == [] and _fits(door)
    _go(door, door.get_by_role("button", name="Check in Beto"))
    assert "1 of 1 person signed up has arrived." in door.content()
    beto.refresh_from_db()
    assert beto.checked_in_at is not None
    # The organisers' list fits the phone too: its table scrolls inside its own box.
    door.goto("/staff/events/")
    assert axe_violations(door) == [] and _fits(door)
