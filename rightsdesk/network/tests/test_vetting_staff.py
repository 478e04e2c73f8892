"""The coordinator's side of vetting: the queue, the audited record page, checks, and the rules
for approving, declining, inactive and returning."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from rightsdesk.accounts.models import MfaDevice, User
from rightsdesk.accounts.roles import COORDINATORS
from rightsdesk.conftest import queries_for, sign_in
from rightsdesk.network.models import VettingCheck, Volunteer
from rightsdesk.network.tests.vetting_helpers import application
from rightsdesk.network.vetting import services
from rightsdesk.vault.audit import AuditEntry

pytestmark = pytest.mark.django_db

QUEUE = reverse("network:vetting_queue")


def record(volunteer: Volunteer) -> str:
    return reverse("network:vetting_volunteer", kwargs={"pk": volunteer.pk})


@pytest.fixture
def coordinator(make_staff):
    return make_staff(User.Role.COORDINATOR)


@pytest.fixture
def desk(client, coordinator):
    return sign_in(client, coordinator)


def fully_checked(volunteer: Volunteer, by: User) -> Volunteer:
    if volunteer.kind == Volunteer.Kind.ATTORNEY:
        services.check_bar_verified(
            volunteer=volunteer,
            admission_id=volunteer.bar_admissions.get().pk,
            note="state bar directory",
            by=by,
        )
    else:
        services.check_language_verified(
            volunteer=volunteer, code="mam", level="fluent", verified_by="Staff test", by=by
        )
    for kind in ("agreement_signed", "pledge_signed"):
        services.check_signed(volunteer=volunteer, kind=kind, signed_on=timezone.localdate(), by=by)
    return volunteer


@pytest.mark.parametrize("role", sorted(set(User.Role.values) - COORDINATORS))
def test_only_coordinators_reach_the_vetting_pages(make_staff, client, role):
    volunteer = application()
    sign_in(client, make_staff(role))
    assert client.get(QUEUE).status_code == 403
    assert client.get(record(volunteer)).status_code == 403
    assert client.post(record(volunteer), {"action": "decline", "reason": "x"}).status_code == 403
    volunteer.refresh_from_db()
    assert volunteer.status == "applied"


def test_an_approved_volunteer_cannot_open_even_their_own_record(desk, coordinator, client):
    volunteer = fully_checked(application(), coordinator)
    user, _temporary = services.volunteer_approve(
        volunteer=volunteer, username="vol-a", by=coordinator
    )
    sign_in(client, user)
    assert client.get(record(volunteer)).status_code == 403
    assert client.get(QUEUE).status_code == 403


def test_the_queue_filters_by_status_and_kind_and_flags_a_second_application(desk):
    first = application(email="same@example.org")
    application(kind="interpreter")
    second = application(email="Same@Example.org")
    Volunteer.objects.filter(pk=first.pk).update(status="declined")
    page = desk.get(QUEUE, {"status": "applied", "kind": "attorney"}).content.decode()
    assert second.reference in page and first.reference not in page
    assert "Same email as another application" in page
    page = desk.get(QUEUE, {"kind": "interpreter"}).content.decode()
    assert second.reference not in page


def test_the_queue_costs_the_same_queries_and_decrypts_only_one_page(desk):
    for _ in range(3):
        application()
    few = queries_for(desk, QUEUE)
    for _ in range(30):
        application()
    assert queries_for(desk, QUEUE) == few
    shown = AuditEntry.objects.filter(action="read", object_id="list").order_by("seq").last()
    assert len(shown.detail["ids"]) == 25 and shown.detail["purpose"] == "volunteer queue"


def test_every_read_of_a_record_is_audited(desk, coordinator):
    volunteer = application()
    page = desk.get(record(volunteer)).content.decode()
    assert volunteer.name in page and volunteer.email in page
    entry = AuditEntry.objects.filter(action="read", object_id=str(volunteer.pk)).get()
    assert entry.actor_id == coordinator.pk and entry.object_type == "network.volunteer"


def test_the_record_shows_the_other_application_with_the_same_email(desk):
    first = application(email="twin@example.org")
    second = application(email="TWIN@example.org")
    page = desk.get(record(second)).content.decode()
    assert "The same email address is on another application" in page
    assert first.reference in page


def test_checks_are_recorded_with_who_and_when_and_audited(desk, coordinator):
    volunteer = application()
    bar = volunteer.bar_admissions.get()
    response = desk.post(
        record(volunteer), {"action": "bar_check", "admission": bar.pk, "note": "bar directory"}
    )
    assert response.status_code == 302
    response = desk.post(
        record(volunteer),
        {
            "action": "language_check",
            "language": "mam",
            "verified_level": "conversational",
            "verified_by": "Interpreter Testone, by phone",
        },
    )
    assert response.status_code == 302
    response = desk.post(
        record(volunteer),
        {"action": "signed_check", "kind": "pledge_signed", "signed_on": "2026-11-30"},
    )
    assert response.status_code == 302
    bar.refresh_from_db()
    assert bar.verified_by_id == coordinator.pk and bar.verified_at is not None
    language = volunteer.languages.get(code="mam")
    assert language.verified_level == "conversational" and language.verified_by_id == coordinator.pk
    checks = list(volunteer.checks.order_by("pk"))
    assert [c.kind for c in checks] == ["bar_verified", "language_verified", "pledge_signed"]
    assert all(c.done_by_id == coordinator.pk and c.done_at for c in checks)
    assert checks[1].note == "Interpreter Testone, by phone"
    assert checks[2].signed_on == date(2026, 11, 30)
    assert (
        AuditEntry.objects.filter(action="volunteer_check", object_id=str(volunteer.pk)).count()
        == 3
    )


def test_a_signature_date_in_the_future_is_refused(desk):
    volunteer = application()
    tomorrow = (timezone.localdate() + timedelta(days=2)).isoformat()
    response = desk.post(
        record(volunteer),
        {"action": "signed_check", "kind": "agreement_signed", "signed_on": tomorrow},
    )
    assert response.status_code == 400
    assert "The date cannot be in the future." in response.content.decode()
    assert not volunteer.checks.exists()


@pytest.mark.parametrize("kind", ["attorney", "interpreter"])
def test_approving_without_the_checks_is_refused_with_what_is_missing(desk, coordinator, kind):
    volunteer = application(kind=kind)
    services.check_signed(
        volunteer=volunteer, kind="agreement_signed", signed_on=timezone.localdate(), by=coordinator
    )
    response = desk.post(record(volunteer), {"action": "approve", "username": "new-volunteer"})
    assert response.status_code == 400
    page = response.content.decode()
    needed = "a verified bar admission" if kind == "attorney" else "a verified language"
    assert needed in page and "the signed confidentiality pledge" in page
    assert "the signed volunteer agreement" not in page.split("Still needed")[1].split(".")[0]
    volunteer.refresh_from_db()
    assert volunteer.status == "applied" and volunteer.user is None
    assert not User.objects.filter(username="new-volunteer").exists()


@pytest.mark.parametrize(
    ("kind", "role"), [("attorney", "volunteer_attorney"), ("interpreter", "interpreter")]
)
def test_approving_makes_an_account_with_a_temporary_password_shown_once(
    desk, coordinator, kind, role, django_capture_on_commit_callbacks
):
    volunteer = fully_checked(application(kind=kind), coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = desk.post(record(volunteer), {"action": "approve", "username": "new-volunteer"})
    assert response.status_code == 200
    page = response.content.decode()
    volunteer.refresh_from_db()
    user = volunteer.user
    assert volunteer.status == "approved" and volunteer.decided_by_id == coordinator.pk
    assert user.username == "new-volunteer" and user.role == role and user.must_change_password
    assert not MfaDevice.objects.filter(user=user).exists()  # set up at first sign-in, like staff
    temporary = page.split('id="temporary-password">')[1].split("<")[0]
    assert user.check_password(temporary)
    assert temporary not in desk.get(record(volunteer)).content.decode()
    assert AuditEntry.objects.filter(
        action="volunteer_approved", object_id=str(volunteer.pk)
    ).exists()
    assert AuditEntry.objects.filter(action="staff_created", object_id=str(user.pk)).exists()
    assert mail.outbox[-1].to == [volunteer.email] and "approved" in mail.outbox[-1].subject
    assert temporary not in mail.outbox[-1].body


def test_a_law_student_gets_the_role_the_coordinator_chooses(desk, coordinator):
    volunteer = fully_checked(application(kind="law_student"), coordinator)
    response = desk.post(record(volunteer), {"action": "approve", "username": "student-one"})
    assert response.status_code == 400  # no role chosen
    response = desk.post(
        record(volunteer),
        {"action": "approve", "username": "student-one", "role": "volunteer_attorney"},
    )
    assert response.status_code == 200
    volunteer.refresh_from_db()
    assert volunteer.user.role == "volunteer_attorney"


def test_a_taken_username_is_refused(desk, coordinator, make_staff):
    make_staff(User.Role.ATTORNEY, username="taken")
    volunteer = fully_checked(application(), coordinator)
    response = desk.post(record(volunteer), {"action": "approve", "username": "TAKEN"})
    assert response.status_code == 400
    assert "That username is taken" in response.content.decode()


def test_declining_keeps_the_reason_encrypted_and_emails_kindly_without_it(
    desk, django_capture_on_commit_callbacks
):
    from rightsdesk.vault.testing import plaintext_found

    volunteer = application()
    with django_capture_on_commit_callbacks(execute=True):
        response = desk.post(
            record(volunteer), {"action": "decline", "reason": "Bar number not found anywhere"}
        )
    assert response.status_code == 302
    volunteer.refresh_from_db()
    assert volunteer.status == "declined"
    assert volunteer.decline_reason == "Bar number not found anywhere"
    assert plaintext_found(["Bar number not found anywhere"]) == []
    email = mail.outbox[-1]
    assert email.to == [volunteer.email]
    assert "cannot use your help" in email.body and "Bar number" not in email.body
    assert AuditEntry.objects.filter(
        action="volunteer_declined", object_id=str(volunteer.pk)
    ).exists()
    assert desk.post(record(volunteer), {"action": "decline", "reason": "again"}).status_code == 400


def test_declining_needs_a_reason(desk):
    volunteer = application()
    response = desk.post(record(volunteer), {"action": "decline", "reason": ""})
    assert response.status_code == 400
    assert "Write the reason" in response.content.decode()


def test_inactive_disables_the_account_and_returning_enables_it(desk, coordinator):
    volunteer = fully_checked(application(), coordinator)
    user, _temporary = services.volunteer_approve(
        volunteer=volunteer, username="vol-b", by=coordinator
    )
    assert desk.post(record(volunteer), {"action": "inactive"}).status_code == 302
    volunteer.refresh_from_db()
    user.refresh_from_db()
    assert volunteer.status == "inactive" and not user.is_active
    assert desk.post(record(volunteer), {"action": "return"}).status_code == 302
    volunteer.refresh_from_db()
    user.refresh_from_db()
    assert volunteer.status == "approved" and user.is_active
    actions = set(
        AuditEntry.objects.filter(object_id=str(volunteer.pk)).values_list("action", flat=True)
    )
    assert {"volunteer_inactive", "volunteer_returned"} <= actions


def test_an_application_cannot_return_or_go_inactive_before_approval(desk):
    volunteer = application()
    assert desk.post(record(volunteer), {"action": "return"}).status_code == 400
    assert desk.post(record(volunteer), {"action": "inactive"}).status_code == 400
    volunteer.refresh_from_db()
    assert volunteer.status == "applied"


def test_a_bar_admission_of_another_application_cannot_be_verified_through_this_one(desk):
    ours, theirs = application(), application()
    response = desk.post(
        record(ours), {"action": "bar_check", "admission": theirs.bar_admissions.get().pk}
    )
    assert response.status_code == 400
    assert not VettingCheck.objects.exists()
    assert theirs.bar_admissions.get().verified_at is None


def test_the_demo_makes_applications_in_every_state_once():
    from rightsdesk.network.vetting.demo import demo

    accounts = demo(timezone.now())
    assert demo(timezone.now()) == []
    statuses = sorted(Volunteer.objects.values_list("status", flat=True))
    assert statuses == ["applied"] * 3 + ["approved"] * 2 + ["declined", "inactive"]
    assert {role for _u, role, _p in accounts} == {"volunteer_attorney", "interpreter"}
    assert not User.objects.get(username="demo-returning").is_active
    # Only accounts that can sign in are offered on the demo sheet.
    assert "demo-returning" not in {username for username, _r, _p in accounts}
    assert len(accounts) == 2
    twins = Volunteer.objects.filter(kind="law_student")
    assert twins.count() == 2 and len({v.email_index for v in twins}) == 1
