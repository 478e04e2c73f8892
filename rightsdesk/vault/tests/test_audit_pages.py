import pytest

from rightsdesk.conftest import queries_for, sign_in
from rightsdesk.vault.audit import audit_record, remove_append_only_guards
from rightsdesk.vault.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["admin", "legal_director"])
def test_admins_and_the_legal_director_read_the_log(client, make_staff, role):
    sign_in(client, make_staff(role))
    audit_record(by="someone", action="read", object_type="intake.complaint", object_id="41")
    response = client.get("/staff/audit/")
    assert response.status_code == 200
    assert "intake.complaint 41" in response.content.decode()


def test_filters_narrow_the_list(client, make_staff):
    sign_in(client, make_staff("admin"))
    audit_record(by="ana", action="read", object_type="intake.complaint", object_id="1")
    audit_record(by="ben", action="update", object_type="cases.matter", object_id="2")
    html = client.get("/staff/audit/", {"actor": "ben"}).content.decode()
    assert "cases.matter 2" in html and "intake.complaint 1" not in html
    html = client.get("/staff/audit/", {"object_type": "intake.complaint"}).content.decode()
    assert "intake.complaint 1" in html and "cases.matter 2" not in html


def test_a_backwards_date_range_is_explained(client, make_staff):
    sign_in(client, make_staff("admin"))
    html = client.get(
        "/staff/audit/", {"since": "2026-05-02", "until": "2026-05-01"}
    ).content.decode()
    assert "The end date is before the start date." in html
    html = client.get("/staff/audit/", {"since": "2026-02-30"}).content.decode()
    assert "Enter a valid date." in html


def test_the_list_costs_the_same_queries_however_long_the_log(client, make_staff):
    sign_in(client, make_staff("admin"))
    for i in range(60):
        audit_record(by="x", action="read", object_type=f"t{i % 3}", object_id=str(i))
    short = queries_for(client, "/staff/audit/?page=1")
    for i in range(200):
        audit_record(by=f"y{i}", action=f"a{i % 7}", object_type=f"t{i % 5}", object_id=str(i))
    assert queries_for(client, "/staff/audit/?page=3") == short <= 10


def test_the_check_button_reports_an_intact_log_and_a_broken_one(client, make_staff):
    sign_in(client, make_staff("legal_director"))
    html = client.post("/staff/audit/verify/").content.decode()
    assert "The log is intact" in html
    remove_append_only_guards()
    AuditEntry.objects.filter(seq=1).update(actor="forged")
    html = client.post("/staff/audit/verify/").content.decode()
    assert "The first broken link is at entry 1" in html
