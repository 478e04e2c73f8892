"""Faults an installation meets in practice, run as they happen: a key file that cannot be read,
a database that is gone. Each must end in one clear sentence or a plain page, never a
traceback. (A full disk during an upload is in intake/tests/test_upload_faults.py; `kill -9`
under load in test_crash_recovery.py and bench/faults.py.)"""

import contextlib
import os
import subprocess
from pathlib import Path

import pytest
from django.test import Client

from rightsdesk.core.tests.test_settings_and_cli import RIGHTSDESK, _env, free_port

GUNICORN = str(Path(RIGHTSDESK).parent / "gunicorn")


def _key_file_fault(kind: str, key_file: Path) -> None:
    from rightsdesk.vault.keyring import create_key_file

    create_key_file(key_file)
    if kind == "permissions 000":
        key_file.chmod(0)
    elif kind == "a directory":
        key_file.unlink()
        key_file.mkdir()
    elif kind == "garbage":
        key_file.write_bytes(os.urandom(300))
    elif kind == "cut short":
        key_file.write_bytes(key_file.read_bytes()[:40])


def _snapshot(path: Path) -> tuple[int, int, int]:
    found = path.stat()
    return found.st_mode, found.st_size, found.st_mtime_ns


def _as_a_service(command: list[str]) -> list[str]:
    """Run as an ordinary service does. Root reads a file whatever its mode, so as root the
    command runs without the two capabilities that let it (util-linux's setpriv, in every
    Debian)."""
    if os.geteuid() != 0:
        return command
    return ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--", *command]


@pytest.mark.timeout(120)
@pytest.mark.parametrize(
    ("kind", "sentence"),
    [
        ("permissions 000", "cannot be read by this user (permission denied): make it owned"),
        ("a directory", "is a directory, not a file: set RIGHTSDESK_KEY_FILE to the key file"),
        ("garbage", "is damaged or not a RightsDesk key file"),
        ("cut short", "is damaged or not a RightsDesk key file"),
    ],
)
def test_an_unreadable_key_file_stops_start_up_with_its_sentence(tmp_path, kind, sentence):
    env = _env(tmp_path)
    key_file = Path(env["RIGHTSDESK_KEY_FILE"])
    _key_file_fault(kind, key_file)
    before = _snapshot(key_file)
    commands = {
        "rightsdesk serve": [RIGHTSDESK, "serve", "--port", str(free_port())],
        "rightsdesk worker": [RIGHTSDESK, "worker"],
        # --preload loads the application in gunicorn's master, as `rightsdesk serve` does.
        "a WSGI server": [
            GUNICORN,
            "--preload",
            f"--bind=127.0.0.1:{free_port()}",
            "rightsdesk.wsgi:application",
        ],
    }
    for what, command in commands.items():
        done = subprocess.run(
            _as_a_service(command),
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode != 0, f"{what} started with {kind} as its key file"
        assert "Traceback" not in done.stderr, f"{what}:\n{done.stderr}"
        assert f"The key file {key_file} {sentence}" in done.stderr, f"{what}:\n{done.stderr}"
        # One sentence on one line, not a screenful.
        assert len(done.stderr.strip().splitlines()) == 1, f"{what}:\n{done.stderr}"
    # Refusing touched nothing: no new key over the old one, no change of mode.
    assert _snapshot(key_file) == before


# --- the database unavailable ----------------------------------------------------------------


@contextlib.contextmanager
def _database_gone(message: str):
    """Every query fails as it does when the database is down, locked past its timeout or on a
    full disk. (Stopping the test database itself would take the test run with it.)"""
    from django.db import OperationalError, connection

    def refuse(execute, sql, params, many, context):
        raise OperationalError(message)

    with connection.execute_wrapper(refuse):
        yield


def _person_filling_in_the_form(language: str) -> Client:
    client = Client(raise_request_exception=False)
    client.cookies["rd_language"] = language
    assert client.post("/complaint/begin/", {"kind": "help"}).status_code == 302
    return client


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "heading"), [("en", "We cannot take this right now"), ("es", None)]
)
@pytest.mark.parametrize(
    "message", ["unable to open database file", "database or disk is full", "database is locked"]
)
def test_the_database_unavailable_gives_a_plain_page_in_the_persons_language(
    language, heading, message, caplog
):
    client = _person_filling_in_the_form(language)
    with _database_gone(message):
        response = client.post("/complaint/step/for-whom/", {"on_behalf": "self"})
    html = response.content.decode()
    assert response.status_code == 503 and response["Retry-After"] == "60"
    assert f'<html lang="{language}">' in html
    if heading:
        assert heading in html and "Use your browser's Back button" in html
    # Nothing of the machinery reaches the person.
    assert "Traceback" not in html and message not in html and "sqlite" not in html.lower()
    assert response["Content-Security-Policy"] and response["Cache-Control"] == "no-store"
    # The request log still has its one line, with the status.
    assert "POST /complaint/step/for-whom/ 503" in caplog.text


