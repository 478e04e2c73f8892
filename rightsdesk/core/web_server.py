"""The web server `rightsdesk serve` runs: gunicorn, N processes on one socket.

One Python process uses one core for Python code, so `serve` runs several (gunicorn's pre-fork
master and `--processes` worker processes, each with `--threads` threads). The master loads the
application once (keys checked, before anything is served), starts a new process for any that
dies, and stops them in order on SIGTERM or Ctrl+C. What the processes must share is outside
them: the database, the task queue and the cache (rate limits; core/shared_cache.py).

Privacy: gunicorn keeps no access log here, and its own log is kept free of client addresses and
request URIs (which carry query strings); X-Forwarded-* headers are believed only from the TLS
proxy named in RIGHTSDESK_TRUSTED_PROXY, and dropped from anyone else.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from typing import Any

from gunicorn.app.base import BaseApplication
from gunicorn.glogging import Logger

MAX_DEFAULT_PROCESSES = 4
# A worker process that has not answered its master for this long is replaced. Requests run in
# threads, so a slow upload does not count against it.
PROCESS_TIMEOUT_SECONDS = 60
GRACEFUL_TIMEOUT_SECONDS = 20

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def default_processes() -> int:
    """One per core this process may run on, at most four."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_DEFAULT_PROCESSES))


class PrivateLogger(Logger):
    """gunicorn's error log, minus the client address and the request URI it would print."""

    def warning(self, msg: Any, *args: Any, **kwargs: Any) -> None:
        if "from ip=" in str(msg):
            msg, args = "An invalid request was refused.", ()
        super().warning(msg, *args, **kwargs)

    def exception(self, msg: Any, *args: Any, **kwargs: Any) -> None:
        if str(msg).startswith("Error handling request"):
            msg, args = "Error handling a request", ()
        super().exception(msg, *args, **kwargs)


def only_trusted_forwarding(app: WSGIApp, trusted_proxy: str | None) -> WSGIApp:
    """Drop X-Forwarded-* and Forwarded headers unless they come from our own TLS proxy.

    Django (SECURE_PROXY_SSL_HEADER) and the rate limiter read them; a visitor who reaches the
    server directly must not choose their scheme or address."""

    def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        if trusted_proxy is None or environ.get("REMOTE_ADDR") != trusted_proxy:
            for name in [
                n for n in environ if n.startswith(("HTTP_X_FORWARDED_", "HTTP_FORWARDED"))
            ]:
                del environ[name]
        return app(environ, start_response)

    return application


class Server(BaseApplication):
    """gunicorn's master with our settings and an application loaded before it forks."""

    def __init__(self, application: WSGIApp, options: dict[str, Any]) -> None:
        self.application = application
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for name, value in self.options.items():
            self.cfg.set(name, value)

    def load(self) -> WSGIApp:
        return self.application


def server_options(
    *,
    host: str,
    port: int,
    processes: int,
    threads: int,
    trusted_proxy: str | None,
    on_exit: Callable[[Any], None] | None = None,
) -> dict[str, Any]:
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    options: dict[str, Any] = {
        "bind": [bind],
        "workers": processes,
        "worker_class": "gthread",
        "threads": threads,
        "timeout": PROCESS_TIMEOUT_SECONDS,
        "graceful_timeout": GRACEFUL_TIMEOUT_SECONDS,
        "keepalive": 5,
        # The application is loaded (and the keys checked) once, before the processes fork.
        "preload_app": True,
        "accesslog": None,
        "logger_class": PrivateLogger,
        "loglevel": "warning",
        # No control socket file in the home directory; systemd or Ctrl+C control the server.
        "control_socket_disable": True,
        # gunicorn's own reading of X-Forwarded-Proto (wsgi.url_scheme): the same proxy only.
        "forwarded_allow_ips": trusted_proxy or "",
        "proc_name": "rightsdesk",
    }
    if on_exit is not None:
        options["on_exit"] = on_exit
    return options
