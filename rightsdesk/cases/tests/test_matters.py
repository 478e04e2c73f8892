import io
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from rightsdesk.cases.models import ConflictCheck, Matter, NameKey, Party
from rightsdesk.cases.services import complaint_keys_store, matter_member_add, party_add
from rightsdesk.conftest import sign_in
from rightsdesk.intake.services import complaint_create
from rightsdesk.network.portal.services import conflict_confirm
from rightsdesk.vault.models import AuditEntry
from rightsdesk.vault.testing import plaintext_found

pytestmark = pytest.mark.django_db


def _matter(title="Matter"):
    return Matter.objects.create(title=title, opened_at=timezone.now())


def test_adding_a_party_finds_the_same_person_under_another_spelling(make_staff):
    attorney = make_staff("attorney")
    first = _matter()
    party_add(matter=first, role=Party.Role.ADVERSE, name="María López-García", by=attorney)
    second = _matter()
    _party, check = party_add(
        matter=second, role=Party.Role.CLIENT, name="Maria Lopez", by=attorney
    )
    assert check.hits and check.hits[0]["matter_id"] == first.pk
    assert check.hits[0]["role"] == "adverse" and check.decision == ""
    _party, clear = party_add(
        matter=second, role=Party.Role.WITNESS, name="Roberto Fuentes", by=attorney
    )
    assert clear.hits == [] and clear.decision == ConflictCheck.Decision.CLEAR


def test_names_are_only_stored_encrypted_and_as_keyed_hashes(make_staff):
    party_add(
        matter=_matter(),
        role=Party.Role.CLIENT,
        name="Jonathan Smithers",
        by=make_staff("attorney"),
    )
    assert NameKey.objects.exists()
    assert plaintext_found(["Jonathan", "Smithers", "smithers"]) == []


def test_complainants_and_the_parties_they_name_are_searched(make_staff):
    complaint, _ = complaint_create(
        data={
            "contact": {"name": "Jon Smith"},
            "incident": {"what": "x"},
            "responsible_parties": [{"name": "Hinds County Sheriff's Office"}],
        },
        kind="help",
        source="online",
        language="en",
    )
    complaint_keys_store(complaint=complaint)
    _party, check = party_add(
        matter=_matter(), role=Party.Role.ADVERSE, name="Jonathan Smith", by=make_staff("attorney")
    )
    assert any(h["complaint_reference"] == complaint.reference for h in check.hits)


def test_the_conflicts_command_prints_hits_as_json_lines(make_staff):
    party_add(
        matter=_matter(),
        role=Party.Role.ADVERSE,
        name="Pine Ridge Apartments LLC",
        by=make_staff("attorney"),
    )
    out = io.StringIO()
    call_command("conflicts", "Pine Ridge Apartments", stdout=out)
    hits = [json.loads(line) for line in out.getvalue().splitlines()]
    assert hits and hits[0]["role"] == "adverse"
    assert AuditEntry.objects.filter(action="conflict_search").exists()


def test_an_attorney_sees_the_conflict_and_records_a_decision(client, make_staff):
    attorney = make_staff("attorney")
    other = _matter()
    party_add(matter=other, role=Party.Role.ADVERSE, name="Bill Jones", by=attorney)
    matter = _matter()
    sign_in(client, attorney)
    response = client.post(
        f"/staff/matters/{matter.pk}/",
        {"action": "party", "role": "client", "name": "William Jones"},
    )
    assert response.status_code == 302
    html = client.get(f"/staff/matters/{matter.pk}/").content.decode()
    assert "possible match" in html and "Bill Jones" in html
    check = ConflictCheck.objects.get(matter=matter)
    client.post(
        f"/staff/matters/{matter.pk}/",
        {
            "action": "decide",
            "check_id": check.pk,
            "decision": "waived",
            "note": "Different person (born 1990)",
        },
    )
    check.refresh_from_db()
    assert check.decision == "waived" and check.decided_by_id == attorney.pk


