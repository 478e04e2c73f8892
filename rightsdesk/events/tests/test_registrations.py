"""Signing up: places, the waiting list moving up by itself, cancel codes, bad input."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.utils import timezone

from rightsdesk.events import registrations
from rightsdesk.events.models import Registration
from rightsdesk.events.tests.helpers import make_event, sign_up
from rightsdesk.vault.models import AuditEntry

pytestmark = pytest.mark.django_db


def _code(client: Client, event) -> str:
    page = client.get(f"/events/{event.pk}/registered/")
    assert page.status_code == 200
    return page.context["code"]


def test_signing_up_keeps_a_place_and_shows_a_cancel_code(client, sent):
    event = make_event(capacity=10)
    with sent():
        response = sign_up(
            client, event, name="Lupe", contact="lupe@example.org", party_size="3", needs="A ramp"
        )
    assert response.status_code == 302
    assert response["Location"] == f"/events/{event.pk}/registered/"
    registration = Registration.objects.get()
    assert registration.status == Registration.Status.CONFIRMED
    assert (registration.name, registration.email, registration.party_size) == (
        "Lupe",
        "lupe@example.org",
        3,
    )
    page = client.get(f"/events/{event.pk}/registered/")
    assert "You have a place" in page.content.decode()
    assert len(page.context["code"]) == 14
    assert registrations.places(event).left == 7
    (email,) = mail.outbox
    assert email.to == ["lupe@example.org"] and "You have a place" in email.body


def test_what_could_identify_someone_is_stored_encrypted(client):
    event = make_event()
    sign_up(client, event, name="Lupe", contact="601-555-0142", needs="Childcare")
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, phone, needs FROM events_registration")
        stored = " ".join(str(value) for value in cursor.fetchone())
    assert "Lupe" not in stored and "555" not in stored and "Childcare" not in stored
    assert Registration.objects.get().phone == "601-555-0142"


@pytest.mark.parametrize(
    "typed", ["(601) 555-0142", "601.555.0142", "+1 601 555 0142", "6015550142", "601 555 0142"]
)
def test_a_phone_in_any_common_format_is_kept_in_one_form(client, typed):
    event = make_event()
    assert sign_up(client, event, contact=typed).status_code == 302
    assert Registration.objects.get().phone == "601-555-0142"


def test_a_contact_that_is_neither_email_nor_phone_is_explained_and_kept(client):
    event = make_event()
    response = sign_up(client, event, name="Lupe", contact="555-01", needs="A ramp")
    assert response.status_code == 400
    body = response.content.decode()
    assert "a US phone number with its area code" in body
    assert 'value="Lupe"' in body and "A ramp" in body  # nothing typed is lost
    assert not Registration.objects.exists()


def test_without_walk_ins_a_name_and_a_contact_are_needed(client):
    event = make_event(walk_ins=False)
    response = sign_up(client, event)
    assert response.status_code == 400
    assert "only lets in people on the list" in response.content.decode()
    assert sign_up(client, event, name="Lu", contact="lu@example.org").status_code == 302


def test_with_walk_ins_nothing_at_all_is_needed(client):
    event = make_event(walk_ins=True)
    assert sign_up(client, event).status_code == 302
    assert Registration.objects.get().name == ""


def test_a_full_event_puts_people_on_the_waiting_list_and_a_cancel_moves_the_first_up(sent):
    event = make_event(capacity=4)
    data = {"name": "", "email": "", "phone": "", "interpretation": "", "needs": ""}

    def make(size: int, email: str = "") -> tuple[Registration, str]:
        registration, code = registrations.registration_make(
            event=event,
            data={**data, "party_size": size, "email": email},
            language="en",
            token=None,
        )
        assert code
        return registration, code

    first, first_code = make(3)
    waiting_two, _ = make(2, "dos@example.org")
    waiting_one, _ = make(1)  # fits, but waits its turn behind the family of two
    assert first.status == "confirmed"
    assert waiting_two.status == waiting_one.status == "waiting"
    mail.outbox.clear()

    found = registrations.registration_find(first_code.lower().replace("-", " "))
    assert found == first
    assert registrations.registration_find("AAAA-AAAA-AAAA") is None
    with sent():
        moved = registrations.registration_cancel(registration=found)
    assert [r.pk for r in moved] == [waiting_two.pk, waiting_one.pk]
    assert registrations.places(event).taken == 3
    (email,) = mail.outbox  # only the one with an email can be told
    assert email.to == ["dos@example.org"] and "a place opened" in email.body
    assert AuditEntry.objects.filter(action="event_registration_moved_up").count() == 2


def test_a_bigger_group_than_the_places_keeps_its_turn():
    event = make_event(capacity=3)
    data = {"name": "", "email": "", "phone": "", "interpretation": "", "needs": ""}
    first, code = registrations.registration_make(
        event=event, data={**data, "party_size": 2}, language="en", token=None
    )
    group, _ = registrations.registration_make(
        event=event, data={**data, "party_size": 3}, language="en", token=None
    )
    single, _ = registrations.registration_make(
        event=event, data={**data, "party_size": 1}, language="en", token=None
    )
    assert [first.status, group.status, single.status] == ["confirmed", "waiting", "waiting"]
    # One place is free, but the group of three is first in line: nobody jumps it.
    assert registrations.places(event).left == 1
    registrations.registration_cancel(registration=first)
    group.refresh_from_db()
    single.refresh_from_db()
    assert [group.status, single.status] == ["confirmed", "waiting"]


def test_more_places_move_the_waiting_list_up(make_staff):
    from rightsdesk.events.services import EVENT_FIELDS, event_save

    event = make_event(capacity=1)
    data = {
        "name": "",
        "email": "",
        "phone": "",
        "interpretation": "",
        "needs": "",
        "party_size": 1,
    }
    registrations.registration_make(event=event, data=data, language="en", token=None)
    waiting, _ = registrations.registration_make(event=event, data=data, language="en", token=None)
    assert waiting.status == "waiting"
    fields = {name: getattr(event, name) for name in EVENT_FIELDS}
    event_save(event=event, data={**fields, "capacity": 2}, by=make_staff("organiser"))
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"


def test_cancelling_with_the_code_on_the_page(client):
    event = make_event(capacity=1)
    sign_up(client, event, name="Ana")
    code = _code(client, event)
    other = Client()
    sign_up(other, event, name="Beto")
    statuses = {r.name: r.status for r in Registration.objects.all()}
    assert statuses == {"Ana": "confirmed", "Beto": "waiting"}

    wrong = client.post("/events/cancel/", {"code": "ZZZZ-ZZZZ-ZZZZ"})
    assert wrong.status_code == 400 and "could not find that code" in wrong.content.decode()
    done = client.post("/events/cancel/", {"code": code})
    assert done.status_code == 200 and "Your place is cancelled" in done.content.decode()
    statuses = {r.name: r.status for r in Registration.objects.all()}
    assert statuses == {"Ana": "cancelled", "Beto": "confirmed"}
    again = client.post("/events/cancel/", {"code": code})
    assert "cancelled already" in again.content.decode()


def test_no_sign_up_after_the_start_or_for_a_cancelled_event(client):
    started = make_event(starts=timezone.now() - timedelta(minutes=5))
    page = client.get(f"/events/{started.pk}/")
    assert page.context["form"] is None
    assert "already started" in page.content.decode()
    response = client.post(f"/events/{started.pk}/register/", {"party_size": "1"})
    assert response.status_code == 400 and "already started" in response.content.decode()

    off = make_event(cancelled_at=timezone.now())
    response = client.post(f"/events/{off.pk}/register/", {"party_size": "1"})
    assert response.status_code == 400 and "cancelled" in response.content.decode()
    assert not Registration.objects.exists()


def test_a_sign_up_that_starts_after_the_page_was_opened_is_refused_with_the_form_kept(client):
    event = make_event()
    page = client.get(f"/events/{event.pk}/")
    token = page.context["form"]["token"].value()
    event.starts_at = timezone.now() - timedelta(minutes=1)
    event.save()
    response = client.post(
        f"/events/{event.pk}/register/", {"token": token, "party_size": "2", "name": "Lu"}
    )
    assert response.status_code == 400
    assert "already started" in response.content.decode()


def test_the_same_form_sent_twice_signs_up_once(client):
    event = make_event()
    page = client.get(f"/events/{event.pk}/")
    form = {"token": page.context["form"]["token"].value(), "party_size": "1", "name": "Lu"}
    client.post(f"/events/{event.pk}/register/", form)
    client.post(f"/events/{event.pk}/register/", form)
    Client().post(f"/events/{event.pk}/register/", form)  # the same page, another browser
    assert Registration.objects.count() == 1


def test_twenty_sign_ups_from_one_address_in_a_minute_are_slowed_with_nothing_lost(
    client, monkeypatch
):
    from types import SimpleNamespace

    from rightsdesk.core import ratelimit

    # All within one minute's window, however slow the machine.
    monkeypatch.setattr(ratelimit, "time", SimpleNamespace(time=lambda: 1_800_000_000.0))
    event = make_event()
    statuses = [sign_up(client, event, name=f"N{n}").status_code for n in range(20)]
    assert statuses[:5] == [302] * 5
    assert set(statuses[5:]) == {429}
    refused = sign_up(client, event, name="Lupe", needs="A ramp")
    body = refused.content.decode()
    assert "Please wait a few minutes" in body and 'value="Lupe"' in body and "A ramp" in body
    assert Registration.objects.count() == 5


def test_a_group_bigger_than_the_event_is_told_how_many_places_there_are(client):
    event = make_event(capacity=2)
    response = sign_up(client, event, party_size="3")
    assert response.status_code == 400
    assert "2 places in all" in response.content.decode()


def test_the_public_page_counts_places_left_and_says_when_it_is_full(client):
    event = make_event(capacity=2)
    assert "2 places left" in client.get(f"/events/{event.pk}/").content.decode()
    sign_up(client, event, party_size="2")
    body = Client().get(f"/events/{event.pk}/").content.decode()
    assert "This event is full" in body and "Join the waiting list" in body


def test_the_private_address_is_shown_only_after_signing_up(client):
    event = make_event(place="after_signup", address="St. Anne Parish Hall, 12 Oak St, Carthage")
    assert "St. Anne" not in client.get(f"/events/{event.pk}/").content.decode()
    assert "St. Anne" not in client.get("/events/").content.decode()
    assert b"St. Anne" not in client.get(f"/events/{event.pk}/event.ics").content
    sign_up(client, event)
    assert "St. Anne" in client.get(f"/events/{event.pk}/registered/").content.decode()


def test_signing_up_in_spanish_answers_in_spanish(client, sent):
    client.cookies["rd_language"] = "es"
    event = make_event(interpretation=",mam,")
    page = client.get(f"/events/{event.pk}/")
    assert "Inscribirme" in page.content.decode() or "Apuntarme" in page.content.decode()
    with sent():
        sign_up(client, event, contact="ana@example.org", interpretation="mam")
    registration = Registration.objects.get()
    assert registration.language == "es" and registration.interpretation == "mam"
    (email,) = mail.outbox
    assert "Tiene un lugar" in email.body


def test_a_group_left_bigger_than_a_lowered_capacity_does_not_block_the_line():
    event = make_event(capacity=10)
    data = {"name": "", "email": "", "phone": "", "interpretation": "", "needs": ""}

    def make(size: int) -> Registration:
        return registrations.registration_make(
            event=event, data={**data, "party_size": size}, language="en", token=None
        )[0]

    first = make(8)
    big = make(6)  # waits
    event.capacity = 4
    event.save()
    event.refresh_from_db()
    registrations.registration_cancel(registration=first)
    newcomer = make(2)  # the group of six can never fit now: it must not hold the line
    big.refresh_from_db()
    assert (big.status, newcomer.status) == ("waiting", "confirmed")


def test_nobody_moves_up_once_the_event_has_started(sent):
    event = make_event(capacity=1)
    data = {"name": "", "email": "", "phone": "", "interpretation": "", "needs": "",
            "party_size": 1}  # fmt: skip
    first, _ = registrations.registration_make(event=event, data=data, language="en", token=None)
    second, _ = registrations.registration_make(
        event=event, data={**data, "email": "dos@example.org"}, language="en", token=None
    )
    event.starts_at = timezone.now() - timedelta(minutes=10)
    event.save()
    mail.outbox.clear()
    with sent():
        assert registrations.registration_cancel(registration=first) == []
    second.refresh_from_db()
    assert second.status == "waiting" and not mail.outbox


def test_cancelling_forgets_the_receipt_in_this_browser(client):
    event = make_event(place="after_signup", address="St. Anne Parish Hall")
    sign_up(client, event)
    code = _code(client, event)
    client.post("/events/cancel/", {"code": code})
    after = client.get(f"/events/{event.pk}/registered/")
    assert after.status_code == 302  # back to the event page: no code, no address
    assert "St. Anne" not in client.get(after["Location"]).content.decode()
