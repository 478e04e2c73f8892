"""Load and page-weight benchmark for the public complaint form.

Starts `rightsdesk serve` (gunicorn, SQLite in WAL mode, its worker process) in a throw-away data
directory, measures a trivial page (/healthz) and the home page (the simplest HTML page, for
reference), then has N concurrent clients fill in the whole complaint form
over plain HTTP on the loopback address, and weighs every public page. Standard library only,
plus the answers the tests fill in (rightsdesk/intake/tests/journey.py).

    python bench/intake.py [--clients 50] [--submissions 200] [--port 8765]

Exits 0 when every target holds, 1 otherwise; the figures are printed either way.
"""

from __future__ import annotations

import argparse
import gzip
import html
import http.client
import http.cookiejar
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from benchkit import load_note, ms, percentile  # noqa: E402

from rightsdesk.intake.tests import journey  # noqa: E402

HOST = "127.0.0.1"
KB = 1024
PAGE_LIMIT_KB = 30
REQUEST_TIMEOUT = 60.0
STARTUP_TIMEOUT = 60.0
TRIVIAL_SECONDS = 5.0
# Every loop is bounded in count as well as in time.
MAX_TRIVIAL_REQUESTS_PER_CLIENT = 100_000
MAX_HEALTH_POLLS = 1_000
MAX_CSS_DEPTH = 2
DUPLICATE_EVERY = 10
# The server's default; 4 and 8 gave the same throughput on two cores, 16 less.
SERVER_THREADS = 8
# Issue 14's targets: the flow against the same server's /healthz, and two processes against one.
FLOW_TO_TRIVIAL = 0.25
SCALING = 1.6

STEP_KEYS = (
    "for-whom",
    "contact",
    "detention",
    "what",
    "when-where",
    "others",
    "responsible",
    "explanation",
    "media",
    "police",
    "documents",
    "prior-actions",
    "court-dates",
    "permissions",
    "request",
)
PUBLIC_PAGES = (
    "/",
    "/complaint/",
    "/complaint/status/",
    "/complaint/continue/",
    "/complaint/paper-form/",
)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
NARRATIVE = journey.NARRATIVE

# Each simulated person gets their own loopback source address (all of 127.0.0.0/8 is loopback
# on Linux): the app limits form starts per client address and hour
# (RIGHTSDESK_FORMS_STARTED_PER_HOUR), and 50 people on 50 phones do not share one address.
# Traffic still only goes *to* 127.0.0.1.
FLOW_NET, TRIVIAL_NET, PAGES_NET = 1, 2, 3


# --- answers ---------------------------------------------------------------------------------


def answers(n: int) -> dict[str, dict[str, str]]:
    """The tests' complete, valid answers (journey.py), with a story distinct per submission."""
    today = date.today()  # noqa: DTZ011 - the server's zone may differ by a day; margins cover it
    steps = journey.answers(today)
    steps["what"]["what"] = f"{NARRATIVE}. Bench submission {n}, {uuid.uuid4()}."
    steps["when-where"]["when_date"] = (today - timedelta(days=30)).isoformat()
    return steps


# --- a minimal browser -----------------------------------------------------------------------


class FlowError(Exception):
    """Something a person filling in the form would have seen go wrong."""


@dataclass
class Reply:
    status: int
    location: str
    content_type: str
    body: bytes
    seconds: float

    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class _LoopbackHandler(urllib.request.HTTPHandler):
    """Plain HTTP to our own server only, from a chosen loopback source address."""

    def __init__(self, netloc: str, source: str | None) -> None:
        super().__init__()
        self.netloc = netloc
        self.source = source

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        if req.host != self.netloc:
            # A bug in the bench must never send traffic anywhere but the server it started.
            raise FlowError(f"refusing to contact {req.host}")
        source = (self.source, 0) if self.source else None
        return self.do_open(http.client.HTTPConnection, req, source_address=source)


class _KeepStatus(urllib.request.HTTPErrorProcessor):
    # Hand every response back untouched: 302s so the flow reads Location itself (nothing is
    # followed behind our back), 4xx/5xx so they are counted instead of raised.
    def http_response(self, request: Any, response: Any) -> Any:
        return response

    https_response = http_response


