"""Headers, logs and assets that keep people's data on our own server."""

import re
from pathlib import Path

import pytest

from rightsdesk.conftest import sign_in

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("url", ["/", "/staff/sign-in/", "/no-such-page/"])
def test_public_responses_carry_the_privacy_headers(client, url):
    response = client.get(url)
    csp = response["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert "http" not in csp, "the policy must allow only our own origin"
    assert response["Cache-Control"] == "no-store"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_staff_pages_are_never_cached(client, make_staff):
    sign_in(client, make_staff("admin"))
    assert client.get("/staff/people/")["Cache-Control"] == "no-store"


def test_no_cookie_outlives_the_browser_session(client):
    response = client.post("/language/", {"language": "es", "next": "/"})
    assert response.status_code == 302
    for morsel in response.cookies.values():
        assert morsel["expires"] == "" and morsel["max-age"] == "", morsel.key


def test_the_language_switch_keeps_the_page_and_speaks_spanish(client):
    response = client.post("/language/", {"language": "es", "next": "/staff/sign-in/"})
    assert response["Location"] == "/staff/sign-in/"
    html = client.get("/staff/sign-in/").content.decode()
    assert 'lang="es"' in html and "Inicio de sesión del personal" in html


def test_request_logs_hold_no_address_query_or_form_contents(client, caplog):
    caplog.set_level("INFO", logger="rightsdesk.access")
    client.post(
        "/staff/sign-in/?ref=secret-query",
        {"username": "rosa-delgado", "password": "x"},
        REMOTE_ADDR="203.0.113.77",
        HTTP_X_FORWARDED_FOR="198.51.100.9",
    )
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "POST /staff/sign-in/ 200" in logged
    for secret in ("203.0.113.77", "198.51.100.9", "secret-query", "rosa-delgado"):
        assert secret not in logged


def test_no_template_style_or_script_loads_anything_from_another_origin():
    offenders = []
    pattern = re.compile(
        r"""(src|href|action)\s*=\s*["']?\s*(https?:)?//|url\(\s*["']?(https?:)?//|@import""",
        re.IGNORECASE,
    )
    for path in ROOT.rglob("*"):
        if path.suffix in {".html", ".css", ".js", ".svg"} and "tests" not in path.parts:
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if pattern.search(line) and "xmlns" not in line:
                    offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []


def test_pages_link_only_to_our_own_static_files(client):
    html = client.get("/").content.decode()
    for url in re.findall(r'(?:href|src)="([^"]+)"', html):
        assert url.startswith(("/", "#")), url
    assert client.get("/static/rightsdesk/site.css").status_code == 200


def test_an_oversized_request_is_refused_before_it_is_read(client):
    response = client.generic(
        "POST", "/complaint/step/documents/", b"x", CONTENT_LENGTH=str(60 * 1024 * 1024)
    )
    assert response.status_code == 413
    assert "too much to send at once" in response.content.decode()


def test_downloads_are_attachments_in_a_sandbox():
    from rightsdesk.core.downloads import attachment

    response = attachment(b"<html><script>x</script></html>", filename="court.pdf")
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] == "application/octet-stream"
    assert "sandbox" in response["Content-Security-Policy"]
