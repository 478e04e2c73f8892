import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

from rightsdesk.vault import crypto
from rightsdesk.vault.keyring import KeyProblem, read_key_file
from rightsdesk.vault.keys import keys_record, keys_verify, rotation_plan
from rightsdesk.vault.models import KeyCheck
from rightsdesk.vault.tests.specimens.models import Person

pytestmark = pytest.mark.django_db


def _raw_versions(field: str) -> set[str]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {field} FROM vault_specimens_person")  # noqa: S608
        return {row[0].split(":")[1] for row in cursor.fetchall() if row[0]}


def test_rotation_re_encrypts_every_row_and_file_under_a_new_key(fresh_keys, file_store, capsys):
    keys_record()
    people = [Person.objects.create(full_name=f"Person {i}", story={"i": i}) for i in range(7)]
    people[0].document.save("a.txt", ContentFile(b"evidence"))
    assert _raw_versions("full_name") == {"1"}

    call_command("keys", "rotate", "--batch-size", "3")

    ring = read_key_file(fresh_keys)
    assert ring.current_version == 2 and not ring.rotation_unfinished
    assert set(ring.encryption_keys) == {1, 2}  # the old key stays for older backups
    assert _raw_versions("full_name") == {"2"} and _raw_versions("story") == {"2"}
    assert [p.full_name for p in Person.objects.order_by("pk")] == [f"Person {i}" for i in range(7)]
    stored = Person.objects.get(pk=people[0].pk).document
    assert default_storage.key_version(stored.name) == 2
    assert stored.read() == b"evidence"
    assert set(KeyCheck.objects.values_list("version", flat=True)) >= {2}
    assert rotation_plan() == []
    assert "re-encrypted" in capsys.readouterr().out


def test_an_interrupted_rotation_resumes_without_adding_another_key(fresh_keys, monkeypatch):
    keys_record()
    for i in range(5):
        Person.objects.create(full_name=f"Person {i}")
    calls = {"n": 0}
    real_plan = rotation_plan

    def plan_that_dies_after_one_batch(batch_size=500):
        work = real_plan(batch_size=batch_size)
        for unit in work:
            original = unit.run

            def run(advance, original=original):
                def advance_then_die(n):
                    advance(n)
                    calls["n"] += 1
                    raise KeyboardInterrupt

                original(advance_then_die)

            unit.run = run
        return work

    from rightsdesk.vault.management.commands import keys as keys_command

    monkeypatch.setattr(keys_command, "rotation_plan", plan_that_dies_after_one_batch)
    with pytest.raises(KeyboardInterrupt):
        call_command("keys", "rotate", "--batch-size", "2")
    assert read_key_file(fresh_keys).rotation_unfinished is True
    assert _raw_versions("full_name") == {"1", "2"}  # one batch done, the rest still old

    monkeypatch.setattr(keys_command, "rotation_plan", real_plan)
    call_command("keys", "rotate", "--batch-size", "2")
    ring = read_key_file(fresh_keys)
    assert ring.current_version == 2 and not ring.rotation_unfinished
    assert _raw_versions("full_name") == {"2"}
    assert sorted(p.full_name for p in Person.objects.all()) == [f"Person {i}" for i in range(5)]


def test_keys_status_reports_what_is_left(fresh_keys, capsys):
    keys_record()
    Person.objects.create(full_name="Someone")
    call_command("keys", "status")
    assert "Everything is encrypted with the current key" in capsys.readouterr().out


def test_the_right_keys_pass_the_start_up_check(fresh_keys):
    KeyCheck.objects.all().delete()
    keys_record()
    keys_verify()


def test_a_wrong_key_is_refused_before_anything_is_read(fresh_keys, tmp_path):
    from rightsdesk.vault.keyring import create_key_file

    KeyCheck.objects.all().delete()
    keys_record()
    stranger = create_key_file(tmp_path / "stranger.json")
    with pytest.raises(KeyProblem, match="is not the key this database was encrypted with"):
        keys_verify(stranger)


def test_a_missing_key_version_is_refused(fresh_keys):
    KeyCheck.objects.all().delete()
    keys_record()
    call_command("keys", "rotate")
    ring = crypto.keyring()
    only_old = type(ring)(
        encryption_keys={1: ring.encryption_keys[1]},
        current_version=1,
        blind_index_key=ring.blind_index_key,
        audit_key=ring.audit_key,
        source="test",
    )
    with pytest.raises(KeyProblem, match="key version 2"):
        keys_verify(only_old)
