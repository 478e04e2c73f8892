"""The volunteer network end to end, in Chromium, through the real pages only.

One person's way from a Spanish application on a phone with JavaScript off to reading a matter
opened from a facility visit they went on, with the coordinator's part at a desktop in between:
vetting and approval, the first sign-in, the orientation training, a place on a visit (taken,
cancelled and taken again), the visit report whose follow-up opens a matter, and the conflict
confirmation before the matter opens to the volunteer."""

from __future__ import annotations

import re
from datetime import timedelta

import pyotp
import pytest
from django.core import mail
from django.utils import timezone

from rightsdesk.accounts.services import staff_create
from rightsdesk.cases.models import Matter
from rightsdesk.conftest import PASSWORD, axe_violations, browser_sign_in
from rightsdesk.conftest import click_and_wait as _go
from rightsdesk.network.models import (
    ConflictConfirmation,
    FollowUp,
    Training,
    TrainingRegistration,
    Visit,
    VisitSignup,
    Volunteer,
)
from rightsdesk.network.tests.trainings_helpers import make_training
from rightsdesk.network.tests.visits_helpers import TALLAHATCHIE, next_saturday

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
NEW_PASSWORD = "lantern orchard copper meadow"
FACILITY = "Tallahatchie County Correctional Facility"


def _accessible(page, label):
    assert axe_violations(page) == [], label


def _fits(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} scrolls sideways at {width}px"


def _menu(page):
    return page.get_by_role("navigation", name="Staff")


def _form_with_heading(page, heading):
    """The form on the page whose heading says what it is for (several share a button name)."""
    return page.locator("form").filter(has=page.get_by_role("heading", name=heading))


