"""The complaint form in a real browser (Debian's Chromium), as a person on a phone would use it,
in English and in Spanish; every page checked with axe-core and for sideways scrolling."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from rightsdesk.conftest import axe_violations
from rightsdesk.conftest import click_and_wait as _go
from rightsdesk.intake.models import Complaint
from rightsdesk.intake.services import complaint_request_info

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# 320 px: the narrowest phones, and a 640 px window at 200% zoom.
PHONE = {"width": 320, "height": 740}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

TEXT = {
    "en": {
        "start": "Start: ask for help",
        "continue": "Continue",
        "other": "Someone else",
        "yes": "Yes",
        "no": "No",
        "send": "Send my complaint",
        "save": "Save and come back later",
        "add_files": "Add these files",
        "received": "We have your complaint",
        "status_button": "Check status",
        "answer": "Send my answer",
    },
    "es": {
        "start": "Empezar: pedir ayuda",
        "continue": "Continuar",
        "other": "Otra persona",
        "yes": "Sí",
        "no": "No",
        "send": "Enviar mi queja",
        "save": "Guardar y volver más tarde",
        "add_files": "Agregar estos archivos",
        "received": "Ya tenemos su queja",
        "status_button": "Consultar el estado",
        "answer": "Enviar mi respuesta",
    },
}


def _check(page, label):
    violations = axe_violations(page)
    assert violations == [], f"{label}: {violations}"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{label} scrolls sideways ({width}px)"


def _radio(page, legend, option):
    page.get_by_role("group", name=re.compile(re.escape(legend))).get_by_label(
        option, exact=True
    ).check()


def _fill_help_form(page, t, lang, tmp_path):
    step = 0

    def next_page(label):
        nonlocal step
        step += 1
        _check(page, f"{lang} step {step} {label}")
        _go(page, page.get_by_role("button", name=t["continue"], exact=True))

    # 1: for whom — a sister writing for her brother in jail.
    page.locator("input[name=on_behalf][value=other]").check()
    page.locator("#id_filer_name").fill("Ana Delgado")
    page.locator("#id_relationship").fill("hermana" if lang == "es" else "sister")
    page.locator("#id_filer_phone").fill("601-555-0143")
    next_page("for whom")
    # 2: contact
    page.locator("#id_name").fill("Rosa Delgado")
    page.locator("#id_phone").fill("601-555-0142")
    page.locator("input[name=preferred_contact][value=phone]").check()
    next_page("contact")
    # 3: detention, with a relative who will know where he is
    page.locator("input[name=is_detained][value=yes]").check()
    page.locator("#id_facility").fill("Rankin County Jail")
    page.locator("#id_relative_name").fill("Ana Delgado")
    page.locator("#id_relative_phone").fill("601-555-0143")
    next_page("detention")
    # 4: what happened
    page.locator("#id_what").fill(
        "Nos pararon en el retén de la carretera 80."
        if lang == "es"
        else "We were stopped at the Highway 80 checkpoint."
    )
    next_page("what")
    # 5: when and where — a bad date first: the error is explained and the typing kept
    page.locator("#id_when_date").fill("2999-01-01")
    page.locator("#id_city").fill("Pearl")
    page.locator("#id_zip").fill("39208")
    _go(page, page.get_by_role("button", name=t["continue"], exact=True))
    assert page.locator(".error-summary").is_visible()
    assert page.locator("#id_city").input_value() == "Pearl"
    _check(page, f"{lang} when/where with an error")
    page.locator("#id_when_date").fill("2026-03-14")
    next_page("when where")
    for label in ("others",):
        next_page(label)
    # 7: responsible parties, two of them
    page.locator("#id_responsible-0-name").fill("Rankin County Sheriff")
    _go(page, page.locator("button[value=add_row]"))
    page.locator("#id_responsible-1-name").fill("Pearl Police Department")
    next_page("responsible")
    next_page("explanation")
    next_page("media")
    next_page("police")
    # 11: documents
    paper = tmp_path / "ticket.pdf"
    paper.write_bytes(PDF)
    page.locator("#id_files").set_input_files(str(paper))
    _go(page, page.get_by_role("button", name=t["add_files"]))
    assert "ticket.pdf" in page.locator(".file-list").inner_text()
    next_page("documents")
    next_page("prior actions")
    # 13: court date
    court = (timezone.localdate() + timedelta(days=10)).isoformat()
    page.locator("#id_court-dates-0-date").fill(court)
    page.locator("#id_court-dates-0-court").fill("Rankin County Justice Court")
    next_page("court dates")
    # 14: permissions
    page.locator("input[name=authorize_letter_with_name][value=yes]").check()
    page.locator("input[name=share_with_partner_organisations][value=yes]").check()
    page.locator("input[name=deidentified_use][value=no]").check()
    next_page("permissions")
    # 15: the request
    page.locator("#id_requested_help").fill(
        "Ayuda para recuperar su identificación" if lang == "es" else "Help get his ID back"
    )
    next_page("request")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_relative_completes_the_whole_form_on_a_phone(browsing, lang, tmp_path, file_store):
    t = TEXT[lang]
    page = browsing(viewport=PHONE).page
    page.goto("/complaint/")
    if lang == "es":
        _go(page, page.get_by_role("button", name="Español"))
    assert page.locator("html").get_attribute("lang") == lang
    _check(page, f"{lang} start")
    _go(page, page.get_by_role("button", name=t["start"]))
    assert page.locator(".progress").inner_text().endswith("15")
    _fill_help_form(page, t, lang, tmp_path)

    _check(page, f"{lang} review")
    assert "Rankin County Jail" in page.content() and "ticket.pdf" in page.content()
    _go(page, page.get_by_role("button", name=t["send"]))
    _check(page, f"{lang} receipt")
    assert t["received"] in page.locator("h1").inner_text()
    reference = page.locator("#reference").inner_text().strip()
    code = page.locator("#status-code").inner_text().strip()
    complaint = Complaint.objects.get(reference=reference)
    assert complaint.language == lang and complaint.in_custody and complaint.next_court_date
    assert complaint.documents.count() == 1

    # Back button and send again: still one complaint, the same receipt.
    page.go_back()
    page.go_back()
    page.goto("/complaint/check/")
    assert page.locator("#reference").inner_text().strip() == reference
    assert Complaint.objects.count() == 1

    # Staff ask for more; the person answers on the status page, from a fresh browser.
    from rightsdesk.accounts.models import User

    staff = User.objects.create(username="ines", role="intake")
    complaint_request_info(complaint=complaint, question="What is the ticket number?", by=staff)
    status_page = browsing(viewport=PHONE).page
    status_page.goto("/complaint/status/")
    if lang == "es":
        _go(status_page, status_page.get_by_role("button", name="Español"))
    _check(status_page, f"{lang} status form")
    status_page.locator("#id_reference").fill(reference.lower())
    status_page.locator("#id_code").fill(code)
    _go(status_page, status_page.get_by_role("button", name=t["status_button"]))
    _check(status_page, f"{lang} status with a question")
    assert "What is the ticket number?" in status_page.content()
    status_page.locator("#id_answer").fill("12345")
    _go(status_page, status_page.get_by_role("button", name=t["answer"]))
    complaint.refresh_from_db()
    assert complaint.status == "reviewing" and complaint.questions.get().answer == "12345"


def test_a_saved_form_resumes_in_a_fresh_browser(browsing):
    page = browsing(viewport=PHONE).page
    page.goto("/complaint/")
    _go(page, page.get_by_role("button", name="Start: ask for help"))
    page.locator("input[name=on_behalf][value=self]").check()
    _go(page, page.get_by_role("button", name="Continue", exact=True))
    page.locator("#id_name").fill("Rosa Delgado")
    _go(page, page.get_by_role("button", name="Save and come back later"))
    _check(page, "saved")
    code = page.locator("#resume-code").inner_text().strip()

    other = browsing(viewport=PHONE).page
    other.goto("/complaint/continue/")
    _check(other, "resume")
    other.locator("#id_code").fill(code)
    _go(other, other.get_by_role("button", name="Continue"))
    _go(other, other.get_by_role("button", name="Continue", exact=True))
    assert other.locator("#id_name").input_value() == "Rosa Delgado"


def test_the_form_works_with_javascript_off(browsing):
    page = browsing(viewport=PHONE, java_script_enabled=False).page
    page.goto("/complaint/")
    _go(page, page.get_by_role("button", name="Report what happened"))
    page.locator("#id_what").fill("A checkpoint by the church")
    _go(page, page.get_by_role("button", name="Español"))  # switches language inside the form
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.locator("#id_what").input_value() == "A checkpoint by the church"
    _go(page, page.get_by_role("button", name="Continuar", exact=True))
    assert page.locator("#id_when_text").is_visible()


@pytest.mark.parametrize(
    "url", ["/complaint/status/", "/complaint/paper-form/", "/complaint/continue/", "/"]
)
@pytest.mark.parametrize("lang", ["en", "es"])
def test_other_public_pages_are_accessible_at_320px(browsing, url, lang):
    page = browsing(viewport={"width": 320, "height": 640}).page
    page.goto(url)
    if lang == "es":
        _go(page, page.get_by_role("button", name="Español"))
    _check(page, f"{url} {lang}")
