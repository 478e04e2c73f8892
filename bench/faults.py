"""Crashes under load: `kill -9` of the server and of its worker while people send complaints.

Starts `rightsdesk serve` in a throw-away directory and has --clients people fill in the whole
complaint form (bench/intake.py's walk: every step, a PDF upload, the check-and-send page, the
receipt). Meanwhile it kills, with SIGKILL:

- the server and its worker together, each time at a moment when someone's "send" (the window
  between the commit and the receipt) or, every other time, someone's upload is in flight; then
  it starts `rightsdesk serve` again on the same data directory;
- the worker alone, which the server must start again while pages go on being served.

People behave as on a phone that lost its connection: a request that failed because the server
died is sent again once the server is back (the same post, the same session cookie, the same
submission token). At the end the database is read (`rightsdesk shell`) and DESIGN invariant 6
checked: every receipt shown belongs to a stored complaint, and to that person's complaint (its
story carries the submission's number); no complaint is stored twice; every receipted complaint
has its uploaded file, which decrypts to the bytes sent.

    python bench/faults.py [--clients 8] [--submissions 60] [--server-kills 4] [--worker-kills 3]
                           [--database-outage [--pg-port 54466]]

With --database-outage it then crashes a private PostgreSQL cluster half-way through someone's
form: the pages must be the plain 503 page while it is down, and the person's next post must go
through once it is back.

Prints the figures (kills, recovery times, retries, leftovers on disk) and exits 1 when an
invariant fails or a person could not finish. rightsdesk/core/tests/test_crash_recovery.py runs a
small version of the same thing in the test suite.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import intake  # noqa: E402 - bench/intake.py: the walk through the form, the minimal browser

HOST = "127.0.0.1"
STARTUP_SECONDS = 90.0
# How long a person waits for the server to come back before giving up (a restart takes a few
# seconds; the margin is for a busy two-core machine).
COMEBACK_SECONDS = 120.0
MAX_RETRIES_PER_REQUEST = 5
IN_FLIGHT_WAIT = 30.0
# The requests a server kill is timed to interrupt: the send (between the commit and the
# receipt) and an upload (between the file on disk and its row).
WATCHED = {"POST check": "send", "POST check again": "send", "POST documents upload": "upload"}
_STORY_MARK = "Bench submission "


def worker_children(parent: int) -> list[int]:
    """The `rightsdesk worker` processes whose parent is `parent` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == parent and b"worker" in cmdline:
            found.append(int(entry.name))
    return found