def test_a_volunteer_attorney_from_a_spanish_application_to_a_matter_from_a_visit(browsing):
    staff_create(by=None, username="casey", role="coordinator", password=PASSWORD)
    # The orientation the seeded requirement asks of everyone who goes on a facility visit.
    training = make_training(in_days=2, title="Detention visit orientation", capacity=10)

    # --- 1. The application: Spanish, a 360 px phone, JavaScript off ---------------------------
    # axe-core runs inside the page, so it cannot run here; test_vetting_browser checks the same
    # Spanish pages with JavaScript on.
    applicant = browsing(java_script_enabled=False, viewport=PHONE).page
    applicant.goto("/")
    _go(applicant, applicant.get_by_role("link", name="Volunteer with us: attorneys, interpreters"))
    assert applicant.url.endswith("/volunteer/")
    # The language switch posts the form (no script needed) and answers in Spanish.
    _go(applicant, applicant.get_by_role("button", name="Español"))
    assert applicant.locator("html").get_attribute("lang") == "es"
    applicant.get_by_label("Abogado(a)", exact=True).check()
    applicant.get_by_label("Su nombre completo").fill("Marisol Pruebadatos")
    applicant.get_by_label("Su correo electrónico").fill("marisol@example.org")
    applicant.get_by_label("Su número de teléfono").fill("(601) 555-0142")
    applicant.locator("#id_language_1").select_option("es")
    applicant.locator("#id_level_1").select_option("native")
    applicant.locator("#id_language_2").select_option("en")
    applicant.locator("#id_level_2").select_option("fluent")
    applicant.locator("#id_bar_state_1").select_option("MS")
    applicant.locator("#id_bar_number_1").fill("100142")
    applicant.locator("#id_bar_year_1").fill("2012")
    applicant.get_by_label("Algo: algunos casos de inmigración").check()
    applicant.locator('input[value="5:morning"]').check()
    applicant.get_by_label("El condado donde vive").select_option(label="Hinds")
    _go(applicant, applicant.get_by_role("button", name="Enviar mi solicitud"))

    # The receipt: a reference and a status code, which together show the application's status.
    assert applicant.get_by_role("heading", name="Gracias por ofrecer su ayuda").is_visible()
    reference = applicant.locator("#reference").inner_text().strip()
    code = applicant.locator("#status-code").inner_text().strip()
    _go(applicant, applicant.get_by_role("link", name="Consultar su solicitud").first)
    applicant.get_by_label("Referencia").fill(reference)
    applicant.get_by_label("Código de estado").fill(code)
    _go(applicant, applicant.get_by_role("button", name="Revisar"))
    assert "Recibida: la estamos revisando" in applicant.locator("#application-status").inner_text()
    volunteer = Volunteer.objects.get(reference=reference)
    assert (volunteer.kind, volunteer.language, volunteer.status) == ("attorney", "es", "applied")
    assert [(b.state, b.number) for b in volunteer.bar_admissions.all()] == [("MS", "100142")]

    # --- 2. The coordinator, at a desktop, checks and approves -----------------------------------
    desk = browsing(viewport=DESKTOP).page
    browser_sign_in(desk, "casey")
    _go(desk, desk.get_by_role("link", name="Volunteer network"))
    _accessible(desk, "coordinator home")
    _go(desk, desk.get_by_role("link", name=reference))
    _accessible(desk, "volunteer record")
    bar = _form_with_heading(desk, "Verify a bar admission")
    bar.get_by_label("Bar admission").select_option(label="MS 100142 (2012)")
    bar.get_by_label("How it was verified").fill("The Mississippi Bar's online directory")
    _go(desk, bar.get_by_role("button", name="Record the check"))
    language = _form_with_heading(desk, "Verify a language")
    language.get_by_label("Language", exact=True).select_option("es")
    language.get_by_label("Verified level").select_option("native")
    language.get_by_label("Verified by").fill("Staff interpreter, 20-minute call")
    _go(desk, language.get_by_role("button", name="Record the check"))
    today = timezone.localdate().isoformat()
    for document in ("agreement_signed", "pledge_signed"):
        desk.get_by_label("Document").select_option(document)
        desk.get_by_label("Signed on").fill(today)
        _go(desk, desk.get_by_role("button", name="Record the signature"))
    assert desk.locator("#missing").count() == 0  # nothing left before approval
    desk.get_by_label("Username for their account").fill("marisol")
    _go(desk, desk.get_by_role("button", name="Approve", exact=True))
    # The temporary password is shown once, to the coordinator, to hand over by phone.
    assert desk.locator("#new-username").inner_text().strip() == "marisol"
    temporary = desk.locator("#temporary-password").inner_text().strip()
    assert temporary
    _accessible(desk, "temporary password")
    volunteer.refresh_from_db()
    assert volunteer.status == "approved" and volunteer.user.role == "volunteer_attorney"

    # The coordinator plans a visit; she is suggested for it, flagged for the orientation.
    desk.goto("/staff/network/visits/new/")
    saturday = next_saturday()
    desk.get_by_label("Facility").select_option(label=FACILITY)
    desk.get_by_label("Date").fill(saturday.isoformat())
    desk.get_by_label("From").fill("09:00")
    desk.get_by_label("Until").fill("13:00")
    desk.get_by_label("Purpose").select_option("consultations")
    _go(desk, desk.get_by_role("button", name="Plan the visit"))
    visit = Visit.objects.get(facility__key=TALLAHATCHIE)
    desk.get_by_role("textbox", name="Name (optional)").fill("Rosa Example")
    desk.get_by_label("Spanish", exact=True).check()
    _go(desk, desk.get_by_role("button", name="Add the person"))
    suggestion = desk.locator("ol.suggestions > li").filter(has_text=reference)
    assert "missing a required training" in suggestion.inner_text()
    _accessible(desk, "visit page")

    # --- 3. The volunteer's first sign-in, on her phone -----------------------------------------
    phone = browsing(viewport=PHONE).page
    phone.goto("/staff/sign-in/")
    phone.get_by_label("Username").fill("marisol")
    phone.get_by_label("Password").fill(temporary)
    _go(phone, phone.get_by_role("button", name="Continue"))
    assert phone.url.endswith("/sign-in/authenticator/")
    _accessible(phone, "authenticator set-up")
    secret = phone.locator("#totp-secret").inner_text().strip()
    phone.get_by_label("6-digit code from your authenticator app").fill(pyotp.TOTP(secret).now())
    _go(phone, phone.get_by_role("button", name="Finish setting up"))
    # The temporary password must be replaced before anything else.
    assert phone.url.endswith("/staff/password/")
    phone.get_by_label("Current (or temporary) password").fill(temporary)
    phone.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    phone.get_by_label("New password again").fill(NEW_PASSWORD)
    _go(phone, phone.get_by_role("button", name="Change password"))
    assert re.search(r"/portal/$", phone.url), phone.url
    _accessible(phone, "portal home")
    _fits(phone)

    # --- 4. The orientation: she registers, the coordinator takes attendance --------------------
    _go(phone, phone.get_by_role("link", name="Trainings you can register for"))
    assert "10 places left" in phone.content()
    _go(phone, phone.get_by_role("button", name="Register for Detention visit orientation"))
    assert "You are registered." in phone.content() and "9 places left" in phone.content()
    _accessible(phone, "portal trainings")
    _fits(phone)
    registration = TrainingRegistration.objects.get(training=training, volunteer=volunteer)

    # The day comes: the training has begun (attendance is taken from its day on).
    begun = timezone.now() - timedelta(minutes=10)
    Training.objects.filter(pk=training.pk).update(
        starts_at=begun, ends_at=begun + timedelta(hours=2)
    )
    desk.goto(f"/staff/network/trainings/{training.pk}/")
    _go(desk, desk.get_by_role("link", name="Take attendance"))
    _accessible(desk, "attendance")
    desk.get_by_label("Marisol Pruebadatos").check()
    _go(desk, desk.get_by_role("button", name="Save attendance"))
    assert "Attendance saved: 1 came." in desk.content()
    registration.refresh_from_db()
    assert registration.attended is True
    # With the orientation done she is no longer flagged on the visit.
    desk.goto(f"/staff/network/visits/{visit.pk}/")
    suggestion = desk.locator("ol.suggestions > li").filter(has_text=reference)
    assert "missing a required training" not in suggestion.inner_text()

    # --- 5. She takes the attorney place, cancels it, and takes it again ------------------------
    phone.goto("/portal/")
    _go(phone, phone.get_by_role("link", name="Visits that need volunteers"))
    assert "Rosa Example" not in phone.content()  # not on the team: no names
    _go(phone, phone.get_by_role("link", name=re.compile(FACILITY)))
    assert "Rosa Example" not in phone.content()
    assert phone.get_by_label("Attorney").is_checked()
    _accessible(phone, "open visit")
    _fits(phone)
    _go(phone, phone.get_by_role("button", name="Take this place"))
    assert "You are on this visit" in phone.content()
    assert "Rosa Example" in phone.content()  # on the team now
    _accessible(phone, "own visit")
    _go(phone, phone.get_by_role("button", name="Cancel my place"))
    assert "Your place is cancelled" in phone.content()
    assert VisitSignup.objects.get(visit=visit).cancelled_at is not None
    # Cancelled, the place is open again, to her as to anyone.
    _go(phone, phone.get_by_role("link", name=re.compile(FACILITY)))
    _go(phone, phone.get_by_role("button", name="Take this place"))
    assert "You are on this visit" in phone.content()
    signups = VisitSignup.objects.filter(visit=visit, volunteer=volunteer)
    assert signups.count() == 2
    active = signups.get(cancelled_at__isnull=True)
    assert active.role == "attorney" and active.claimed_by_self
    desk.goto(f"/staff/network/visits/{visit.pk}/")
    assert f"{saturday:%A} {saturday.day} {saturday:%B}: no attorney yet" not in desk.content()

    # --- 6. The visit happens; the coordinator files the report and opens a matter --------------
    Visit.objects.filter(pk=visit.pk).update(on=timezone.localdate())
    # The visit list leads to the report of a visit from its day on.
    desk.goto("/staff/network/visits/")
    _go(desk, desk.get_by_role("link", name=re.compile(f"Visit report: {FACILITY}")))
    assert desk.url.endswith(f"/staff/network/visits/{visit.pk}/report/")
    _accessible(desk, "report")
    desk.get_by_role("group", name=re.compile("Was Rosa Example seen")).get_by_label("Yes").check()
    desk.get_by_label("Needs found for Rosa Example").fill("Bond hearing in two weeks")
    desk.get_by_label("Summary of the visit").fill("One consultation; legal visits ran late.")
    _go(desk, desk.get_by_role("button", name="File the report"))
    assert "The report is saved." in desk.content()
    volunteer.refresh_from_db()
    assert volunteer.last_visit_on == timezone.localdate()  # the matcher spreads the load
    desk.get_by_label("Who it is about").select_option(label="Rosa Example")
    desk.get_by_label("What needs doing").fill("Prepare for the bond hearing")
    desk.get_by_label("A new matter for this person (with a conflict check)").check()
    desk.get_by_label("Title of the new matter").fill("Bond hearing")
    _go(desk, desk.get_by_role("button", name="Add the follow-up"))
    matter = FollowUp.objects.get(report__visit=visit).matter
    assert matter is not None and matter.kind == Matter.Kind.IMMIGRATION
    assert f"Matter {matter.pk} is open. No conflict found." in desk.content()
    _accessible(desk, "report with its follow-up")
    # The follow-up does not put anyone on the matter; the coordinator adds the volunteer
    # who went from the matter's own page.
    _go(desk, desk.get_by_role("link", name=f"matter {matter.pk}"))
    assert desk.url.endswith(f"/staff/matters/{matter.pk}/")
    desk.get_by_label("Person", exact=True).select_option(label="marisol")
    desk.get_by_label("Role on this matter").select_option("volunteer_attorney")
    _go(desk, desk.get_by_role("button", name="Add to the team"))
    assert matter.members.filter(user=volunteer.user, role="volunteer_attorney").exists()
    _accessible(desk, "matter")

    # --- 7. She sees only the matter's number until she confirms no conflict ------------------
    _go(phone, _menu(phone).get_by_role("link", name="Your volunteer home"))
    assert phone.url.endswith("/portal/")
    assert "Bond hearing" not in phone.content()
    assert phone.get_by_role("link", name=f"Matter {matter.pk}", exact=True).is_visible()
    _go(phone, _menu(phone).get_by_role("link", name="Matters", exact=True))
    assert "Bond hearing" not in phone.content()
    _accessible(phone, "matter list before confirming")
    _fits(phone)
    confirm = f"Matter {matter.pk}: confirm you have no conflict to open it"
    _go(phone, phone.get_by_role("link", name=confirm))
    assert phone.url.endswith(f"/portal/matters/{matter.pk}/confirm/")
    # Only the parties' names, so she can tell whether she has a conflict.
    assert "Rosa Example" in phone.content() and "Bond hearing" not in phone.content()
    _accessible(phone, "conflict confirmation")
    _fits(phone)
    phone.get_by_label("I have no conflict with any of these parties").check()
    _go(phone, phone.get_by_role("button", name="Send my answer"))
    assert phone.url.endswith(f"/staff/matters/{matter.pk}/")
    assert phone.get_by_role("heading", name="Bond hearing").is_visible()
    assert "Rosa Example" in phone.content()
    _accessible(phone, "matter, open to her")
    answer = ConflictConfirmation.objects.get(matter=matter, user=volunteer.user)
    assert answer.has_conflict is False
    # And the list now names it.
    _go(phone, _menu(phone).get_by_role("link", name="Matters", exact=True))
    assert phone.get_by_role("link", name="Bond hearing").is_visible()

    # Every email went to her alone, and none names the person she was to see: the receipt,
    # the approval, the training, and the visit's confirmed, cancelled and confirmed again.
    assert [m.to for m in mail.outbox] == [["marisol@example.org"]] * 6
    assert not any("Rosa Example" in m.subject + m.body for m in mail.outbox)
