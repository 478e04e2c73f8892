import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from rightsdesk.vault.audit import (
    audit_change,
    audit_read,
    audit_record,
    audit_verify,
    install_append_only_guards,
    remove_append_only_guards,
)
from rightsdesk.vault.models import AuditEntry
from rightsdesk.vault.tests.specimens.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain(make_staff):
    attorney = make_staff("attorney")
    person = Person.objects.create(full_name="Lena Ortiz")
    entries = [audit_read(by=attorney, obj=person) for _ in range(3)]
    audit_change(by=attorney, obj=person, fields=["phone", "full_name"])
    audit_record(by=None, action="export", object_type="intake.complaint", object_id="all")
    # An attacker with database access: the guards are the first thing they would drop.
    remove_append_only_guards()
    return entries


def _sql(statement, *params):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def test_entries_say_who_did_what_to_which_record_and_carry_no_personal_data(make_staff):
    attorney = make_staff("attorney", username="alex")
    person = Person.objects.create(full_name="Lena Ortiz")
    audit_change(by=attorney, obj=person, fields=["full_name"])
    entry = AuditEntry.objects.get(action="update")
    assert (entry.actor, entry.actor_id, entry.action) == ("alex", attorney.pk, "update")
    assert (entry.object_type, entry.object_id) == ("vault_specimens.person", str(person.pk))
    assert entry.detail == {"fields": ["full_name"]}
    assert "Lena" not in str(entry.__dict__)


def test_an_untouched_chain_verifies(chain):
    report = audit_verify()
    assert report.ok and report.checked == 6  # the entry written at installation, then five


def test_an_edited_entry_is_reported_at_its_place(chain):
    _sql("UPDATE vault_auditentry SET actor = %s WHERE seq = 3", "someone-else")
    report = audit_verify()
    assert not report.ok and report.broken_at == 3 and "changed" in report.reason


def test_an_edited_detail_is_reported(chain):
    _sql("UPDATE vault_auditentry SET detail = %s WHERE seq = 4", '{"fields": []}')
    assert audit_verify().broken_at == 4


def test_a_deleted_entry_is_reported(chain):
    _sql("DELETE FROM vault_auditentry WHERE seq = 2")
    report = audit_verify()
    assert not report.ok and report.broken_at == 2 and "missing" in report.reason


def test_a_deleted_last_entry_is_reported(chain):
    _sql("DELETE FROM vault_auditentry WHERE seq = 6")
    report = audit_verify()
    assert not report.ok and report.broken_at == 6


def test_removing_the_newest_entries_and_rewinding_the_tip_is_reported(chain):
    previous = AuditEntry.objects.get(seq=4).entry_hash
    _sql("DELETE FROM vault_auditentry WHERE seq > 4")
    _sql("UPDATE vault_audithead SET seq = 4, last_hash = %s", previous)
    report = audit_verify()
    assert not report.ok and "removed from the end" in report.reason


def test_a_wiped_log_is_reported(chain):
    _sql("DELETE FROM vault_auditentry")
    _sql("DELETE FROM vault_audithead")
    report = audit_verify()
    assert not report.ok and "wiped" in report.reason


def test_reordered_entries_are_reported(chain):
    _sql("UPDATE vault_auditentry SET seq = 100 WHERE seq = 2")
    _sql("UPDATE vault_auditentry SET seq = 2 WHERE seq = 3")
    _sql("UPDATE vault_auditentry SET seq = 3 WHERE seq = 100")
    report = audit_verify()
    assert not report.ok and report.broken_at == 2


def test_a_rewritten_chain_without_the_audit_key_is_reported(chain):
    # Recomputing plain SHA-256 hashes is not enough: the chain is keyed.
    import hashlib

    _sql(
        "UPDATE vault_auditentry SET entry_hash = %s WHERE seq = 1",
        hashlib.sha256(b"forged").hexdigest(),
    )
    assert audit_verify().broken_at == 1


def test_the_command_exits_non_zero_and_names_the_entry(chain, capsys):
    call_command("audit", "verify")
    assert "intact: 6 entries" in capsys.readouterr().out
    _sql("UPDATE vault_auditentry SET action = %s WHERE seq = 5", "read")
    with pytest.raises(SystemExit) as exit_info:
        call_command("audit", "verify")
    assert exit_info.value.code == 1
    assert "BROKEN at entry 5" in capsys.readouterr().err


def test_the_database_refuses_to_change_or_delete_audit_entries():
    audit_record(by=None, action="test")
    install_append_only_guards()
    with pytest.raises(DatabaseError), transaction.atomic():
        _sql("UPDATE vault_auditentry SET action = %s", "changed")
    with pytest.raises(DatabaseError), transaction.atomic():
        _sql("DELETE FROM vault_auditentry")
    assert AuditEntry.objects.filter(action="test").count() == 1
