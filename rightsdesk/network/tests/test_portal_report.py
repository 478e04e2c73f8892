"""Visit reports: who was seen, the needs found, and follow-ups that become a matter (with its
conflict check) or a task, in one step; who may file them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from rightsdesk.accounts.models import User
from rightsdesk.cases import services as cases
from rightsdesk.cases.models import ConflictCheck, Matter, Party, Task
from rightsdesk.conftest import sign_in
from rightsdesk.network.models import FollowUp, VisitReport
from rightsdesk.network.portal import services
from rightsdesk.network.tests.portal_helpers import make_visit, make_volunteer, sign_up
from rightsdesk.vault.models import AuditEntry
from rightsdesk.vault.testing import plaintext_found

pytestmark = pytest.mark.django_db

Role = User.Role


def _staff_url(visit):
    return reverse("network:report_edit", kwargs={"pk": visit.pk})


def _portal_url(visit):
    return reverse("portal:report_file", kwargs={"pk": visit.pk})


def _report_data(visit, summary="Saw two people; the unit was locked down at noon."):
    data = {"action": "report", "summary": summary}
    for i, person in enumerate(visit.people.all()):
        data[f"person-{person.pk}-seen"] = "yes" if i == 0 else "no"
        data[f"person-{person.pk}-needs"] = (
            "Bond hearing soon; needs a Mam interpreter" if i == 0 else ""
        )
    return data


@pytest.fixture
def visit():
    return make_visit(people=[("Rosa Example", ["mam", "es"]), ("Tomas Sample", ["quc"])])


def test_the_coordinator_files_who_was_seen_and_their_needs_encrypted(client, make_staff, visit):
    coordinator = make_staff(Role.COORDINATOR)
    sign_in(client, coordinator)
    page = client.get(_staff_url(visit))
    assert page.status_code == 200
    assert b"Rosa Example" in page.content and b"Was Tomas Sample seen?" in page.content

    response = client.post(_staff_url(visit), _report_data(visit))
    assert response.status_code == 302
    report = VisitReport.objects.get(visit=visit)
    assert report.filed_by_id == coordinator.pk and "locked down" in report.summary
    rosa, tomas = visit.people.order_by("pk")
    assert (rosa.seen, tomas.seen) == (True, False)
    assert "Bond hearing" in rosa.needs
    entry = AuditEntry.objects.get(action="visit_report_filed")
    assert entry.object_id == str(visit.pk) and entry.detail["seen"] == 1
    assert plaintext_found(["Bond hearing soon", "locked down at noon", "Rosa Example"]) == []
    # The people shown on the report page are recorded as read.
    assert AuditEntry.objects.filter(
        action="read", object_type="network.visitperson", detail__purpose="visit report"
    ).exists()


def test_a_follow_up_opens_a_matter_with_its_client_and_a_conflict_check_in_one_step(
    client, make_staff, visit
):
    admin = make_staff(Role.ADMIN)
    earlier = cases.matter_open(title="Earlier matter", kind=Matter.Kind.IMPACT, by=admin)
    cases.party_add(matter=earlier, role=Party.Role.ADVERSE, name="Rosa Example", by=admin)
    attorney = make_staff(Role.ATTORNEY)
    sign_in(client, attorney)
    client.post(_staff_url(visit), _report_data(visit))
    rosa = visit.people.order_by("pk").first()

    response = client.post(
        _staff_url(visit),
        {
            "action": "follow_up",
            "person": str(rosa.pk),
            "description": "Prepare for the bond hearing",
            "becomes": "matter",
            "matter_title": "Bond hearing",
        },
        follow=True,
    )
    assert response.status_code == 200
    follow_up = FollowUp.objects.get()
    matter = follow_up.matter
    assert matter is not None and matter.kind == Matter.Kind.IMMIGRATION
    assert matter.title == "Bond hearing" and follow_up.task is None
    client_party = matter.parties.get()
    assert (client_party.role, client_party.name) == (Party.Role.CLIENT, "Rosa Example")
    check = ConflictCheck.objects.get(matter=matter)
    assert check.decision == "" and check.hits[0]["matter_id"] == earlier.pk
    rosa.refresh_from_db()
    assert rosa.matter_id == matter.pk
    body = response.content.decode()
    assert "Possible conflict: an attorney must decide." in body
    # An attorney sees the hit itself and the matters page's own decision form.
    assert f"/staff/matters/{earlier.pk}/" in body
    assert f'action="/staff/matters/{matter.pk}/"' in body
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"follow_up_added", "matter_opened", "party_added", "follow_up_matter_opened"} <= actions


def test_the_conflict_is_decided_the_way_the_matters_pages_decide_it(client, make_staff, visit):
    admin = make_staff(Role.ADMIN)
    earlier = cases.matter_open(title="Earlier", kind=Matter.Kind.IMPACT, by=admin)
    cases.party_add(matter=earlier, role=Party.Role.ADVERSE, name="Rosa Example", by=admin)
    attorney = make_staff(Role.ATTORNEY)
    report = services.visit_report_file(visit=visit, summary="", outcomes={}, by=attorney)
    _follow_up, check = services.follow_up_add(
        report=report,
        person=visit.people.order_by("pk").first(),
        description="Bond",
        by=attorney,
        then=services.FollowUpAction(kind="matter", title="Bond"),
    )
    sign_in(client, attorney)
    # The report page's decision form posts this to the matter's page.
    response = client.post(
        reverse("cases:matter", kwargs={"pk": check.matter_id}),
        {"action": "decide", "check_id": check.pk, "decision": "waived", "note": "Other person"},
    )
    assert response.status_code == 302
    check.refresh_from_db()
    assert check.decision == "waived" and check.decided_by_id == attorney.pk
    page = client.get(_staff_url(visit)).content.decode()
    assert "Possible conflict, cleared by an attorney" in page


def test_a_coordinator_opens_the_matter_and_sees_how_many_matches_but_not_whose(
    client, make_staff, visit
):
    admin = make_staff(Role.ADMIN)
    earlier = cases.matter_open(title="Earlier", kind=Matter.Kind.IMPACT, by=admin)
    cases.party_add(matter=earlier, role=Party.Role.ADVERSE, name="Rosa Example", by=admin)
    sign_in(client, make_staff(Role.COORDINATOR))
    client.post(_staff_url(visit), _report_data(visit))
    rosa = visit.people.order_by("pk").first()
    response = client.post(
        _staff_url(visit),
        {
            "action": "follow_up",
            "person": str(rosa.pk),
            "description": "Bond",
            "becomes": "matter",
            "matter_title": "Bond hearing",
        },
        follow=True,
    )
    body = response.content.decode()
    matter = FollowUp.objects.get().matter
    assert matter is not None
    assert "1 possible match" in body and "an attorney must decide" in body
    # Matches may come from complaints the coordinator may not read: names for attorneys only.
    assert f"/staff/matters/{earlier.pk}/" not in body and "— adverse" not in body
    assert 'name="decision"' not in body


def test_a_follow_up_becomes_a_task_on_a_matter_the_user_may_reach(client, make_staff, visit):
    attorney = make_staff(Role.ATTORNEY)
    existing = cases.matter_open(title="Existing", kind=Matter.Kind.IMMIGRATION, by=attorney)
    services.visit_report_file(visit=visit, summary="", outcomes={}, by=attorney)
    sign_in(client, attorney)
    due = (timezone.localdate() + timedelta(days=7)).isoformat()
    response = client.post(
        _staff_url(visit),
        {
            "action": "follow_up",
            "description": "Send the bond packet",
            "becomes": "task",
            "matter_number": str(existing.pk),
            "task_title": "Send the bond packet",
            "due": due,
        },
    )
    assert response.status_code == 302
    follow_up = FollowUp.objects.get()
    task = Task.objects.get(matter=existing)
    assert follow_up.task_id == task.pk and follow_up.matter_id == existing.pk
    assert task.title == "Send the bond packet" and task.due.isoformat() == due
    assert AuditEntry.objects.filter(action="follow_up_task_added").exists()
    assert Matter.objects.count() == 1


def test_a_task_on_a_matter_that_does_not_exist_is_refused_and_nothing_is_saved(
    client, make_staff, visit
):
    attorney = make_staff(Role.ATTORNEY)
    services.visit_report_file(visit=visit, summary="", outcomes={}, by=attorney)
    sign_in(client, attorney)
    response = client.post(
        _staff_url(visit),
        {
            "action": "follow_up",
            "description": "Call the family",
            "becomes": "task",
            "matter_number": "999999",
            "task_title": "Call the family",
        },
    )
    assert response.status_code == 400
    assert b"There is no matter with that number" in response.content
    assert FollowUp.objects.count() == 0 and Task.objects.count() == 0


def test_a_new_matter_needs_the_person_it_is_for(client, make_staff, visit):
    attorney = make_staff(Role.ATTORNEY)
    services.visit_report_file(visit=visit, summary="", outcomes={}, by=attorney)
    sign_in(client, attorney)
    response = client.post(
        _staff_url(visit),
        {"action": "follow_up", "description": "x", "becomes": "matter", "matter_title": "T"},
    )
    assert response.status_code == 400
    assert b"Choose who the new matter is for" in response.content
    assert Matter.objects.count() == 0 and FollowUp.objects.count() == 0


def test_a_waiting_follow_up_is_turned_into_a_matter_later_and_only_once(client, make_staff, visit):
    attorney = make_staff(Role.ATTORNEY)
    report = services.visit_report_file(visit=visit, summary="", outcomes={}, by=attorney)
    tomas = visit.people.order_by("pk").last()
    follow_up, check = services.follow_up_add(
        report=report, person=tomas, description="Credible fear", by=attorney
    )
    assert check is None and follow_up.matter is None
    sign_in(client, make_staff(Role.COORDINATOR))
    data = {
        "action": "act",
        "follow_up": str(follow_up.pk),
        f"fu-{follow_up.pk}-becomes": "matter",
        f"fu-{follow_up.pk}-matter_title": "Credible-fear interview",
    }
    assert client.post(_staff_url(visit), data).status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.matter.parties.get().name == "Tomas Sample"
    # Pressed again (a second tab): no second matter.
    client.post(_staff_url(visit), data)
    assert Matter.objects.count() == 1
    with pytest.raises(services.FollowUpRefused):
        services.follow_up_act(
            follow_up=follow_up,
            action=services.FollowUpAction(kind="matter", title="Again"),
            by=attorney,
        )


def test_the_visits_attorney_files_the_report_and_follow_ups_but_opens_no_matter(
    client, make_staff, visit
):
    user = make_staff(Role.VOLUNTEER_ATTORNEY)
    sign_up(visit, make_volunteer(user))
    sign_in(client, user)
    page = client.get(_portal_url(visit))
    assert page.status_code == 200 and b"Rosa Example" in page.content
    assert client.post(_portal_url(visit), _report_data(visit)).status_code == 302
    rosa = visit.people.order_by("pk").first()
    response = client.post(
        _portal_url(visit),
        {
            "action": "follow_up",
            "person": str(rosa.pk),
            "description": "Needs a bond hearing",
            # Fields only staff get: ignored.
            "becomes": "matter",
            "matter_title": "Bond",
        },
    )
    assert response.status_code == 302
    follow_up = FollowUp.objects.get()
    assert follow_up.created_by_id == user.pk and follow_up.matter is None
    assert Matter.objects.count() == 0
    page = client.get(_portal_url(visit)).content.decode()
    assert "the coordinator decides what it becomes" in page
    assert 'name="becomes"' not in page


@pytest.mark.parametrize("who", ["not on it", "cancelled", "interpreter on it", "applied only"])
def test_only_the_visits_own_attorney_reaches_its_report_from_the_portal(
    client, make_staff, visit, who
):
    role = Role.INTERPRETER if who == "interpreter on it" else Role.VOLUNTEER_ATTORNEY
    user = make_staff(role)
    volunteer = make_volunteer(user, status="applied" if who == "applied only" else "approved")
    if who == "cancelled":
        signup = sign_up(visit, volunteer)
        signup.cancelled_at = timezone.now()
        signup.save()
    elif who == "interpreter on it":
        sign_up(visit, volunteer, role="interpreter", language="mam")
    elif who == "applied only":
        sign_up(visit, volunteer)
    # Someone else is the visit's attorney.
    sign_up(visit, make_volunteer(make_staff(Role.VOLUNTEER_ATTORNEY)))
    sign_in(client, user)
    expected = 403 if role == Role.INTERPRETER else 404
    for response in (
        client.get(_portal_url(visit)),
        client.post(_portal_url(visit), _report_data(visit)),
    ):
        assert response.status_code == expected
        assert b"Rosa Example" not in response.content
    assert not VisitReport.objects.exists()


def test_a_visit_that_has_not_happened_or_was_cancelled_takes_no_report(client, make_staff):
    sign_in(client, make_staff(Role.COORDINATOR))
    future = make_visit(on=timezone.localdate() + timedelta(days=3), people=[("Ana Test", [])])
    response = client.post(_staff_url(future), _report_data(future))
    assert response.status_code == 400 and b"has not happened yet" in response.content
    cancelled = make_visit(status="cancelled")
    response = client.post(_staff_url(cancelled), _report_data(cancelled))
    assert response.status_code == 400 and b"was cancelled" in response.content
    assert not VisitReport.objects.exists()


def test_a_person_from_another_visit_cannot_be_named_on_a_follow_up(make_staff, visit):
    attorney = make_staff(Role.ATTORNEY)
    report = services.visit_report_file(visit=visit, summary="", outcomes={}, by=attorney)
    stranger = make_visit(people=[("Other Person", [])]).people.get()
    with pytest.raises(services.FollowUpRefused):
        services.follow_up_add(report=report, person=stranger, description="x", by=attorney)


def test_the_demo_adds_a_report_with_a_follow_up_once(make_staff):
    from rightsdesk.network.portal.demo import demo

    make_staff(Role.COORDINATOR, username="demo-coordinator")
    make_staff(Role.VOLUNTEER_ATTORNEY, username="demo-volunteer")
    demo(timezone.now())
    demo(timezone.now())
    report = VisitReport.objects.get()
    assert report.follow_ups.count() == 2
    opened = report.follow_ups.exclude(matter=None).get()
    assert opened.matter.parties.get().name == "Marta Ejemplo"
    assert Matter.objects.count() == 1


def test_filing_the_report_marks_the_visit_done_and_when_its_volunteers_last_went(
    make_staff, visit
):
    user = make_staff(Role.VOLUNTEER_ATTORNEY)
    volunteer = make_volunteer(user)
    sign_up(visit, volunteer)
    gone = make_volunteer(make_staff(Role.VOLUNTEER_ATTORNEY))
    signup = sign_up(visit, gone)
    signup.cancelled_at = timezone.now()
    signup.save()
    services.visit_report_file(visit=visit, summary="Saw them.", outcomes={}, by=user)
    visit.refresh_from_db()
    volunteer.refresh_from_db()
    gone.refresh_from_db()
    assert visit.status == visit.Status.DONE
    assert volunteer.last_visit_on == visit.on
    # Someone who cancelled did not go.
    assert gone.last_visit_on is None
