from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from rightsdesk.intake.models import Complaint, Document, Draft
from rightsdesk.intake.services import drafts_purge_expired
from rightsdesk.intake.steps import steps_for
from rightsdesk.intake.tests import journey
from rightsdesk.vault.models import AuditEntry
from rightsdesk.vault.testing import plaintext_found

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def start(client, kind="help"):
    response = client.post("/complaint/begin/", {"kind": kind})
    assert response.status_code == 302
    return response


def fill(client, answers, kind="help", upload=None):
    for step in steps_for(kind):
        data = dict(answers.get(step.key, {}))
        if step.uploads and upload is not None:
            response = client.post(
                f"/complaint/step/{step.key}/",
                {"files": [upload], "kind": "court_paper", "action": "upload"},
            )
            assert response.status_code == 302
        response = client.post(f"/complaint/step/{step.key}/", data)
        assert response.status_code == 302, (step.key, response.content.decode()[:3000])
    return response


def submit(client):
    token = Draft.objects.latest("pk").submission_token
    return client.post("/complaint/check/", {"token": token})


def test_the_whole_form_makes_one_complaint_with_a_receipt(
    client, file_store, django_capture_on_commit_callbacks
):
    start(client)
    response = fill(
        client,
        journey.answers(),
        upload=SimpleUploadedFile("ticket.pdf", PDF, content_type="application/pdf"),
    )
    assert response["Location"] == "/complaint/check/"
    review = client.get("/complaint/check/").content.decode()
    assert journey.NARRATIVE in review and "ticket.pdf" in review
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client)
    assert response["Location"] == "/complaint/receipt/"
    receipt = client.get("/complaint/receipt/").content.decode()
    complaint = Complaint.objects.get()
    assert complaint.reference in receipt and "go to court" in receipt
    assert complaint.source == "online" and complaint.kind == "help"
    assert complaint.in_custody and complaint.next_court_date
    assert complaint.data["incident"]["where"]["county"] == "Rankin"  # suggested from the ZIP
    assert complaint.data["contact"]["name"] == journey.NAME
    assert [d.original_name for d in complaint.documents.all()] == ["ticket.pdf"]
    assert AuditEntry.objects.filter(
        action="complaint_received", object_id=str(complaint.pk)
    ).exists()
    # The receipt email names the reference and nothing of what happened.
    assert len(mail.outbox) == 1
    assert complaint.reference in mail.outbox[0].body
    assert "checkpoint" not in mail.outbox[0].body.lower()


def test_nothing_a_person_sends_is_readable_in_the_database_or_on_disk(client, file_store):
    start(client)
    fill(
        client,
        journey.answers(),
        upload=SimpleUploadedFile(
            "rosa-ticket.pdf", PDF + b"Rosa secret evidence", content_type="application/pdf"
        ),
    )
    submit(client)
    assert (
        plaintext_found(
            [
                journey.NAME,
                journey.NARRATIVE,
                journey.PHONE,
                "601-555-0143",
                "Rankin County Jail",
                "rosa@example.org",
                "rosa-ticket",
                "Rosa secret evidence",
                "Highway 80",
            ],
            root=file_store,
        )
        == []
    )


def test_submitting_twice_makes_one_complaint_and_shows_the_same_receipt(client):
    start(client)
    fill(client, journey.answers())
    token = Draft.objects.get().submission_token
    first = client.post("/complaint/check/", {"token": token})
    second = client.post("/complaint/check/", {"token": token})
    assert first["Location"] == second["Location"] == "/complaint/receipt/"
    assert Complaint.objects.count() == 1
    assert Complaint.objects.get().reference in client.get("/complaint/receipt/").content.decode()


def test_a_missing_required_answer_is_sent_back_with_a_link_to_its_page(client):
    start(client)
    client.post("/complaint/step/what/", {"what": "Something happened"})
    response = submit(client)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Some answers are missing" in html and "/complaint/step/contact/?return=review" in html
    assert Complaint.objects.count() == 0


