from __future__ import annotations

import signal
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from rightsdesk.core.worker_process import WorkerProcess


class Command(BaseCommand):
    help = "Migrate if needed, then serve RightsDesk with a production WSGI server (waitress)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)
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
        threads: int,
        demo: bool,
        no_worker: bool,
        **options: Any,
    ) -> None:
        import waitress

        from rightsdesk.wsgi import application

        call_command("migrate", interactive=False, verbosity=0)
        if demo:
            call_command("demo")
        scheme = "https (behind your TLS proxy)" if settings.HTTPS else "http"
        self.stdout.write(
            f"RightsDesk is serving on http://{host}:{port}/ ({scheme}); press Ctrl+C to stop."
        )
        self.stdout.write(f"Data: {settings.DATA_DIR}   Key file: {settings.KEY_FILE}")
        self.stdout.flush()
        # A service manager's stop (SIGTERM) ends the server like Ctrl+C does.
        signal.signal(signal.SIGTERM, _raise_keyboard_interrupt)
        worker = None if no_worker else WorkerProcess()
        proxy: dict[str, Any] = {}
        if settings.BEHIND_PROXY:
            # Believe X-Forwarded-Proto/For only from our own TLS proxy.
            proxy = {
                "trusted_proxy": settings.TRUSTED_PROXY,
                "trusted_proxy_headers": {"x-forwarded-proto", "x-forwarded-for"},
            }
        try:
            if worker is not None:
                worker.start()
                self.stdout.write(f"Background tasks run in a worker process (pid {worker.pid}).")
            # waitress keeps no access log, so client addresses are never written anywhere.
            waitress.serve(
                application,
                host=host,
                port=port,
                threads=threads,
                ident="RightsDesk",
                clear_untrusted_proxy_headers=True,
                **proxy,
            )
        except KeyboardInterrupt:
            pass
        finally:
            if worker is not None:
                worker.stop()
            self.stdout.write("RightsDesk stopped.")


def _raise_keyboard_interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt
