import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client

from rightsdesk.conftest import queries_for, sign_in
from rightsdesk.intake.models import Complaint, PaperFormRequest
from rightsdesk.intake.services import complaint_create
from rightsdesk.intake.steps import steps_for
from rightsdesk.intake.tests import journey
from rightsdesk.intake.tests.test_form import PDF, fill, start, submit
from rightsdesk.vault.models import AuditEntry

pytestmark = pytest.mark.django_db


def _complaint(**extra):
    data = {"contact": {"name": journey.NAME}, "incident": {"what": journey.NARRATIVE}, **extra}
    return complaint_create(data=data, kind="help", source="online", language="en")


def _check_status(client, reference, code):
    return client.post("/complaint/status/", {"reference": reference, "code": code})


def test_the_status_page_shows_the_status_in_plain_words(client):
    complaint, code = _complaint()
    response = _check_status(client, complaint.reference.lower(), code.replace("-", " "))
    assert response["Location"] == "/complaint/status/yours/"
    html = client.get("/complaint/status/yours/").content.decode()
    assert "Received" in html and complaint.reference in html
    assert journey.NARRATIVE not in html  # the status page never repeats the story


def test_a_wrong_pair_says_the_same_thing_whether_the_reference_exists_or_not(client):
    complaint, code = _complaint()
    wrong_code = _check_status(client, complaint.reference, "AAAA-BBBB-CCCC").content.decode()
    no_such = _check_status(client, "ZZZZ-ZZZZ", code).content.decode()
    message = "We could not find a complaint with that reference and code."
    assert message in wrong_code and message in no_such
    assert client.get("/complaint/status/yours/")["Location"] == "/complaint/status/"


def test_status_checks_are_rate_limited(client):
    complaint, code = _complaint()
    for _ in range(10):
        _check_status(client, complaint.reference, "AAAA-BBBB-CCCC")
    assert _check_status(client, complaint.reference, code).status_code == 429


def test_staff_ask_a_question_and_the_person_answers_with_a_document(
    client, make_staff, file_store
):
    complaint, code = _complaint()
    staff = Client()
    sign_in(staff, make_staff("intake"))
    staff.post(
        f"/staff/complaints/{complaint.reference}/", {"question": "Do you have the ticket number?"}
    )
    complaint.refresh_from_db()
    assert complaint.status == "need_info"
    _check_status(client, complaint.reference, code)
    html = client.get("/complaint/status/yours/").content.decode()
    assert "Do you have the ticket number?" in html
    response = client.post(
        "/complaint/status/yours/",
        {
            "action": "answer",
            "answer": "It is 12345",
            "files": [SimpleUploadedFile("ticket.pdf", PDF)],
        },
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == "reviewing"
    assert complaint.questions.get().answer == "It is 12345"
    assert complaint.documents.count() == 1
    detail = staff.get(f"/staff/complaints/{complaint.reference}/").content.decode()
    assert "It is 12345" in detail and "ticket.pdf" in detail


def test_the_person_changes_their_permissions_later(client):
    complaint, code = _complaint(
        consents={"share_with_partner_organisations": True, "deidentified_use": True}
    )
    _check_status(client, complaint.reference, code)
    client.post(
        "/complaint/status/yours/",
        {"action": "consents", "share_with_partner_organisations": "no", "deidentified_use": "yes"},
    )
    complaint.refresh_from_db()
    assert complaint.data["consents"] == {
        "share_with_partner_organisations": False,
        "deidentified_use": True,
    }


def test_the_inbox_lists_newest_first_with_flags_and_costs_the_same_queries(client, make_staff):
    sign_in(client, make_staff("intake"))
    older, _ = _complaint()
    newer, _ = _complaint(detention={"is_detained": True, "facility": "Hinds County Jail"})
    Complaint.objects.filter(pk=newer.pk).update(in_custody=True)
    html = client.get("/staff/complaints/").content.decode()
    assert html.index(newer.reference) < html.index(older.reference)
    assert "In custody" in html and journey.NAME not in html
    few = queries_for(client, "/staff/complaints/")
    for _ in range(30):
        _complaint()
    assert queries_for(client, "/staff/complaints/") == few


def test_the_inbox_pages_keep_the_status_filter(client, make_staff, settings):
    from rightsdesk.intake import staff_views

    sign_in(client, make_staff("intake"))
    for _ in range(staff_views.PAGE_SIZE + 1):
        _complaint()
    first = client.get("/staff/complaints/?status=received").content.decode()
    assert '<a href="?status=received&amp;page=2">Older</a>' in first and "Page 1 of 2" in first
    second = client.get("/staff/complaints/?status=received&page=2").content.decode()
    assert '<a href="?status=received&amp;page=1">Newer</a>' in second and "Older" not in second


def test_opening_a_complaint_and_downloading_a_file_are_audited(client, make_staff, file_store):
    start(client)
    fill(
        client,
        journey.answers(),
        upload=SimpleUploadedFile("ticket.pdf", PDF, content_type="application/pdf"),
    )
    submit(client)
    complaint = Complaint.objects.get()
    staff = Client()
    attorney = make_staff("attorney")
    sign_in(staff, attorney)
    html = staff.get(f"/staff/complaints/{complaint.reference}/").content.decode()
    assert journey.NARRATIVE in html and journey.NAME in html
    document = complaint.documents.get()
    response = staff.get(f"/staff/complaints/{complaint.reference}/files/{document.pk}/")
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] == "application/octet-stream"
    assert response.content == PDF
    actions = set(
        AuditEntry.objects.filter(actor=attorney.username, object_id=str(complaint.pk)).values_list(
            "action", flat=True
        )
    )
    assert {"read", "download"} <= actions