@pytest.mark.parametrize(
    ("step", "data", "message"),
    [
        ("what", {"what": ""}, "Tell us what happened"),
        ("what", {"what": "x" * 20001}, "keep it under 20000 characters"),
        (
            "contact",
            {"name": "Ana", "phone": "12", "preferred_contact": "phone"},
            "phone number with its area code",
        ),
        ("contact", {"name": "Ana", "email": "not-an-email"}, "email address like"),
        ("contact", {"name": "Ana"}, "at least one way to reach you"),
        ("when-where", {"when_date": "2026-02-30"}, "Enter a real date"),
        ("when-where", {"when_date": "2999-01-01"}, "in the future"),
        (
            "court-dates",
            {
                "court-dates-TOTAL_FORMS": "1",
                "court-dates-INITIAL_FORMS": "0",
                "court-dates-0-date": "2020-01-01",
            },
            "This date has passed",
        ),
        ("detention", {"is_detained": "yes"}, "where they are held"),
        ("permissions", {"authorize_letter_with_name": "yes"}, "Choose yes or no"),
    ],
)
def test_bad_answers_are_explained_on_the_same_page_and_kept(client, step, data, message):
    start(client)
    response = client.post(f"/complaint/step/{step}/", data)
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html and "There is a problem" in html
    for value in data.values():
        if len(value) < 200 and value not in ("1", "0", "yes", "no", "phone"):
            assert value in html, f"{value!r} was not kept"


