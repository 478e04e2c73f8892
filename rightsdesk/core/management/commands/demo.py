from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from rightsdesk.accounts.models import User
from rightsdesk.accounts.services import staff_create

# Fictional staff, one per role. Real people never appear in demo data.
DEMO_STAFF = [
    ("demo-admin", "Avery", "Admin", User.Role.ADMIN),
    ("demo-director", "Dana", "Director", User.Role.LEGAL_DIRECTOR),
    ("demo-attorney", "Alex", "Attorney", User.Role.ATTORNEY),
    ("demo-intake", "Ines", "Intake", User.Role.INTAKE),
    ("demo-coordinator", "Casey", "Coordinator", User.Role.COORDINATOR),
    ("demo-organiser", "Olu", "Organiser", User.Role.ORGANISER),
    ("demo-volunteer", "Val", "Volunteer", User.Role.VOLUNTEER_ATTORNEY),
    ("demo-interpreter", "Ivan", "Interpreter", User.Role.INTERPRETER),
]


class Command(BaseCommand):
    help = "Load demo data (fictional people only). Safe to run again: nothing is duplicated."

    def handle(self, *args: Any, **options: Any) -> None:
        created = []
        for username, first, last, role in DEMO_STAFF:
            if User.objects.filter(username=username).exists():
                continue
            _user, password = staff_create(
                by="demo",
                username=username,
                role=role,
                first_name=first,
                last_name=last,
                email=f"{username}@example.org",
            )
            created.append((username, role, password))
        if not created:
            self.stdout.write("Demo data is already loaded.")
            return
        sheet = Path(settings.DATA_DIR) / "demo-accounts.txt"
        fd = os.open(sheet, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as out:
            for username, role, password in created:
                out.write(f"{username}\t{role}\t{password}\n")
        self.stdout.write(
            "Demo staff accounts (temporary passwords; each sets up an "
            "authenticator app at first sign-in):"
        )
        for username, role, password in created:
            self.stdout.write(f"  {username:<18} {role:<20} {password}")
        self.stdout.write(f"Also written to {sheet}")