def wait_for(condition: Any, seconds: float, what: str) -> Any:
    """Poll `condition` until it is true; a RuntimeError naming `what` after `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise RuntimeError(f"gave up waiting: {what}")
        time.sleep(0.1)


def _gone(pid: int) -> bool:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return text.rsplit(")", 1)[1].split()[0] == "Z"  # a zombie has exited


def _healthy(base: str) -> bool:
    try:
        return intake.Browser(base, None).request("/healthz").status == 200
    except (OSError, http.client.HTTPException):
        return False


def _port_free(port: int) -> bool:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((HOST, port))
        except OSError:
            return False
    return True


@dataclass
class Outcome:
    """What happened, for the report and for the checks."""

    receipts: dict[int, set[str]] = field(default_factory=dict)  # submission number -> refs
    finished: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    retries: Counter[str] = field(default_factory=Counter)
    server_kills: int = 0
    # Server kills timed for a moment when this kind of request was in flight.
    in_flight_at_kill: Counter[str] = field(default_factory=Counter)
    worker_kills: int = 0
    recovery_seconds: list[float] = field(default_factory=list)
    worker_recovery_seconds: list[float] = field(default_factory=list)
    stored: list[dict[str, Any]] = field(default_factory=list)
    leftover_temporary_files: int = 0
    stored_files_without_a_row: int = 0
    seconds: float = 0.0

    def violations(self) -> list[str]:
        """DESIGN invariant 6, and everyone who started got a receipt."""
        found: list[str] = []
        by_reference: dict[str, dict[str, Any]] = {c["reference"]: c for c in self.stored}
        numbers = Counter(c["number"] for c in self.stored)
        for number, count in sorted(numbers.items()):
            if count > 1:
                found.append(f"submission {number} is stored {count} times")
        shown: dict[str, int] = {}
        for number, references in sorted(self.receipts.items()):
            if len(references) > 1:
                found.append(f"submission {number} was shown {len(references)} references")
            for reference in references:
                if reference in shown and shown[reference] != number:
                    found.append(f"{reference} shown to submissions {shown[reference]}, {number}")
                shown[reference] = number
                complaint = by_reference.get(reference)
                if complaint is None:
                    found.append(f"receipt {reference} (submission {number}) has no complaint")
                    continue
                if complaint["number"] != number:
                    found.append(
                        f"receipt {reference} of submission {number} leads to submission "
                        f"{complaint['number']}'s complaint"
                    )
                if complaint["files"] < 1 or complaint["files"] != complaint["files_intact"]:
                    found.append(
                        f"receipt {reference}: {complaint['files_intact']} of "
                        f"{complaint['files']} files intact"
                    )
        if self.errors:
            found.append(f"{sum(self.errors.values())} people could not finish")
        return found


class Crashes:
    """The server under test: started, killed and started again on one data directory."""

    def __init__(self, tmp: Path, port: int, threads: int, log: Path) -> None:
        self.env = intake.server_env(tmp)
        self.port = port
        self.threads = threads
        self.base = f"http://{HOST}:{port}/"
        self.log = log
        self.bin_dir = Path(sys.executable).parent
        self.server: subprocess.Popen[bytes] | None = None
        self.up = threading.Event()
        self.kills_started = 0
        self.lock = threading.Lock()
        self.in_flight: Counter[str] = Counter()
        self.request_started = threading.Condition(self.lock)

    def start(self) -> float:
        started = time.monotonic()
        wait_for(lambda: _port_free(self.port), 60, f"port {self.port} free again")
        with self.log.open("ab") as out:
            self.server = subprocess.Popen(
                [
                    str(self.bin_dir / "rightsdesk"),
                    "serve",
                    "--host",
                    HOST,
                    "--port",
                    str(self.port),
                    "--threads",
                    str(self.threads),
                ],
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        server = self.server

        def ready() -> bool:
            if server.poll() is not None:
                raise RuntimeError(f"server exited ({server.returncode}):\n{intake.tail(self.log)}")
            return _healthy(self.base)

        wait_for(ready, STARTUP_SECONDS, "the server to answer /healthz")
        wait_for(lambda: worker_children(server.pid), 30, "the server to start its worker")
        self.up.set()
        return time.monotonic() - started

    def kill_server(self) -> float:
        """SIGKILL the server and its worker; start it again. Returns seconds to recover."""
        assert self.server is not None
        with self.lock:
            self.up.clear()  # nobody sends to a dying server; see Person._send
            self.kills_started += 1
        workers = worker_children(self.server.pid)
        self.server.send_signal(signal.SIGKILL)
        for pid in workers:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        killed = time.monotonic()
        self.server.wait(timeout=30)
        wait_for(lambda: all(_gone(pid) for pid in workers), 30, "the killed worker to go")
        self.start()
        return time.monotonic() - killed

    def kill_worker(self) -> float:
        """SIGKILL the worker alone; seconds until the server has started another."""
        assert self.server is not None
        server = self.server
        old = wait_for(lambda: worker_children(server.pid), 30, "a worker to kill")
        os.kill(old[0], signal.SIGKILL)
        killed = time.monotonic()
        wait_for(
            lambda: [p for p in worker_children(server.pid) if p not in old],
            60,
            "the server to start a new worker",
        )
        return time.monotonic() - killed

    def stop(self) -> None:
        if self.server is not None and self.server.poll() is None:
            self.server.send_signal(signal.SIGINT)
            try:
                self.server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                for pid in worker_children(self.server.pid):
                    os.kill(pid, signal.SIGKILL)
                self.server.kill()
                self.server.wait(timeout=30)

    def wait_for_in_flight(self, kind: str, seconds: float) -> bool:
        with self.request_started:
            return self.request_started.wait_for(lambda: self.in_flight[kind] > 0, seconds)


class Person(intake.Submission):
    """bench/intake.py's walk through the form, by someone who presses again after an error."""

    def __init__(self, crashes: Crashes, n: int, outcome: Outcome, distinct: bool) -> None:
        # Each person from their own loopback address, as in bench/intake.py: the form limits
        # how many forms one address may start in an hour.
        source = intake.loopback_source(intake.FLOW_NET, n, distinct)
        super().__init__(crashes.base, n, source, intake.FlowStats())
        self.crashes = crashes
        self.outcome = outcome

    def _send(self, label: str, path: str, expect: int, *args: Any, **kwargs: Any) -> Any:
        crashes = self.crashes
        for attempt in range(MAX_RETRIES_PER_REQUEST + 1):
            kills_before = crashes.kills_started
            if not crashes.up.wait(COMEBACK_SECONDS):
                raise intake.FlowError(f"{label}: the server did not come back")
            watched = WATCHED.get(label)
            if watched:
                with crashes.request_started:
                    crashes.in_flight[watched] += 1
                    crashes.request_started.notify_all()
            try:
                reply = super()._send(label, path, expect, *args, **kwargs)
            except (OSError, http.client.HTTPException) as failure:
                # Only a failure a crash explains is retried; any other is a finding.
                if crashes.kills_started == kills_before or attempt == MAX_RETRIES_PER_REQUEST:
                    raise intake.FlowError(f"{label}: {type(failure).__name__}") from failure
                with crashes.lock:
                    self.outcome.retries[label] += 1
                continue
            finally:
                if watched:
                    with crashes.request_started:
                        crashes.in_flight[watched] -= 1
            if label.startswith("GET receipt"):
                found = intake._REFERENCE.search(reply.text())
                if found:
                    with crashes.lock:
                        self.outcome.receipts.setdefault(self.n, set()).add(found.group(1))
            return reply
        raise AssertionError("unreachable")


