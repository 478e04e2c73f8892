from __future__ import annotations

import signal
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


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
            help="do not run background tasks in this process (run `rightsdesk worker`)",
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
        consumer = None
        if not no_worker:
            from django.utils.module_loading import autodiscover_modules
            from huey.contrib.djhuey import HUEY

            # Register every app's tasks (run_huey does this for a separate worker).
            autodiscover_modules("tasks")

            # Worker threads in this process: the embedded default needs no second program.
            # Huey's start() takes over SIGINT/SIGTERM for a loop we never run; give them back,
            # so Ctrl+C and a service manager's stop still stop the server.
            handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
            consumer = HUEY.create_consumer(workers=2, worker_type="thread")
            consumer.start()
            for sig, handler in handlers.items():
                signal.signal(sig, handler)
            signal.signal(signal.SIGTERM, _raise_keyboard_interrupt)
            self.stdout.write("Background tasks run in this process.")
        proxy: dict[str, Any] = {}
        if settings.BEHIND_PROXY:
            # Believe X-Forwarded-Proto/For only from our own TLS proxy.
            proxy = {
                "trusted_proxy": settings.TRUSTED_PROXY,
                "trusted_proxy_headers": {"x-forwarded-proto", "x-forwarded-for"},
            }
        try:
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
            if consumer is not None:
                consumer.stop(graceful=False)
            self.stdout.write("RightsDesk stopped.")


def _raise_keyboard_interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt
