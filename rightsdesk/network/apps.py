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

        # Training topics, the seeded requirements and the facilities come back after any flush.
        post_migrate.connect(
            reseed_after_migrate(
                "rightsdesk.network.migrations.0002_trainings",
                "rightsdesk.network.migrations.0003_visits",
            ),
            sender=self,
            dispatch_uid="network.seed",
            weak=False,
        )
