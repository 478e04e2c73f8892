from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "rightsdesk.campaigns"
    label = "campaigns"
    verbose_name = _("Campaigns")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from rightsdesk.core.seeding import reseed_after_migrate

        post_migrate.connect(
            reseed_after_migrate("rightsdesk.campaigns.migrations.0002_seed_ordinances"),
            sender=self,
            dispatch_uid="campaigns.seed",
            weak=False,
        )
