from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "rightsdesk.reports"
    label = "reports"
    verbose_name = "Reports and anonymised evidence"
