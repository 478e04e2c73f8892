import pytest

from rightsdesk.conftest import sign_in
from rightsdesk.intake.services import complaint_create
from rightsdesk.letters.models import Letter
from rightsdesk.letters.services import LetterRefused, Recipient, letter_create
from rightsdesk.vault.models import AuditEntry
from rightsdesk.vault.testing import plaintext_found

pytestmark = pytest.mark.django_db


def _complaint(authorised: bool, language: str = "en"):
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
        "incident": {"what": "Deputies stopped us at the checkpoint"},
        "responsible_parties": [{"name": "Scott County Sheriff's Department"}],
        "authorize_letter_with_name": authorised,
    }
    complaint, _ = complaint_create(data=data, kind="help", source="online", language=language)
    return complaint


def test_an_acknowledgment_is_made_in_the_persons_language_stored_encrypted_and_audited(
    client, make_staff, file_store
):
    complaint = _complaint(False, "es")
    staff = make_staff("intake")
    sign_in(client, staff)
    page = client.get(f"/staff/letters/new/{complaint.reference}/acknowledgment/")
    assert 'value="Rosa Delgado"' in page.content.decode()
    assert "12 Pine St\nForest, MS 39074" in page.content.decode()
    response = client.post(
        f"/staff/letters/new/{complaint.reference}/acknowledgment/",
        {"recipient_name": "Rosa Delgado", "recipient_address": "12 Pine St\nForest, MS 39074"},
    )
    assert response.status_code == 302
    letter = Letter.objects.get()
    assert letter.language == "es" and not letter.uses_name
    pdf = client.get(f"/staff/letters/{letter.pk}.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    docx = client.get(f"/staff/letters/{letter.pk}.docx")
    assert docx.content.startswith(b"PK")
    assert plaintext_found(["Rosa Delgado", "12 Pine St"], root=file_store) == []
    assert AuditEntry.objects.filter(action="letter_created").exists()
    assert AuditEntry.objects.filter(action="download", actor=staff.username).count() == 2


def test_a_letter_of_inquiry_is_refused_without_the_persons_authorisation(client, make_staff):
    complaint = _complaint(False)
    staff = make_staff("attorney")
    with pytest.raises(LetterRefused, match="did not authori"):
        letter_create(
            complaint=complaint, kind="inquiry", by=staff, recipient=Recipient("Sheriff"), extra={}
        )
    sign_in(client, staff)
    desk = client.get(f"/staff/screening/{complaint.reference}/").content.decode()
    assert "not possible: the person did not authorise" in desk
    response = client.post(
        f"/staff/letters/new/{complaint.reference}/inquiry/",
        {"recipient_name": "Sheriff", "incident_summary": "x", "requested_action": "y"},
    )
    assert response.status_code == 302 and Letter.objects.count() == 0


def test_a_letter_of_inquiry_uses_the_name_when_authorised(client, make_staff):
    complaint = _complaint(True)
    sign_in(client, make_staff("attorney"))
    bad = client.post(
        f"/staff/letters/new/{complaint.reference}/inquiry/", {"recipient_name": "Sheriff"}
    )
    assert bad.status_code == 400 and "needs this" in bad.content.decode()
    client.post(
        f"/staff/letters/new/{complaint.reference}/inquiry/",
        {
            "recipient_name": "Scott County Sheriff",
            "recipient_address": "Forest, MS",
            "incident_summary": "Deputies stopped drivers at a checkpoint on October 16.",
            "requested_action": "Explain the legal basis for the checkpoint.",
        },
    )
    letter = Letter.objects.get()
    assert letter.uses_name and letter.language == "en"


def test_mailing_labels_for_chosen_letters(client, make_staff):
    complaint = _complaint(False)
    staff = make_staff("intake")
    for _ in range(2):
        letter_create(
            complaint=complaint,
            kind="acknowledgment",
            by=staff,
            recipient=Recipient("Rosa Delgado", ["12 Pine St", "Forest, MS 39074"]),
        )
    sign_in(client, staff)
    ids = list(Letter.objects.values_list("pk", flat=True))
    response = client.post("/staff/letters/labels/", {"letters": ids})
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_the_legal_director_edits_a_template_and_bad_placeholders_are_refused(client, make_staff):
    from rightsdesk.letters.models import LetterTemplate

    template = LetterTemplate.objects.get(kind="acknowledgment", language="en")
    sign_in(client, make_staff("legal_director"))
    url = f"/staff/letters/templates/{template.pk}/"
    bad = client.post(url, {"subject": "Hi", "body": "Dear {person_name.__class__}"})
    assert bad.status_code == 400
    assert (
        client.post(url, {"subject": "Hello", "body": "Dear {person_name},\n\nThanks."}).status_code
        == 302
    )
    template.refresh_from_db()
    assert template.subject == "Hello"
    sign_in(client, make_staff("intake"))
    assert client.get(url).status_code == 403