def test_html_and_control_characters_are_shown_back_inert(client):
    start(client)
    client.post("/complaint/step/what/", {"what": "<script>alert(1)</script>\x00\x07 hello"})
    html = client.get("/complaint/check/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; hello" in html
    assert "\x00" not in Draft.objects.get().answers["incident"]["what"]


def test_switching_language_keeps_what_was_typed_on_the_page(client):
    start(client)
    response = client.post(
        "/complaint/step/what/", {"what": "Half-written story", "action": "language:es"}
    )
    assert response["Location"] == "/complaint/step/what/"
    html = client.get("/complaint/step/what/").content.decode()
    assert 'lang="es"' in html and "Half-written story" in html and "¿Qué pasó?" in html


def test_an_invalid_page_switched_to_spanish_keeps_the_typing_without_scolding(client):
    start(client)
    client.post("/complaint/step/contact/", {"name": "Ana", "phone": "12", "action": "language:es"})
    html = client.get("/complaint/step/contact/").content.decode()
    assert 'value="Ana"' in html and 'value="12"' in html and "Hay un problema" not in html


def test_a_saved_form_resumes_on_another_device_with_its_code(client, django_user_model):
    from django.test import Client

    start(client)
    client.post("/complaint/step/what/", {"what": journey.NARRATIVE, "action": "save"})
    saved = client.get("/complaint/saved/").content.decode()
    code = saved.split('id="resume-code">')[1].split("<")[0].strip()
    other = Client()
    assert other.get("/complaint/step/what/")["Location"] == "/complaint/"
    response = other.post("/complaint/continue/", {"code": code.lower().replace("-", " ")})
    assert response.status_code == 302
    assert journey.NARRATIVE in other.get("/complaint/step/what/").content.decode()


def test_a_wrong_resume_code_finds_nothing_and_says_so(client):
    response = client.post("/complaint/continue/", {"code": "AAAA-BBBB-CCCC-DDDD"})
    assert response.status_code == 400
    assert "could not find a saved form" in response.content.decode()


def test_repeatable_pages_add_rows_without_losing_any(client):
    start(client)
    response = client.post(
        "/complaint/step/responsible/",
        {
            "responsible-TOTAL_FORMS": "1",
            "responsible-INITIAL_FORMS": "0",
            "responsible-0-name": "Hinds Co. SO",
            "action": "add_row",
        },
    )
    html = response.content.decode()
    assert 'value="Hinds Co. SO"' in html and 'name="responsible-1-name"' in html


def test_a_tip_needs_no_name(client):
    start(client, "tip")
    fill(client, journey.TIP, kind="tip")
    submit(client)
    complaint = Complaint.objects.get()
    assert complaint.kind == "tip" and "contact" not in complaint.data
    receipt = client.get("/complaint/receipt/").content.decode()
    assert "Thank you for telling us" in receipt


def test_uploads_are_checked_by_content_and_a_refusal_keeps_the_page(client, file_store):
    start(client)
    fake = SimpleUploadedFile("letter.pdf", b"MZ\x90\x00 this is a program", "application/pdf")
    response = client.post(
        "/complaint/step/documents/", {"files": [fake], "action": "upload"}, follow=True
    )
    html = response.content.decode()
    assert "letter.pdf" in html and "Copies of papers" in html
    assert Document.objects.count() == 0


def test_expired_drafts_and_their_files_are_purged(client, file_store):
    start(client)
    client.post(
        "/complaint/step/documents/",
        {"files": [SimpleUploadedFile("a.pdf", PDF)], "action": "upload"},
    )
    assert Document.objects.count() == 1
    assert drafts_purge_expired() == 0
    Draft.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert drafts_purge_expired() == 1
    assert Draft.objects.count() == 0 and Document.objects.count() == 0
    assert not any(file_store.rglob("*.rdf"))


def test_a_robot_filling_the_hidden_field_makes_nothing(client):
    start(client)
    fill(client, journey.answers())
    token = Draft.objects.get().submission_token
    client.post("/complaint/check/", {"token": token, "website": "http://spam.example"})
    assert Complaint.objects.count() == 0


def test_the_prefilled_state_alone_is_not_kept_as_an_address(client):
    start(client)
    client.post("/complaint/step/contact/", {"name": "Ana", "phone": "601-555-0100", "state": "MS"})
    assert (
        "mailing_address" not in Draft.objects.get().answers["contact"]
        or not (Draft.objects.get().answers["contact"]["mailing_address"])
    )


def test_starting_forms_is_rate_limited_per_address(client, settings):
    settings.FORMS_STARTED_PER_HOUR = 3
    for _ in range(3):
        assert client.post("/complaint/begin/", {"kind": "tip"}).status_code == 302
    response = client.post("/complaint/begin/", {"kind": "tip"})
    assert response.status_code == 429 and "wait" in response.content.decode()


@pytest.mark.parametrize(
    "contact", [{}, {"phone": "601-555-0188"}, {"email": "t@example.org"}, {"name": "Luz"}]
)
def test_a_tip_with_any_mix_of_contact_details_is_accepted(client, contact):
    start(client, "tip")
    answers = {**journey.TIP, "tip-contact": contact}
    fill(client, answers, kind="tip")
    assert submit(client)["Location"] == "/complaint/receipt/"
    complaint = Complaint.objects.get()
    for value in contact.values():
        assert value in str(complaint.data["contact"])


def test_a_post_after_the_session_ended_keeps_what_was_typed(client):
    response = client.post("/complaint/step/what/", {"kind": "help", "what": "Typed slowly"})
    assert response.status_code == 302
    assert "Typed slowly" in client.get("/complaint/step/what/").content.decode()


def test_crafted_posts_get_a_page_not_an_error(client):
    start(client)
    assert client.post(
        "/complaint/step/responsible/", {"responsible-TOTAL_FORMS": "x", "action": "add_row"}
    ).status_code in {200, 400}
    assert client.post("/complaint/step/documents/", {"action": "remove:abc"}).status_code == 302
    client.post("/complaint/step/what/", {"what": "x", "action": "language:fr"})
    assert Draft.objects.get().language in {"en", "es"}


def test_fields_are_rendered_in_the_page_language_with_typing_shown_back_inert(client):
    start(client)
    client.cookies["rd_language"] = "es"
    response = client.post(
        "/complaint/step/contact/", {"name": '<script>alert("x")</script>', "phone": "12"}
    )
    html = response.content.decode()
    assert response.status_code == 400 and 'lang="es"' in html
    # Label, "optional" mark, hint and error come from the Jinja2 field template, in Spanish.
    assert "(opcional)" in html and "(optional)" not in html
    assert '<span class="visually-hidden">Error:</span>' in html
    # The input names its error, and the error is there under that id.
    assert 'aria-describedby="id_phone_error"' in html and 'id="id_phone_error"' in html
    assert 'value="&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;"' in html
    assert "<script>" not in html


def test_moving_through_the_form_does_not_rewrite_the_session_each_page(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    start(client)
    client.get("/complaint/step/for-whom/")  # the first page view after starting refreshes it
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/complaint/step/contact/").status_code == 200
        client.post("/complaint/step/contact/", {"name": "Ana Example"})
    statements = [q["sql"] for q in queries]
    assert not [s for s in statements if "django_session" in s and not s.startswith("SELECT")]
    # Only the documents page looks up documents.
    assert not [s for s in statements if "intake_document" in s]


def test_a_public_session_is_kept_alive_every_few_minutes(client, monkeypatch):
    from django.contrib.sessions.models import Session

    start(client)
    client.get("/complaint/step/for-whom/")
    first = Session.objects.get().expire_date
    later = timezone.now() + timedelta(minutes=6)
    monkeypatch.setattr(timezone, "now", lambda: later)
    client.get("/complaint/step/contact/")
    assert Session.objects.get().expire_date >= first + timedelta(minutes=6)


def test_a_group_of_choices_names_its_hint_and_error_for_screen_readers(client):
    start(client)
    html = client.post("/complaint/step/permissions/", {}).content.decode()
    fieldsets = [f for f in html.split("<fieldset")[1:] if "error-message" in f]
    assert fieldsets
    for fieldset in fieldsets:
        described = fieldset.split('aria-describedby="', 1)[1].split('"', 1)[0].split()
        assert described and all(f'id="{target}"' in fieldset for target in described)
