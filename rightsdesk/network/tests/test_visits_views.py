"""Facilities, the coordinator's visit pages, and the volunteer portal's claim and cancel."""

from __future__ import annotations

import json
from datetime import time, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from rightsdesk.accounts.models import User
from rightsdesk.conftest import queries_for, sign_in
from rightsdesk.network.models import (
    Facility,
    Requirement,
    Training,
    TrainingRegistration,
    TrainingTopic,
    Visit,
    VisitReport,
    VisitSignup,
    Volunteer,
)
from rightsdesk.network.tests.visits_helpers import (
    ADAMS,
    TALLAHATCHIE,
    make_visit,
    make_volunteer,
    next_saturday,
)
from rightsdesk.network.visits import services
from rightsdesk.vault.models import AuditEntry

pytestmark = pytest.mark.django_db

NOT_ENTERED = "Not entered yet — call the facility before you go"


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """Run what waits for the commit (the emails) at the end of the block, as a commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def coordinator(make_staff):
    return make_staff(User.Role.COORDINATOR)


@pytest.fixture
def coordinator_client(coordinator):
    return sign_in(Client(), coordinator)


def volunteer_client(make_staff, **fields):
    kind = fields.setdefault("kind", Volunteer.Kind.INTERPRETER)
    role = User.Role.INTERPRETER if kind == "interpreter" else User.Role.VOLUNTEER_ATTORNEY
    user = make_staff(role)
    volunteer = make_volunteer(user=user, **fields)
    return sign_in(Client(), user), volunteer


# --- facilities ---------------------------------------------------------------------------------


def test_the_three_facilities_are_seeded_with_their_counties_and_no_invented_rules():
    facilities = {f.key: f for f in Facility.objects.all()}
    assert facilities[TALLAHATCHIE].county == "28135"
    assert facilities[TALLAHATCHIE].town == "Tutwiler"
    assert facilities[TALLAHATCHIE].operator == "CoreCivic"
    assert facilities[ADAMS].county == "28001"
    madison = facilities["madison-county-detention-center"]
    assert (madison.town, madison.county, madison.kind) == ("Canton", "28089", "county_jail")
    for facility in facilities.values():
        assert not facility.visiting_hours and facility.booking_lead_days is None


def test_seeding_again_keeps_the_coordinators_rules():
    from importlib import import_module

    from django.apps import apps

    Facility.objects.filter(key=ADAMS).update(visiting_hours="Mon-Fri 8-4")
    import_module("rightsdesk.network.migrations.0003_visits").seed(apps, None)
    assert Facility.objects.filter(key=ADAMS).get().visiting_hours == "Mon-Fri 8-4"
    assert Facility.objects.count() == 3


def test_an_empty_rule_says_to_call_the_facility(coordinator_client):
    page = coordinator_client.get(reverse("network:facility_list")).content.decode()
    assert page.count(NOT_ENTERED) == 3 * 6


def test_the_coordinator_edits_the_rules_and_who_and_when_is_recorded(
    coordinator_client, coordinator
):
    facility = Facility.objects.get(key=ADAMS)
    url = reverse("network:facility_rules", args=[facility.pk])
    response = coordinator_client.post(
        url, {"visiting_hours": "Attorney visits 8:00-15:00", "booking_lead_days": "2"}
    )
    assert response.status_code == 302
    facility.refresh_from_db()
    assert facility.visiting_hours == "Attorney visits 8:00-15:00"
    assert facility.booking_lead_days == 2
    assert facility.rules_updated_by_id == coordinator.pk
    assert facility.rules_updated_at is not None
    entry = AuditEntry.objects.filter(action="facility_rules_update").get()
    assert entry.detail == {"fields": ["booking_lead_days", "visiting_hours"]}
    page = coordinator_client.get(reverse("network:facility_list")).content.decode()
    assert "Attorney visits 8:00-15:00" in page and "Book at least 2 days ahead" in page


def test_an_attorney_sees_the_rules_but_cannot_edit_them(staff_client):
    client = staff_client(User.Role.ATTORNEY)
    assert client.get(reverse("network:facility_list")).status_code == 200
    facility = Facility.objects.get(key=ADAMS)
    assert client.get(reverse("network:facility_rules", args=[facility.pk])).status_code == 403


# --- planning a visit and its gaps --------------------------------------------------------------


def test_the_coordinator_plans_a_visit_adds_a_person_and_sees_the_gaps(coordinator_client):
    saturday = next_saturday()
    response = coordinator_client.post(
        reverse("network:visit_new"),
        {
            "facility": Facility.objects.get(key=TALLAHATCHIE).pk,
            "on": saturday.isoformat(),
            "starts": "09:00",
            "ends": "13:00",
            "purpose": "outreach",
            "attorneys_needed": "2",
        },
    )
    visit = Visit.objects.get()
    assert response["Location"] == reverse("network:visit_detail", args=[visit.pk])
    url = reverse("network:visit_detail", args=[visit.pk])
    coordinator_client.post(
        url, {"action": "person", "name": "Detained Personname", "languages": ["quc", "es"]}
    )
    person = visit.people.get()
    assert person.languages == ["quc", "es"]
    page = coordinator_client.get(url).content.decode()
    day = f"{saturday:%A} {saturday.day} {saturday:%B}"
    assert f"{day}: no attorneys yet (needs 2)" in page
    assert f"{day}: no K&#x27;iche&#x27; interpreter yet" in page
    assert f"{day}: no Spanish interpreter yet" in page
    assert "Detained Personname" in page
    assert AuditEntry.objects.filter(action="read", object_type="network.visit").exists()


def test_a_visit_cannot_end_before_it_starts_or_be_in_the_past(coordinator_client):
    data = {
        "facility": Facility.objects.get(key=ADAMS).pk,
        "on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "starts": "13:00",
        "ends": "09:00",
        "purpose": "outreach",
        "attorneys_needed": "1",
    }
    response = coordinator_client.post(reverse("network:visit_new"), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "The date has passed" in page and "The visit must end after it starts." in page
    assert not Visit.objects.exists()


def test_a_person_by_matter_must_be_a_matter_the_user_may_read(coordinator_client, make_staff):
    from rightsdesk.cases.models import Matter

    matter = Matter.objects.create(title="Somebody's matter", opened_at=timezone.now())
    visit = make_visit()
    url = reverse("network:visit_detail", args=[visit.pk])
    ok = coordinator_client.post(
        url, {"action": "person", "matter": matter.pk, "languages": ["es"]}
    )
    assert ok.status_code == 302
    assert visit.people.get().matter == matter
    # A volunteer-role account is not NETWORK_STAFF at all; an unknown matter is refused.
    refused = coordinator_client.post(
        url, {"action": "person", "matter": 987654, "languages": ["es"]}
    )
    assert refused.status_code == 400
    assert "No matter with that number" in refused.content.decode()


def test_suggestions_rank_with_reasons_and_the_coordinator_adds_one(coordinator_client):
    visit = make_visit(people=[("Detained Personname", ["quc"])])
    speaker = make_volunteer(languages=[("quc", "fluent", "fluent")], free=[(5, 8, 17)])
    make_volunteer(languages=[("mam", "fluent", "")], free=[(5, 8, 17)])  # not needed
    lawyer = make_volunteer(kind="attorney", free=[(5, 8, 12)])
    url = reverse("network:visit_detail", args=[visit.pk])
    page = coordinator_client.get(url).content.decode()
    assert speaker.reference in page and lawyer.reference in page
    assert "speaks K&#x27;iche&#x27; (fluent, verified)" in page
    assert "only 09:00–12:00" in page
    response = coordinator_client.post(
        url,
        {"action": "add", "volunteer": speaker.pk, "role": "interpreter", "language": "quc"},
    )
    assert response.status_code == 302
    signup = VisitSignup.objects.get()
    assert (signup.volunteer, signup.language, signup.claimed_by_self) == (speaker, "quc", False)
    assert AuditEntry.objects.filter(action="visit_signup_add").exists()
    page = coordinator_client.get(url).content.decode()
    assert "interpreter yet" not in page
    assert speaker.name in page  # the team, by name, for the coordinator


def test_suggestions_say_when_a_required_training_is_missing(coordinator_client):
    topic = TrainingTopic.objects.create(key="orientation", name="Detention visit orientation")
    Requirement.objects.create(applies_to="visit", topic=topic)
    trained = make_volunteer(kind="attorney", free=[(5, 8, 17)])
    untrained = make_volunteer(kind="attorney", free=[(5, 8, 17)])
    now = timezone.now()
    training = Training.objects.create(
        topic=topic, title="Orientation", starts_at=now, ends_at=now + timedelta(hours=2)
    )
    TrainingRegistration.objects.create(
        training=training, volunteer=trained, registered_at=now, attended=True
    )
    page = coordinator_client.get(
        reverse("network:visit_detail", args=[make_visit().pk])
    ).content.decode()
    assert page.index(trained.reference) < page.index(untrained.reference)
    assert "has not done the required training: Detention visit orientation" in page


def test_the_visit_page_costs_the_same_queries_with_more_people_and_volunteers(
    coordinator_client,
):
    visit = make_visit(attorneys_needed=4, people=[("Person One", ["mam"])])
    make_volunteer(languages=[("mam", "fluent", "")], free=[(5, 8, 17)])
    on_it = make_volunteer(kind="attorney")
    services.visit_signup_add(visit=visit, volunteer=on_it, role="attorney", by=on_it)
    url = reverse("network:visit_detail", args=[visit.pk])
    first = queries_for(coordinator_client, url)
    for n in range(6):
        v = make_volunteer(kind="attorney", free=[(5, 8, 17)])
        if n < 2:
            services.visit_signup_add(visit=visit, volunteer=v, role="attorney", by=v)
        make_volunteer(languages=[("mam", "native", "native")], free=[(5, 9, 12), (5, 12, 13)])
    visit.people.create(name="Person Two", languages=["mam", "es"])
    assert queries_for(coordinator_client, url) == first


def test_the_visit_list_shows_gaps_and_costs_the_same_queries_with_more_visits(
    coordinator_client,
):
    visit = make_visit(people=[("Person One", ["mam"])])
    url = reverse("network:visit_list")
    first = queries_for(coordinator_client, url)
    page = coordinator_client.get(url).content.decode()
    # The date is in its own column; the gaps do not repeat it (room on a phone).
    assert '<span class="tag tag-warn">no Mam interpreter yet</span>' in page
    assert '<span class="tag tag-warn">no attorney yet</span>' in page
    assert page.count(date_format(visit.on, "l j F")) == 0
    assert "Person One" not in page
    for _ in range(5):
        visit = make_visit(facility=ADAMS, people=[("Someone", ["es"])])
        v = make_volunteer(kind="attorney")
        services.visit_signup_add(visit=visit, volunteer=v, role="attorney", by=v)
    assert queries_for(coordinator_client, url) == first


def test_past_visits_stay_on_the_list_with_a_way_to_their_report(coordinator_client, coordinator):
    today = timezone.localdate()
    filed = make_visit(facility=ADAMS, on=today - timedelta(days=3))
    VisitReport.objects.create(visit=filed, filed_by_id=coordinator.pk, filed_at=timezone.now())
    waiting = make_visit(on=today - timedelta(days=10))
    happening = make_visit(facility=ADAMS, on=today)
    gone = make_visit(on=today - timedelta(days=10))
    gone.status = Visit.Status.CANCELLED
    gone.save()
    make_visit(on=today - timedelta(days=90))
    make_visit(on=today + timedelta(days=1))
    page = coordinator_client.get(reverse("network:visit_list")).content.decode()
    recent = page[page.index("Recent visits") :]
    for visit in (happening, filed, waiting):
        assert f'href="{reverse("network:report_edit", args=[visit.pk])}"' in recent
    assert recent.count("network/visits/") == 3
    assert recent.index(f"/{happening.pk}/report/") < recent.index(f"/{filed.pk}/report/")
    assert recent.index(str(filed.pk) + "/report/") < recent.index(str(waiting.pk) + "/report/")
    assert "not filed yet" in recent and "filed " in recent


# --- the volunteer portal -----------------------------------------------------------------------


def test_an_interpreter_sees_only_open_places_they_can_fill(make_staff):
    client, me = volunteer_client(make_staff, languages=[("mam", "fluent", "")])
    mine = make_visit(people=[("Open Person", ["mam"])])
    spanish_only = make_visit(facility=ADAMS, people=[("Spanish Person", ["es"])])
    page = client.get(reverse("portal:visit_portal_list")).content.decode()
    assert reverse("portal:visit_portal_detail", args=[mine.pk]) in page
    assert reverse("portal:visit_portal_detail", args=[spanish_only.pk]) not in page
    assert "an interpreter for Mam" in page
    assert "Open Person" not in page and "Spanish Person" not in page
    summary = client.get(reverse("portal:visit_portal_detail", args=[mine.pk]))
    assert summary.status_code == 200
    assert "Open Person" not in summary.content.decode()  # not on it: no names
    assert NOT_ENTERED in summary.content.decode()  # the rules, before they choose
    assert (
        client.get(reverse("portal:visit_portal_detail", args=[spanish_only.pk])).status_code == 404
    )


def test_a_volunteer_claims_a_place_gets_an_email_and_cancels_it(make_staff, sent):
    client, me = volunteer_client(
        make_staff, languages=[("mam", "fluent", "")], language="es", trained=True
    )
    visit = make_visit(people=[("Detained Personname", ["mam"])])
    url = reverse("portal:visit_portal_detail", args=[visit.pk])
    with sent():
        assert client.post(url, {"place": "interpreter:mam"}).status_code == 302
    signup = VisitSignup.objects.get()
    assert (signup.volunteer, signup.claimed_by_self, signup.language) == (me, True, "mam")
    assert AuditEntry.objects.filter(action="visit_signup_claim").exists()
    page = client.get(url).content.decode()
    assert "Detained Personname" in page  # on the team now
    assert "Cancel my place" in page
    (confirmation,) = mail.outbox
    assert confirmation.to == [me.email]
    assert "Detained Personname" not in confirmation.subject + confirmation.body
    assert "Tallahatchie County Correctional Facility" in confirmation.body
    with sent():
        response = client.post(reverse("portal:visit_portal_cancel", args=[signup.pk]))
    assert response.status_code == 302
    signup.refresh_from_db()
    assert signup.cancelled_at is not None
    assert len(mail.outbox) == 2
    assert "Detained Personname" not in mail.outbox[1].body
    assert AuditEntry.objects.filter(action="visit_signup_cancel").exists()


def test_a_volunteer_cannot_cancel_someone_elses_place(make_staff):
    client, _me = volunteer_client(make_staff, languages=[("mam", "fluent", "")])
    other = make_volunteer(languages=[("mam", "fluent", "")])
    visit = make_visit(people=[("Detained Personname", ["mam"])])
    signup = services.visit_signup_add(
        visit=visit, volunteer=other, role="interpreter", language="mam", by=other
    )
    response = client.post(reverse("portal:visit_portal_cancel", args=[signup.pk]))
    assert response.status_code == 404
    signup.refresh_from_db()
    assert signup.cancelled_at is None
    # The visit is now covered for Mam: the other volunteer's visit is invisible to them.
    assert client.get(reverse("portal:visit_portal_detail", args=[visit.pk])).status_code == 404


def test_an_attorney_cannot_take_more_places_than_the_visit_needs(make_staff):
    visit = make_visit(attorneys_needed=1)
    first_client, first = volunteer_client(make_staff, kind="attorney", trained=True)
    second_client, second = volunteer_client(make_staff, kind="attorney", trained=True)
    url = reverse("portal:visit_portal_detail", args=[visit.pk])
    assert first_client.post(url, {"place": "attorney:"}).status_code == 302
    # The second page was opened before; the place is gone when they post.
    second_client.post(url, {"place": "attorney:"})
    assert list(VisitSignup.objects.values_list("volunteer", flat=True)) == [first.pk]
    with pytest.raises(services.SignupRefused):
        services.visit_signup_claim(visit=visit, volunteer=second, role="attorney", by=second.user)
    with pytest.raises(services.SignupRefused):
        services.visit_signup_add(visit=visit, volunteer=second, role="attorney", by=second.user)


def test_the_same_volunteer_cannot_claim_twice(make_staff):
    visit = make_visit(attorneys_needed=2)
    client, me = volunteer_client(make_staff, kind="attorney", trained=True)
    url = reverse("portal:visit_portal_detail", args=[visit.pk])
    client.post(url, {"place": "attorney:"})
    client.post(url, {"place": "attorney:"})
    assert VisitSignup.objects.filter(volunteer=me).count() == 1
    with pytest.raises(services.SignupRefused):
        services.visit_signup_add(visit=visit, volunteer=me, role="attorney", by=me.user)


def test_a_volunteer_without_the_required_training_is_told_which_before_taking_a_place(
    make_staff, coordinator
):
    client, me = volunteer_client(make_staff, kind="attorney")
    visit = make_visit(attorneys_needed=2, purpose="credible_fear")
    url = reverse("portal:visit_portal_detail", args=[visit.pk])
    page = client.get(url).content.decode()
    assert "you need these trainings: Credible-fear interviews, Detention visit orientation" in page
    assert reverse("portal:training_portal") in page
    assert "Take this place" not in page
    client.post(url, {"place": "attorney:"})
    assert not VisitSignup.objects.exists()
    with pytest.raises(services.SignupRefused, match="Detention visit orientation"):
        services.visit_signup_claim(visit=visit, volunteer=me, role="attorney", by=me.user)
    # Once trained for this kind of visit, they may; the coordinator could put them on anyway.
    from rightsdesk.network.tests.trainings_helpers import attended, make_training

    attended(make_training(in_days=-20), me)
    attended(make_training(topic="credible-fear-interviews", in_days=-10), me)
    assert "Take this place" in client.get(url).content.decode()
    assert client.post(url, {"place": "attorney:"}).status_code == 302
    assert VisitSignup.objects.get().volunteer == me
    untrained = make_volunteer(kind="attorney")
    services.visit_signup_add(visit=visit, volunteer=untrained, role="attorney", by=coordinator)
    assert VisitSignup.objects.count() == 2


def test_an_interpreter_cannot_claim_a_language_they_do_not_speak(make_staff):
    client, _me = volunteer_client(make_staff, languages=[("mam", "fluent", "")])
    visit = make_visit(people=[("A", ["mam"]), ("B", ["quc"])])
    url = reverse("portal:visit_portal_detail", args=[visit.pk])
    client.post(url, {"place": "interpreter:quc"})
    client.post(url, {"place": "attorney:"})
    assert not VisitSignup.objects.exists()


def test_an_account_without_an_approved_volunteer_record_gets_no_visits(make_staff):
    client = sign_in(Client(), make_staff(User.Role.INTERPRETER))
    make_visit(attorneys_needed=1)
    page = client.get(reverse("portal:visit_portal_list")).content.decode()
    assert "No open places you can take right now." in page
    user = make_staff(User.Role.INTERPRETER)
    make_volunteer(user=user, status=Volunteer.Status.APPLIED, languages=[("mam", "fluent", "")])
    visit = make_visit(people=[("A", ["mam"])])
    applied = sign_in(Client(), user)
    assert (
        applied.post(
            reverse("portal:visit_portal_detail", args=[visit.pk]), {"place": "interpreter:mam"}
        ).status_code
        == 404
    )


def test_staff_cannot_use_the_portal_and_volunteers_cannot_use_the_coordinators_pages(
    staff_client, make_staff
):
    coordinator = staff_client(User.Role.COORDINATOR)
    assert coordinator.get(reverse("portal:visit_portal_list")).status_code == 403
    client, _me = volunteer_client(make_staff)
    assert client.get(reverse("network:visit_list")).status_code == 403
    assert client.get(reverse("network:facility_list")).status_code == 403


# --- emails, reminders, the calendar feed -------------------------------------------------------


def test_the_confirmation_is_in_the_volunteers_language_with_the_rules_and_no_names(sent):
    Facility.objects.filter(key=ADAMS).update(allowed_items="No phones. Laptops with approval.")
    volunteer = make_volunteer(language="es", languages=[("es", "native", "")])
    visit = make_visit(
        facility=ADAMS, starts=time(8, 30), ends=time(12), people=[("Juana Detainedname", ["es"])]
    )
    with sent():
        services.visit_signup_add(
            visit=visit, volunteer=volunteer, role="interpreter", language="es", by=volunteer
        )
    (email,) = mail.outbox
    text = email.subject + email.body
    assert "Juana Detainedname" not in text and "Detainedname" not in text
    assert "Adams County Correctional Center" in email.body
    assert "Natchez" in email.body
    assert "08:30–12:00" in email.body
    assert "No phones. Laptops with approval." in email.body
    assert visit.on.strftime("%Y") in email.body
    # Empty rules are said plainly in the email too.
    assert email.body.count("\n- ") >= 6


def test_the_reminder_goes_the_day_before_once_and_names_no_one(sent):
    volunteer = make_volunteer(kind="attorney")
    tomorrow = timezone.localdate() + timedelta(days=1)
    visit = make_visit(on=tomorrow, people=[("Pedro Detainedname", ["es"])])
    later = make_visit(on=tomorrow + timedelta(days=3))
    services.visit_signup_add(visit=visit, volunteer=volunteer, role="attorney", by=volunteer)
    services.visit_signup_add(visit=later, volunteer=volunteer, role="attorney", by=volunteer)
    with sent():
        assert services.visit_reminders_send() == 1
        assert services.visit_reminders_send() == 0
    (reminder,) = mail.outbox
    assert reminder.subject.startswith("Reminder: facility visit tomorrow")
    assert "Pedro Detainedname" not in reminder.subject + reminder.body


def test_a_cancelled_place_gets_no_reminder():
    volunteer = make_volunteer(kind="attorney")
    visit = make_visit(on=timezone.localdate() + timedelta(days=1))
    signup = services.visit_signup_add(
        visit=visit, volunteer=volunteer, role="attorney", by=volunteer
    )
    services.visit_signup_cancel(signup=signup, by=volunteer)
    assert services.visit_reminders_send() == 0


def test_the_calendar_feed_holds_the_volunteers_visits_without_names(make_staff):
    from rightsdesk.cases.services import calendar_feed_for_token, calendar_token_new

    user = make_staff(User.Role.INTERPRETER)
    volunteer = make_volunteer(user=user, languages=[("mam", "fluent", "")], trained=True)
    visit = make_visit(starts=time(9), ends=time(13), people=[("Rosa Detainedname", ["mam"])])
    signup = services.visit_signup_claim(
        visit=visit, volunteer=volunteer, role="interpreter", language="mam", by=user
    )
    other = make_visit(facility=ADAMS, people=[("X", ["mam"])])  # not theirs
    feed = calendar_feed_for_token(calendar_token_new(user=user)).decode()
    assert f"UID:visit-signup-{signup.pk}@rightsdesk" in feed
    assert "SUMMARY:Facility visit: Tallahatchie County Correctional Facility" in feed
    assert f"DTSTART;TZID=America/Chicago:{visit.on:%Y%m%d}T090000" in feed
    assert f"DTEND;TZID=America/Chicago:{visit.on:%Y%m%d}T130000" in feed
    assert "Detainedname" not in feed and "Adams County" not in feed
    assert other.pk
    services.visit_signup_cancel(signup=signup, by=user)
    assert "visit-signup" not in calendar_feed_for_token(calendar_token_new(user=user)).decode()


# --- the command line ---------------------------------------------------------------------------


def test_the_match_command_prints_ranked_json_lines_with_ids_and_references_only():
    saturday = next_saturday()
    best = make_volunteer(
        languages=[("mam", "native", "native")], free=[(5, 8, 17)], county="28135"
    )
    second = make_volunteer(languages=[("mam", "fluent", "")], free=[(5, 8, 17)], county="28047")
    lawyer = make_volunteer(kind="attorney", free=[(5, 9, 12)], name="Lawyer Secretname")
    out = StringIO()
    call_command(
        "volunteers",
        "match",
        "--facility",
        "Tallahatchie",
        "--languages",
        "es,mam",
        "--date",
        saturday.isoformat(),
        "--starts",
        "09:00",
        "--ends",
        "13:00",
        stdout=out,
    )
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [(line["rank"], line["volunteer_id"]) for line in lines][:2] == [
        (1, best.pk),
        (2, second.pk),
    ]
    assert {line["volunteer_id"] for line in lines} == {best.pk, second.pk, lawyer.pk}
    top = lines[0]
    assert top["reference"] == best.reference and top["role"] == "interpreter"
    assert top["language"] == "mam"
    assert "speaks Mam (native or first language, verified)" in top["reasons"]
    assert top["facility"] == TALLAHATCHIE
    assert "Secretname" not in out.getvalue() and "Testname" not in out.getvalue()


def test_the_match_command_limits_and_refuses_bad_input():
    from django.core.management.base import CommandError

    for _ in range(3):
        make_volunteer(kind="attorney", free=[(5, 8, 17)])
    out = StringIO()
    call_command(
        "volunteers",
        "match",
        "--facility",
        ADAMS,
        "--date",
        next_saturday().isoformat(),
        "--limit",
        "2",
        stdout=out,
    )
    assert len(out.getvalue().splitlines()) == 2
    with pytest.raises(CommandError, match="no facility matches"):
        call_command("volunteers", "match", "--facility", "Nowhere", "--date", "2027-01-01")
    with pytest.raises(CommandError, match="unknown language codes"):
        call_command(
            "volunteers", "match", "--facility", ADAMS, "--date", "2027-01-01", "--languages", "xx"
        )
    with pytest.raises(CommandError, match="not a date"):
        call_command("volunteers", "match", "--facility", ADAMS, "--date", "Saturday")
