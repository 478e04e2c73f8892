"""Model fields that encrypt in the application before anything reaches the database."""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import FieldError
from django.db import models

from rightsdesk.vault.crypto import blind_index, decrypt_text, encrypt_text, token_version

# Only emptiness can be asked of an encrypted column; anything else would compare ciphertexts.
_ALLOWED_LOOKUPS = {"isnull"}


class EncryptedField(models.TextField):
    """Base for encrypted columns: stored as an ``rd:<version>:...`` token in a text column."""

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name not in _ALLOWED_LOOKUPS:
            raise FieldError(
                f"{self.model.__name__}.{self.name} is encrypted and cannot be searched with "
                f"'{lookup_name}'. Look it up through a blind index instead."
            )
        return super().get_lookup(lookup_name)

    @property
    def crypto_context(self) -> str:
        return f"{self.model._meta.label_lower}.{self.name}"

    def _encode(self, value: Any) -> str:
        raise NotImplementedError

    def _decode(self, text: str) -> Any:
        raise NotImplementedError

    def get_prep_value(self, value: Any) -> str | None:
        if value is None:
            return None
        return encrypt_text(self._encode(value), context=self.crypto_context)

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> Any:
        if value is None:
            return None
        return self._decode(decrypt_text(value, context=self.crypto_context))

    def deconstruct(self) -> tuple[str, str, list[Any], dict[str, Any]]:
        name, _path, args, kwargs = super().deconstruct()
        return name, f"rightsdesk.vault.fields.{type(self).__name__}", args, kwargs


class EncryptedTextField(EncryptedField):
    description = "Text, encrypted with AES-GCM"

    def to_python(self, value: Any) -> str | None:
        if value is None or isinstance(value, str):
            return value
        return str(value)

    def _encode(self, value: Any) -> str:
        return str(value)

    def _decode(self, text: str) -> str:
        return text


class EncryptedJSONField(EncryptedField):
    description = "JSON, encrypted with AES-GCM"

    def to_python(self, value: Any) -> Any:
        return value

    def _encode(self, value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    def _decode(self, text: str) -> Any:
        return json.loads(text)

    def value_to_string(self, obj: models.Model) -> str:
        return self._encode(self.value_from_object(obj))


class BlindIndexField(models.CharField):
    """A keyed HMAC of another field's normalised value, kept in step with it on every save.

    ``BlindIndexField(source="full_name", kind="name")``; look up with
    ``Model.objects.filter(full_name_index=blind_index("name", "Maria Lopez"))``.
    """

    def __init__(self, *args: Any, source: str, kind: str, **kwargs: Any) -> None:
        self.source = source
        self.kind = kind
        kwargs.setdefault("max_length", 32)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("db_index", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance: models.Model, add: bool) -> str:
        value = blind_index(self.kind, getattr(model_instance, self.source))
        setattr(model_instance, self.attname, value)
        return value

    def deconstruct(self) -> tuple[str, str, list[Any], dict[str, Any]]:
        name, _path, args, kwargs = super().deconstruct()
        kwargs.update(source=self.source, kind=self.kind)
        for key, default in (
            ("max_length", 32),
            ("editable", False),
            ("blank", True),
            ("db_index", True),
            ("default", ""),
        ):
            if kwargs.get(key, default) == default:
                kwargs.pop(key, None)
        return name, "rightsdesk.vault.fields.BlindIndexField", args, kwargs


def encrypted_fields(model: type[models.Model]) -> list[EncryptedField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, EncryptedField)]


__all__ = [
    "BlindIndexField",
    "EncryptedField",
    "EncryptedJSONField",
    "EncryptedTextField",
    "encrypted_fields",
    "token_version",
]
