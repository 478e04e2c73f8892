from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

from rightsdesk.core.web_server import (
    MAX_DEFAULT_PROCESSES,
    Server,
    default_processes,
    only_trusted_forwarding,
    server_options,
)
from rightsdesk.core.worker_process import WorkerProcess


class Command(BaseCommand):
    help = (
        "Migrate if needed, then serve RightsDesk with a production WSGI server "
        "(gunicorn, several processes) and one background worker."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--processes",
            type=int,
            default=None,
            help=f"server processes (default: one per core, at most {MAX_DEFAULT_PROCESSES})",
        )
        parser.add_argument("--threads", type=int, default=8, help="threads per server process")
        parser.add_argument(
            "--demo", action="store_true", help="load demo data (fictional people) on the first run"
        )
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="do not start a background worker (run `rightsdesk worker` yourself)",
        )

    def handle(
        self,
        *args: Any,
        host: str,
        port: int,
        processes: int | None,
        threads: int,
        demo: bool,
        no_worker: bool,
        **options: Any,
    ) -> None:
        from huey.contrib.djhuey import HUEY

        from rightsdesk.wsgi import application

        processes = default_processes() if processes is None else processes
        if processes < 1 or threads < 1:
            raise CommandError("--processes and --threads must be at least 1.")
        call_command("migrate", interactive=False, verbosity=0)
        if demo:
            call_command("demo")
        # The server processes are forked from this one: none may inherit its connections.
        connections.close_all()
        HUEY.storage.close()

        scheme = "https (behind your TLS proxy)" if settings.HTTPS else "http"
        self.stdout.write(
            f"RightsDesk is serving on http://{host}:{port}/ ({scheme}) with {processes} "
            f"process{'es' if processes > 1 else ''} of {threads} threads; press Ctrl+C to stop."
        )
        self.stdout.write(f"Data: {settings.DATA_DIR}   Key file: {settings.KEY_FILE}")
        self.stdout.flush()
        worker = None if no_worker else WorkerProcess()
        trusted = settings.TRUSTED_PROXY if settings.BEHIND_PROXY else None
        server = Server(
            only_trusted_forwarding(application, trusted),
            server_options(
                host=host, port=port, processes=processes, threads=threads, trusted_proxy=trusted
            ),
        )
        master = os.getpid()
        try:
            if worker is not None:
                worker.start()
                self.stdout.write(f"Background tasks run in a worker process (pid {worker.pid}).")
                self.stdout.flush()
            # gunicorn's master: SIGTERM stops gracefully, Ctrl+C (SIGINT) at once; either way
            # it ends with SystemExit, and the worker is stopped below.
            server.run()
        except KeyboardInterrupt:
            pass
        finally:
            # gunicorn's server processes are forks of this one and leave through here too;
            # only the master owns the worker and says the server stopped.
            if os.getpid() == master:
                if worker is not None:
                    worker.stop()
                self.stdout.write("RightsDesk stopped.")
                self.stdout.flush()