class Browser:
    """One person's browser: its own cookie jar (rd_session, rd_csrf) and CSRF token."""

    def __init__(self, base: str, source: str | None) -> None:
        self.base = base
        self.origin = base.rstrip("/")
        self.netloc = urllib.parse.urlsplit(base).netloc
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.ProxyHandler({}),  # never route loopback traffic through a proxy
            _LoopbackHandler(self.netloc, source),
            urllib.request.HTTPCookieProcessor(self.jar),
            _KeepStatus(),
        )
        self.csrf = ""

    def url(self, path: str) -> str:
        return urllib.parse.urljoin(self.base, path)

    def request(self, path: str, body: bytes | None = None, content_type: str = "") -> Reply:
        headers = {"User-Agent": "rightsdesk-bench", "Accept-Encoding": "identity"}
        if body is not None:
            # What a browser sends with a form post; Django checks Origin when present.
            headers["Content-Type"] = content_type
            headers["Origin"] = self.origin
        req = urllib.request.Request(  # noqa: S310 - loopback only (see _LoopbackHandler)
            self.url(path), data=body, headers=headers, method="GET" if body is None else "POST"
        )
        started = time.perf_counter()
        with self.opener.open(req, timeout=REQUEST_TIMEOUT) as response:
            data = response.read()
            reply = Reply(
                status=response.status,
                location=response.headers.get("Location", ""),
                content_type=response.headers.get("Content-Type", ""),
                body=data,
                seconds=time.perf_counter() - started,
            )
        if reply.status == 200 and reply.content_type.startswith("text/html"):
            token = input_value(reply.text(), "csrfmiddlewaretoken")
            if token:
                self.csrf = token
        return reply

    def local_path(self, location: str) -> str:
        """The path a redirect points to, or a FlowError if it leaves our origin."""
        parts = urllib.parse.urlsplit(urllib.parse.urljoin(self.base, location))
        if parts.netloc != self.netloc:
            raise FlowError(f"redirect to another origin: {location}")
        return parts.path


def urlencoded(fields: dict[str, str]) -> tuple[bytes, str]:
    return urllib.parse.urlencode(fields).encode(), "application/x-www-form-urlencoded"


