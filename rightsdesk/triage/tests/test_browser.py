"""A member of staff screens a complaint from the queue to a letter, in Chromium."""

import pytest

from rightsdesk.accounts.services import staff_create
from rightsdesk.conftest import PASSWORD, axe_violations, browser_sign_in
from rightsdesk.conftest import click_and_wait as _go
from rightsdesk.intake.services import complaint_create
from rightsdesk.letters.models import Letter

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _check(page, label):
    assert axe_violations(page) == [], label


def test_an_attorney_screens_a_complaint_from_queue_to_letter(browsing, file_store):
    data = {
        "contact": {
            "name": "Rosa Delgado",
            "mailing_address": {
                "street": "12 Pine St",
                "city": "Forest",
                "state": "MS",
                "zip": "39074",
            },
        },
        "incident": {
            "what": "Deputies from the sheriff stopped only Latino workers at a "
            "checkpoint and asked for papers. It still happens every week.",
            "when": "2026-10-16",
            "where": {"city": "Forest", "county": "Scott", "state": "MS"},
        },
        "responsible_parties": [{"name": "Scott County Sheriff's Department"}],
        "authorize_letter_with_name": True,
        "consents": {"share_with_partner_organisations": True, "deidentified_use": True},
    }
    complaint, _ = complaint_create(data=data, kind="help", source="online", language="es")
    staff_create(by=None, username="alex", role="attorney", password=PASSWORD)
    page = browsing(viewport={"width": 1280, "height": 900}).page
    browser_sign_in(page, "alex")

    page.goto("/staff/screening/")
    _check(page, "queue")
    _go(page, page.get_by_role("link", name=complaint.reference))
    _check(page, "desk")
    assert page.locator("mark").count() >= 1
    assert "for an attorney to confirm" in page.content()

    page.locator("summary", has_text="Confirm or correct the tags").click()
    _go(page, page.get_by_role("button", name="Confirm tags"))
    page.locator("input[name=outcome][value=accept]").check()
    page.get_by_label("Why (kept for the record; the person does not see it)").fill(
        "Weekly checkpoint targeting Latino workers"
    )
    _go(page, page.get_by_role("button", name="Record the decision"))
    assert "Decision recorded" in page.content()

    _go(page, page.get_by_role("link", name="Letter of inquiry or protest"))
    _check(page, "new letter")
    page.get_by_label("What happened, in a few neutral sentences").fill(
        "Deputies stopped drivers at a checkpoint on October 16."
    )
    page.get_by_label("What we ask them to do").fill("Explain the legal basis for it.")
    _go(page, page.get_by_role("button", name="Make the letter (PDF and Word)"))
    letter = Letter.objects.get()
    assert letter.kind == "inquiry" and letter.uses_name
    with page.expect_download() as download:
        page.locator(f"#letter-{letter.pk} a", has_text="PDF").click()
    assert download.value.suggested_filename.endswith("-inquiry.pdf")
    complaint.refresh_from_db()
    assert complaint.status == "accepted"
