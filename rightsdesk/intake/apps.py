from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "rightsdesk.intake"
    label = "intake"
    verbose_name = _("Complaints")
    default_auto_field = "django.db.models.BigAutoField"
