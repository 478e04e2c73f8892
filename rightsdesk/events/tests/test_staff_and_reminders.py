"""The organisers' side: events, the door list, head counts, reminders and calendar files."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from rightsdesk.accounts.models import User
from rightsdesk.conftest import sign_in
from rightsdesk.events import registrations, services
from rightsdesk.events.models import Event, Registration
from rightsdesk.events.tests.helpers import HINDS, LEAKE, make_event
from rightsdesk.vault.models import AuditEntry

pytestmark = pytest.mark.django_db

NOBODY = {"name": "", "email": "", "phone": "", "interpretation": "", "needs": "", "party_size": 1}


def _register(event: Event, **data) -> Registration:
    registration, _code = registrations.registration_make(
        event=event, data={**NOBODY, **data}, language=data.pop("language", "en"), token=None
    )
    return registration


def _tomorrow_at(hour: int) -> datetime:
    day = timezone.localdate() + timedelta(days=1)
    return timezone.make_aware(datetime.combine(day, time(hour)))


@pytest.fixture
def organiser(make_staff):
    return make_staff(User.Role.ORGANISER)


def test_an_organiser_plans_an_event_and_copies_it_for_another_town(organiser):
    client = sign_in(Client(), organiser)
    day = (timezone.localdate() + timedelta(days=10)).isoformat()
    form = {
        "kind": "town_hall", "title": "Community conversation", "day": day, "starts": "18:00",
        "ends": "19:30", "place": "address", "address": "Jackson City Hall", "county": HINDS,
        "languages": ["en"], "interpretation": ["es"], "capacity": "40", "walk_ins": "on",
        "host": "We Are ALL Mississippi", "description": "", "accessibility": "",
    }  # fmt: skip
    response = client.post("/staff/events/new/", form)
    event = Event.objects.get()
    assert response.status_code == 302
    assert timezone.localtime(event.starts_at).time() == time(18)
    assert event.interpretation_codes == ["es"] and event.capacity == 40
    assert AuditEntry.objects.filter(action="event_created").exists()
    copy = client.get(f"/staff/events/new/?copy={event.pk}")
    assert copy.context["form"].initial["title"] == "Community conversation"
    client.post("/staff/events/new/", {**form, "address": "Carthage Library", "county": LEAKE})
    assert Event.objects.count() == 2


def test_only_organisers_and_the_coordinator_reach_the_event_pages(make_staff):
    event = make_event()
    for role, expected in [
        (User.Role.ORGANISER, 200),
        (User.Role.COORDINATOR, 200),
        (User.Role.LEGAL_DIRECTOR, 200),
        (User.Role.ATTORNEY, 403),
        (User.Role.INTERPRETER, 403),
    ]:
        client = sign_in(Client(), make_staff(role))
        assert client.get(f"/staff/events/{event.pk}/attendees/").status_code == expected, role
    assert Client().get(f"/staff/events/{event.pk}/attendees/").status_code == 302


def test_the_door_list_checks_people_in_and_counts_walk_ins(organiser):
    event = make_event(starts=timezone.now() + timedelta(minutes=30), interpretation=",es,")
    ana = _register(event, name="Ana", party_size=3, interpretation="es")
    _register(event, name="Beto")
    client = sign_in(Client(), organiser)
    page = client.get(f"/staff/events/{event.pk}/attendees/")
    body = page.content.decode()
    assert "Ana" in body and "Beto" in body and "group of 3" in body
    assert "0 of 4 people signed up have arrived" in body
    assert "Spanish (3)" in body
    assert AuditEntry.objects.filter(action="event_attendees_viewed").count() == 1

    response = client.post(f"/staff/events/{event.pk}/attendees/", {"registration": ana.pk})
    assert response.status_code == 302
    ana.refresh_from_db()
    assert ana.checked_in_at is not None and ana.checked_in_by_id == organiser.pk
    body = client.get(f"/staff/events/{event.pk}/attendees/").content.decode()
    assert "3 of 4 people signed up have arrived" in body
    client.post(f"/staff/events/{event.pk}/attendees/", {"registration": ana.pk, "undo": "on"})
    ana.refresh_from_db()
    assert ana.checked_in_at is None

    client.post(
        f"/staff/events/{event.pk}/attendees/",
        {
            "walk_in_count": "12",
            "feedback_useful": "9",
            "feedback_somewhat": "2",
            "feedback_not_useful": "",
        },
    )
    event.refresh_from_db()
    assert event.walk_in_count == 12
    bad = client.post(f"/staff/events/{event.pk}/attendees/", {"walk_in_count": "-3"})
    assert bad.status_code == 400 and "Enter 0 or more" in bad.content.decode()


def test_one_event_cannot_check_in_anothers_registration(organiser):
    event, other = make_event(), make_event()
    stranger = _register(other, name="Otra")
    client = sign_in(Client(), organiser)
    response = client.post(f"/staff/events/{event.pk}/attendees/", {"registration": stranger.pk})
    assert response.status_code == 404


def test_the_reminder_goes_the_day_before_once_and_never_names_a_sensitive_topic(sent):
    open_event = make_event(starts=_tomorrow_at(18), title="Immigration 101 for neighbours")
    sensitive = make_event(
        starts=_tomorrow_at(18),
        title="What to do if ICE comes",
        sensitive=True,
        place="after_signup",
        address="St. Anne Parish Hall, Carthage",
    )
    later = make_event(starts=_tomorrow_at(18) + timedelta(days=2))
    _register(open_event, email="uno@example.org")
    _register(sensitive, email="dos@example.org", language="es")
    _register(sensitive)  # no email: nothing can be sent
    _register(later, email="tres@example.org")
    mail.outbox.clear()
    with sent():
        assert registrations.reminders_send() == 2
        assert registrations.reminders_send() == 0
    by_address = {email.to[0]: email for email in mail.outbox}
    assert set(by_address) == {"uno@example.org", "dos@example.org"}
    assert "Immigration 101 for neighbours" in by_address["uno@example.org"].subject
    quiet = by_address["dos@example.org"]
    assert "ICE" not in quiet.subject + quiet.body
    assert "St. Anne Parish Hall" in quiet.body  # they signed up: they need the address


def test_people_on_the_waiting_list_and_cancelled_events_get_no_reminder(sent):
    event = make_event(starts=_tomorrow_at(10), capacity=1)
    _register(event, email="uno@example.org")
    _register(event, email="dos@example.org")  # waiting
    off = make_event(starts=_tomorrow_at(10))
    _register(off, email="tres@example.org")
    off.cancelled_at = timezone.now()
    off.save()
    mail.outbox.clear()
    with sent():
        assert registrations.reminders_send() == 1
    assert [email.to for email in mail.outbox] == [["uno@example.org"]]


def test_cancelling_an_event_tells_everyone_signed_up(organiser, sent):
    event = make_event(capacity=1, sensitive=True, title="What to do if ICE comes")
    _register(event, email="uno@example.org")
    _register(event, email="dos@example.org")
    mail.outbox.clear()
    with sent():
        services.event_cancel(event=event, by=organiser)
    assert sorted(email.to[0] for email in mail.outbox) == ["dos@example.org", "uno@example.org"]
    assert all("cancelled" in email.body and "ICE" not in email.body for email in mail.outbox)
    assert "cancelled" in Client().get(f"/events/{event.pk}/").content.decode()


def test_an_event_file_and_the_public_feed_read_in_a_calendar_app(client):
    event = make_event(title="Know your rights", address="Canton Public Library")
    private = make_event(place="after_signup", address="St. Anne Parish Hall", county=LEAKE)
    make_event(starts=timezone.now() - timedelta(days=90))  # long past: not in the feed
    one = icalendar.Calendar.from_ical(client.get(f"/events/{event.pk}/event.ics").content)
    (vevent,) = one.walk("VEVENT")
    assert str(vevent["summary"]) == "Know your rights"
    assert str(vevent["location"]) == "Canton Public Library"
    assert vevent.decoded("dtstart") == event.starts_at.replace(microsecond=0)
    assert str(vevent["url"]).endswith(f"/events/{event.pk}/")

    response = client.get("/events/events.ics")
    assert response["Content-Type"].startswith("text/calendar")
    feed = icalendar.Calendar.from_ical(response.content)
    uids = {str(v["uid"]) for v in feed.walk("VEVENT")}
    assert uids == {f"event-{event.pk}@rightsdesk", f"event-{private.pk}@rightsdesk"}
    assert b"St. Anne" not in response.content


def test_an_organisers_private_feed_holds_the_events_with_their_addresses(make_staff):
    from rightsdesk.cases.services import calendar_feed_for_token, calendar_token_new

    private = make_event(place="after_signup", address="St. Anne Parish Hall", county=LEAKE)
    organiser = make_staff(User.Role.ORGANISER)
    feed = calendar_feed_for_token(calendar_token_new(user=organiser)).decode()
    assert f"UID:event-{private.pk}@rightsdesk" in feed and "St. Anne Parish Hall" in feed
    attorney = make_staff(User.Role.ATTORNEY)
    assert "event-" not in calendar_feed_for_token(calendar_token_new(user=attorney)).decode()


def test_the_sign_up_form_asks_only_what_a_place_and_a_reminder_need(client):
    event = make_event(interpretation=",es,")
    form = client.get(f"/events/{event.pk}/").context["form"]
    assert set(form.fields) == {"name", "contact", "party_size", "interpretation", "needs", "token"}
    # Walk-ins welcome: nothing is needed but how many are coming (which starts at 1).
    assert [name for name in form.fields if form.fields[name].required] == ["party_size"]
    no_interpreter = client.get(f"/events/{make_event().pk}/").context["form"]
    assert "interpretation" not in no_interpreter.fields


def test_where_we_have_been_counts_events_and_people_per_county_over_the_period(organiser):
    from rightsdesk.events.selectors import where_we_have_been

    now = timezone.now()
    canton = make_event(county="28089")
    ana = _register(canton, name="Ana", party_size=3)
    registrations.check_in(registration=ana, by=organiser)
    _register(canton, name="Beto")  # signed up, never came
    # The workshop took place 40 days ago.
    Event.objects.filter(pk=canton.pk).update(
        starts_at=now - timedelta(days=40),
        ends_at=now - timedelta(days=40, hours=-2),
        walk_in_count=12,
    )
    make_event(starts=now - timedelta(days=10), county="28089")
    make_event(starts=now - timedelta(days=500), county=HINDS)  # before the period
    make_event(starts=now - timedelta(days=5), county=LEAKE, cancelled_at=now)  # called off
    rows = {row.fips: row for row in where_we_have_been(now - timedelta(days=365), now)}
    assert len(rows) == 82
    madison = rows["28089"]
    assert (madison.events, madison.signed_up, madison.checked_in, madison.walk_ins) == (
        2,
        4,
        3,
        12,
    )
    assert madison.came == 15
    assert rows[HINDS].events == 0 and rows[LEAKE].events == 0

    client = sign_in(Client(), organiser)
    page = client.get("/staff/events/where/")
    body = page.content.decode()
    assert page.status_code == 200
    assert "Madison County: 2 events, 15 people came" in body  # the map's tooltip
    assert '<th scope="row">Madison County</th><td>2</td><td>4</td><td>3</td><td>12</td>' in body
    assert "Not visited in this period (81 counties)" in body
    older = client.get(
        "/staff/events/where/?start=2020-01-01&end=" + timezone.localdate().isoformat()
    )
    assert "Not visited in this period (80 counties)" in older.content.decode()
    # A date that is not one falls back to the last year, with no error page.
    assert client.get("/staff/events/where/?start=2026-02-31").status_code == 200


def test_the_organisers_list_shows_places_taken_and_people_waiting(organiser):
    event = make_event(capacity=2)
    _register(event, party_size=2)
    _register(event, party_size=1)
    body = sign_in(Client(), organiser).get("/staff/events/").content.decode()
    assert "2 of 2" in body and "1 waiting" in body


def test_the_counts_after_the_event_are_kept_with_the_feedback(organiser):
    event = make_event()
    client = sign_in(Client(), organiser)
    form = {"walk_in_count": "30", "feedback_useful": "21", "feedback_somewhat": "4",
            "feedback_not_useful": "1"}  # fmt: skip
    assert client.post(f"/staff/events/{event.pk}/attendees/", form).status_code == 302
    event.refresh_from_db()
    assert (event.walk_in_count, event.feedback_useful, event.feedback_somewhat) == (30, 21, 4)
    assert event.feedback_not_useful == 1
    entry = AuditEntry.objects.get(action="event_counts")
    assert entry.detail["feedback_useful"] == 21
    page = client.get(f"/staff/events/{event.pk}/attendees/").content.decode()
    assert 'name="feedback_useful" value="21"' in page


def test_handouts_uploaded_by_an_organiser_are_on_the_public_pages(organiser, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    event = make_event(starts=timezone.now() + timedelta(hours=1))
    desk = sign_in(Client(), organiser)
    card = SimpleUploadedFile("rights-card.txt", b"You have the right to stay silent.")
    response = desk.post(f"/staff/events/{event.pk}/materials/", {"file": card})
    assert response.status_code == 302
    (material,) = event.materials.all()
    assert material.original_name == "rights-card.txt"
    page = client.get(f"/events/{event.pk}/").content.decode()
    assert "rights-card.txt" in page
    download = client.get(f"/events/{event.pk}/materials/{material.pk}/")
    assert download.content == b"You have the right to stay silent."
    assert download["Content-Disposition"].startswith("attachment")
    assert client.get(f"/events/{event.pk + 1}/materials/{material.pk}/").status_code == 404

    # Once over, the event is listed among past events with its handout.
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - timedelta(days=2),
        ends_at=timezone.now() - timedelta(days=2) + timedelta(hours=2),
    )
    calendar = client.get("/events/").content.decode()
    assert f"/events/{event.pk}/materials/{material.pk}/" in calendar

    bad = SimpleUploadedFile("evil.pdf", b"MZ\x90 program")
    refused = desk.post(f"/staff/events/{event.pk}/materials/", {"file": bad})
    assert refused.status_code == 400 and event.materials.count() == 1
    desk.post(f"/staff/events/{event.pk}/materials/", {"action": "remove", "material": material.pk})
    assert not event.materials.exists()
    assert AuditEntry.objects.filter(action="material_removed").exists()


def test_a_workshop_is_taken_on_tour_to_other_towns_at_the_same_local_time(organiser):
    # 6 pm before the clocks change in March, copied to after it: still 6 pm there.
    source = make_event(
        starts=datetime(2027, 3, 1, 18, tzinfo=ZoneInfo("America/Chicago")),
        capacity=40,
        interpretation=",mam,",
    )
    client = sign_in(Client(), organiser)
    assert client.get(f"/staff/events/{source.pk}/copies/").status_code == 200
    form = {
        "stop1-day": "2027-03-20", "stop1-address": "Morton City Hall", "stop1-county": "28123",
        "stop2-day": "2027-03-27", "stop2-address": "Carthage Library", "stop2-county": LEAKE,
    }  # fmt: skip
    response = client.post(f"/staff/events/{source.pk}/copies/", form)
    assert response.status_code == 302
    copies = list(Event.objects.exclude(pk=source.pk).order_by("starts_at"))
    assert [(c.address, c.county) for c in copies] == [
        ("Morton City Hall", "28123"),
        ("Carthage Library", LEAKE),
    ]
    assert all(timezone.localtime(c.starts_at).time() == time(18) for c in copies)
    assert all(c.capacity == 40 and c.interpretation == ",mam," for c in copies)
    assert AuditEntry.objects.filter(action="event_copied").count() == 1


def test_a_tour_stop_without_its_town_is_explained_and_nothing_is_made(organiser):
    source = make_event()
    client = sign_in(Client(), organiser)
    day = (timezone.localdate() + timedelta(days=30)).isoformat()
    response = client.post(
        f"/staff/events/{source.pk}/copies/",
        {"stop1-day": day, "stop1-address": "Forest Library", "stop2-day": day},
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Choose the county it takes place in." in body and "Give the address." in body
    assert 'value="Forest Library"' in body
    assert Event.objects.count() == 1
    empty = client.post(f"/staff/events/{source.pk}/copies/", {})
    assert empty.status_code == 400 and "Fill in at least one town." in empty.content.decode()


def test_a_new_day_or_place_is_told_to_everyone_and_reminded_again(organiser, sent):
    event = make_event(starts=_tomorrow_at(18), sensitive=True, title="What to do if ICE comes")
    registration = _register(event, email="uno@example.org")
    with sent():
        registrations.reminders_send()
    mail.outbox.clear()
    fields = {name: getattr(event, name) for name in services.EVENT_FIELDS}
    with sent():
        services.event_save(
            event=event, data={**fields, "address": "Carthage Library, 1 Main St"}, by=organiser
        )
    (changed,) = mail.outbox
    assert "Carthage Library" in changed.body and "ICE" not in changed.subject + changed.body
    registration.refresh_from_db()
    assert registration.reminder_sent_at is None  # the reminder goes again
    mail.outbox.clear()
    with sent():
        services.event_save(event=event, data={**fields, "capacity": 50,
                                               "address": "Carthage Library, 1 Main St"},
                            by=organiser)  # fmt: skip
    assert not mail.outbox  # more places is not news for those who have one


def test_a_sensitive_events_own_calendar_file_says_only_appointment(client):
    event = make_event(sensitive=True, title="What to do if ICE comes", description="About ICE")
    body = client.get(f"/events/{event.pk}/event.ics").content
    assert b"ICE" not in body and b"SUMMARY:Appointment" in body


def test_only_people_with_a_place_are_checked_in(organiser):
    event = make_event(capacity=1)
    _register(event, name="Ana")
    waiting = _register(event, name="Beto")
    client = sign_in(Client(), organiser)
    response = client.post(f"/staff/events/{event.pk}/attendees/", {"registration": waiting.pk})
    assert response.status_code == 404


def test_bad_dates_on_where_we_have_been_fall_back_to_the_last_year(organiser, monkeypatch):
    from datetime import date

    from rightsdesk.events.forms import PeriodForm

    monkeypatch.setattr(timezone, "localdate", lambda: date(2028, 2, 29))
    assert PeriodForm().period() == (date(2027, 3, 2), date(2028, 2, 29))
    client = sign_in(Client(), organiser)
    for query in ("?end=0001-01-01", "?end=9999-12-31", "?start=abc&end=2026-02-30", "?material=x"):
        assert client.get(f"/staff/events/where/{query}").status_code == 200, query
    assert client.get("/staff/events/new/?copy=²").status_code == 200
    assert client.post(f"/staff/events/{make_event().pk}/materials/",
                       {"action": "remove", "material": "x"}).status_code == 302  # fmt: skip
