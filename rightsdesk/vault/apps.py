from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _record_key_checks(sender: AppConfig, using: str = "default", **kwargs: Any) -> None:
    from rightsdesk.vault.audit import audit_log_start
    from rightsdesk.vault.keys import keys_record

    keys_record(using=using)
    audit_log_start()


class VaultConfig(AppConfig):
    name = "rightsdesk.vault"
    label = "vault"
    verbose_name = _("Vault")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # After every migrate, seal a key check per key version, so the next start can prove it
        # holds the right keys before touching anything.
        post_migrate.connect(_record_key_checks, sender=self)
