from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "rightsdesk.cases"
    label = "cases"
    verbose_name = _("Cases")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from rightsdesk.intake.services import complaint_received

        # Complainants and the parties they name are searched by every conflict check.
        complaint_received.connect(_index_names, dispatch_uid="cases.names")


def _index_names(sender: object, complaint: Any, **kwargs: object) -> None:
    from rightsdesk.cases.services import complaint_keys_store

    complaint_keys_store(complaint=complaint)
