"""The background worker as a child of `rightsdesk serve`.

Screening a new complaint, sending emails and purging drafts run in their own process, so they
never hold the web server's interpreter lock while someone is filling in the form. The child is
started again if it dies, and stops with the server (also when the server is killed outright)."""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import subprocess
import sys
import threading
import time

log = logging.getLogger("rightsdesk.worker")

RESTART_DELAY_SECONDS = 2.0
MAX_RESTART_DELAY_SECONDS = 60.0
STEADY_SECONDS = 30.0
STOP_TIMEOUT_SECONDS = 10.0
_PR_SET_PDEATHSIG = 1
PARENT_ENV = "RIGHTSDESK_WORKER_PARENT"


def stop_with_parent() -> None:
    """In the worker: ask Linux for SIGTERM when the server that started it goes away.

    Set in the child rather than between fork and exec, which is unsafe in a threaded server."""
    parent = os.environ.get(PARENT_ENV, "")
    if not parent.isdigit():
        return
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
    except OSError:
        log.warning("This system has no libc.so.6: stop the worker yourself if the server dies.")
        return
    if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM) != 0:
        log.warning("Could not ask to be stopped with the server (errno %s).", ctypes.get_errno())
    if os.getppid() != int(parent):
        # The server went away before the death signal was set.
        raise SystemExit(0)


class WorkerProcess:
    def __init__(self, workers: int = 2) -> None:
        # -P: never import from the directory the server was started in.
        self.command = [
            sys.executable,
            "-P",
            "-m",
            "rightsdesk.cli",
            "worker",
            "--workers",
            str(workers),
        ]
        self._process: subprocess.Popen[bytes] | None = None
        self._stopping = threading.Event()
        # Held while a worker is started or stopped, so stop() never misses one being born.
        self._lock = threading.Lock()
        self._supervisor = threading.Thread(target=self._supervise, daemon=True)

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    def start(self) -> None:
        with self._lock:
            self._spawn()
        self._supervisor.start()

    def _spawn(self) -> None:
        # Our own interpreter and a fixed command line: nothing from outside.
        self._process = subprocess.Popen(  # noqa: S603
            self.command,
            env={**os.environ, PARENT_ENV: str(os.getpid())},
            stdin=subprocess.DEVNULL,
            # Its own process group: Ctrl+C in the terminal reaches the server, which then
            # stops the worker in order.
            start_new_session=True,
        )

    def _supervise(self) -> None:
        delay = RESTART_DELAY_SECONDS
        while not self._stopping.is_set():
            process = self._process
            started = time.monotonic()
            code = process.wait() if process is not None else None
            if self._stopping.is_set():
                return
            # A worker that keeps failing at start-up is retried less and less often.
            if time.monotonic() - started >= STEADY_SECONDS:
                delay = RESTART_DELAY_SECONDS
            log.error(
                "The background worker stopped (exit code %s); starting it again in %.0f s.",
                code,
                delay,
            )
            if self._stopping.wait(delay):
                return
            delay = min(delay * 2, MAX_RESTART_DELAY_SECONDS)
            with self._lock:
                if self._stopping.is_set():
                    return
                try:
                    self._spawn()
                except OSError as problem:
                    self._process = None
                    log.error("The background worker could not be started: %s", problem)

    def stop(self) -> None:
        with self._lock:
            self._stopping.set()
            process = self._process
        if process is not None and process.poll() is None:
            # SIGINT lets huey finish the task in hand; SIGKILL only if it will not stop.
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=STOP_TIMEOUT_SECONDS)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self._supervisor.is_alive() and self._supervisor is not threading.current_thread():
            self._supervisor.join(timeout=STOP_TIMEOUT_SECONDS)
