from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import vobject
from django.core import mail
from django.test import Client
from django.utils import timezone

from rightsdesk.cases.models import Matter, MatterDate, ReminderSent
from rightsdesk.cases.services import (
    calendar_token_new,
    matter_date_add,
    matter_member_add,
    reminders_send,
)
from rightsdesk.conftest import sign_in

pytestmark = pytest.mark.django_db
CHICAGO = ZoneInfo("America/Chicago")


def _matter(make_staff, member=None):
    matter = Matter.objects.create(title="Client v. County", opened_at=timezone.now())
    if member is not None:
        matter_member_add(matter=matter, user=member, role="lead_attorney", by=member)
    return matter


def test_staff_add_a_court_date_on_29_february_and_see_it_on_their_home_page(client, make_staff):
    attorney = make_staff("attorney", email="alex@example.org")
    matter = _matter(make_staff, attorney)
    sign_in(client, attorney)
    soon = timezone.localdate() + timedelta(days=5)
    response = client.post(
        f"/staff/matters/{matter.pk}/",
        {
            "action": "date",
            "kind": "court",
            "day": soon.isoformat(),
            "time": "09:30",
            "leads": ["1440"],
            "description": "Bring the ticket",
        },
    )
    assert response.status_code == 302
    client.post(
        f"/staff/matters/{matter.pk}/",
        {"action": "date", "kind": "filing", "day": "2028-02-29", "leads": ["10080"]},
    )
    assert MatterDate.objects.filter(all_day=date(2028, 2, 29)).exists()
    bad = client.post(
        f"/staff/matters/{matter.pk}/", {"action": "date", "kind": "filing", "day": "2027-02-29"}
    )
    assert bad.status_code == 400 and "Enter a real date" in bad.content.decode()
    home = client.get("/staff/").content.decode()
    assert f"Court date: matter {matter.pk}" in home


def test_reminders_go_once_to_the_team_and_never_name_the_client(make_staff):
    attorney = make_staff("attorney", email="alex@example.org")
    matter = _matter(make_staff, attorney)
    hearing = datetime(2026, 3, 9, 9, 0, tzinfo=CHICAGO)  # the day after DST starts
    matter_date_add(matter=matter, kind="court", by=attorney, starts=hearing, lead_minutes=[1440])
    before = datetime(2026, 3, 8, 13, 59, tzinfo=ZoneInfo("UTC"))
    assert reminders_send(now=before) == 0
    at = datetime(2026, 3, 8, 14, 0, tzinfo=ZoneInfo("UTC"))  # 09:00 CDT the day before
    assert reminders_send(now=at) == 1
    assert reminders_send(now=at + timedelta(minutes=5)) == 0
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["alex@example.org"]
    assert "Client v. County" not in mail.outbox[0].body + mail.outbox[0].subject
    assert ReminderSent.objects.count() == 1


def test_each_person_has_a_private_feed_with_only_their_matters(make_staff):
    volunteer = make_staff("volunteer_attorney")
    mine = _matter(make_staff, volunteer)
    other = _matter(make_staff)
    matter_date_add(
        matter=mine,
        kind="hearing",
        by=volunteer,
        starts=datetime(2026, 12, 10, 14, 0, tzinfo=CHICAGO),
        lead_minutes=[60],
    )
    matter_date_add(
        matter=other,
        kind="hearing",
        by=volunteer,
        starts=datetime(2026, 12, 11, 14, 0, tzinfo=CHICAGO),
    )
    token = calendar_token_new(user=volunteer)
    feed = Client().get(f"/calendar/{token}.ics")
    assert feed["Content-Type"].startswith("text/calendar")
    parsed = vobject.readOne(feed.content.decode())
    events = parsed.vevent_list
    assert len(events) == 1 and f"matter {mine.pk}" in events[0].summary.value
    assert events[0].dtstart.value.astimezone(ZoneInfo("UTC")).hour == 20
    new_token = calendar_token_new(user=volunteer)
    assert Client().get(f"/calendar/{token}.ics").status_code == 404
    assert Client().get(f"/calendar/{new_token}.ics").status_code == 200


def test_the_calendar_page_shows_a_new_address_once_and_can_stop_it(client, make_staff):
    attorney = make_staff("attorney")
    sign_in(client, attorney)
    html = client.post("/staff/matters/calendar/", {"action": "new"}).content.decode()
    address = html.split('id="feed-address">')[1].split("<")[0]
    token = address.rsplit("/", 1)[1].removesuffix(".ics")
    assert Client().get(f"/calendar/{token}.ics").status_code == 200
    client.post("/staff/matters/calendar/", {"action": "revoke"})
    assert Client().get(f"/calendar/{token}.ics").status_code == 404


def test_the_feed_leaves_out_dates_more_than_a_month_old(make_staff):
    attorney = make_staff("attorney")
    matter = _matter(make_staff, attorney)
    MatterDate.objects.create(
        matter=matter, kind="court", starts=timezone.now() - timedelta(days=45)
    )
    MatterDate.objects.create(
        matter=matter, kind="court", starts=timezone.now() - timedelta(days=5)
    )
    token = calendar_token_new(user=attorney)
    events = vobject.readOne(Client().get(f"/calendar/{token}.ics").content.decode()).vevent_list
    assert len(events) == 1