@pytest.mark.django_db
def test_staff_pages_and_the_sign_in_page_give_the_same_plain_page(make_staff):
    from rightsdesk.conftest import sign_in

    staff = sign_in(Client(raise_request_exception=False), make_staff("intake"))
    with _database_gone("unable to open database file"):
        responses = {
            "a staff page": staff.get("/staff/complaints/"),
            "signing in": Client(raise_request_exception=False).post(
                "/staff/sign-in/", {"username": "someone", "password": "a password of theirs"}
            ),
        }
    for what, response in responses.items():
        assert response.status_code == 503, what
        assert "cannot reach its records" in response.content.decode(), what


@pytest.mark.django_db
def test_plain_healthz_still_answers_so_the_form_is_not_taken_offline():
    with _database_gone("unable to open database file"):
        assert Client().get("/healthz").content == b"ok"


@pytest.mark.django_db
def test_a_real_bug_is_still_a_500_not_a_503(monkeypatch):
    from rightsdesk.core import views

    def broken(request):
        raise ValueError("a bug")

    monkeypatch.setattr(views, "render", lambda *a, **k: broken(None))
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


@pytest.mark.django_db
def test_a_full_disk_under_a_staff_upload_gives_the_plain_page(make_staff, small_disk):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from rightsdesk.cases.models import Matter
    from rightsdesk.cases.services import matter_member_add
    from rightsdesk.conftest import sign_in

    attorney = make_staff("attorney")
    matter = Matter.objects.create(title="Matter", opened_at=timezone.now())
    matter_member_add(matter=matter, user=attorney, role="attorney", by=attorney)
    client = sign_in(Client(raise_request_exception=False), attorney)
    paper = b"%PDF-1.4\n" + b"% page\n" * 2000 + b"%%EOF\n"
    response = client.post(
        f"/staff/matters/{matter.pk}/",
        {"action": "document", "kind": "evidence", "file": SimpleUploadedFile("a.pdf", paper)},
    )
    assert response.status_code == 503
    assert "Our storage is full just now" in response.content.decode()
    assert matter.documents.count() == 0
    assert [p for p in small_disk.rglob("*") if p.is_file()] == []


def test_postgres_connections_are_checked_before_reuse_after_an_outage(tmp_path):
    # Without the check, each server thread's connection that died with the database fails one
    # more request once it is back (bench/faults.py --database-outage shows it on a real cluster).
    import sys

    env = _env(tmp_path, DATABASE_URL="postgres://rightsdesk@127.0.0.1:1/rightsdesk")
    # Settings alone: django.setup() would open the task queue, which lives in that database.
    code = "from django.conf import settings; "
    code += "d = settings.DATABASES['default']; print(d['CONN_HEALTH_CHECKS'], d['CONN_MAX_AGE'])"
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.stdout.split() == ["True", "60"], done.stderr
