"""`rightsdesk serve --processes N`: several server processes on one socket that share the
cache (rate limits) and the task queue, with one background worker, run as a user would."""

import re
import sqlite3
import subprocess
import threading
import urllib.parse
import urllib.request
import uuid
from collections import Counter
from http.cookiejar import CookieJar
from pathlib import Path

import pytest
from django.db import connection

from rightsdesk.core.tests.test_serve_privacy import _bench_intake
from rightsdesk.core.tests.test_settings_and_cli import (
    RIGHTSDESK,
    _env,
    _run,
    _wait_for,
    free_port,
)

_ACCESS = re.compile(r"\[(\d+)\] rightsdesk\.access (\w+) (\S+) (\d{3}) ")
FORMS_PER_HOUR = 3


def _serve(tmp_path: Path, port: int, *args: str, **env: str):
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [RIGHTSDESK, "serve", "--port", str(port), *args],
        env={**_env(tmp_path), **env},
        cwd=tmp_path,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    log.close()
    return server


def _healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as reply:
            return reply.status == 200
    except OSError:
        return False


def _stop(server) -> None:
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


def _begin_a_form(port: int) -> int:
    """A new visitor opens the form and starts it: the status of the start (302, or 429)."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(CookieJar()), NoRedirect()
    )
    base = f"http://127.0.0.1:{port}"
    with opener.open(f"{base}/complaint/", timeout=30) as page:
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.read()).group(1)
    body = urllib.parse.urlencode({"csrfmiddlewaretoken": token.decode(), "kind": "help"})
    request = urllib.request.Request(  # noqa: S310 - our own server on the loopback address
        f"{base}/complaint/begin/", data=body.encode(), headers={"Origin": base}
    )
    try:
        with opener.open(request, timeout=30) as reply:
            return reply.status
    except urllib.error.HTTPError as error:
        return error.code


def _begins_by_process(log: Path) -> dict[int, Counter]:
    found: dict[int, Counter] = {}
    for pid, method, path, status in _ACCESS.findall(log.read_text(errors="replace")):
        if method == "POST" and path == "/complaint/begin/":
            found.setdefault(int(pid), Counter())[status] += 1
    return found


@pytest.mark.timeout(240)
def test_two_server_processes_answer_and_share_one_rate_limit(tmp_path):
    port = free_port()
    server = _serve(
        tmp_path,
        port,
        "--processes",
        "2",
        "--threads",
        "4",
        "--no-worker",
        RIGHTSDESK_FORMS_STARTED_PER_HOUR=str(FORMS_PER_HOUR),
    )
    log = tmp_path / "serve.log"
    try:
        _wait_for(lambda: _healthy(port), 90, "the server did not start")
        # A fresh install: serve made the database cache's table while migrating.
        with sqlite3.connect(tmp_path / "data" / "rightsdesk.sqlite3") as db:
            tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
        assert "rightsdesk_cache" in tables

        # Visitors from one address start forms, several at once, until each process has
        # answered more starts than the limit: with a cache per process each would allow
        # FORMS_PER_HOUR of them; with one shared cache exactly FORMS_PER_HOUR are allowed.
        statuses: list[int] = []
        lock = threading.Lock()

        def visitor() -> None:
            status = _begin_a_form(port)
            with lock:
                statuses.append(status)

        for _ in range(12):  # at most 72 starts
            threads = [threading.Thread(target=visitor) for _ in range(6)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=60)
            by_process = _begins_by_process(log)
            if len(by_process) >= 2 and all(
                sum(c.values()) > FORMS_PER_HOUR for c in by_process.values()
            ):
                break
        by_process = _begins_by_process(log)
    finally:
        _stop(server)

    # Two distinct server processes, neither of them the master, answered.
    assert len(by_process) == 2, by_process
    assert server.pid not in by_process
    assert all(sum(c.values()) > FORMS_PER_HOUR for c in by_process.values()), by_process
    assert Counter(statuses) == {302: FORMS_PER_HOUR, 429: len(statuses) - FORMS_PER_HOUR}
    assert sum(c["302"] for c in by_process.values()) == FORMS_PER_HOUR


def test_migrate_makes_the_cache_table_on_a_fresh_install(tmp_path):
    env = _env(tmp_path)
    result = _run(["migrate", "--verbosity", "0"], env)
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(tmp_path / "data" / "rightsdesk.sqlite3") as db:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
    assert "rightsdesk_cache" in tables


@pytest.fixture
def server_database():
    """The database `serve` should use: SQLite in its data directory, or on the PostgreSQL lane
    a new, empty database on the lane's server (dropped afterwards)."""
    import os

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        yield {}
        return
    import psycopg

    name = f"rd_serve_{uuid.uuid4().hex[:12]}"
    parts = urllib.parse.urlsplit(url)
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as db:
        db.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {"DATABASE_URL": parts._replace(path=f"/{name}").geturl()}
    finally:
        with psycopg.connect(admin, autocommit=True) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _screenings(tmp_path: Path, env: dict[str, str]) -> int:
    code = "from rightsdesk.triage.models import Screening; print(Screening.objects.count())"
    done = _run(["shell", "-c", code], {**_env(tmp_path), **env})
    lines = done.stdout.split()
    return int(lines[-1]) if done.returncode == 0 and lines and lines[-1].isdigit() else 0