def read_back(crashes: Crashes) -> tuple[list[dict[str, Any]], int, int]:
    """Every stored complaint (reference, submission number, files and whether they open), the
    upload temporaries left behind and stored files no row points at."""
    code = f"""
import json, re
from pathlib import Path
from django.core.files.storage import default_storage
from rightsdesk.intake.models import Complaint, Document
pdf = {intake.PDF!r}
for c in Complaint.objects.all():
    story = c.data.get("incident", {{}}).get("what", "")
    found = re.search(r"{_STORY_MARK}(\\d+),", story)
    docs = list(Document.objects.filter(complaint=c))
    intact = 0
    for d in docs:
        with d.file.open() as f:
            intact += f.read() == pdf
    print("C " + json.dumps({{"reference": c.reference,
        "number": int(found.group(1)) if found else None,
        "files": len(docs), "files_intact": intact}}))
root = Path(default_storage.location)
names = set(default_storage.iter_stored_names())
rows = set(Document.objects.values_list("file", flat=True))
print("T", sum(1 for _ in root.rglob(".upload-*")) if root.exists() else 0)
print("O", len(names - rows))
"""
    done = subprocess.run(
        [str(crashes.bin_dir / "rightsdesk"), "shell", "-c", code],
        env=crashes.env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"could not read the database back:\n{done.stderr[-2000:]}")
    stored, temporary, orphans = [], 0, 0
    for line in done.stdout.splitlines():
        kind, _, rest = line.partition(" ")
        if kind == "C":
            stored.append(json.loads(rest))
        elif kind == "T":
            temporary = int(rest)
        elif kind == "O":
            orphans = int(rest)
    return stored, temporary, orphans


def crash_plan(server_kills: int, worker_kills: int) -> list[str]:
    """Server and worker crashes taking turns, the server first."""
    plan: list[str] = []
    for k in range(max(server_kills, worker_kills)):
        plan += ["server"] * (k < server_kills) + ["worker"] * (k < worker_kills)
    return plan


