from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "rightsdesk.campaigns"
    label = "campaigns"
    verbose_name = _("Campaigns")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        post_migrate.connect(_seed, sender=self, dispatch_uid="campaigns.seed")


def _seed(sender: object, apps: Any = None, **kwargs: object) -> None:
    from importlib import import_module

    from django.apps import apps as installed_apps

    # migrate passes the migration state's apps; flush passes none.
    apps = apps or installed_apps

    import_module("rightsdesk.campaigns.migrations.0002_seed_ordinances").seed(apps, None)
