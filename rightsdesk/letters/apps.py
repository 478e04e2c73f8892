from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LettersConfig(AppConfig):
    name = "rightsdesk.letters"
    label = "letters"
    verbose_name = _("Letters")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from rightsdesk.core.seeding import reseed_after_migrate

        # The default templates come back after any flush too (tests, a fresh database).
        post_migrate.connect(
            reseed_after_migrate("rightsdesk.letters.migrations.0002_seed_templates"),
            sender=self,
            dispatch_uid="letters.seed",
            weak=False,
        )