def run(
    tmp: Path,
    *,
    port: int,
    clients: int,
    submissions: int,
    server_kills: int,
    worker_kills: int,
    threads: int = intake.SERVER_THREADS,
) -> Outcome:
    """The whole experiment; the server is stopped when it returns."""
    outcome = Outcome()
    crashes = Crashes(tmp, port, threads, tmp / "server.log")
    numbers = iter(range(1, submissions + 1))
    numbers_lock = threading.Lock()
    distinct = intake.can_bind(intake.loopback_source(intake.FLOW_NET, 1, True) or HOST)

    def person() -> None:
        while True:
            with numbers_lock:
                n = next(numbers, None)
            if n is None:
                return
            try:
                Person(crashes, n, outcome, distinct).run()
            except Exception as problem:  # every failure is counted, none is lost
                with crashes.lock:
                    outcome.errors[f"{type(problem).__name__}: {problem}"[:160]] += 1
            else:
                with crashes.lock:
                    outcome.finished += 1

    def receipts_seen() -> int:
        with crashes.lock:
            return len(outcome.receipts)

    started = time.monotonic()
    crashes.start()
    people = [threading.Thread(target=person, daemon=True) for _ in range(clients)]
    try:
        for thread in people:
            thread.start()
        # Spread the crashes over the run: crash k after k/(kills+1) of the receipts.
        plan = crash_plan(server_kills, worker_kills)
        for k, what in enumerate(plan, start=1):
            target = submissions * k // (len(plan) + 1)
            wait_for(
                lambda t=target: receipts_seen() >= t or not any(p.is_alive() for p in people),
                COMEBACK_SECONDS * 4,
                f"{target} receipts before crash {k}",
            )
            # Every planned crash happens, even after the last person finished: a restart on
            # what the load left behind must also lose nothing.
            if what == "worker":
                outcome.worker_recovery_seconds.append(crashes.kill_worker())
                outcome.worker_kills += 1
                continue
            # Alternately in the middle of someone's "send" and of someone's upload.
            kind = ("send", "upload")[outcome.server_kills % 2]
            if any(p.is_alive() for p in people) and crashes.wait_for_in_flight(
                kind, IN_FLIGHT_WAIT
            ):
                outcome.in_flight_at_kill[kind] += 1
            outcome.recovery_seconds.append(crashes.kill_server())
            outcome.server_kills += 1
        for thread in people:
            thread.join(timeout=COMEBACK_SECONDS * 10)
    finally:
        crashes.stop()
    outcome.seconds = time.monotonic() - started
    outcome.stored, outcome.leftover_temporary_files, outcome.stored_files_without_a_row = (
        read_back(crashes)
    )
    return outcome


def report(outcome: Outcome, submissions: int) -> list[str]:
    receipts = sum(len(r) for r in outcome.receipts.values())
    retried = sum(outcome.retries.values())
    print(f"submissions: {submissions}, finished: {outcome.finished}, in {outcome.seconds:.1f} s")
    print(
        f"server + worker killed: {outcome.server_kills} times "
        f"({outcome.in_flight_at_kill['send']} with a send in flight, "
        f"{outcome.in_flight_at_kill['upload']} with an upload); worker alone: "
        f"{outcome.worker_kills} times"
    )
    if outcome.recovery_seconds:
        recovery = ", ".join(f"{s:.1f}" for s in outcome.recovery_seconds)
        print(f"seconds from kill -9 to serving again: {recovery}")
    if outcome.worker_recovery_seconds:
        recovery = ", ".join(f"{s:.1f}" for s in outcome.worker_recovery_seconds)
        print(f"seconds from killing the worker to a new one: {recovery}")
    print(f"requests sent again after a crash: {retried}")
    for label, count in outcome.retries.most_common(6):
        print(f"  {count:>4} × {label}")
    print(
        f"receipts shown: {receipts} for {len(outcome.receipts)} submissions; complaints "
        f"stored: {len(outcome.stored)}"
    )
    print(
        f"left on disk by the crashes: {outcome.leftover_temporary_files} unfinished upload "
        f"temporaries, {outcome.stored_files_without_a_row} stored files no row points at "
        "(encrypted; space only)"
    )
    for description, count in outcome.errors.most_common(8):
        print(f"  {count:>4} × {description}")
    problems = outcome.violations()
    print()
    print("invariant 6 (nothing acknowledged is lost, a double submit makes one complaint):")
    for problem in problems[:20]:
        print(f"  FAIL  {problem}")
    if not problems:
        print("  PASS  every receipt matches its own stored complaint and files, none twice")
    return problems


