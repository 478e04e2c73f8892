"""An attorney runs a matter in Chromium: accept a complaint, see a conflict, add a court date
that reaches the calendar feed; a volunteer sees only their own matter."""

from datetime import timedelta
from urllib.parse import urlparse

import pytest
import vobject
from django.test import Client
from django.utils import timezone

from rightsdesk.accounts.services import staff_create
from rightsdesk.cases.models import Matter, Party
from rightsdesk.cases.services import matter_member_add, party_add
from rightsdesk.conftest import PASSWORD, axe_violations, browser_sign_in
from rightsdesk.conftest import click_and_wait as _go
from rightsdesk.intake.services import complaint_create
from rightsdesk.network.portal.services import conflict_confirm

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_attorney_runs_a_matter_from_acceptance_to_the_calendar(browsing):
    attorney, _ = staff_create(by=None, username="alex", role="attorney", password=PASSWORD)
    earlier = Matter.objects.create(title="Earlier matter", opened_at=timezone.now())
    party_add(matter=earlier, role=Party.Role.ADVERSE, name="Bill Jones", by=attorney)
    complaint, _ = complaint_create(
        data={
            "contact": {"name": "Rosa Delgado"},
            "incident": {"what": "Deputies stopped us"},
            "responsible_parties": [{"name": "Scott County Sheriff's Department"}],
            "consents": {"share_with_partner_organisations": True, "deidentified_use": True},
            "authorize_letter_with_name": True,
        },
        kind="help",
        source="online",
        language="en",
    )
    page = browsing(viewport={"width": 1280, "height": 900}).page
    browser_sign_in(page, "alex")

    page.goto(f"/staff/screening/{complaint.reference}/")
    page.locator("input[name=outcome][value=accept]").check()
    page.get_by_label("Why (kept for the record; the person does not see it)").fill("Pattern")
    _go(page, page.get_by_role("button", name="Record the decision"))
    matter = Matter.objects.get(complaint=complaint)

    page.goto(f"/staff/matters/{matter.pk}/")
    assert axe_violations(page) == []
    assert "Rosa Delgado" in page.content()
    page.locator("form:has(input[value=party]) select[name=role]").select_option("adverse")
    page.locator("form:has(input[value=party]) input[name=name]").fill("William Jones")
    _go(page, page.get_by_role("button", name="Add and check for conflicts"))
    assert "Possible conflict" in page.content() and "Bill Jones" in page.content()

    matter_member_add(matter=matter, user=attorney, role="lead_attorney", by=attorney)
    hearing = timezone.localdate() + timedelta(days=9)
    page.goto(f"/staff/matters/{matter.pk}/")
    page.locator("form:has(input[value=date]) select[name=kind]").select_option("court")
    page.locator("form:has(input[value=date]) input[name=day]").fill(hearing.isoformat())
    page.locator("form:has(input[value=date]) input[name=time]").fill("09:30")
    _go(page, page.get_by_role("button", name="Add the date"))

    page.goto("/staff/matters/calendar/")
    assert axe_violations(page) == []
    _go(page, page.get_by_role("button", name="Make a new private address"))
    address = page.locator("#feed-address").inner_text().strip()
    feed = Client().get(urlparse(address).path)
    events = vobject.readOne(feed.content.decode()).vevent_list
    assert [f"Court date: matter {matter.pk}"] == [e.summary.value for e in events]


def test_a_volunteer_sees_only_their_matter(browsing):
    coordinator, _ = staff_create(by=None, username="casey", role="coordinator", password=PASSWORD)
    volunteer, _ = staff_create(
        by=None, username="val", role="volunteer_attorney", password=PASSWORD
    )
    mine = Matter.objects.create(title="Visit at Adams County detention", opened_at=timezone.now())
    other = Matter.objects.create(title="Someone else's matter", opened_at=timezone.now())
    matter_member_add(matter=mine, user=volunteer, role="volunteer_attorney", by=coordinator)
    conflict_confirm(matter=mine, user=volunteer, has_conflict=False)
    page = browsing(viewport={"width": 360, "height": 740}).page
    browser_sign_in(page, "val")
    page.goto("/staff/matters/")
    assert "Visit at Adams County detention" in page.content()
    assert "Someone else" not in page.content()
    assert axe_violations(page) == []
    response = page.goto(f"/staff/matters/{other.pk}/")
    assert response.status == 404
