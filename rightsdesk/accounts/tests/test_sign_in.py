import re
from datetime import timedelta

import pyotp
import pytest
from django.db import connection
from django.utils import timezone

from rightsdesk.accounts.middleware import SIGNED_IN_AT
from rightsdesk.accounts.models import MfaDevice, User
from rightsdesk.conftest import PASSWORD, sign_in
from rightsdesk.vault.models import AuditEntry

pytestmark = pytest.mark.django_db


def _password_step(client, username, password=PASSWORD, next_url=""):
    url = "/staff/sign-in/" + (f"?next={next_url}" if next_url else "")
    return client.post(url, {"username": username, "password": password})


def _code(user, offset_steps=0):
    totp = pyotp.TOTP(MfaDevice.objects.get(user=user).secret)
    return totp.at(timezone.now() + timedelta(seconds=30 * offset_steps))


def _enrolled(make_staff, role="attorney"):
    user = make_staff(role)
    MfaDevice.objects.create(user=user, secret=pyotp.random_base32(), confirmed_at=timezone.now())
    return user


def test_first_sign_in_enrols_an_authenticator_with_a_qr_code(client, make_staff):
    user = make_staff("intake")
    response = _password_step(client, user.username)
    assert response["Location"] == "/staff/sign-in/authenticator/"
    page = client.get("/staff/sign-in/authenticator/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html and "QR code for your authenticator app" in html
    assert re.search(r"<svg[^>]*viewBox=", html), "the QR code must scale, not be clipped"
    device = MfaDevice.objects.get(user=user)
    assert device.secret in html and not device.confirmed
    # Not signed in yet: the password alone opens nothing.
    assert client.get("/staff/").status_code == 302
    response = client.post("/staff/sign-in/authenticator/", {"code": _code(user)})
    assert response["Location"] == "/staff/"
    assert client.get("/staff/").status_code == 200
    assert MfaDevice.objects.get(user=user).confirmed
    assert list(
        AuditEntry.objects.filter(object_id=str(user.pk))
        .values_list("action", flat=True)
        .order_by("seq")
    ) == ["mfa_enrolled", "login"]


def test_the_authenticator_secret_is_encrypted_in_the_database(client, make_staff):
    user = make_staff()
    _password_step(client, user.username)
    client.get("/staff/sign-in/authenticator/")
    secret = MfaDevice.objects.get(user=user).secret
    with connection.cursor() as cursor:
        cursor.execute("SELECT secret FROM accounts_mfadevice")
        raw = cursor.fetchone()[0]
    assert secret not in raw and raw.startswith("rd:")


def test_sign_in_needs_both_the_password_and_a_fresh_code(client, make_staff):
    user = _enrolled(make_staff)
    response = _password_step(client, user.username, next_url="/staff/audit/")
    assert response["Location"] == "/staff/sign-in/code/"
    bad = client.post("/staff/sign-in/code/", {"code": "000000"})
    assert bad.status_code == 200 and "did not work" in bad.content.decode()
    code = _code(user)
    assert client.post("/staff/sign-in/code/", {"code": code})["Location"] == "/staff/audit/"
    client.logout()
    _password_step(client, user.username)
    replay = client.post("/staff/sign-in/code/", {"code": code})
    assert replay.status_code == 200, "a code must never be accepted twice"


def test_a_code_from_the_next_step_is_accepted_for_clock_drift(client, make_staff):
    user = _enrolled(make_staff)
    _password_step(client, user.username)
    assert client.post("/staff/sign-in/code/", {"code": _code(user, 1)}).status_code == 302


def test_a_wrong_password_gets_one_message_whether_or_not_the_account_exists(client, make_staff):
    user = _enrolled(make_staff)
    wrong = _password_step(client, user.username, "not the password").content.decode()
    unknown = _password_step(client, "nobody-here", "not the password").content.decode()
    message = "did not match an open account"
    assert message in wrong and message in unknown


def test_an_offsite_next_address_is_ignored(client, make_staff):
    user = _enrolled(make_staff)
    _password_step(client, user.username, next_url="https://evil.example.org/")
    assert client.post("/staff/sign-in/code/", {"code": _code(user)})["Location"] == "/staff/"


def test_repeated_failures_lock_the_account_for_a_while(client, make_staff, settings):
    user = _enrolled(make_staff)
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        _password_step(client, user.username, "wrong password here")
    user.refresh_from_db()
    assert user.is_locked()
    assert "locked" in AuditEntry.objects.filter(action="login_failed").first().detail
    # Even the right password is refused while locked.
    assert _password_step(client, user.username).status_code == 200
    User.objects.filter(pk=user.pk).update(locked_until=timezone.now() - timedelta(seconds=1))
    assert _password_step(client, user.username)["Location"] == "/staff/sign-in/code/"


def test_wrong_codes_count_towards_the_lock(client, make_staff, settings):
    user = _enrolled(make_staff)
    _password_step(client, user.username)
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        response = client.post("/staff/sign-in/code/", {"code": "123456"})
    assert response["Location"] == "/staff/sign-in/"
    user.refresh_from_db()
    assert user.is_locked()


def test_the_code_step_expires(client, make_staff):
    user = _enrolled(make_staff)
    _password_step(client, user.username)
    session = client.session
    session["rd_pending_since"] = (timezone.now() - timedelta(minutes=6)).isoformat()
    session.save()
    assert (
        client.post("/staff/sign-in/code/", {"code": _code(user)})["Location"] == "/staff/sign-in/"
    )


def test_sessions_end_after_the_maximum_length(client, make_staff, settings):
    sign_in(client, make_staff())
    assert client.get("/staff/").status_code == 200
    session = client.session
    started = timezone.now() - timedelta(hours=settings.SESSION_MAX_HOURS, minutes=1)
    session[SIGNED_IN_AT] = started.isoformat()
    session.save()
    assert client.get("/staff/")["Location"].startswith("/staff/sign-in/")


def test_idle_staff_sessions_end_and_leave_no_persistent_cookie(client, make_staff, settings):
    from rightsdesk.accounts.middleware import LAST_SEEN

    sign_in(client, make_staff())
    response = client.get("/staff/")
    assert response.status_code == 200
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["expires"] == "" and cookie["max-age"] == ""
    session = client.session
    idle = timezone.now() - timedelta(minutes=settings.SESSION_IDLE_MINUTES, seconds=5)
    session[LAST_SEEN] = idle.isoformat()
    session.save()
    assert client.get("/staff/")["Location"].startswith("/staff/sign-in/")


def test_a_deactivated_account_is_signed_out_at_once(client, make_staff):
    user = make_staff()
    sign_in(client, user)
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert client.get("/staff/")["Location"].startswith("/staff/sign-in/")


def test_sign_out_needs_a_post(client, make_staff):
    sign_in(client, make_staff())
    assert client.get("/staff/sign-out/").status_code == 405
    assert client.post("/staff/sign-out/")["Location"] == "/staff/sign-in/"
    assert client.get("/staff/").status_code == 302
