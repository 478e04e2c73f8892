"""In Chromium: a volunteer registers for the orientation from the portal on a 360 px phone,
then the coordinator takes attendance and downloads the volunteer's certificate."""

import re
import zlib
from datetime import timedelta

import pytest
from django.utils import timezone

from rightsdesk.accounts.services import staff_create
from rightsdesk.conftest import PASSWORD, axe_violations, browser_sign_in
from rightsdesk.conftest import click_and_wait as _go
from rightsdesk.network.models import Training, TrainingRegistration
from rightsdesk.network.tests.trainings_helpers import make_training, make_volunteer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


def _pdf_text(pdf: bytes) -> str:
    """The text drawn in an fpdf2 PDF, its page streams inflated."""
    streams = re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.DOTALL)
    out = []
    for raw in streams:
        try:
            out.append(zlib.decompress(raw))
        except zlib.error:
            out.append(raw)
    return b"".join(re.findall(rb"\((.*?)(?<!\\)\)\s*Tj", b"\n".join(out))).decode("latin-1")


def test_a_volunteer_registers_on_a_phone_and_the_coordinator_certifies_attendance(browsing):
    staff_create(by=None, username="casey", role="coordinator", password=PASSWORD)
    user, _ = staff_create(by=None, username="val", role="volunteer_attorney", password=PASSWORD)
    make_volunteer(user=user, name="Valeria Example", email="valeria@example.org")
    training = make_training(in_days=2, title="Detention visit orientation", capacity=10)

    phone = browsing(viewport=PHONE).page
    browser_sign_in(phone, "val")
    phone.goto("/portal/trainings/")
    assert "10 places left" in phone.content()
    assert axe_violations(phone) == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    _go(phone, phone.get_by_role("button", name="Register for Detention visit orientation"))
    assert "You are registered." in phone.content() and "9 places left" in phone.content()
    registration = TrainingRegistration.objects.get(training=training)

    # The day comes: the training has begun.
    begun = timezone.now() - timedelta(minutes=10)
    Training.objects.filter(pk=training.pk).update(
        starts_at=begun, ends_at=begun + timedelta(hours=2)
    )

    desk = browsing(viewport=PHONE).page
    browser_sign_in(desk, "casey")
    desk.goto(f"/staff/network/trainings/{training.pk}/attendance/")
    assert axe_violations(desk) == []
    assert desk.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    desk.get_by_label("Valeria Example").check()
    _go(desk, desk.get_by_role("button", name="Save attendance"))
    registration.refresh_from_db()
    assert registration.attended is True
    assert "Attendance saved: 1 came." in desk.content()

    with desk.expect_download() as download:
        desk.get_by_role("link", name="Certificate (PDF) for Valeria Example").click()
    with open(download.value.path(), "rb") as handle:
        pdf = handle.read()
    assert pdf.startswith(b"%PDF")
    text = _pdf_text(pdf)
    assert "Valeria Example" in text and "Continuing legal education: 2 hours" in text
