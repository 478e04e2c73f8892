from django.apps import AppConfig


class BackupsConfig(AppConfig):
    name = "rightsdesk.backups"
    label = "backups"
    verbose_name = "Backups"