def multipart(
    fields: dict[str, str], files: list[tuple[str, str, str, bytes]]
) -> tuple[bytes, str]:
    """multipart/form-data by hand: fields, then (name, filename, content type, bytes) files."""
    boundary = f"----rightsdesk-bench-{uuid.uuid4().hex}"
    parts: list[bytes] = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
            + value.encode()
            + b"\r\n"
        )
    for name, filename, content_type, data in files:
        parts.append(
            (
                f"--{boundary}\r\n"
                f'Content-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                f"Content-Type: {content_type}\r\n\r\n"
            ).encode()
            + data
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


# Regular expressions, not HTMLParser, on the hot path: the load generator shares the CPUs with
# the server, and these pages are our own well-formed templates.
_INPUT = re.compile(r"<input\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_REFERENCE = re.compile(r'<dd id="reference">\s*([^<]+?)\s*</dd>')
_ERRORS = re.compile(r'<p class="error-message">(.*?)</p>', re.DOTALL)
_TAGS = re.compile(r"<[^>]+>")


def input_value(page: str, name: str) -> str | None:
    for tag in _INPUT.findall(page):
        attrs = {m[0].lower(): html.unescape(m[1] or m[2] or m[3]) for m in _ATTR.findall(tag)}
        if attrs.get("name") == name:
            return attrs.get("value")
    return None


def error_text(page: str) -> str:
    messages = [" ".join(_TAGS.sub(" ", m).split()) for m in _ERRORS.findall(page)]
    return "; ".join(messages)[:200]


# --- the form flow ---------------------------------------------------------------------------


@dataclass
class FlowStats:
    lock: threading.Lock = field(default_factory=threading.Lock)
    request_seconds: list[float] = field(default_factory=list)
    by_label: dict[str, list[float]] = field(default_factory=dict)
    submission_seconds: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    references: list[str] = field(default_factory=list)
    duplicates: int = 0
    attempted: int = 0

    def record(self, timings: list[tuple[str, float]]) -> None:
        with self.lock:
            for label, seconds in timings:
                self.request_seconds.append(seconds)
                self.by_label.setdefault(label, []).append(seconds)

    def error(self, description: str) -> None:
        with self.lock:
            self.errors[description] += 1


class Submission:
    """One person completing the whole form, step by step, as a browser would."""

    def __init__(self, base: str, n: int, source: str | None, stats: FlowStats) -> None:
        self.browser = Browser(base, source)
        self.n = n
        self.stats = stats
        self.timings: list[tuple[str, float]] = []

    def _send(
        self,
        label: str,
        path: str,
        expect: int,
        fields: dict[str, str] | None = None,
        files: list[tuple[str, str, str, bytes]] | None = None,
    ) -> Reply:
        if fields is None:
            reply = self.browser.request(path)
        else:
            if not self.browser.csrf:
                raise FlowError(f"{label}: no CSRF token on the page before it")
            fields = {"csrfmiddlewaretoken": self.browser.csrf, **fields}
            body, content_type = (
                multipart(fields, files) if files is not None else urlencoded(fields)
            )
            reply = self.browser.request(path, body, content_type)
        self.timings.append((label, reply.seconds))
        if reply.status != expect:
            detail = error_text(reply.text()) if reply.status == 400 else ""
            raise FlowError(f"{label}: HTTP {reply.status}, expected {expect} {detail}".strip())
        return reply

    def _redirect(self, label: str, reply: Reply, to: str) -> None:
        path = self.browser.local_path(reply.location)
        if path != to:
            raise FlowError(f"{label}: redirected to {path}, expected {to}")

    def run(self) -> None:
        try:
            self._walk()
        finally:
            self.stats.record(self.timings)

    def _walk(self) -> None:
        started = time.perf_counter()
        data = answers(self.n)
        self._send("GET start", "/complaint/", 200)
        reply = self._send("POST begin", "/complaint/begin/", 302, {"kind": "help"})
        for index, key in enumerate(STEP_KEYS):
            here = f"/complaint/step/{key}/"
            following = (
                f"/complaint/step/{STEP_KEYS[index + 1]}/"
                if index + 1 < len(STEP_KEYS)
                else "/complaint/check/"
            )
            self._redirect(f"POST {STEP_KEYS[index - 1]}" if index else "POST begin", reply, here)
            self._send(f"GET {key}", here, 200)
            # The honeypot field is sent empty, as a browser does.
            if key == "documents":
                pdf = [("files", "ticket.pdf", "application/pdf", PDF)]
                fields = {"website": "", "kind": "court_paper", "action": "upload"}
                reply = self._send(f"POST {key} upload", here, 302, fields, pdf)
                self._redirect(f"POST {key} upload", reply, here)
                page = self._send(f"GET {key} after upload", here, 200)
                if "ticket.pdf" not in page.text():
                    raise FlowError("documents: the uploaded file is not listed")
                # A browser sends the empty file input too; Django ignores a nameless file.
                empty = [("files", "", "application/octet-stream", b"")]
                fields = {"website": "", "kind": "other", "action": "next"}
                reply = self._send(f"POST {key}", here, 302, fields, empty)
            else:
                fields = {"website": "", **data[key], "action": "next"}
                reply = self._send(f"POST {key}", here, 302, fields)
            if index + 1 == len(STEP_KEYS):
                self._redirect(f"POST {key}", reply, following)

        review = self._send("GET check", "/complaint/check/", 200)
        token = input_value(review.text(), "token")
        if not token:
            raise FlowError("check: no submission token on the page")
        reply = self._send("POST check", "/complaint/check/", 302, {"website": "", "token": token})
        self._redirect("POST check", reply, "/complaint/receipt/")
        receipt = self._send("GET receipt", "/complaint/receipt/", 200)
        found = _REFERENCE.search(receipt.text())
        if not found:
            raise FlowError("receipt: no reference shown")
        reference = found.group(1)
        elapsed = time.perf_counter() - started
        with self.stats.lock:
            self.stats.references.append(reference)
            self.stats.submission_seconds.append(elapsed)

        if self.n % DUPLICATE_EVERY == 0:
            # A double click or a retry: same token again must show the same receipt.
            fields = {"website": "", "token": token}
            reply = self._send("POST check again", "/complaint/check/", 302, fields)
            self._redirect("POST check again", reply, "/complaint/receipt/")
            again = self._send("GET receipt again", "/complaint/receipt/", 200)
            found = _REFERENCE.search(again.text())
            if not found or found.group(1) != reference:
                raise FlowError("duplicate submit: receipt shows a different or no reference")
            with self.stats.lock:
                self.stats.duplicates += 1


def loopback_source(net: int, n: int, enabled: bool) -> str | None:
    if not enabled:
        return None
    return f"127.{net}.{n // 250 % 250}.{n % 250 + 1}"


def run_flow(
    base: str, clients: int, submissions: int, time_limit: float, distinct: bool
) -> tuple[FlowStats, float, int]:
    """Returns the stats, the wall time and how many submissions never started (time limit)."""
    stats = FlowStats()
    numbers = iter(range(1, submissions + 1))
    numbers_lock = threading.Lock()
    deadline = time.monotonic() + time_limit

    def claim() -> int | None:
        with numbers_lock:
            return next(numbers, None)

    def client() -> None:
        for _ in range(submissions):  # bounded: never more than all the submissions
            if time.monotonic() >= deadline:
                return
            n = claim()
            if n is None:
                return
            with stats.lock:
                stats.attempted += 1
            try:
                Submission(base, n, loopback_source(FLOW_NET, n, distinct), stats).run()
            except FlowError as problem:
                stats.error(str(problem))
            except Exception as problem:  # every failure is a counted error
                stats.error(f"{type(problem).__name__}: {problem}"[:200])

    started = time.perf_counter()
    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(1.0, deadline - time.monotonic() + REQUEST_TIMEOUT * 3))
    elapsed = time.perf_counter() - started
    not_started = len(list(numbers))
    return stats, elapsed, not_started


def measure_trivial(
    base: str, clients: int, seconds: float, distinct: bool, path: str
) -> tuple[float, int]:
    """Requests per second on one page with the same number of clients; and the errors."""
    counts = [0] * clients
    failures = [0] * clients
    stop = time.monotonic() + seconds

    def client(i: int) -> None:
        browser = Browser(base, loopback_source(TRIVIAL_NET, i, distinct))
        for _ in range(MAX_TRIVIAL_REQUESTS_PER_CLIENT):
            if time.monotonic() >= stop:
                return
            try:
                reply = browser.request(path)
            except Exception:  # counted; the measurement goes on
                failures[i] += 1
                continue
            if reply.status == 200:
                counts[i] += 1
            else:
                failures[i] += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + REQUEST_TIMEOUT)
    elapsed = time.perf_counter() - started
    return sum(counts) / elapsed, sum(failures)


