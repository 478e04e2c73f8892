"""The `rightsdesk` console script.

Before any Django command runs, the keys are checked against the database: starting with a missing
or wrong key is refused with a sentence saying what to do, and nothing is read or written. On a
new installation (no key file, no key in the environment, a database that holds no encrypted
data yet) the first command that needs keys creates the key file, with a loud message to back it
up; it never makes one over existing data.
"""

from __future__ import annotations

import argparse
import errno
import ipaddress
import os
import sys
from pathlib import Path

# Commands that never touch people's data, so they need no key.
_KEYLESS = {
    "help",
    "--help",
    "-h",
    "version",
    "--version",
    "makemigrations",
    "makemessages",
    "compilemessages",
    "check",
    # Screening a file prints to standard output and touches no database.
    "triage",
    "patterns",
    "statistics",
}
# `rightsdesk keys generate` only prints a random key.
_KEYLESS_ACTIONS = {("keys", "generate")}
# `restore` loads the key file itself: it must never create a key (a new one could not open the
# backup), and the database it is about to replace is not the one the key has to fit.
_OWN_KEY_CHECK = {"restore"}
# A backup (or checking one) only makes sense with the installation's real key: a new key made
# here would be useless and could later be mistaken for the real one.
_NEVER_CREATES_KEY = {"backup"}
# Commands that need the tables: on a brand-new database they set it up first, as serve does,
# so `createstaff` can be the first thing an installer types.
_NEEDS_SCHEMA = {
    "createstaff",
    "import",
    "export",
    "demo",
    "conflicts",
    "audit",
    "keys",
    "worker",
    "volunteers",
    "recount",
}


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _serve_defaults(argv: list[str]) -> None:
    """Plain HTTP is only acceptable on the loopback address, where no one else can listen."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--host", default="127.0.0.1")
    known, _ = parser.parse_known_args(argv)
    if "RIGHTSDESK_HTTPS" not in os.environ and _is_loopback(known.host):
        os.environ["RIGHTSDESK_HTTPS"] = "false"


def _prepare_keys(*, may_create_key: bool = True) -> None:
    from django.conf import settings

    from rightsdesk.vault import crypto
    from rightsdesk.vault.keyring import BACKUP_WARNING, KeyProblem, create_key_file, load_keyring
    from rightsdesk.vault.keys import database_has_keys, keys_verify

    data_dir = Path(settings.DATA_DIR)
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        ring = load_keyring(settings.KEY_FILE)
    except KeyProblem as problem:
        may_create = (
            may_create_key
            and not os.environ.get("RIGHTSDESK_ENCRYPTION_KEYS")
            and not Path(settings.KEY_FILE).exists()
            and not database_has_keys()
        )
        if not may_create:
            raise SystemExit(f"rightsdesk: {problem}") from None
        ring = create_key_file(Path(settings.KEY_FILE))
        print(BACKUP_WARNING.format(path=settings.KEY_FILE), file=sys.stderr)
        settings.SECRET_KEY = ring.django_secret_key
    crypto.use_keyring(ring)
    try:
        keys_verify(ring)
    except KeyProblem as problem:
        raise SystemExit(f"rightsdesk: {problem}") from None


def _set_up_new_database(command: str) -> None:
    from django.core.management import call_command
    from django.db import connection

    if (
        command not in _NEEDS_SCHEMA
        or "django_migrations" in connection.introspection.table_names()
    ):
        return
    print("rightsdesk: setting up a new, empty database first.", file=sys.stderr)
    call_command("migrate", interactive=False, verbosity=0)


def _needs_keys(argv: list[str]) -> bool:
    if not argv:
        return False
    if argv[0] in _KEYLESS or argv[0] in _OWN_KEY_CHECK:
        return False
    return tuple(argv[:2]) not in _KEYLESS_ACTIONS


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightsdesk.settings")
    command = argv[0] if argv else "help"
    if command == "serve":
        _serve_defaults(argv[1:])

    import django
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line
    from django.db import OperationalError

    try:
        if _needs_keys(argv):
            django.setup()
            _prepare_keys(may_create_key=command not in _NEVER_CREATES_KEY)
            _set_up_new_database(command)
        execute_from_command_line(["rightsdesk", *argv])
    except ImproperlyConfigured as problem:
        raise SystemExit(f"rightsdesk: {problem}") from None
    except OperationalError as problem:
        raise SystemExit(
            f"rightsdesk: the database cannot be used ({problem}). Check "
            "DATABASE_URL, or that RIGHTSDESK_DATA_DIR is writable."
        ) from None
    except OSError as problem:
        if problem.errno == errno.EPIPE:
            # The reader stopped (`rightsdesk statistics FILE | head`): nothing went wrong here.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise SystemExit(0) from None
        if problem.errno == errno.EADDRINUSE:
            raise SystemExit(
                "rightsdesk: that address and port are already in use; stop the "
                "other server or choose another with --port."
            ) from None
        where = f" ({problem.filename})" if problem.filename else ""
        raise SystemExit(
            f"rightsdesk: {problem.strerror or problem}{where}. Check "
            "RIGHTSDESK_DATA_DIR and RIGHTSDESK_KEY_FILE."
        ) from None


if __name__ == "__main__":
    main()
