from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from rightsdesk.accounts.middleware import SIGNED_IN_AT
from rightsdesk.accounts.models import User
from rightsdesk.vault import crypto
from rightsdesk.vault.keyring import create_key_file, read_key_file

PASSWORD = "a long test password 4 staff"


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    """Rate-limit counters live in the cache: each test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def make_staff(db: Any) -> Callable[..., User]:
    counter = iter(range(1, 10_000))

    def make(role: str = User.Role.ATTORNEY, **fields: Any) -> User:
        fields.setdefault("username", f"{role}-{next(counter)}")
        user = User(role=role, **fields)
        user.set_password(PASSWORD)
        user.save()
        return user

    return make


def sign_in(client: Client, user: User) -> Client:
    """A fully signed-in session (password and second factor), without the sign-in screens."""
    client.force_login(user)
    session = client.session
    session[SIGNED_IN_AT] = timezone.now().isoformat()
    session.save()
    return client


def queries_for(client: Client, url: str) -> int:
    """How many queries one page costs, to prove list pages do not grow with the table."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.fixture
def staff_client(client: Client, make_staff: Callable[..., User]) -> Callable[[str], Client]:
    def for_role(role: str) -> Client:
        return sign_in(client, make_staff(role))

    return for_role


@pytest.fixture
def fresh_keys(tmp_path: Path, settings: Any) -> Iterator[Path]:
    """A key file of the test's own, so rotation tests never touch the suite's keys."""
    key_file = tmp_path / "keys" / "keys.json"
    create_key_file(key_file)
    settings.KEY_FILE = key_file
    crypto.use_keyring(read_key_file(key_file))
    yield key_file
    crypto.use_keyring(None)


@pytest.fixture(autouse=True)
def file_store(tmp_path: Path, settings: Any) -> Path:
    """Every test's stored files go to a folder of its own (so key-rotation tests never meet
    another test's files, sealed with another key)."""
    root = tmp_path / "files"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**settings.STORAGES["default"], "OPTIONS": {"location": root}},
    }
    return root


@pytest.fixture
def small_disk(settings: Any, file_store: Path) -> Iterator[Path]:
    """The file store on a pretend disk with room for 4 KB (SmallDiskStorage): writes past it
    fail with ENOSPC. Set ``SmallDiskStorage.room`` to free space again."""
    from rightsdesk.vault.testing import SmallDiskStorage

    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "rightsdesk.vault.testing.SmallDiskStorage",
            "OPTIONS": {"location": file_store},
        },
    }
    SmallDiskStorage.room = 4096
    yield file_store
    SmallDiskStorage.room = 0


# --- browser tests (Debian's Chromium driven by Playwright; no browser is ever downloaded) -----

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    import os

    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # around it are ordinary blocking calls.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


class Browsing:
    """A page plus a record of every request that tried to leave our own origin."""

    def __init__(self, browser: Any, base_url: str, **context_options: Any) -> None:
        self.base_url = base_url
        self.foreign_requests: list[str] = []
        self.context = browser.new_context(base_url=base_url, **context_options)
        self.context.route("**/*", self._guard)
        self.page = self.context.new_page()

    def _guard(self, route: Any) -> None:
        url = route.request.url
        if url.startswith(self.base_url) or url.startswith("data:"):
            route.continue_()
        else:
            self.foreign_requests.append(url)
            route.abort()

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def browsing(chromium: Any, live_server: Any) -> Iterator[Callable[..., Browsing]]:
    opened: list[Browsing] = []

    def open_context(**options: Any) -> Browsing:
        session = Browsing(chromium, live_server.url, **options)
        opened.append(session)
        return session

    yield open_context
    for session in opened:
        assert session.foreign_requests == [], "a page tried to reach another origin"
        session.close()


WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def axe_violations(page: Any) -> list[str]:
    """axe-core (shipped inside axe-playwright-python) run in the page; returns readable lines."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    lines = []
    for violation in results.response["violations"]:
        targets = [node["target"] for node in violation["nodes"]][:10]
        why = violation["nodes"][0].get("failureSummary", "")[:300]
        lines.append(f"{violation['id']}: {violation['help']} {targets} {why}")
    return lines


def pytest_report_header(config: Any) -> str:
    from django.conf import settings

    return f"database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}"


def click_and_wait(page: Any, locator: Any) -> None:
    """Click something that loads a new page, and wait for that page."""
    with page.expect_navigation():
        locator.click()


def browser_sign_in(page: Any, username: str, password: str = PASSWORD) -> None:
    """Sign in through the real pages, setting up the authenticator on first sign-in."""
    import pyotp

    page.goto("/staff/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()
    secret = page.locator("#totp-secret").inner_text().strip()
    page.get_by_label("6-digit code from your authenticator app").fill(pyotp.TOTP(secret).now())
    with page.expect_navigation():
        page.get_by_role("button", name="Finish setting up").click()
