from django.apps import AppConfig
from django.db.models.signals import post_delete


class ReportsConfig(AppConfig):
    name = "rightsdesk.reports"
    label = "reports"
    verbose_name = "Reports and anonymised evidence"

    def ready(self) -> None:
        from rightsdesk.reports.models import ComplaintFact
        from rightsdesk.reports.services import facts_forget

        # A deleted complaint (and its facts, by cascade) leaves the tallies it counted in.
        post_delete.connect(facts_forget, sender=ComplaintFact, dispatch_uid="reports.forget")
