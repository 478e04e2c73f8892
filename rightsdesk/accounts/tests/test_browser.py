"""A new member of staff signs in for the first time in a real browser, and the pages they meet
are accessible (axe-core), work without JavaScript, fit a phone and load nothing from elsewhere."""

import re

import pyotp
import pytest

from rightsdesk.accounts.models import User
from rightsdesk.accounts.services import staff_create
from rightsdesk.conftest import PASSWORD, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "river lantern copper window"


def _click(page, locator):
    """Click something that loads a new page, and wait until that page has loaded."""
    with page.expect_navigation():
        locator.click()


def _check(page, label):
    assert axe_violations(page) == [], label
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{label} scrolls sideways at {width}px"


def test_first_sign_in_with_authenticator_then_the_audit_log(browsing):
    _, temporary = staff_create(
        by=None, username="dana", role="legal_director", first_name="Dana", last_name="Example"
    )
    page = browsing(viewport={"width": 360, "height": 740}).page

    page.goto("/staff/sign-in/")
    _check(page, "sign-in")
    page.get_by_label("Username").fill("dana")
    page.get_by_label("Password").fill(temporary)
    page.get_by_role("button", name="Continue").click()

    page.wait_for_url("**/sign-in/authenticator/")
    _check(page, "authenticator set-up")
    assert page.locator(".qr svg").is_visible()
    secret = page.locator("#totp-secret").inner_text().strip()
    page.get_by_label("6-digit code from your authenticator app").fill("000000")
    _click(page, page.get_by_role("button", name="Finish setting up"))
    assert page.locator(".error-summary").is_visible()
    _check(page, "authenticator set-up with an error")
    page.get_by_label("6-digit code from your authenticator app").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Finish setting up").click()

    page.wait_for_url("**/staff/password/")
    _check(page, "password change")
    page.get_by_label("Current (or temporary) password").fill(temporary)
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("New password again").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Change password").click()

    page.wait_for_url(re.compile(r".*/staff/$"))
    _check(page, "staff home")
    page.get_by_role("link", name="Audit log").first.click()
    page.wait_for_url("**/staff/audit/")
    _check(page, "audit log")
    assert page.get_by_role("cell", name="mfa_enrolled").count() == 1
    _click(page, page.get_by_role("button", name="Check the log has not been altered"))
    assert "The log is intact" in page.locator("#verify-result").inner_text()
    _check(page, "audit check")


def test_an_admin_adds_a_volunteer_and_resets_their_sign_in(browsing):
    staff_create(by=None, username="avery", role="admin", password=PASSWORD)
    session = browsing(viewport={"width": 1280, "height": 900})
    page = session.page
    page.goto("/staff/sign-in/")
    page.get_by_label("Username").fill("avery")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    secret = page.locator("#totp-secret").inner_text().strip()
    page.get_by_label("6-digit code from your authenticator app").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Finish setting up").click()

    _click(page, page.get_by_role("link", name="Staff accounts").first)
    _check(page, "staff list")
    _click(page, page.get_by_role("link", name="Add a staff member or volunteer"))
    _check(page, "add staff")
    page.get_by_label("Username").fill("val")
    page.get_by_label("Role").select_option("volunteer_attorney")
    _click(page, page.get_by_role("button", name="Add account"))
    assert page.locator("#temporary-password").is_visible()
    _click(page, page.get_by_role("link", name="Back to the account"))
    _check(page, "staff detail")
    _click(page, page.get_by_role("button", name="Reset sign-in"))
    assert User.objects.get(username="val").must_change_password


def test_the_public_home_works_without_javascript_and_in_spanish(browsing):
    page = browsing(java_script_enabled=False, viewport={"width": 320, "height": 640}).page
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "en"
    _click(page, page.get_by_role("button", name="Español"))
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.get_by_role("heading", level=1).is_visible()


def test_the_public_home_is_accessible_and_fits_a_small_phone_in_both_languages(browsing):
    page = browsing(viewport={"width": 320, "height": 640}).page
    page.goto("/")
    _check(page, "home (English)")
    _click(page, page.get_by_role("button", name="Español"))
    _check(page, "home (Spanish)")
