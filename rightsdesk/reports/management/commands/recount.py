from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from tqdm import tqdm

from rightsdesk.intake.models import Complaint
from rightsdesk.reports.services import facts_rebuild


class Command(BaseCommand):
    help = (
        "Recount every screened complaint into the reports' tallies (after an import, a "
        "restore, or deleting complaints). Pages keep working while it runs."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        total = Complaint.objects.filter(screening__isnull=False).count()
        with tqdm(total=total, desc="Counting complaints", unit=" complaints", disable=None) as bar:
            counted = facts_rebuild(progress=bar.update)
        self.stdout.write(f"Counted {counted} complaints.")
