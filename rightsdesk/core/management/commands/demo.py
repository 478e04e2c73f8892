from __future__ import annotations

import json
import os
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

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


# Fictional people (phone numbers 555-01xx, emails at example.org) in real Mississippi places.
DEMO_COMPLAINTS = [
    {
        "language": "es",
        "contact": {"name": "Lucía Ramírez", "phone": "601-555-0101", "preferred_contact": "phone"},
        "incident": {
            "what": "Cada viernes los ayudantes del sheriff ponen un retén en la entrada "
            "de la planta avícola y solo paran a los trabajadores hispanos. Nos piden "
            "papeles y el seguro social. Todavía sigue pasando.",
            "when": "2026-10-16",
            "where": {"place": "Highway 35", "city": "Forest", "county": "Scott", "state": "MS"},
        },
        "responsible_parties": [
            {"name": "Scott County Sheriff's Department", "role": "the checkpoint"}
        ],
        "authorize_letter_with_name": False,
        "consents": {"share_with_partner_organisations": True, "deidentified_use": True},
        "requested_help": "Que paren los retenes.",
    },
    {
        "language": "en",
        "contact": {"name": "Darnell Example", "email": "darnell@example.org"},
        "detention": {
            "is_detained": True,
            "facility": "Hinds County Detention Center",
            "relative": {
                "name": "Keisha Example",
                "relationship": "sister",
                "phone": "601-555-0102",
            },
        },
        "incident": {
            "what": "My brother has been held for three weeks. The jail will not give "
            "him his seizure medication and he had two seizures in his cell.",
            "when": "2026-11-02",
            "where": {"city": "Raymond", "county": "Hinds", "state": "MS"},
        },
        "responsible_parties": [
            {"name": "Hinds County Detention Center", "role": "denied medication"}
        ],
        "court_dates": [{"date": "+8 days", "court": "Hinds County Circuit Court"}],
        "authorize_letter_with_name": True,
        "consents": {"share_with_partner_organisations": True, "deidentified_use": False},
        "requested_help": "Get him his medication now.",
    },
    {
        "language": "en",
        "contact": {"name": "Jordan Example", "email": "jordan@example.org"},
        "incident": {
            "what": "The manager of the only pharmacy in town refused to fill my "
            "prescription after seeing my ID and said they don't serve people like me "
            "because I am transgender.",
            "when": "2026-09-21",
            "where": {"city": "Clarksdale", "county": "Coahoma", "state": "MS"},
        },
        "responsible_parties": [{"name": "Delta Corner Pharmacy", "role": "refused service"}],
        "authorize_letter_with_name": True,
        "consents": {"share_with_partner_organisations": True, "deidentified_use": True},
        "requested_help": "A letter to the pharmacy and its owner.",
    },
    {
        "language": "es",
        "kind": "tip",
        "incident": {
            "what": "Redada de ICE en el parque de casas móviles de la calle Oak, se "
            "llevaron a cuatro vecinos.",
            "when": "la semana pasada",
            "where": {"city": "Morton", "county": "Scott", "state": "MS"},
        },
        "responsible_parties": [{"name": "ICE"}],
    },
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
        self._complaints()
        created += self._network()
        from rightsdesk.events import demo as events

        events.demo(timezone.now())
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

    def _network(self) -> list[tuple[str, str, str]]:
        """The volunteer network's demo: visits first, so the demo volunteer and interpreter
        accounts get their languages and availability; the vetting part adds applications
        (and the accounts of those approved); the portal a past visit with its report."""
        from rightsdesk.network.portal import demo as portal
        from rightsdesk.network.trainings import demo as trainings
        from rightsdesk.network.vetting import demo as vetting
        from rightsdesk.network.visits import demo as visits

        now = timezone.now()
        visits.demo(now)
        trainings.demo(now)
        accounts = vetting.demo(now)
        portal.demo(now)
        return accounts

    def _complaints(self) -> None:
        from rightsdesk.intake.models import Complaint
        from rightsdesk.intake.services import complaint_create

        if Complaint.objects.exists():
            return
        today = timezone.localdate()
        for template in DEMO_COMPLAINTS:
            data = json.loads(json.dumps(template))
            for court in data.get("court_dates", []):
                # Relative dates keep the demo's court date in the future whenever it is loaded.
                court["date"] = (today + timedelta(days=int(court["date"].split()[0]))).isoformat()
            complaint_create(
                data=data,
                kind=data.get("kind", "help"),
                source="online",
                language=data["language"],
                by="demo",
            )
        self.stdout.write(f"{len(DEMO_COMPLAINTS)} demo complaints (fictional people).")