def test_a_volunteer_sees_only_their_own_matters(client, make_staff):
    coordinator = make_staff("coordinator")
    volunteer = make_staff("volunteer_attorney")
    theirs, other = _matter("Theirs"), _matter("Not theirs")
    matter_member_add(matter=theirs, user=volunteer, role="volunteer_attorney", by=coordinator)
    sign_in(client, volunteer)
    listing = client.get("/staff/matters/").content.decode()
    # Listed by number only until they confirm they have no conflict (network.portal).
    assert f"Matter {theirs.pk}:" in listing and f"Matter {other.pk}:" not in listing
    assert "Theirs" not in listing
    assert client.get(f"/staff/matters/{theirs.pk}/").status_code == 302
    conflict_confirm(matter=theirs, user=volunteer, has_conflict=False)
    assert client.get(f"/staff/matters/{theirs.pk}/").status_code == 200
    listing = client.get("/staff/matters/").content.decode()
    assert "Theirs" in listing and "Not theirs" not in listing
    assert client.get(f"/staff/matters/{other.pk}/").status_code == 404
    assert (
        client.post(
            f"/staff/matters/{theirs.pk}/", {"action": "party", "role": "client", "name": "X"}
        ).status_code
        == 403
    )
    assert AuditEntry.objects.filter(
        action="read", actor=volunteer.username, object_id=str(theirs.pk)
    ).exists()


def test_accepting_a_complaint_opens_a_matter_with_client_and_adverse_parties(make_staff):
    from rightsdesk.cases.services import matter_open_from_complaint

    complaint, _ = complaint_create(
        data={
            "contact": {"name": "Rosa Delgado"},
            "incident": {"what": "x"},
            "responsible_parties": [{"name": "Scott County Sheriff"}],
        },
        kind="help",
        source="online",
        language="en",
    )
    matter = matter_open_from_complaint(complaint=complaint, by=make_staff("attorney"))
    assert sorted(p.role for p in matter.parties.all()) == ["adverse", "client"]
    assert matter.conflict_checks.count() == 2


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_the_team_adds_tasks_notes_and_documents_and_the_timeline_shows_who(client, make_staff):
    from django.core.files.uploadedfile import SimpleUploadedFile

    attorney = make_staff("attorney")
    volunteer = make_staff("volunteer_attorney")
    matter = _matter()
    matter_member_add(matter=matter, user=volunteer, role="volunteer_attorney", by=attorney)
    conflict_confirm(matter=matter, user=volunteer, has_conflict=False)
    sign_in(client, volunteer)
    url = f"/staff/matters/{matter.pk}/"
    client.post(url, {"action": "task", "title": "Call the clerk", "due": "2028-02-29"})
    client.post(url, {"action": "note", "body": "**Met** the client <script>alert(1)</script>"})
    client.post(
        url,
        {"action": "document", "kind": "evidence", "file": SimpleUploadedFile("photo.pdf", PDF)},
    )
    bad = client.post(
        url,
        {
            "action": "document",
            "kind": "evidence",
            "file": SimpleUploadedFile("evil.pdf", b"MZ\x90 program"),
        },
    )
    assert bad.status_code == 400 and "evil.pdf" in bad.content.decode()
    html = client.get(url).content.decode()
    assert "Call the clerk" in html and "<strong>Met</strong>" in html
    assert "<script>alert(1)</script>" not in html
    assert "photo.pdf" in html
    for action in ("task_added", "note_added", "document_added"):
        assert action in html
    document = matter.documents.get()
    download = client.get(f"/staff/matters/{matter.pk}/files/{document.pk}/")
    assert download.content == PDF
    assert client.post(url, {"action": "close", "outcome": "x"}).status_code == 403


def test_closing_starts_the_retention_clock_and_the_summary_and_csv_are_audited(
    client, make_staff, settings
):
    settings.MATTER_RETENTION_YEARS = 3
    director = make_staff("legal_director")
    matter = _matter("Doe v. County")
    party_add(matter=matter, role=Party.Role.CLIENT, name="Jane Doe", by=director)
    sign_in(client, director)
    client.post(f"/staff/matters/{matter.pk}/", {"action": "close", "outcome": "Settled"})
    matter.refresh_from_db()
    assert matter.status == "closed" and matter.closed_by_id == director.pk
    assert matter.retain_until.year == timezone.localdate().year + 3
    pdf = client.get(f"/staff/matters/{matter.pk}/summary.pdf")
    assert pdf.content.startswith(b"%PDF")
    csv_text = client.get("/staff/matters/export.csv").content.decode()
    assert "Doe v. County" in csv_text and "Settled" in csv_text
    assert AuditEntry.objects.filter(action="export").count() == 2
    sign_in(client, make_staff("attorney"))
    assert client.get("/staff/matters/export.csv").status_code == 403


