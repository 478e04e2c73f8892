from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "rightsdesk.network"
    label = "network"
    verbose_name = _("Volunteer network")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from rightsdesk.core.seeding import reseed_after_migrate

        # The periodic visit reminder registers with huey when its module is imported.
        from rightsdesk.network.visits import tasks  # noqa: F401

        # The seeded facilities come back after any flush too.
        post_migrate.connect(
            reseed_after_migrate("rightsdesk.network.migrations.0002_visits"),
            sender=self,
            dispatch_uid="network.seed_visits",
            weak=False,
        )
