"""The audit log: append entries, record reads and changes of people's records, verify the chain.

Each entry's hash is an HMAC (keyed with the audit key, which never enters the database) over its
own fields and the previous entry's hash. Editing, deleting or reordering any entry breaks the
chain at that point, and someone with only a copy of the database cannot forge a new chain.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.db import connection, models, transaction
from django.db.models import F
from django.utils import timezone

from rightsdesk.vault.crypto import audit_mac
from rightsdesk.vault.models import AuditEntry, AuditHead

GENESIS = "0" * 64

# Actions used across apps; free text is allowed too, but these keep the filter list tidy.
READ = "read"
CREATE = "create"
UPDATE = "update"
DELETE = "delete"
EXPORT = "export"
DOWNLOAD = "download"


def _actor(by: Any) -> tuple[int | None, str]:
    if by is None:
        return None, "system"
    if isinstance(by, str):
        return None, by[:150]
    if getattr(by, "is_authenticated", False):
        return by.pk, by.get_username()[:150]
    return None, "anonymous"


def _canonical(
    *,
    seq: int,
    at: datetime,
    actor_id: int | None,
    actor: str,
    action: str,
    object_type: str,
    object_id: str,
    detail: Mapping[str, Any],
    prev_hash: str,
) -> bytes:
    payload = {
        "seq": seq,
        "at": at.astimezone(UTC).isoformat(timespec="microseconds"),
        "actor_id": actor_id,
        "actor": actor,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "detail": detail,
        "prev_hash": prev_hash,
    }
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _entry_hash(entry: AuditEntry) -> str:
    return audit_mac(
        _canonical(
            seq=entry.seq,
            at=entry.at,
            actor_id=entry.actor_id,
            actor=entry.actor,
            action=entry.action,
            object_type=entry.object_type,
            object_id=entry.object_id,
            detail=entry.detail,
            prev_hash=entry.prev_hash,
        )
    )


def _head_mac(seq: int, last_hash: str) -> str:
    return audit_mac(f"head|{seq}|{last_hash}".encode())


STARTED = "audit_log_started"


def audit_log_start() -> None:
    """Every log begins with one entry, written at installation: an empty log means a wiped one."""
    if not AuditEntry.objects.exists():
        audit_record(by=None, action=STARTED)


def _describe(obj: models.Model | None, object_type: str, object_id: str) -> tuple[str, str]:
    if obj is not None:
        return obj._meta.label_lower, str(obj.pk)
    return object_type, object_id


def audit_record(
    *,
    by: Any,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str | int = "",
    detail: Mapping[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry. Call it inside the same transaction as the change it records."""
    object_type, object_id = _describe(obj, object_type, str(object_id))
    actor_id, actor = _actor(by)
    detail = dict(detail or {})
    with transaction.atomic():
        # Updating the head first takes its row lock (PostgreSQL) or the write lock (SQLite), so
        # concurrent appends line up and each sees the true previous hash.
        if not AuditHead.objects.filter(pk=1).update(seq=F("seq") + 1):
            AuditHead.objects.get_or_create(pk=1)
            AuditHead.objects.filter(pk=1).update(seq=F("seq") + 1)
        head = AuditHead.objects.get(pk=1)
        entry = AuditEntry(
            seq=head.seq,
            at=timezone.now(),
            actor_id=actor_id,
            actor=actor,
            action=action[:64],
            object_type=object_type[:64],
            object_id=object_id[:64],
            detail=detail,
            prev_hash=head.last_hash or GENESIS,
        )
        entry.entry_hash = _entry_hash(entry)
        entry.save(force_insert=True)
        AuditHead.objects.filter(pk=1).update(
            last_hash=entry.entry_hash, head_mac=_head_mac(entry.seq, entry.entry_hash)
        )
    return entry


def audit_read(*, by: Any, obj: models.Model, detail: Mapping[str, Any] | None = None) -> None:
    """Record that a member of staff opened a person's record."""
    audit_record(by=by, action=READ, obj=obj, detail=detail)