# --- page weight -----------------------------------------------------------------------------

_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")
URL_ATTRS = {"src", "href", "action", "srcset", "formaction", "poster", "data"}


class PageParser(HTMLParser):
    """Collects the files a page makes the browser load, and every URL in its attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.resources: list[str] = []
        self.urls: list[str] = []
        self.css: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name, value in values.items():
            if name == "srcset":
                self.urls.extend(part.split()[0] for part in value.split(",") if part.strip())
            elif name in URL_ATTRS and value:
                self.urls.append(value)
            elif name == "style":
                self.css.append(value)
        if tag == "link" and values.get("href"):
            self.resources.append(values["href"])
        elif tag in ("script", "img") and values.get("src"):
            self.resources.append(values["src"])
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.css.append(data)


def is_other_origin(url: str, netloc: str) -> bool:
    url = url.strip()
    if url.startswith("//"):
        return urllib.parse.urlsplit("http:" + url).netloc != netloc
    parts = urllib.parse.urlsplit(url)
    if parts.scheme in ("http", "https"):
        return not (parts.scheme == "http" and parts.netloc == netloc)
    return False  # relative, #fragment, data:, mailto:, tel:


def css_urls(css: str) -> list[str]:
    return [a or b for a, b in _CSS_URL.findall(css) if not (a or b).startswith("data:")]


@dataclass
class PageWeight:
    page: str
    compressed: int = 0
    files: int = 0
    other_origin: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def weigh(browser: Browser, path: str, label: str) -> PageWeight:
    """gzip -6 size of the page and everything it loads; URLs pointing at other origins."""
    result = PageWeight(label)
    seen: set[str] = set()

    def fetch(url: str) -> Reply | None:
        absolute = browser.url(url)
        if absolute in seen:
            return None
        seen.add(absolute)
        reply = browser.request(absolute)
        if reply.status != 200:
            result.problems.append(f"{url}: HTTP {reply.status}")
        result.compressed += len(gzip.compress(reply.body, compresslevel=6))
        result.files += 1
        return reply

    def follow_css(css: str, depth: int) -> None:
        for url in css_urls(css):
            if is_other_origin(url, browser.netloc):
                result.other_origin.append(url)
            elif depth <= MAX_CSS_DEPTH and not url.startswith("#"):
                reply = fetch(url)
                if reply is not None and "css" in reply.content_type:
                    follow_css(reply.text(), depth + 1)

    page = fetch(path)
    if page is None:
        return result
    parser = PageParser()
    parser.feed(page.text())
    result.other_origin.extend(u for u in parser.urls if is_other_origin(u, browser.netloc))
    for css in parser.css:
        follow_css(css, 1)
    for url in parser.resources:
        if is_other_origin(url, browser.netloc):
            continue  # counted above; never fetched: traffic stays on 127.0.0.1
        reply = fetch(url)
        if reply is not None and "css" in reply.content_type:
            follow_css(reply.text(), 1)
    return result


def page_weights(base: str, distinct: bool) -> list[PageWeight]:
    results = []
    for i, path in enumerate(PUBLIC_PAGES):
        results.append(weigh(Browser(base, loopback_source(PAGES_NET, i, distinct)), path, path))
    # A form step needs a started form: a fresh person begins one first.
    browser = Browser(base, loopback_source(PAGES_NET, len(PUBLIC_PAGES), distinct))
    browser.request("/complaint/")
    body, content_type = urlencoded({"csrfmiddlewaretoken": browser.csrf, "kind": "help"})
    started = browser.request("/complaint/begin/", body, content_type)
    label = "/complaint/step/for-whom/"
    if started.status != 302:
        failed = PageWeight(label)
        failed.problems.append(f"begin: HTTP {started.status}")
        return [*results, failed]
    return [*results, weigh(browser, browser.local_path(started.location), label)]


# --- the server ------------------------------------------------------------------------------


def can_bind(address: str) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((address, 0))
        except OSError:
            return False
    return True


def port_in_use(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(1)
        return probe.connect_ex((HOST, port)) == 0


def server_env(tmp: Path) -> dict[str, str]:
    # A clean, throw-away configuration: nothing inherited may point at a real database or key.
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("RIGHTSDESK_") and k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env["RIGHTSDESK_DATA_DIR"] = str(tmp / "data")
    env["RIGHTSDESK_KEY_FILE"] = str(tmp / "keys" / "keys.json")  # outside the data dir
    env["RIGHTSDESK_HTTPS"] = "false"
    return env


def wait_healthy(base: str, server: subprocess.Popen[bytes], log: Path) -> None:
    browser = Browser(base, None)
    deadline = time.monotonic() + STARTUP_TIMEOUT
    for _ in range(MAX_HEALTH_POLLS):
        if server.poll() is not None:
            raise SystemExit(f"server exited with {server.returncode}:\n{tail(log)}")
        if time.monotonic() >= deadline:
            break
        try:
            if browser.request("/healthz").status == 200:
                return
        except OSError:
            pass
        time.sleep(0.25)
    raise SystemExit(f"server not healthy after {STARTUP_TIMEOUT:.0f} s:\n{tail(log)}")


def tail(log: Path, lines: int = 20) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def stop(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=15)


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process and every process under it (the server's master,
    its server processes and the worker) from /proc (Linux); None elsewhere. A process that
    ended during the measurement is not counted."""
    try:
        entries = [e for e in Path("/proc").iterdir() if e.name.isdigit()]
    except OSError:
        return None
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    for entry in entries:
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        parents[int(entry.name)] = int(fields[1])
        times[int(entry.name)] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    if pid not in times:
        return None
    tree, grew = {pid}, True
    while grew:
        more = {child for child, parent in parents.items() if parent in tree} - tree
        tree |= more
        grew = bool(more)
    return sum(times[p] for p in tree)