def test_accepting_a_complaint_carries_its_documents_over(make_staff, file_store):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from rightsdesk.cases.services import matter_open_from_complaint
    from rightsdesk.intake.services import complaint_add_document
    from rightsdesk.intake.uploads import check_upload

    complaint, _ = complaint_create(
        data={"contact": {"name": "A"}, "incident": {"what": "x"}},
        kind="help",
        source="online",
        language="en",
    )
    upload = SimpleUploadedFile("ticket.pdf", PDF)
    complaint_add_document(
        complaint=complaint,
        upload=upload,
        checked=check_upload(upload, files_so_far=0, bytes_so_far=0),
        kind="court_paper",
    )
    matter = matter_open_from_complaint(complaint=complaint, by=make_staff("attorney"))
    document = matter.documents.get()
    assert document.original_name == "ticket.pdf" and document.kind == "from_complaint"
    with document.file.open("rb") as handle:
        assert handle.read() == PDF


def test_a_matter_opened_from_a_pattern_links_its_complaints(client, make_staff):
    made = [
        complaint_create(
            data={"contact": {"name": f"P{i}"}, "incident": {"what": "x"}},
            kind="help",
            source="online",
            language="en",
        )[0]
        for i in range(3)
    ]
    sign_in(client, make_staff("attorney"))
    query = "&".join(f"complaint={c.reference}" for c in made)
    page = client.get(f"/staff/matters/new/?title=Checkpoints&{query}").content.decode()
    assert 'value="Checkpoints"' in page and made[0].reference in page
    response = client.post(
        "/staff/matters/new/",
        {
            "action": "open",
            "title": "Scott County checkpoints",
            "kind": "impact_litigation",
            "complaint": [c.reference for c in made],
        },
    )
    matter = Matter.objects.get(title__isnull=False, kind="impact_litigation")
    assert response["Location"] == f"/staff/matters/{matter.pk}/"
    assert set(matter.complaints.all()) == set(made)


def test_the_same_party_twice_is_refused_with_a_reason(client, make_staff):
    matter = _matter()
    sign_in(client, make_staff("attorney"))
    url = f"/staff/matters/{matter.pk}/"
    client.post(url, {"action": "party", "role": "client", "name": "María López"})
    again = client.post(url, {"action": "party", "role": "client", "name": "Maria Lopez"})
    assert again.status_code == 400 and "already on this matter" in again.content.decode()
    assert matter.parties.count() == 1


def test_accepting_carries_tags_and_estimated_deadlines_into_the_matter(make_staff):
    from rightsdesk.cases.services import matter_open_from_complaint
    from rightsdesk.triage.services import screening_run

    today = timezone.localdate()
    complaint, _ = complaint_create(
        data={
            "contact": {"name": "A"},
            "incident": {
                "what": "The landlord refused to rent to us because we are Black.",
                "when": (today - timezone.timedelta(days=30)).isoformat(),
            },
        },
        kind="help",
        source="online",
        language="en",
    )
    screening_run(complaint=complaint)
    matter = matter_open_from_complaint(complaint=complaint, by=make_staff("attorney"))
    assert "areas:housing" in matter.tags
    filings = matter.dates.filter(kind="filing")
    assert filings.exists()
    assert all("Estimate for an attorney to confirm" in d.description for d in filings)


def test_a_matter_from_a_complaint_does_not_conflict_with_its_own_complaint(make_staff):
    from rightsdesk.cases.services import matter_open_from_complaint

    complaint, _ = complaint_create(
        data={
            "contact": {"name": "Darnell Example"},
            "incident": {"what": "x"},
            "responsible_parties": [{"name": "Hinds County Detention Center"}],
        },
        kind="help",
        source="online",
        language="en",
    )
    complaint_keys_store(complaint=complaint)
    matter = matter_open_from_complaint(complaint=complaint, by=make_staff("attorney"))
    assert [c.hits for c in matter.conflict_checks.all()] == [[], []]


def test_a_matter_goes_from_open_to_active_and_past_dates_are_explained(client, make_staff):
    matter = _matter()
    sign_in(client, make_staff("attorney"))
    url = f"/staff/matters/{matter.pk}/"
    client.post(url, {"action": "activate"})
    matter.refresh_from_db()
    assert matter.status == "active"
    past = client.post(url, {"action": "date", "kind": "court", "day": "2020-01-01"})
    assert past.status_code == 400 and "This date has passed" in past.content.decode()
