"""Facility visits in Chromium: a volunteer claims a place on a 360 px phone and cancels it;
the coordinator plans a visit and sees what it still needs."""

from __future__ import annotations

import pytest
from django.utils import timezone

from rightsdesk.accounts.services import staff_create
from rightsdesk.conftest import PASSWORD, axe_violations, browser_sign_in
from rightsdesk.conftest import click_and_wait as _go
from rightsdesk.network.models import Visit, VisitSignup
from rightsdesk.network.tests.visits_helpers import (
    TALLAHATCHIE,
    make_visit,
    make_volunteer,
    next_saturday,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 360, "height": 740}}


def test_a_volunteer_claims_a_place_on_a_phone_and_cancels_it(browsing):
    user, _ = staff_create(by=None, username="ixchel", role="interpreter", password=PASSWORD)
    make_volunteer(
        user=user, languages=[("mam", "native", "native")], free=[(5, 8, 17)], trained=True
    )
    visit = make_visit(people=[("Detained Browsername", ["mam"])])
    page = browsing(**PHONE).page
    browser_sign_in(page, "ixchel")

    page.goto("/portal/visits/")
    assert "Detained Browsername" not in page.content()
    _go(page, page.get_by_role("link", name="Tallahatchie County Correctional Facility"))
    assert "Detained Browsername" not in page.content()
    assert "Not entered yet — call the facility before you go" in page.content()
    assert axe_violations(page) == []
    # Nothing on the page is wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_label("Interpreter for Mam").check()
    _go(page, page.get_by_role("button", name="Take this place"))
    assert "You are on this visit" in page.content()
    assert "Detained Browsername" in page.content()  # on the team now
    signup = VisitSignup.objects.get(visit=visit)
    assert signup.claimed_by_self and signup.cancelled_at is None

    _go(page, page.get_by_role("button", name="Cancel my place"))
    assert "Your place is cancelled" in page.content()
    signup.refresh_from_db()
    assert signup.cancelled_at is not None
    assert axe_violations(page) == []


def test_the_coordinator_plans_a_visit_and_sees_the_gap(browsing):
    staff_create(by=None, username="casey", role="coordinator", password=PASSWORD)
    make_volunteer(kind="attorney", free=[(5, 8, 17)])
    page = browsing(viewport={"width": 1280, "height": 900}).page
    browser_sign_in(page, "casey")
    saturday = next_saturday()

    page.goto("/staff/network/visits/new/")
    page.get_by_label("Facility").select_option(label="Tallahatchie County Correctional Facility")
    page.get_by_label("Date").fill(saturday.isoformat())
    page.get_by_label("From").fill("09:00")
    page.get_by_label("Until").fill("13:00")
    _go(page, page.get_by_role("button", name="Plan the visit"))
    visit = Visit.objects.get(facility__key=TALLAHATCHIE)
    assert visit.on == saturday

    page.get_by_role("textbox", name="Name (optional)").fill("Detained Browsername")
    page.get_by_label("K'iche'").check()
    _go(page, page.get_by_role("button", name="Add the person"))
    day = f"{saturday:%A} {saturday.day} {saturday:%B}"
    gaps = page.locator("#gaps-heading + ul").inner_text()
    assert f"{day}: no K'iche' interpreter yet" in gaps
    assert f"{day}: no attorney yet" in gaps
    assert axe_violations(page) == []
    assert timezone.localdate() <= visit.on