def stored_complaints(bin_dir: Path, env: dict[str, str]) -> tuple[int | None, str]:
    code = "from rightsdesk.intake.models import Complaint; print(Complaint.objects.count())"
    done = subprocess.run(
        [str(bin_dir / "rightsdesk"), "shell", "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    lines = [line.strip() for line in done.stdout.splitlines() if line.strip()]
    if done.returncode == 0 and lines and lines[-1].isdigit():
        return int(lines[-1]), ""
    return None, (done.stderr or done.stdout)[-500:]


_ACCESS = re.compile(r"rightsdesk\.access (\w+) (\S+) (\d{3}) (\d+)ms")


@dataclass
class ServerLog:
    """What the server wrote during one stretch: time inside Django, statuses, warnings."""

    times: list[float] = field(default_factory=list)
    by_path: dict[str, list[float]] = field(default_factory=dict)
    statuses: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)


def read_server_log(text: str) -> ServerLog:
    found = ServerLog()
    for line in text.splitlines():
        access = _ACCESS.search(line)
        if access:
            seconds = int(access.group(4)) / 1000
            found.times.append(seconds)
            found.by_path.setdefault(f"{access.group(1)} {access.group(2)}", []).append(seconds)
            found.statuses[access.group(3)] += 1
        elif "email(s) not sent" in line:
            continue  # the bench configures no email backend: expected, once per submission
        elif any(w in line for w in ("Traceback", "Error", " ERROR ", " WARNING ", "locked")):
            found.notes.append(line.strip()[:200])
    return found


# --- report ----------------------------------------------------------------------------------


@dataclass
class Run:
    """One server's figures: `rightsdesk serve --processes N`."""

    processes: int
    trivial_rps: float
    flow_rps: float
    receipts: int
    stored: int | None
    errors: int
    weights: list[PageWeight]

    @property
    def ratio(self) -> float:
        return self.flow_rps / self.trivial_rps if self.trivial_rps else 0.0


def run_once(
    args: argparse.Namespace, bin_dir: Path, processes: int, distinct: bool, weigh_pages: bool
) -> Run:
    print(f"\n==== rightsdesk serve --processes {processes} --threads {SERVER_THREADS}")
    base = f"http://{HOST}:{args.port}/"
    tmp = Path(tempfile.mkdtemp(prefix="rightsdesk-bench-"))
    env = server_env(tmp)
    log = tmp / "server.log"
    server: subprocess.Popen[bytes] | None = None
    try:
        with log.open("wb") as log_file:
            server = subprocess.Popen(
                [
                    str(bin_dir / "rightsdesk"),
                    "serve",
                    "--host",
                    HOST,
                    "--port",
                    str(args.port),
                    "--threads",
                    str(SERVER_THREADS),
                    "--processes",
                    str(processes),
                ],
                env=env,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        wait_healthy(base, server, log)
        print(f"server up on {base} (data in {tmp}); {os.cpu_count()} CPUs")

        trivial_rps, trivial_errors = measure_trivial(
            base, args.clients, TRIVIAL_SECONDS, distinct, "/healthz"
        )
        print(f"trivial page measured: {trivial_rps:.0f} req/s ({trivial_errors} errors)")
        home_rps, home_errors = measure_trivial(base, args.clients, TRIVIAL_SECONDS, distinct, "/")
        print(f"home page measured: {home_rps:.0f} req/s ({home_errors} errors)")

        log_start = log.stat().st_size
        server_cpu_before = cpu_seconds(server.pid)
        bench_cpu_before = time.process_time()
        stats, flow_seconds, not_started = run_flow(
            base, args.clients, args.submissions, args.time_limit, distinct
        )
        server_cpu = cpu_seconds(server.pid)
        bench_cpu = time.process_time() - bench_cpu_before
        with log.open("rb") as handle:
            handle.seek(log_start)
            flow_log = handle.read().decode("utf-8", "replace")
        if not_started:
            stats.errors[f"time limit of {args.time_limit:.0f} s reached, never started"] += (
                not_started
            )

        weights = page_weights(base, distinct) if weigh_pages else []
        stored, stored_problem = stored_complaints(bin_dir, env)
    finally:
        if server is not None:
            stop(server)
        final_log = tail(log, 400)
        shutil.rmtree(tmp, ignore_errors=True)

    receipts = len(stats.references)
    requests = len(stats.request_seconds)
    errors = sum(stats.errors.values())
    flow_rps = requests / flow_seconds if flow_seconds else 0.0
    ratio = flow_rps / trivial_rps if trivial_rps else 0.0
    home_ratio = flow_rps / home_rps if home_rps else 0.0
    server_log = read_server_log(flow_log)
    shutdown_notes = [
        line for line in final_log.splitlines() if "Traceback" in line or "locked" in line
    ]

    print()
    print(f"[--processes {processes}]")
    print(f"trivial page: {trivial_rps:.0f} req/s (GET /healthz, {args.clients} clients, 5 s)")
    print(
        f"home page: {home_rps:.0f} req/s (GET /, the simplest HTML page; the flow is "
        f"{home_ratio:.2f} of it)"
    )
    print(
        f"form flow: {stats.attempted} submissions by {args.clients} clients "
        f"in {flow_seconds:.1f} s; {receipts / flow_seconds:.2f} submissions/s; "
        f"{flow_rps:.0f} req/s over every step (ratio to trivial: {ratio:.2f})"
    )
    print(
        f"request latency p50 / p95: {ms(percentile(stats.request_seconds, 50))} / "
        f"{ms(percentile(stats.request_seconds, 95))} ; submission latency p50 / p95: "
        f"{percentile(stats.submission_seconds, 50):.1f} s / "
        f"{percentile(stats.submission_seconds, 95):.1f} s"
    )
    if server_log.times:
        print(
            f"time inside Django (server log) p50 / p95: {ms(percentile(server_log.times, 50))}"
            f" / {ms(percentile(server_log.times, 95))} ; the rest is waiting for a thread"
        )
    if server_cpu is not None and server_cpu_before is not None:
        print(
            f"CPU during the flow: server {server_cpu - server_cpu_before:.1f} s, "
            f"bench clients {bench_cpu:.1f} s, of {flow_seconds * (os.cpu_count() or 1):.0f} "
            f"s available; {load_note()}"
        )
    print(
        f"errors: {errors} ; complaints stored: {stored if stored is not None else '?'} ; "
        f"receipts shown: {receipts} ; duplicate submits: {stats.duplicates} "
        f"({'no extra complaints' if stored == receipts else 'CHECK: stored != receipts'})"
    )
    if len(set(stats.references)) != receipts:
        print("  CHECK: two receipts showed the same reference")
    for description, count in stats.errors.most_common(8):
        print(f"  {count:>5} × {description}")
    if stored is None:
        print(f"  could not count stored complaints: {stored_problem}")
    print(
        "  server statuses during the flow: "
        + ", ".join(f"{code}: {n}" for code, n in sorted(server_log.statuses.items()))
    )
    for note in (server_log.notes + shutdown_notes)[:6]:
        print(f"  server log: {note}")

    print()
    print("slowest requests in the flow (by p95):")
    slowest = sorted(stats.by_label.items(), key=lambda item: percentile(item[1], 95))
    for label, seconds in reversed(slowest[-6:]):
        p50, p95 = ms(percentile(seconds, 50)), ms(percentile(seconds, 95))
        print(f"  {label:<28} p50 {p50:>8}  p95 {p95:>8}  ({len(seconds)} requests)")

    print()
    print("most time inside Django, by request (server log, mean):")
    heaviest = sorted(server_log.by_path.items(), key=lambda item: statistics.fmean(item[1]))
    for path, seconds in reversed(heaviest[-6:]):
        mean = ms(statistics.fmean(seconds))
        print(f"  {path:<40} mean {mean:>8}  ({len(seconds)} requests)")

    print()
    print(f"{'page':<28} {'compressed KB':>14} {'files':>6} {'other-origin requests':>22}")
    for weight in weights:
        kb = weight.compressed / KB
        print(f"{weight.page:<28} {kb:>14.1f} {weight.files:>6} {len(weight.other_origin):>22}")
        for problem in weight.problems:
            print(f"  problem: {problem}")
        for url in weight.other_origin[:5]:
            print(f"  other origin: {url}")

    return Run(processes, trivial_rps, flow_rps, receipts, stored, errors, weights)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients (50)")
    parser.add_argument("--submissions", type=int, default=200, help="complaints to send (200)")
    parser.add_argument("--port", type=int, default=8765, help="port on 127.0.0.1 (8765)")
    parser.add_argument(
        "--time-limit", type=float, default=240, help="seconds the form flow may take (240)"
    )
    parser.add_argument(
        "--one-address",
        action="store_true",
        help="send everything from 127.0.0.1, as people behind one shared address would",
    )
    parser.add_argument(
        "--processes",
        type=int,
        nargs="+",
        default=[1, 2],
        help="one server run per value of serve --processes (1 2)",
    )
    args = parser.parse_args(argv)
    if args.clients < 1 or args.submissions < 1 or not 1024 <= args.port <= 65535:
        parser.error("--clients and --submissions must be at least 1; --port 1024-65535")

    bin_dir = Path(sys.executable).parent  # same venv as this python; not resolved on purpose
    if not (bin_dir / "rightsdesk").exists():
        print(f"no rightsdesk console script in {bin_dir}", file=sys.stderr)
        return 1
    if port_in_use(args.port):
        print(f"something already listens on {HOST}:{args.port}; pick another --port")
        return 1
    distinct = not args.one_address and can_bind(loopback_source(FLOW_NET, 1, True) or HOST)
    if not args.one_address and not distinct:
        print("note: cannot bind 127.x.y.z source addresses here; every client uses 127.0.0.1")

    runs = [
        run_once(args, bin_dir, processes, distinct, weigh_pages=index == 0)
        for index, processes in enumerate(args.processes)
    ]
    one = next((r for r in runs if r.processes == 1), None)
    two = next((r for r in runs if r.processes == 2), None)
    scaling = two.flow_rps / one.flow_rps if one and two and one.flow_rps else None
    weights = runs[0].weights

    print()
    print("summary:")
    for run in runs:
        print(
            f"  --processes {run.processes}: flow {run.flow_rps:.0f} req/s, /healthz "
            f"{run.trivial_rps:.0f} req/s, flow / healthz = {run.ratio:.2f}; "
            f"{run.errors} errors; stored {run.stored} of {run.receipts} receipts"
        )
    if scaling is not None:
        print(f"  flow req/s with --processes 2 / with --processes 1 = {scaling:.2f}")

    checks: list[tuple[str, Callable[[], bool]]] = []
    for run in runs:
        n = run.processes
        checks += [
            (
                f"--processes {n}: stored complaints == receipts shown",
                lambda run=run: run.stored is not None and run.stored == run.receipts,
            ),
            (
                f"--processes {n}: zero errors with {args.clients} clients",
                lambda run=run: run.errors == 0 and run.receipts > 0,
            ),
            (
                f"--processes {n}: flow req/s >= {FLOW_TO_TRIVIAL} × /healthz req/s",
                lambda run=run: run.ratio >= FLOW_TO_TRIVIAL,
            ),
        ]
    if scaling is not None:
        checks.append(
            (
                f"flow req/s with --processes 2 >= {SCALING} × with --processes 1",
                lambda: scaling >= SCALING,
            )
        )
    checks += [
        (
            f"every public page < {PAGE_LIMIT_KB} KB compressed",
            lambda: all(w.compressed < PAGE_LIMIT_KB * KB and not w.problems for w in weights),
        ),
        ("zero requests to other origins", lambda: not any(w.other_origin for w in weights)),
    ]
    print()
    print("targets:")
    results = [(name, check()) for name, check in checks]
    for name, passed in results:
        print(f"  {'PASS' if passed else 'FAIL'}  {name}")
    return 0 if all(passed for _, passed in results) else 1


if __name__ == "__main__":
    sys.exit(main())
