"""The demo command: every part's fictional data, loaded once, with each account printed."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from rightsdesk.accounts.models import User
from rightsdesk.network.models import Training, Visit, VisitReport, Volunteer
from rightsdesk.network.visits.selectors import candidates_for, upcoming_visits

pytestmark = pytest.mark.django_db


def _demo() -> str:
    out = StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def test_the_demo_loads_every_part_once_and_prints_every_account(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    first = _demo()
    users = set(User.objects.filter(is_active=True).values_list("username", flat=True))
    # Every account that can sign in is printed with its temporary password, the vetted
    # volunteers too; the inactive volunteer's is not.
    assert "demo-returning" not in first
    for username in users:
        assert username in first, username
    assert {"demo-volunteer", "demo-coordinator", "demo-alex", "demo-rosa"} <= users
    sheet = (tmp_path / "demo-accounts.txt").read_text()
    assert all(f"{username}\t" in sheet for username in users)

    # The network has something on every page: applications, trainings, visits, a report.
    assert Volunteer.objects.filter(status="applied").exists()
    assert Training.objects.exists() and Visit.objects.exists()
    assert VisitReport.objects.exists()
    # The demo volunteer and interpreter are the network's volunteers, one record each.
    for username in ("demo-volunteer", "demo-interpreter"):
        volunteer = Volunteer.objects.get(user__username=username)
        assert volunteer.status == "approved" and volunteer.languages.exists()
    # The matcher has someone to suggest for an upcoming visit.
    visit = upcoming_visits().first()
    assert visit is not None
    assert candidates_for(on=visit.on, purpose=visit.purpose, attorneys=True, languages=["es"])

    counts = (User.objects.count(), Volunteer.objects.count(), Visit.objects.count())
    assert "already loaded" in _demo()
    assert (User.objects.count(), Volunteer.objects.count(), Visit.objects.count()) == counts