# --- the database going away ------------------------------------------------------------------


class PrivateCluster:
    """A throw-away PostgreSQL cluster on 127.0.0.1 (as ./dev's test lane makes one), which can
    be crashed (`pg_ctl stop -m immediate`) and started again."""

    def __init__(self, tmp: Path, port: int) -> None:
        found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
        if not found:
            raise RuntimeError("no PostgreSQL here (Debian: apt-get install postgresql)")
        self.bin = found[-1].parent
        self.port = port
        self.dir = tmp / "pg"
        self.dir.mkdir()
        self.as_user: list[str] = []
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            self.as_user = ["runuser", "-u", "postgres", "--"]
            os.chown(self.dir, *_postgres_ids())
        self._pg("initdb", "-D", str(self.dir / "data"), "-U", "rightsdesk", "--auth=trust")
        self.start()
        self._pg("createdb", "-h", HOST, "-p", str(port), "-U", "rightsdesk", "rightsdesk")
        self.url = f"postgres://rightsdesk@{HOST}:{port}/rightsdesk"

    def _pg(self, program: str, *args: str) -> None:
        subprocess.run(
            [*self.as_user, str(self.bin / program), *args],
            check=True,
            capture_output=True,
            timeout=120,
        )

    def start(self) -> None:
        options = f"-c listen_addresses={HOST} -p {self.port} -k {self.dir}"
        data, log = str(self.dir / "data"), str(self.dir / "log")
        self._pg("pg_ctl", "-D", data, "-w", "-l", log, "-o", options, "start")

    def crash(self) -> None:
        self._pg("pg_ctl", "-D", str(self.dir / "data"), "-m", "immediate", "stop")

    def stop(self) -> None:
        try:
            self._pg("pg_ctl", "-D", str(self.dir / "data"), "-m", "fast", "stop")
        except subprocess.CalledProcessError:
            pass  # already stopped


def _postgres_ids() -> tuple[int, int]:
    import pwd

    entry = pwd.getpwnam("postgres")
    return entry.pw_uid, entry.pw_gid


@dataclass
class OutageOutcome:
    unavailable_statuses: list[int] = field(default_factory=list)
    plain_pages: int = 0
    healthz_during: int = 0
    first_after_back: int = 0
    outage_seconds: float = 0.0
    reference: str = ""
    stored: list[dict[str, Any]] = field(default_factory=list)

    def violations(self) -> list[str]:
        found = []
        if not self.unavailable_statuses or set(self.unavailable_statuses) != {503}:
            found.append(f"with the database down the pages answered {self.unavailable_statuses}")
        if self.plain_pages != len(self.unavailable_statuses):
            found.append("a page during the outage was not the plain 503 page")
        if self.healthz_during != 200:
            found.append(f"/healthz answered {self.healthz_during} during the outage")
        if self.first_after_back != 302:
            found.append(f"the first post after the database came back: {self.first_after_back}")
        if not self.reference or [c["reference"] for c in self.stored] != [self.reference]:
            found.append("the person who met the outage has no receipt matching one complaint")
        return found


