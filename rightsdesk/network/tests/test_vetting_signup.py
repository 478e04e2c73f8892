"""The public volunteer sign-up at /volunteer/: good input, bad input kept and explained, double
submits, Spanish, the receipt and the status page."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from rightsdesk.network.models import Availability, BarAdmission, Volunteer, VolunteerLanguage
from rightsdesk.network.vetting import services
from rightsdesk.vault.audit import AuditEntry
from rightsdesk.vault.testing import plaintext_found

pytestmark = pytest.mark.django_db


_commits: list = []


@pytest.fixture(autouse=True)
def _emails_sent_at_commit(django_capture_on_commit_callbacks):
    # The test's transaction never commits: each request runs what would run after its commit.
    _commits[:] = [django_capture_on_commit_callbacks]
    yield


SIGNUP = reverse("network_public:vetting_signup")
RECEIPT = reverse("network_public:vetting_receipt")
STATUS = reverse("network_public:vetting_status")


def _token(client) -> str:
    page = client.get(SIGNUP).content.decode()
    return re.search(r'name="token" value="([^"]+)"', page).group(1)


def attorney(**changes) -> dict[str, object]:
    data: dict[str, object] = {
        "kind": "attorney",
        "name": "Rosalind Testwell",
        "email": "rosalind@example.org",
        "phone": "(601) 555-0142",
        "language_1": "es",
        "level_1": "fluent",
        "language_2": "en",
        "level_2": "native",
        "bar_state_1": "MS",
        "bar_number_1": "104233",
        "bar_year_1": "2012",
        "bar_state_2": "TN",
        "bar_number_2": "bpr-0457",
        "bar_year_2": "2015",
        "immigration_experience": "some",
        "availability": ["5:morning", "5:afternoon", "2:evening"],
        "availability_note": "One Saturday a month",
        "county": "28049",
        "heard_from": "bar",
        "action": "send",
    }
    data.update(changes)
    return data


def apply(client, **changes):
    data = attorney(**changes)
    data.setdefault("token", _token(client))
    with _commits[0](execute=True):
        return client.post(SIGNUP, {k: v for k, v in data.items() if v is not None})


def test_the_form_explains_why_and_never_asks_about_immigration_status(client):
    page = client.get(SIGNUP).content.decode()
    assert "We do not ask about your immigration status" in page
    assert "So we can suggest visits that are not too far to drive." in page
    assert "citizen" not in page.lower() and "visa" not in page.lower()


def test_an_attorney_applies_and_gets_a_receipt_with_two_codes(client):
    response = apply(client)
    assert response.status_code == 302 and response["Location"] == RECEIPT
    volunteer = Volunteer.objects.get()
    assert volunteer.kind == "attorney" and volunteer.status == "applied"
    assert volunteer.name == "Rosalind Testwell"
    assert volunteer.phone == "601-555-0142"
    assert volunteer.county == "28049"
    assert volunteer.details["availability_note"] == "One Saturday a month"
    assert sorted(VolunteerLanguage.objects.values_list("code", "self_level")) == [
        ("en", "native"),
        ("es", "fluent"),
    ]
    assert sorted(BarAdmission.objects.values_list("state", "number", "year")) == [
        ("MS", "104233", 2012),
        ("TN", "BPR-0457", 2015),
    ]
    assert sorted(Availability.objects.values_list("weekday", "starts__hour")) == [
        (2, 17),
        (5, 8),
        (5, 12),
    ]
    receipt = client.get(RECEIPT).content.decode()
    assert volunteer.reference in receipt
    code = re.search(r'id="status-code">([^<]+)<', receipt).group(1)
    assert services.volunteer_find(reference=volunteer.reference, code=code) == volunteer
    assert AuditEntry.objects.filter(action="volunteer_applied", object_id=str(volunteer.pk))
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["rosalind@example.org"]
    assert volunteer.reference in mail.outbox[0].subject
    assert "Rosalind" not in mail.outbox[0].body


def test_nothing_they_typed_reaches_the_database_in_plaintext(client):
    apply(client, note="Ask for Marisol at the front desk")
    assert plaintext_found(["Rosalind Testwell", "rosalind@example.org", "601-555-0142"]) == []
    assert plaintext_found(["104233", "Ask for Marisol"]) == []


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": ""}, "name", "Tell us your name."),
        ({"email": "rosalind-at-example"}, "email", "Enter an email address like"),
        ({"phone": "555-0142"}, "phone", "Enter a US phone number with its area code"),
        ({"phone": "call me"}, "phone", "Enter a US phone number with its area code"),
        ({"bar_number_1": "10423377"}, "bar_number_1", "A Mississippi bar number is 1 to 6 digits"),
        ({"bar_number_2": "no spaces allowed!"}, "bar_number_2", "1 to 12 letters, digits"),
        ({"bar_year_1": "1949"}, "bar_year_1", "between 1950 and"),
        ({"bar_year_1": "2999"}, "bar_year_1", "between 1950 and"),
        ({"bar_state_1": ""}, "bar_state_1", "Choose the state of this bar admission."),
        ({"level_1": ""}, "level_1", "Choose how well you speak this language."),
        ({"language_2": "es"}, "language_2", "already listed above"),
        ({"county": ""}, "county", "Choose your county"),
        ({"kind": ""}, "kind", "Choose how you would like to help."),
    ],
)
def test_every_bad_answer_is_explained_and_everything_typed_is_kept(
    client, changes, field, message
):
    response = apply(client, **changes)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert f'href="#id_{field}' in page  # the summary leads to the field
    assert Volunteer.objects.count() == 0
    kept = attorney(**changes)
    for name in ("name", "email", "availability_note"):
        if kept[name]:
            assert f'value="{kept[name]}"' in page or f"{kept[name]}</textarea>" in page
    assert re.search(r'value="5:morning"[^>]*checked', page)
    assert re.search(r'<option value="28049" selected>', page) or changes.get("county") == ""


def test_the_error_summary_says_which_row_a_problem_is_in(client):
    page = apply(client, bar_year_2="1900", level_1="").content.decode()
    assert "Bar admission 2: Year admitted — Enter the year you were admitted" in page
    assert "Language 1: How well you speak it — Choose how well" in page


def test_an_attorney_without_any_bar_admission_is_asked_for_one(client):
    response = apply(
        client,
        bar_state_1="",
        bar_number_1="",
        bar_year_1="",
        bar_state_2="",
        bar_number_2="",
        bar_year_2="",
    )
    assert response.status_code == 400
    assert "Add at least one bar admission" in response.content.decode()


def test_an_interpreter_needs_a_language_besides_english_and_no_bar_admission(client):
    response = apply(client, kind="interpreter", language_1="", level_1="")
    assert response.status_code == 400
    assert "Add at least one language you interpret" in response.content.decode()
    response = apply(client, kind="interpreter", county="outside")
    assert response.status_code == 302
    volunteer = Volunteer.objects.get()
    assert not volunteer.bar_admissions.exists()
    assert volunteer.county == "" and volunteer.details["outside_mississippi"] is True
    assert volunteer.details["immigration_experience"] == ""


def test_the_same_form_sent_twice_makes_one_volunteer(client):
    token = _token(client)
    first = apply(client, token=token)
    second = apply(client, token=token)
    assert first.status_code == second.status_code == 302
    assert Volunteer.objects.count() == 1
    assert len(mail.outbox) == 1


def test_the_same_form_sent_from_another_browser_says_it_is_there_without_codes(client):
    from django.test import Client

    token = _token(client)
    apply(client, token=token)
    other = Client()
    response = apply(other, token=token)
    assert response.status_code == 200
    assert "We already have this application" in response.content.decode()
    assert Volunteer.objects.get().reference not in response.content.decode()
    assert Volunteer.objects.count() == 1


def test_a_second_application_with_the_same_email_is_accepted_and_flagged_only_for_staff(client):
    from django.test import Client

    apply(client)
    other = Client()
    response = apply(other, name="R. Testwell", email="ROSALIND@example.org ")
    assert response["Location"] == RECEIPT
    receipt = other.get(RECEIPT).content.decode()
    assert "already" not in receipt.lower()
    first, second = Volunteer.objects.order_by("pk")
    assert first.email_index == second.email_index
    assert AuditEntry.objects.get(action="volunteer_applied", object_id=str(second.pk)).detail[
        "duplicate_email"
    ]


def test_the_form_in_spanish_with_its_errors(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    page = client.get(SIGNUP).content.decode()
    assert 'lang="es"' in page
    assert "Sea voluntario(a)" in page and "No preguntamos por su situación migratoria" in page
    response = apply(client, phone="12")
    assert response.status_code == 400
    assert "Escriba un número de teléfono de EE. UU." in response.content.decode()
    apply(client)
    assert Volunteer.objects.get().language == "es"
    assert "Recibimos" in mail.outbox[0].subject


def test_switching_language_keeps_what_was_typed_without_errors(client):
    data = attorney(action="language:es", phone="12")
    data["token"] = _token(client)
    response = client.post(SIGNUP, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'lang="es"' in page and 'value="Rosalind Testwell"' in page
    assert "error-summary" not in page
    assert Volunteer.objects.count() == 0


def test_the_hidden_field_filled_in_by_robots_makes_nothing(client):
    apply(client, website="http://spam.example.org")
    assert Volunteer.objects.count() == 0


def test_too_many_applications_from_one_place_are_slowed(client, settings):
    from django.test import Client

    for _ in range(10):
        assert apply(Client()).status_code == 302
    assert apply(Client()).status_code == 429


# --- status --------------------------------------------------------------------------------


def _applied(client) -> tuple[Volunteer, str]:
    apply(client)
    code = re.search(r'id="status-code">([^<]+)<', client.get(RECEIPT).content.decode()).group(1)
    return Volunteer.objects.get(), code


def test_the_status_page_says_in_plain_words_where_the_application_is(client):
    volunteer, code = _applied(client)
    response = client.post(STATUS, {"reference": volunteer.reference.lower(), "code": code})
    assert response.status_code == 200
    assert "Received: we are checking it" in response.content.decode()
    Volunteer.objects.filter(pk=volunteer.pk).update(status="declined")
    response = client.post(STATUS, {"reference": volunteer.reference, "code": code})
    assert "we cannot use your help right now" in response.content.decode()


def test_a_wrong_code_says_nothing_about_whether_the_reference_exists(client):
    volunteer, _code = _applied(client)
    real = client.post(STATUS, {"reference": volunteer.reference, "code": "AAAA-BBBB-CCCC"})
    fake = client.post(STATUS, {"reference": "ZZZZ-ZZZZ", "code": "AAAA-BBBB-CCCC"})
    assert real.status_code == fake.status_code == 400
    message = "We could not find an application with that reference and code."
    assert message in real.content.decode() and message in fake.content.decode()


def test_guessing_status_codes_is_slowed(client):
    volunteer, code = _applied(client)
    for _ in range(10):
        client.post(STATUS, {"reference": volunteer.reference, "code": "AAAA-BBBB-CCCC"})
    response = client.post(STATUS, {"reference": volunteer.reference, "code": code})
    assert response.status_code == 429


def test_a_complaints_status_code_does_not_open_a_volunteer_application(client):
    from rightsdesk.intake import codes

    volunteer, code = _applied(client)
    assert services.volunteer_find(reference=volunteer.reference, code=code) is not None
    assert codes.code_hash("status", code) != volunteer.status_code_hash
