"""Checking the keys in use against the database, and rotating them."""

from __future__ import annotations

import hmac
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import F, TextField
from django.db.models.functions import Cast

from rightsdesk.vault.crypto import (
    DecryptionFailed,
    audit_mac,
    blind_index,
    decrypt_text,
    encrypt_text,
    keyring,
)
from rightsdesk.vault.keyring import KeyProblem, Keyring

_CHECK_CONTEXT = "vault.keycheck"
_CHECK_PLAINTEXT = "rightsdesk key check"


def _table_exists(name: str) -> bool:
    with connection.cursor() as cursor:
        return name in connection.introspection.table_names(cursor)


def database_has_keys() -> bool:
    """True when this database already holds data sealed with some key."""
    if not _table_exists("vault_keycheck"):
        return False
    from rightsdesk.vault.models import KeyCheck

    return KeyCheck.objects.exists()


def keys_verify(ring: Keyring | None = None) -> None:
    """Refuse (KeyProblem) unless the keys in use open every key check in the database.

    Read-only: it runs before migrations and before any data is touched.
    """
    ring = ring or keyring()
    if not _table_exists("vault_keycheck"):
        return
    from rightsdesk.vault.models import KeyCheck

    for check in KeyCheck.objects.all():
        if check.version not in ring.encryption_keys:
            raise KeyProblem(
                f"This database holds data encrypted with key version {check.version}, but the "
                f"keys in use ({ring.source}) do not include it. Restore the right key file "
                "from your key backup. Nothing has been changed."
            )
        try:
            opened = decrypt_text(check.sealed, context=_CHECK_CONTEXT, ring=ring)
        except DecryptionFailed:
            opened = None
        if opened != _CHECK_PLAINTEXT:
            raise KeyProblem(
                f"Key version {check.version} in {ring.source} is not the key this database was "
                "encrypted with. Restore the right key file from your key backup. "
                "Nothing has been changed."
            )
        if not hmac.compare_digest(check.blind_index_check, _blind_check(ring)):
            raise KeyProblem(
                f"The blind index key in {ring.source} is not the one this database uses. "
                "Nothing has been changed."
            )
        if not hmac.compare_digest(check.audit_check, audit_mac(b"key check", ring=ring)):
            raise KeyProblem(
                f"The audit key in {ring.source} is not the one this database uses. "
                "Nothing has been changed."
            )


def _blind_check(ring: Keyring) -> str:
    return blind_index("exact", _CHECK_PLAINTEXT, ring=ring)


def keys_record(ring: Keyring | None = None, *, using: str = "default") -> None:
    """Store a key check for every key version not yet recorded (after migrate, after rotate)."""
    from rightsdesk.vault.models import KeyCheck

    ring = ring or keyring()
    checks = KeyCheck.objects.using(using)
    known = set(checks.values_list("version", flat=True))
    for version, key in sorted(ring.encryption_keys.items()):
        if version in known:
            continue
        single = Keyring(
            encryption_keys={version: key},
            current_version=version,
            blind_index_key=ring.blind_index_key,
            audit_key=ring.audit_key,
            source=ring.source,
        )
        checks.create(
            version=version,
            sealed=encrypt_text(_CHECK_PLAINTEXT, context=_CHECK_CONTEXT, ring=single),
            blind_index_check=_blind_check(ring),
            audit_check=audit_mac(b"key check", ring=ring),
        )


@dataclass
class RotationWork:
    label: str
    remaining: int
    run: Callable[[Callable[[int], None]], None]


def rotation_plan(*, batch_size: int = 500) -> list[RotationWork]:
    """Everything still sealed under an old key, as units of work with their counts."""
    from django.apps import apps
    from django.core.files.storage import default_storage

    from rightsdesk.vault.fields import encrypted_fields
    from rightsdesk.vault.storage import EncryptedFileSystemStorage

    current = keyring().current_version
    work: list[RotationWork] = []
    for model in apps.get_models():
        for field in encrypted_fields(model):
            stale = (
                model._base_manager.annotate(_raw=Cast(F(field.attname), TextField()))
                .filter(**{f"{field.attname}__isnull": False})
                .exclude(_raw__startswith=f"rd:{current}:")
            )
            count = stale.count()
            if count:
                work.append(
                    RotationWork(
                        label=f"{model._meta.label}.{field.name}",
                        remaining=count,
                        run=_column_runner(model, field.attname, stale, batch_size),
                    )
                )
    if isinstance(default_storage, EncryptedFileSystemStorage):
        names = [
            n
            for n in default_storage.iter_stored_names()
            if default_storage.key_version(n) != current
        ]
        if names:

            def run_files(advance: Callable[[int], None], names: list[str] = names) -> None:
                for name in names:
                    default_storage.reencrypt(name)
                    advance(1)

            work.append(RotationWork(label="stored files", remaining=len(names), run=run_files))
    return work


def _column_runner(model, attname, stale, batch_size):  # type: ignore[no-untyped-def]
    def run(advance: Callable[[int], None]) -> None:
        while True:
            # Each batch is its own transaction: an interruption loses at most one batch of work,
            # and the next run simply finds fewer stale rows.
            with transaction.atomic():
                pks = list(stale.values_list("pk", flat=True)[:batch_size])
                if not pks:
                    return
                rows = list(model._base_manager.filter(pk__in=pks).only("pk", attname))
                # Decrypted on load with the old key; saving seals them with the current one.
                model._base_manager.bulk_update(rows, [attname])
            advance(len(rows))

    return run
