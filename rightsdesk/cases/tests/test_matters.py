import io
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from rightsdesk.cases.models import ConflictCheck, Matter, NameKey, Party
from rightsdesk.cases.services import complaint_keys_store, matter_member_add, party_add
from rightsdesk.conftest import sign_in
from rightsdesk.intake.services import complaint_create
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
    assert "Theirs" in listing and "Not theirs" not in listing
    assert client.get(f"/staff/matters/{theirs.pk}/").status_code == 200
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
