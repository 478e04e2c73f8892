"""Requests a browser would not normally send get a plain answer, and cookies share their flags."""

import logging

import pytest
from django.test import Client, override_settings

from rightsdesk.intake.tests.test_form import start

pytestmark = pytest.mark.django_db

UTF16_FORM = "application/x-www-form-urlencoded; charset=utf-16"


@pytest.mark.parametrize(
    "path", ["/complaint/begin/", "/complaint/step/what/", "/language/", "/staff/sign-in/"]
)
def test_a_form_body_in_another_charset_gets_the_plain_400_page(caplog, path):
    # CSRF checks on, as for a real browser: the CSRF middleware is what reads the body first.
    client = Client(enforce_csrf_checks=True)
    client.get("/complaint/")
    with caplog.at_level(logging.INFO, logger="django.request"):
        response = client.generic("POST", path, "kind=help".encode("utf-16"), UTF16_FORM)
    assert response.status_code == 400
    page = response.content.decode()
    assert "We could not read what your browser sent" in page
    assert "<main" in page and "/static/rightsdesk/site.css" in page
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]


def test_the_plain_400_page_is_in_the_persons_language():
    client = Client(enforce_csrf_checks=True)
    client.cookies["rd_language"] = "es"
    response = client.generic("POST", "/complaint/begin/", "kind=help".encode("utf-16"), UTF16_FORM)
    assert response.status_code == 400
    assert "No pudimos leer lo que envió su navegador" in response.content.decode()


def test_utf8_declared_explicitly_is_still_accepted(client):
    client.get("/complaint/")
    body = b"kind=help"
    response = client.generic(
        "POST", "/complaint/begin/", body, "application/x-www-form-urlencoded; charset=UTF-8"
    )
    assert response.status_code != 400


def test_other_bad_requests_get_the_same_plain_page():
    from django.test import RequestFactory

    from rightsdesk.core.errors import bad_request

    response = bad_request(RequestFactory().get("/"))
    assert response.status_code == 400
    assert "We could not read what your browser sent" in response.content.decode()


def _flags(cookie):
    return {
        "httponly": bool(cookie["httponly"]),
        "secure": bool(cookie["secure"]),
        "samesite": cookie["samesite"],
        "path": cookie["path"],
    }


@pytest.mark.parametrize("https", [False, True])
def test_the_language_cookie_has_the_same_flags_wherever_it_is_set(client, https):
    with override_settings(LANGUAGE_COOKIE_SECURE=https):
        client.get("/complaint/")
        from_switch = client.post("/language/", {"language": "es", "next": "/"})
        assert from_switch.status_code == 302
        switch_cookie = from_switch.cookies["rd_language"]

        start(client)
        from_step = client.post("/complaint/step/what/", {"what": "x", "action": "language:es"})
        step_cookie = from_step.cookies["rd_language"]

    expected = {"httponly": True, "secure": https, "samesite": "Lax", "path": "/"}
    assert _flags(switch_cookie) == expected
    assert _flags(step_cookie) == expected
