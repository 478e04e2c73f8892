from django.apps import AppConfig


class SpecimensConfig(AppConfig):
    name = "rightsdesk.vault.tests.specimens"
    label = "vault_specimens"
    default_auto_field = "django.db.models.BigAutoField"
