import re

import pytest
from django.core.management import call_command

from rightsdesk.accounts.models import MfaDevice, User
from rightsdesk.conftest import queries_for, sign_in
from rightsdesk.vault.models import AuditEntry

pytestmark = pytest.mark.django_db


def _temporary(response):
    return re.search(r'id="temporary-password">([^<]+)<', response.content.decode()).group(1)


def test_an_admin_adds_staff_who_must_choose_a_password(client, make_staff):
    admin = make_staff("admin")
    sign_in(client, admin)
    response = client.post(
        "/staff/people/new/",
        {
            "username": "ines",
            "first_name": "Ines",
            "last_name": "Example",
            "email": "ines@example.org",
            "role": "intake",
        },
    )
    assert response.status_code == 200
    temporary = _temporary(response)
    ines = User.objects.get(username="ines")
    assert ines.role == "intake" and ines.must_change_password and ines.check_password(temporary)
    assert AuditEntry.objects.filter(
        action="staff_created", object_id=str(ines.pk), actor=admin.username
    ).exists()


def test_bad_staff_details_are_explained_and_kept(client, make_staff):
    sign_in(client, make_staff("admin"))
    response = client.post(
        "/staff/people/new/", {"username": "bad name!", "first_name": "Keep", "role": "nonsense"}
    )
    html = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in html
    assert 'value="Keep"' in html and not User.objects.filter(first_name="Keep").exists()


def test_a_temporary_password_forces_a_change_before_anything_else(client, make_staff):
    user = make_staff("attorney", must_change_password=True)
    sign_in(client, user)
    assert client.get("/staff/")["Location"] == "/staff/password/"
    response = client.post(
        "/staff/password/",
        {
            "current_password": "a long test password 4 staff",
            "new_password": "a brand new passphrase here",
            "new_password_again": "a brand new passphrase here",
        },
    )
    assert response["Location"] == "/staff/"
    user.refresh_from_db()
    assert not user.must_change_password and user.check_password("a brand new passphrase here")
    assert client.get("/staff/").status_code == 200  # still signed in after the change


def test_a_weak_new_password_is_refused_with_a_reason(client, make_staff):
    sign_in(client, make_staff("attorney"))
    response = client.post(
        "/staff/password/",
        {
            "current_password": "a long test password 4 staff",
            "new_password": "short",
            "new_password_again": "short",
        },
    )
    assert "too short" in response.content.decode()


def test_an_admin_resets_a_sign_in(client, make_staff):
    from django.utils import timezone

    member = make_staff("attorney", locked_until=timezone.now() + timezone.timedelta(minutes=9))
    MfaDevice.objects.create(user=member, secret="JBSWY3DPEHPK3PXP", confirmed_at=timezone.now())
    sign_in(client, make_staff("admin"))
    temporary = _temporary(client.post(f"/staff/people/{member.pk}/reset/"))
    member.refresh_from_db()
    assert member.check_password(temporary) and member.must_change_password
    assert not member.is_locked() and not MfaDevice.objects.filter(user=member).exists()
    assert AuditEntry.objects.filter(action="staff_reset", object_id=str(member.pk)).exists()


def test_an_admin_unlocks_changes_role_and_deactivates(client, make_staff):
    from django.utils import timezone

    member = make_staff("attorney", locked_until=timezone.now() + timezone.timedelta(minutes=9))
    admin = make_staff("admin")
    sign_in(client, admin)
    client.post(f"/staff/people/{member.pk}/unlock/")
    client.post(f"/staff/people/{member.pk}/", {"role": "legal_director"})
    client.post(f"/staff/people/{member.pk}/active/", {"active": "0"})
    member.refresh_from_db()
    assert not member.is_locked() and member.role == "legal_director" and not member.is_active
    # Opening an account page is itself recorded.
    assert AuditEntry.objects.filter(action="read", object_id=str(member.pk)).exists()


def test_an_admin_cannot_lock_themself_out(client, make_staff):
    admin = make_staff("admin")
    sign_in(client, admin)
    client.post(f"/staff/people/{admin.pk}/active/", {"active": "0"})
    client.post(f"/staff/people/{admin.pk}/", {"role": "intake"})
    admin.refresh_from_db()
    assert admin.is_active and admin.role == "admin"


def test_the_staff_list_costs_the_samequeries_for_few_or_many(client, make_staff):
    sign_in(client, make_staff("admin"))
    few = queries_for(client, "/staff/people/")
    for _ in range(30):
        make_staff("volunteer_attorney")
    assert queries_for(client, "/staff/people/") == few


def test_createstaff_makes_the_first_admin(capsys):
    call_command("createstaff", "first-admin", "--email", "a@example.org", "--temporary-password")
    admin = User.objects.get(username="first-admin")
    out = capsys.readouterr().out
    assert admin.role == "admin" and admin.must_change_password
    assert re.search(r"Temporary password \(shown once\): (\S+)", out).group(1)