@pytest.mark.timeout(300)
def test_a_complaint_sent_to_the_server_is_screened_by_the_one_worker(tmp_path, server_database):
    bench = _bench_intake()
    port = free_port()
    server = _serve(tmp_path, port, "--processes", "2", **server_database)
    log = tmp_path / "serve.log"
    try:
        base = f"http://127.0.0.1:{port}/"
        bench.wait_healthy(base, server, log)
        stats = bench.FlowStats()
        bench.Submission(base, 1, None, stats).run()
        assert len(stats.references) == 1, stats.errors
        # The server queued the screening after the commit; the worker took it from the queue.
        _wait_for(
            lambda: _screenings(tmp_path, server_database), 90, "the complaint was not screened"
        )
        if server_database:
            queue = _run(
                ["shell", "-c", _QUEUE_TABLES], {**_env(tmp_path), **server_database}
            ).stdout
            assert "sql-queue" in queue, queue
    finally:
        _stop(server)
    output = log.read_text(errors="replace")
    assert output.count("Huey consumer started") == 1, "one worker, whatever the processes"
    # On PostgreSQL the queue is in the database: no SQLite queue file in the data directory.
    assert (tmp_path / "data" / "tasks.sqlite3").exists() is not bool(server_database)


# Run by `rightsdesk shell` on the PostgreSQL lane: the huey storage in use, and its tables
# holding the worker's heartbeat.
_QUEUE_TABLES = """
from huey.contrib.djhuey import HUEY
from huey.contrib.sql_huey import SqlStorage
from peewee import PostgresqlDatabase
from rightsdesk.core.worker_health import last_heartbeat
storage = HUEY.storage
assert isinstance(storage, SqlStorage) and isinstance(storage.database, PostgresqlDatabase)
assert last_heartbeat(HUEY) is not None
print("sql-queue", storage.database.database)
"""


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the PostgreSQL lane checks the PostgreSQL queue"
)
def test_on_postgresql_the_task_queue_is_in_the_same_database():
    from django.conf import settings
    from peewee import PostgresqlDatabase

    assert settings.HUEY["huey_class"] == "huey.contrib.sql_huey.SqlHuey"
    queue = settings.HUEY["database"]
    assert isinstance(queue, PostgresqlDatabase)
    # The settings' database, not the test run's copy of it: what `serve` would use.
    assert queue.database == settings.DATABASES["default"]["NAME"].removeprefix("test_")
    assert "filename" not in settings.HUEY


def _settings_say(tmp_path: Path, code: str, **env: str):
    import sys

    return subprocess.run(
        [sys.executable, "-c", f"from django.conf import settings; {code}"],
        env={**_env(tmp_path), **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_redis_urls_move_the_cache_and_the_queue_to_redis(tmp_path):
    said = _settings_say(
        tmp_path,
        "print(settings.CACHES['default']['BACKEND'], settings.HUEY['huey_class'])",
        RIGHTSDESK_CACHE_URL="redis://127.0.0.1:6379/1",
        RIGHTSDESK_QUEUE_URL="redis://127.0.0.1:6379/2",
    )
    assert said.returncode == 0, said.stderr
    assert said.stdout.split() == ["django.core.cache.backends.redis.RedisCache", "huey.RedisHuey"]

    default = _settings_say(
        tmp_path, "print(settings.CACHES['default']['BACKEND'], settings.HUEY['huey_class'])"
    )
    assert default.stdout.split() == [
        "rightsdesk.core.shared_cache.AtomicDatabaseCache",
        "huey.SqliteHuey",
    ]


def test_a_cache_or_queue_url_that_is_not_redis_stops_start_up_with_a_sentence(tmp_path):
    for name in ("RIGHTSDESK_CACHE_URL", "RIGHTSDESK_QUEUE_URL"):
        said = _settings_say(tmp_path, "settings.CACHES", **{name: "memcached://127.0.0.1"})
        assert said.returncode != 0
        assert f"{name} must be a Redis address" in said.stderr
