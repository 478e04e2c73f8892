from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TriageConfig(AppConfig):
    name = "rightsdesk.triage"
    label = "triage"
    verbose_name = _("Screening")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from rightsdesk.intake.services import complaint_received

        complaint_received.connect(_screen_later, dispatch_uid="triage.screen")


def _screen_later(sender: object, complaint: object, **kwargs: object) -> None:
    from rightsdesk.triage.tasks import screen_complaint

    screen_complaint(complaint.pk)  # type: ignore[attr-defined]
