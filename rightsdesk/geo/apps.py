from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GeoConfig(AppConfig):
    # No models today; the setting keeps any future ones consistent with the project.
    default_auto_field = "django.db.models.BigAutoField"
    name = "rightsdesk.geo"
    label = "geo"
    verbose_name = _("Mississippi geography")