def test_volunteers_and_organisers_cannot_open_complaints(client, make_staff):
    complaint, _ = _complaint()
    for role in ("volunteer_attorney", "interpreter", "organiser", "coordinator"):
        sign_in(client, make_staff(role))
        assert client.get(f"/staff/complaints/{complaint.reference}/").status_code == 403


def test_a_paper_form_request_reaches_the_mailing_queue(client, make_staff):
    response = client.post(
        "/complaint/paper-form/",
        {
            "name": "Luis Example",
            "street": "PO Box 12",
            "city": "Forest",
            "state": "ms",
            "zip": "39074",
            "language": "es",
        },
    )
    assert "We will mail you a form" in response.content.decode()
    staff = Client()
    sign_in(staff, make_staff("intake"))
    html = staff.get("/staff/complaints/paper-requests/").content.decode()
    assert "Luis Example" in html and "PO Box 12" in html
    item = PaperFormRequest.objects.get()
    assert item.address["state"] == "MS"
    staff.post(f"/staff/complaints/paper-requests/{item.pk}/mailed/")
    item.refresh_from_db()
    assert item.mailed_at is not None
    assert "Luis Example" not in staff.get("/staff/complaints/paper-requests/").content.decode()


def test_a_bad_paper_form_request_is_explained_and_kept(client):
    response = client.post("/complaint/paper-form/", {"name": "Luis", "street": "", "zip": "12"})
    html = response.content.decode()
    assert response.status_code == 400 and 'value="Luis"' in html and "5-digit ZIP" in html


def test_staff_key_in_a_paper_form_with_the_same_checks(make_staff):
    staff = Client()
    sign_in(staff, make_staff("intake"))
    staff.post("/staff/complaints/paper/", {"kind": "help"})
    bad = staff.post("/staff/complaints/paper/step/what/", {"what": ""})
    assert bad.status_code == 400 and "Tell us what happened" in bad.content.decode()
    for step in steps_for("help"):
        response = staff.post(
            f"/staff/complaints/paper/step/{step.key}/", journey.answers().get(step.key, {})
        )
        assert response.status_code == 302, step.key
    from rightsdesk.intake.models import Draft

    token = Draft.objects.get().submission_token
    response = staff.post("/staff/complaints/paper/check/", {"token": token})
    assert response["Location"] == "/staff/complaints/paper/saved/"
    complaint = Complaint.objects.get()
    assert complaint.source == "paper"
    html = staff.get("/staff/complaints/paper/saved/").content.decode()
    assert complaint.reference in html and 'id="status-code"' in html


def test_import_reports_every_bad_line_and_imports_nothing(tmp_path, capsys):
    good = {"contact": {"name": "A Person"}, "incident": {"what": "Something"}}
    path = tmp_path / "in.jsonl"
    path.write_text(
        "\n".join(
            [
                json.dumps(good),
                json.dumps({"incident": {"what": "no contact for a help request"}}),
                "{not json",
                json.dumps({"id": "E9", "complaint": {**good, "surprise": 1}}),
            ]
        )
        + "\n"
    )
    with pytest.raises(Exception, match="3 bad line"):
        call_command("import", str(path))
    err = capsys.readouterr().err
    assert "line 2:" in err and "line 3:" in err and "line 4:" in err and "line 1:" not in err
    assert Complaint.objects.count() == 0


