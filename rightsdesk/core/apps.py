from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "rightsdesk.core"
    label = "core"
    verbose_name = _("Site")

    def ready(self) -> None:
        from rightsdesk.core.shared_cache import create_cache_table

        # post_migrate is sent once per app that has models, and core has none: listen for
        # accounts', so the table is made once per migrate (and after a flush).
        post_migrate.connect(
            create_cache_table,
            sender=self.apps.get_app_config("accounts"),
            dispatch_uid="core.cache_table",
        )
