"""Apply to volunteer in Spanish on a phone with JavaScript off, get vetted and approved by the
coordinator, and sign in for the first time with the temporary password and an authenticator."""

import re

import pyotp
import pytest
from django.utils import timezone

from rightsdesk.accounts.services import staff_create
from rightsdesk.conftest import PASSWORD, axe_violations, browser_sign_in
from rightsdesk.network.models import Volunteer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "harbour violet pepper candle"


def _click(page, locator):
    with page.expect_navigation():
        locator.click()


def _check(page, label):
    assert axe_violations(page) == [], label
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{label} scrolls sideways at {width}px"


def _apply_in_spanish(browsing, *, javascript: bool) -> str:
    page = browsing(java_script_enabled=javascript, viewport={"width": 360, "height": 740}).page
    # axe-core and the width check run in the page, so only where JavaScript runs.
    check = _check if javascript else (lambda page, label: None)
    page.goto("/")
    _click(page, page.get_by_role("link", name="Volunteer with us: attorneys, interpreters"))
    _click(page, page.get_by_role("button", name="Español"))
    assert page.locator("html").get_attribute("lang") == "es"
    check(page, "sign-up in Spanish")

    page.get_by_label("Intérprete").check()
    page.get_by_label("Su nombre completo").fill("Inés Pruebadatos")
    page.get_by_label("Su correo electrónico").fill("ines@example.org")
    page.get_by_label("Su número de teléfono").fill("555-01")
    page.locator("#id_language_1").select_option("mam")
    page.locator("#id_level_1").select_option("native")
    page.locator("#id_language_2").select_option("es")
    page.locator("#id_level_2").select_option("fluent")
    page.locator('input[value="5:morning"]').check()
    page.get_by_label("El condado donde vive").select_option(label="Adams")
    _click(page, page.get_by_role("button", name="Enviar mi solicitud"))

    # One answer to fix; everything else is still there, and the page says how to fix it.
    summary = page.locator(".error-summary")
    assert "Escriba un número de teléfono de EE. UU." in summary.inner_text()
    assert page.get_by_label("Su nombre completo").input_value() == "Inés Pruebadatos"
    assert page.locator("#id_language_1").input_value() == "mam"
    assert page.locator('input[value="5:morning"]').is_checked()
    check(page, "sign-up with an error")
    page.get_by_label("Su número de teléfono").fill("(601) 555-0177")
    _click(page, page.get_by_role("button", name="Enviar mi solicitud"))

    assert page.get_by_role("heading", name="Gracias por ofrecer su ayuda").is_visible()
    reference = page.locator("#reference").inner_text().strip()
    code = page.locator("#status-code").inner_text().strip()
    check(page, "receipt")
    _click(page, page.get_by_role("link", name="Consultar su solicitud").first)
    page.get_by_label("Referencia").fill(reference)
    page.get_by_label("Código de estado").fill(code)
    _click(page, page.get_by_role("button", name="Revisar"))
    assert "Recibida: la estamos revisando" in page.locator("#application-status").inner_text()
    check(page, "status")
    return reference


def test_the_public_pages_are_accessible_and_fit_a_phone_in_spanish(browsing):
    _apply_in_spanish(browsing, javascript=True)


def test_apply_in_spanish_without_javascript_get_vetted_and_sign_in(browsing):
    reference = _apply_in_spanish(browsing, javascript=False)
    volunteer = Volunteer.objects.get(reference=reference)
    assert volunteer.language == "es" and volunteer.kind == "interpreter"

    staff_create(by=None, username="casey", role="coordinator", password=PASSWORD)
    page = browsing(viewport={"width": 1280, "height": 900}).page
    browser_sign_in(page, "casey")
    page.goto("/staff/network/volunteers/?status=applied")
    _check(page, "queue")
    _click(page, page.get_by_role("link", name=reference))
    _check(page, "volunteer record")

    # Approving before the checks is refused, and says what is missing.
    page.get_by_label("Username for their account").fill("ines")
    _click(page, page.get_by_role("button", name="Approve", exact=True))
    assert "a verified language" in page.locator(".messages").inner_text()

    page.get_by_label("Language", exact=True).select_option("mam")
    page.get_by_label("Verified level").select_option("fluent")
    page.get_by_label("Verified by").fill("Staff interpreter, 20-minute call")
    _click(page, page.get_by_role("button", name="Record the check"))
    today = timezone.localdate().isoformat()
    for document in ("agreement_signed", "pledge_signed"):
        page.get_by_label("Document").select_option(document)
        page.get_by_label("Signed on").fill(today)
        _click(page, page.get_by_role("button", name="Record the signature"))
    assert page.get_by_role("cell", name="Confidentiality pledge signed").is_visible()
    page.get_by_label("Username for their account").fill("ines")
    _click(page, page.get_by_role("button", name="Approve", exact=True))
    temporary = page.locator("#temporary-password").inner_text().strip()
    _check(page, "temporary password")

    volunteer_page = browsing(viewport={"width": 360, "height": 740}).page
    volunteer_page.goto("/staff/sign-in/")
    volunteer_page.get_by_label("Username").fill("ines")
    volunteer_page.get_by_label("Password").fill(temporary)
    volunteer_page.get_by_role("button", name="Continue").click()
    volunteer_page.wait_for_url("**/sign-in/authenticator/")
    secret = volunteer_page.locator("#totp-secret").inner_text().strip()
    volunteer_page.get_by_label("6-digit code from your authenticator app").fill(
        pyotp.TOTP(secret).now()
    )
    volunteer_page.get_by_role("button", name="Finish setting up").click()
    volunteer_page.wait_for_url("**/staff/password/")
    volunteer_page.get_by_label("Current (or temporary) password").fill(temporary)
    volunteer_page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    volunteer_page.get_by_label("New password again").fill(NEW_PASSWORD)
    volunteer_page.get_by_role("button", name="Change password").click()
    # Volunteers land on their own portal, not the staff home.
    volunteer_page.wait_for_url(re.compile(r".*/portal/$"))
    assert volunteer_page.get_by_role("button", name=re.compile("ines")).is_visible()
    volunteer.refresh_from_db()
    assert volunteer.status == "approved" and volunteer.user.role == "interpreter"
    # And the coordinator's pages stay closed to them.
    assert volunteer_page.goto(f"/staff/network/volunteers/{volunteer.pk}/").status == 403