def test_import_then_export_round_trips(tmp_path, make_staff, capsys, file_store):
    import base64

    lines = [
        json.dumps(
            {
                "id": "X1",
                "complaint": {
                    "contact": {"name": "A Person"},
                    "incident": {"what": "Something"},
                    "documents": [
                        {
                            "filename": "a.pdf",
                            "kind": "letter",
                            "content_base64": base64.b64encode(PDF).decode(),
                        }
                    ],
                },
            }
        ),
        json.dumps({"kind": "tip", "incident": {"what": "A raid"}}),
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines))
    call_command("import", str(path))
    assert Complaint.objects.filter(source="import").count() == 2
    assert Complaint.objects.get(kind="help").documents.count() == 1
    admin = make_staff("admin")
    out = tmp_path / "out.jsonl"
    call_command("export", "--by", admin.username, "--output", str(out), "--with-files")
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert {r["complaint"]["incident"]["what"] for r in records} == {"Something", "A raid"}
    assert AuditEntry.objects.filter(action="export", actor=admin.username).exists()
    call_command("import", str(out))  # an export is valid import input
    assert Complaint.objects.count() == 4


def test_only_an_admin_may_export(make_staff, tmp_path):
    attorney = make_staff("attorney")
    with pytest.raises(Exception, match="only admins may export"):
        call_command("export", "--by", attorney.username, "--output", str(tmp_path / "x"))


def test_pictures_are_downloaded_without_their_location_unless_the_original_is_asked_for(
    client, make_staff, file_store
):
    import io

    from PIL import Image

    from rightsdesk.intake.uploads import check_upload

    picture = Image.new("RGB", (40, 30), "red")
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (32.0, 18.0, 0.0), 3: "W", 4: (90.0, 11.0, 0.0)}
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", exif=exif)
    upload = SimpleUploadedFile("photo.jpg", buffer.getvalue())
    complaint, _ = _complaint()
    from rightsdesk.intake.services import complaint_add_document

    checked = check_upload(upload, files_so_far=0, bytes_so_far=0)
    document = complaint_add_document(
        complaint=complaint, upload=upload, checked=checked, kind="photo"
    )
    sign_in(client, make_staff("attorney"))
    url = f"/staff/complaints/{complaint.reference}/files/{document.pk}/"
    cleaned = Image.open(io.BytesIO(client.get(url).content))
    assert 0x8825 not in cleaned.getexif()
    original = Image.open(io.BytesIO(client.get(url + "?original=1").content))
    assert 0x8825 in original.getexif()
    assert AuditEntry.objects.filter(action="download", detail__original=True).exists()


def test_a_refused_file_on_the_status_page_is_explained(client):
    complaint, code = _complaint()
    _check_status(client, complaint.reference, code)
    fake = SimpleUploadedFile("court.pdf", b"<html><script>x</script></html>")
    response = client.post("/complaint/status/yours/", {"action": "files", "files": [fake]})
    assert response.status_code == 400
    assert "court.pdf" in response.content.decode()
    assert complaint.documents.count() == 0


def test_paper_forms_keep_the_language_they_were_written_in(make_staff):
    staff = Client()
    sign_in(staff, make_staff("intake"))
    staff.post("/staff/complaints/paper/", {"kind": "tip", "language": "es"})
    from rightsdesk.intake.models import Draft

    assert Draft.objects.get().language == "es"


def test_only_wrong_pairs_count_towards_the_status_limit(client):
    complaint, code = _complaint()
    for _ in range(15):
        assert _check_status(client, complaint.reference, code).status_code == 302


def test_one_reference_cannot_be_guessed_at_from_many_addresses(client):
    complaint, code = _complaint()
    for i in range(20):
        client.post(
            "/complaint/status/",
            {"reference": complaint.reference, "code": "AAAA-BBBB-CCCC"},
            REMOTE_ADDR=f"203.0.113.{i}",
        )
    blocked = client.post(
        "/complaint/status/",
        {"reference": complaint.reference, "code": code},
        REMOTE_ADDR="198.51.100.7",
    )
    assert blocked.status_code == 429