def audit_reads(*, by: Any, objects: Sequence[models.Model], purpose: str) -> None:
    """Record one entry for a list page that shows several people's records."""
    if not objects:
        return
    audit_record(
        by=by,
        action=READ,
        object_type=objects[0]._meta.label_lower,
        object_id="list",
        detail={"ids": [str(o.pk) for o in objects], "purpose": purpose},
    )


def audit_change(
    *, by: Any, obj: models.Model, action: str = UPDATE, fields: Iterable[str] = ()
) -> None:
    """Record a change; only the names of the changed fields, never their values."""
    audit_record(by=by, action=action, obj=obj, detail={"fields": sorted(fields)})


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    checked: int
    broken_at: int | None = None
    reason: str = ""


def audit_verify(*, chunk_size: int = 2000) -> ChainReport:
    """Walk the chain in order and report the first entry whose link does not hold."""
    expected_seq = 1
    prev_hash = GENESIS
    checked = 0
    entries = AuditEntry.objects.order_by("seq").iterator(chunk_size=chunk_size)
    for entry in entries:
        if entry.seq != expected_seq:
            return ChainReport(
                False,
                checked,
                expected_seq,
                f"entry {expected_seq} is missing (next is {entry.seq})",
            )
        if entry.prev_hash != prev_hash:
            return ChainReport(
                False,
                checked,
                entry.seq,
                "its link to the previous entry does not match (removed or moved)",
            )
        if entry.entry_hash != _entry_hash(entry):
            return ChainReport(False, checked, entry.seq, "its contents were changed")
        prev_hash = entry.entry_hash
        expected_seq += 1
        checked += 1
    head = AuditHead.objects.filter(pk=1).first()
    if checked == 0 or head is None:
        return ChainReport(False, checked, 1, "the log is empty or its tip is gone: it was wiped")
    if head.seq != checked or head.last_hash != prev_hash:
        return ChainReport(
            False,
            checked,
            checked + 1,
            f"the log should end at entry {head.seq} but ends at {checked}",
        )
    if not hmac.compare_digest(head.head_mac, _head_mac(head.seq, head.last_hash)):
        return ChainReport(
            False,
            checked,
            checked,
            "the record of the newest entry was altered (entries removed from the end)",
        )
    return ChainReport(True, checked)


# Database guards: UPDATE and DELETE on audit rows are refused by the database itself.
_SQLITE_GUARDS = [
    "CREATE TRIGGER IF NOT EXISTS vault_auditentry_no_update BEFORE UPDATE ON vault_auditentry "
    "BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS vault_auditentry_no_delete BEFORE DELETE ON vault_auditentry "
    "BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END",
]
_POSTGRES_GUARDS = [
    "CREATE OR REPLACE FUNCTION vault_audit_append_only() RETURNS trigger AS $$ "
    "BEGIN RAISE EXCEPTION 'audit entries are append-only'; END; $$ LANGUAGE plpgsql",
    "DROP TRIGGER IF EXISTS vault_auditentry_append_only ON vault_auditentry",
    "CREATE TRIGGER vault_auditentry_append_only BEFORE UPDATE OR DELETE ON vault_auditentry "
    "FOR EACH ROW EXECUTE FUNCTION vault_audit_append_only()",
]
_SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS vault_auditentry_no_update",
    "DROP TRIGGER IF EXISTS vault_auditentry_no_delete",
]
_POSTGRES_DROP = ["DROP TRIGGER IF EXISTS vault_auditentry_append_only ON vault_auditentry"]


def install_append_only_guards(conn: Any = None) -> None:
    conn = conn or connection
    statements = _POSTGRES_GUARDS if conn.vendor == "postgresql" else _SQLITE_GUARDS
    with conn.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def remove_append_only_guards(conn: Any = None) -> None:
    conn = conn or connection
    statements = _POSTGRES_DROP if conn.vendor == "postgresql" else _SQLITE_DROP
    with conn.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def guards_wanted() -> bool:
    return bool(getattr(settings, "AUDIT_DATABASE_GUARDS", True))
