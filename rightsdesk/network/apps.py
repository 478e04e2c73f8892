from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "rightsdesk.network"
    label = "network"
    verbose_name = _("Volunteer network")
    default_auto_field = "django.db.models.BigAutoField"
