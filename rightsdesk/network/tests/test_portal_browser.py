"""In Chromium: the coordinator files a visit report whose follow-up opens a matter (desktop);
a volunteer on a 360 px phone confirms no conflict and then reads the matter."""

from __future__ import annotations

import re

import pytest

from rightsdesk.accounts.services import staff_create
from rightsdesk.cases import services as cases
from rightsdesk.cases.models import Matter, Party
from rightsdesk.conftest import PASSWORD, axe_violations, browser_sign_in
from rightsdesk.conftest import click_and_wait as _go
from rightsdesk.network.models import FollowUp
from rightsdesk.network.tests.portal_helpers import make_visit, make_volunteer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_coordinator_files_a_visit_report_whose_follow_up_opens_a_matter(browsing):
    staff_create(by=None, username="casey", role="coordinator", password=PASSWORD)
    visit = make_visit(people=[("Rosa Example", ["mam"])])
    page = browsing(viewport={"width": 1280, "height": 900}).page
    browser_sign_in(page, "casey")
    _go(page, page.get_by_role("link", name="Volunteer network"))
    assert page.url.endswith("/staff/network/")
    assert axe_violations(page) == []

    page.goto(f"/staff/network/visits/{visit.pk}/report/")
    assert axe_violations(page) == []
    page.get_by_role("group", name=re.compile("Was Rosa Example seen")).get_by_label("Yes").check()
    page.get_by_label("Needs found for Rosa Example").fill("Bond hearing in two weeks")
    page.get_by_label("Summary of the visit").fill("One consultation; legal visits ran late.")
    _go(page, page.get_by_role("button", name="File the report"))
    assert "The report is saved." in page.content()

    page.get_by_label("Who it is about").select_option(label="Rosa Example")
    page.get_by_label("What needs doing").fill("Prepare for the bond hearing")
    page.get_by_label("A new matter for this person (with a conflict check)").check()
    page.get_by_label("Title of the new matter").fill("Bond hearing")
    _go(page, page.get_by_role("button", name="Add the follow-up"))

    matter = FollowUp.objects.get().matter
    assert matter is not None and matter.kind == Matter.Kind.IMMIGRATION
    assert f"Matter {matter.pk} is open. No conflict found." in page.content()
    assert axe_violations(page) == []
    _go(page, page.get_by_role("link", name=f"matter {matter.pk}"))
    assert page.url.endswith(f"/staff/matters/{matter.pk}/")
    assert "Rosa Example" in page.content() and "Bond hearing" in page.content()


def test_a_volunteer_on_a_phone_confirms_no_conflict_and_then_reads_the_matter(browsing):
    coordinator, _ = staff_create(by=None, username="casey", role="coordinator", password=PASSWORD)
    user, _ = staff_create(by=None, username="val", role="volunteer_attorney", password=PASSWORD)
    make_volunteer(user, name="Val Example")
    matter = cases.matter_open(title="Bond hearing", kind=Matter.Kind.IMMIGRATION, by=coordinator)
    cases.party_add(matter=matter, role=Party.Role.CLIENT, name="Marta Ejemplo", by=coordinator)
    cases.note_add(matter=matter, body="Hearing moved to Tuesday", by=coordinator)
    cases.matter_member_add(matter=matter, user=user, role="volunteer_attorney", by=coordinator)

    page = browsing(viewport={"width": 360, "height": 740}).page
    browser_sign_in(page, "val")
    assert page.url.endswith("/portal/")
    assert axe_violations(page) == []
    assert "Bond hearing" not in page.content()
    _go(page, page.get_by_role("link", name=f"Matter {matter.pk}"))
    assert page.url.endswith(f"/portal/matters/{matter.pk}/confirm/")
    assert "Marta Ejemplo" in page.content() and "Hearing moved" not in page.content()
    assert axe_violations(page) == []
    # Nothing on the phone's screen runs off to the side.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    page.get_by_label("I have no conflict with any of these parties").check()
    _go(page, page.get_by_role("button", name="Send my answer"))
    assert page.url.endswith(f"/staff/matters/{matter.pk}/")
    assert "Hearing moved to Tuesday" in page.content()
