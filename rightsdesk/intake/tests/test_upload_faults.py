"""The disk filling up while someone adds their papers: they are told plainly that the fault is
ours, nothing half-written is kept, and their form (everything they typed) is still there when
the space comes back."""

import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from rightsdesk.intake.models import Complaint, Document, Draft
from rightsdesk.intake.steps import steps_for
from rightsdesk.intake.tests import journey
from rightsdesk.intake.tests.test_form import start, submit
from rightsdesk.intake.tests.test_status_and_staff import _check_status, _complaint
from rightsdesk.vault.testing import SmallDiskStorage

pytestmark = pytest.mark.django_db

# A real (small) PDF of about 40 KB: bigger than the pretend disk below.
PAPER = b"%PDF-1.4\n" + b"% the court's notice, page after page\n" * 1100 + b"%%EOF\n"
FULL = "because our storage is full just now"


def _answer(client, answers, keys):
    for key in keys:
        response = client.post(f"/complaint/step/{key}/", answers[key])
        assert response.status_code == 302, key


def _on_disk(root):
    return sorted(p.name for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_a_full_disk_during_an_upload_says_so_and_keeps_the_form(client, small_disk, caplog):
    answers = journey.answers()
    keys = [s.key for s in steps_for("help")]
    start(client)
    _answer(client, answers, keys[: keys.index("documents")])
    typed = dict(Draft.objects.get().answers)

    with caplog.at_level(logging.INFO, logger="rightsdesk"):
        response = client.post(
            "/complaint/step/documents/",
            {
                "files": [SimpleUploadedFile("Rosa court notice.pdf", PAPER)],
                "kind": "court_paper",
                "action": "upload",
            },
        )
    html = response.content.decode()
    assert response.status_code == 503  # our fault, and it passes: not "bad request"
    assert FULL in html and "Rosa court notice.pdf" in html
    assert "not with your file" in html and "Traceback" not in html
    assert '<option value="court_paper" selected>' in html, "the choice of papers is kept"
    # Nothing half-written: no row, no stored file, no temporary left filling the disk.
    assert Document.objects.count() == 0
    assert _on_disk(small_disk) == []
    assert Draft.objects.get().answers == typed
    # The operator is told which folder is full; the person's file name never reaches the log.
    assert "No room left in" in caplog.text and str(small_disk) in caplog.text
    assert "Rosa" not in caplog.text

    # Space comes back: the same person carries on, from the same page, to a receipt.
    SmallDiskStorage.room = 10 * 1024 * 1024
    response = client.post(
        "/complaint/step/documents/",
        {
            "files": [SimpleUploadedFile("Rosa court notice.pdf", PAPER)],
            "kind": "court_paper",
            "action": "upload",
        },
    )
    assert response.status_code == 302
    _answer(client, answers, keys[keys.index("documents") :])
    assert submit(client).status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.data["contact"]["name"] == journey.NAME
    (document,) = complaint.documents.all()
    with document.file.open() as stored:
        assert stored.read() == PAPER


def test_later_files_in_the_same_post_are_not_tried_on_a_full_disk(client, small_disk):
    start(client)
    response = client.post(
        "/complaint/step/documents/",
        {
            "files": [
                SimpleUploadedFile("first.pdf", PAPER),
                SimpleUploadedFile("second.pdf", b"%PDF-1.4\n%%EOF\n"),
            ],
            "action": "upload",
        },
    )
    html = response.content.decode()
    assert response.status_code == 503
    assert html.count(FULL) == 2 and "first.pdf" in html and "second.pdf" in html
    assert Document.objects.count() == 0 and _on_disk(small_disk) == []


def test_an_answer_sent_with_a_file_to_a_full_disk_is_kept(client, small_disk, make_staff):
    from rightsdesk.intake.services import complaint_request_info

    complaint, code = _complaint()
    complaint_request_info(
        complaint=complaint, question="Do you have the ticket?", by=make_staff("intake")
    )
    _check_status(client, complaint.reference, code)
    response = client.post(
        "/complaint/status/yours/",
        {
            "action": "answer",
            "answer": "Yes, number 12345",
            "files": [SimpleUploadedFile("ticket.pdf", PAPER)],
        },
    )
    html = response.content.decode()
    assert response.status_code == 503
    assert FULL in html and "ticket.pdf" in html
    assert complaint.questions.get().answer == "Yes, number 12345"
    assert complaint.documents.count() == 0 and _on_disk(small_disk) == []
