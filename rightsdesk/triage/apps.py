from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TriageConfig(AppConfig):
    name = "rightsdesk.triage"
    label = "triage"
    verbose_name = _("Screening")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from rightsdesk.core.seeding import reseed_after_migrate
        from rightsdesk.intake.services import complaint_received

        complaint_received.connect(_screen_later, dispatch_uid="triage.screen")
        # Reference data (deadline rules, referral directory) comes back after any flush too.
        post_migrate.connect(
            reseed_after_migrate(
                "rightsdesk.triage.migrations.0002_seed_deadline_rules",
                "rightsdesk.triage.migrations.0004_seed_referral_directory",
            ),
            sender=self,
            dispatch_uid="triage.seed",
            weak=False,
        )


def _screen_later(sender: object, complaint: object, **kwargs: object) -> None:
    from rightsdesk.triage.tasks import screen_complaint

    screen_complaint(complaint.pk)  # type: ignore[attr-defined]