def database_outage(tmp: Path, *, port: int, pg_port: int) -> OutageOutcome:
    """One person fills in the form on PostgreSQL; half-way the database crashes. What they see
    while it is down, and whether they carry on to a receipt once it is back."""
    outcome = OutageOutcome()
    cluster = PrivateCluster(tmp, pg_port)
    crashes = Crashes(tmp, port, intake.SERVER_THREADS, tmp / "server.log")
    crashes.env["DATABASE_URL"] = cluster.url
    try:
        crashes.start()
        browser = intake.Browser(crashes.base, None)
        data = intake.answers(1)

        def post(path: str, fields: dict[str, str]) -> intake.Reply:
            body, kind = intake.urlencoded({"csrfmiddlewaretoken": browser.csrf, **fields})
            return browser.request(path, body, kind)

        browser.request("/complaint/")
        post("/complaint/begin/", {"kind": "help"})
        half = len(intake.STEP_KEYS) // 2
        for key in intake.STEP_KEYS:
            here = f"/complaint/step/{key}/"
            browser.request(here)
            fields = {"website": "", **data.get(key, {}), "action": "next"}
            if key == intake.STEP_KEYS[half]:
                cluster.crash()
                went = time.monotonic()
                for reply in (post(here, fields), browser.request(here)):
                    outcome.unavailable_statuses.append(reply.status)
                    page = reply.text()
                    outcome.plain_pages += (
                        "cannot reach its records" in page
                        and "Traceback" not in page
                        and reply.status == 503
                    )
                # As a load balancer asks: no cookies.
                outcome.healthz_during = (
                    intake.Browser(crashes.base, None).request("/healthz").status
                )
                cluster.start()
                outcome.outage_seconds = time.monotonic() - went
                reply = post(here, fields)
                outcome.first_after_back = reply.status
                if reply.status != 302:  # counted above; the person presses again
                    reply = post(here, fields)
            else:
                reply = post(here, fields)
            if reply.status != 302:
                raise RuntimeError(f"{key}: HTTP {reply.status}")
        review = browser.request("/complaint/check/")
        token = intake.input_value(review.text(), "token") or ""
        post("/complaint/check/", {"website": "", "token": token})
        found = intake._REFERENCE.search(browser.request("/complaint/receipt/").text())
        outcome.reference = found.group(1) if found else ""
    finally:
        crashes.stop()
    try:
        outcome.stored = read_back(crashes)[0]
    finally:
        cluster.stop()
    return outcome


def report_outage(outcome: OutageOutcome) -> list[str]:
    print()
    print("the database crashing half-way through someone's form (PostgreSQL, immediate stop):")
    print(
        f"  pages while it was down: {outcome.unavailable_statuses} "
        f"({outcome.plain_pages} the plain page); /healthz: {outcome.healthz_during}"
    )
    print(
        f"  down for {outcome.outage_seconds:.1f} s; the first post after it came back: "
        f"{outcome.first_after_back}; receipt {outcome.reference or 'none'}"
    )
    problems = outcome.violations()
    for problem in problems:
        print(f"  FAIL  {problem}")
    if not problems:
        print("  PASS  a plain 503 page while down; the same form carries on to one complaint")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8, help="people at once (8)")
    parser.add_argument("--submissions", type=int, default=60, help="complaints to send (60)")
    parser.add_argument("--server-kills", type=int, default=4, help="kill -9 of serve (4)")
    parser.add_argument("--worker-kills", type=int, default=3, help="kill -9 of the worker (3)")
    parser.add_argument("--port", type=int, default=8766, help="port on 127.0.0.1 (8766)")
    parser.add_argument(
        "--database-outage",
        action="store_true",
        help="also crash a private PostgreSQL cluster under someone's form",
    )
    parser.add_argument("--pg-port", type=int, default=54466, help="its port (54466)")
    args = parser.parse_args(argv)
    if min(args.clients, args.submissions) < 1 or min(args.server_kills, args.worker_kills) < 0:
        parser.error("--clients and --submissions must be at least 1, kills at least 0")
    if not _port_free(args.port):
        print(f"something already listens on {HOST}:{args.port}; pick another --port")
        return 1
    with tempfile.TemporaryDirectory(prefix="rightsdesk-faults-") as tmp:
        outcome = run(
            Path(tmp),
            port=args.port,
            clients=args.clients,
            submissions=args.submissions,
            server_kills=args.server_kills,
            worker_kills=args.worker_kills,
        )
        problems = report(outcome, args.submissions)
    if args.database_outage:
        with tempfile.TemporaryDirectory(prefix="rightsdesk-outage-") as tmp:
            Path(tmp).chmod(0o755)  # the postgres user must reach its cluster folder
            problems += report_outage(
                database_outage(Path(tmp), port=args.port, pg_port=args.pg_port)
            )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
