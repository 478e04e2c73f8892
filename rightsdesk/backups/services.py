"""Backing up and restoring a whole installation: the database, every stored file, the manifest.

The backup never holds a key, only the key versions' numbers: the key file is backed up on its
own (README, "Backups"). Progress goes to a `bars` callable so the commands can show tqdm bars
and the scheduled task shows nothing.
"""

from __future__ import annotations

import contextlib
import getpass
import logging
import os
import re
import secrets
import shutil
import sqlite3
import struct
import subprocess
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection, connections

from rightsdesk.backups.archive import (
    SUFFIX,
    BackupRefused,
    Member,
    OpenedArchive,
    Progress,
    read_archive,
    write_archive,
)
from rightsdesk.vault.keyring import KeyProblem, Keyring

logger = logging.getLogger(__name__)

# A progress bar: (description, total, unit) -> a context manager giving an "advance by n".
Bars = Callable[[str, int, str], AbstractContextManager[Progress]]

_NAME = re.compile(r"^rightsdesk-(\d{8}T\d{6}Z)" + re.escape(SUFFIX) + "$")
_STAMP = "%Y%m%dT%H%M%SZ"
# What a killed backup leaves behind: archive.write_archive's temporary file, and _staging's folder.
_PARTIAL = re.compile(r"^\.rightsdesk-\d{8}T\d{6}Z" + re.escape(SUFFIX) + r"\..+\.partial$")
_STAGING = re.compile(r"^\.(backup|restore)-[0-9a-f]{16}$")
_STALE_SECONDS = 24 * 3600
# Room a backup must leave on the disk it writes to, beyond its own size: the database usually
# shares that disk, and complaints must still be accepted after a backup.
_HEADROOM = 512 * 1024 * 1024
SQLITE_MEMBER = "database/rightsdesk.sqlite3"
POSTGRES_MEMBER = "database/rightsdesk.pgdump"


class BackupFailed(Exception):
    """A backup or restore could not be done; the message says why and what to do."""


def no_bars(description: str, total: int, unit: str) -> AbstractContextManager[Progress]:
    return contextlib.nullcontext(lambda count: None)


@dataclass
class BackupResult:
    path: Path
    size: int
    files: int
    vendor: str


@dataclass
class RestoreResult:
    created_at: str
    vendor: str
    files: int
    files_unreadable: list[str] = field(default_factory=list)
    complaints: int | None = None
    audited: bool = True


# --- where backups go, and what is kept -------------------------------------------------------


def backup_file_name(at: datetime) -> str:
    return f"rightsdesk-{at.astimezone(UTC).strftime(_STAMP)}{SUFFIX}"


def backup_stamp(name: str) -> datetime | None:
    """The time in a scheduled backup's name, or None for any other file."""
    match = _NAME.match(name)
    if not match:
        return None
    return datetime.strptime(match.group(1), _STAMP).replace(tzinfo=UTC)


def retention_keep(stamps: Iterable[datetime], *, daily: int = 7, weekly: int = 4) -> set[datetime]:
    """The newest backup of each of the newest `daily` days and of the newest `weekly` ISO weeks
    that have one (days and weeks in UTC, as in the file names)."""
    ordered = sorted(set(stamps), reverse=True)
    keep: set[datetime] = set()
    rules: list[tuple[int, Callable[[datetime], Any]]] = [
        (daily, lambda at: at.date()),
        (weekly, lambda at: at.isocalendar()[:2]),
    ]
    for count, period in rules:
        periods: set[Any] = set()
        for at in ordered:
            if period(at) in periods:
                continue
            if len(periods) == count:
                break
            periods.add(period(at))
            keep.add(at)
    return keep


def backups_prune(
    directory: Path, *, daily: int = 7, weekly: int = 4, protect: Path | None = None
) -> list[Path]:
    """Delete the scheduled backups retention does not keep, and a killed backup's partial file
    after a day; other files are never touched, nor `protect` (the backup just written, which
    a clock set wrong once could otherwise make look older than all the rest)."""
    if not directory.exists():
        return []
    found = {
        stamp: path
        for path in directory.iterdir()
        if path.is_file()
        and not path.is_symlink()
        and (stamp := backup_stamp(path.name)) is not None
    }
    kept = retention_keep(found, daily=daily, weekly=weekly)
    removed = []
    for stamp, path in sorted(found.items()):
        if stamp not in kept and path != protect:
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed + _remove_stale(directory, _PARTIAL)


def _remove_stale(directory: Path, pattern: re.Pattern[str]) -> list[Path]:
    """Our own leftovers (names matching `pattern`) untouched for a day: a running backup's are
    younger. Symbolic links are never followed."""
    cutoff = time.time() - _STALE_SECONDS
    removed = []
    for path in directory.iterdir():
        if not pattern.match(path.name) or path.is_symlink():
            continue
        if path.lstat().st_mtime >= cutoff:
            continue
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed.append(path)
    return removed


# --- backup -----------------------------------------------------------------------------------


def _data_dir() -> Path:
    return Path(settings.DATA_DIR)


def _files_root() -> Path:
    from django.core.files.storage import default_storage

    return Path(default_storage.location)


def _sqlite_path() -> Path:
    return Path(connection.settings_dict["NAME"])


def _staging(purpose: str) -> Path:
    # Inside the data directory: the database copy is no more exposed than the database itself,
    # and moving the restored files into place is a rename on the same disk.
    path = _data_dir() / f".{purpose}-{secrets.token_hex(8)}"
    path.mkdir(mode=0o700)
    return path


def _sqlite_snapshot(target: Path, bars: Bars) -> None:
    """A consistent copy of the live database with SQLite's online backup API (writers go on)."""
    # Django's own connection: it is the database the application sees (also in the tests).
    connection.ensure_connection()
    source = connection.connection
    # Created 0600 before SQLite writes a page into it, not chmod-ed afterwards.
    os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    destination = sqlite3.connect(target)
    try:
        total = source.execute("PRAGMA page_count").fetchone()[0]
        with bars("Copying the database", total, "page") as advance:
            done = [0]

            def step(status: int, remaining: int, pages: int) -> None:
                copied = pages - remaining
                advance(max(copied - done[0], 0))
                done[0] = copied

            source.backup(destination, pages=1024, progress=step)
    finally:
        destination.close()
    os.chmod(target, 0o600)


# DATABASE_URL options (?sslmode=require...) that libpq also reads from its environment: without
# them pg_dump would connect with libpq's defaults, e.g. without the TLS the server was told to use.
_PG_OPTIONS = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "sslcrl": "PGSSLCRL",
    "target_session_attrs": "PGTARGETSESSIONATTRS",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "service": "PGSERVICE",
    "passfile": "PGPASSFILE",
}


def _pg_env() -> dict[str, str]:
    """libpq's variables, so the password never appears on a command line. The keys (when they
    are kept in RIGHTSDESK_* variables) and DATABASE_URL are not passed on."""
    database = connection.settings_dict
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("RIGHTSDESK_") and name != "DATABASE_URL"
    }
    for variable, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ):
        if database.get(key):
            env[variable] = str(database[key])
    for option, variable in _PG_OPTIONS.items():
        if (database.get("OPTIONS") or {}).get(option):
            env[variable] = str(database["OPTIONS"][option])
    return env


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupFailed(
            f"The database is PostgreSQL and {name} is not installed, so RightsDesk cannot "
            f"{'back it up' if name == 'pg_dump' else 'restore it'}. Install the PostgreSQL "
            "client tools of the server's version (Debian: sudo apt-get install "
            "postgresql-client) and run this again."
        )
    return found


def _run_pg(arguments: list[str]) -> None:
    result = subprocess.run(  # noqa: S603 - fixed arguments, no shell
        arguments, env=_pg_env(), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        said = (result.stderr or result.stdout).strip().splitlines()
        raise BackupFailed(
            f"{Path(arguments[0]).name} failed: {said[-1] if said else 'no message'}"
        )


def _transient_tables() -> list[str]:
    """The task queue's and the cache's tables: made by merely starting RightsDesk on
    PostgreSQL, so they are kept out of backups and never count as data to restore over."""
    from django.conf import settings

    from rightsdesk.core.task_queue import QUEUE_TABLES

    transient = list(QUEUE_TABLES)
    cache = settings.CACHES["default"]
    if cache["BACKEND"].endswith("DatabaseCache"):
        transient.append(cache["LOCATION"])
    return transient


def _pg_dump(target: Path) -> None:
    # Created 0600 first: pg_dump opens an existing file without changing its mode.
    os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    # A backup never holds the task queue or the cache (rate-limit counts): on PostgreSQL they
    # live in the database, so their tables are kept but their rows left out.
    transient = _transient_tables()
    _run_pg(
        [
            _pg_tool("pg_dump"),
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            *(f"--exclude-table-data={table}" for table in transient),
            "-f",
            str(target),
        ]
    )
    os.chmod(target, 0o600)


def _database_key_versions() -> list[int]:
    from rightsdesk.vault.models import KeyCheck

    return sorted(KeyCheck.objects.values_list("version", flat=True))


def _stored_files(root: Path) -> Iterator[Member]:
    if not root.exists():
        return
    for path in sorted(root.rglob("*")):
        # Dot files are the storage's own half-written temporaries.
        if path.is_file() and not path.name.startswith("."):
            yield Member(f"files/{path.relative_to(root).as_posix()}", path, optional=True)


def _check_free_space(directory: Path, needed: int) -> None:
    """Refuse, before writing, a backup that would fill the disk (and stop complaints coming in)."""
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    free = shutil.disk_usage(directory).free
    if free < needed + _HEADROOM:
        raise BackupFailed(
            f"Not enough free space in {directory}: the backup needs about {needed // 2**20} MiB "
            f"and {_HEADROOM // 2**20} MiB must stay free, but {free // 2**20} MiB are. Free "
            "some space or write the backup elsewhere (--output, RIGHTSDESK_BACKUP_DIR)."
        )


def _live_database_size() -> int:
    if connection.vendor == "sqlite":
        live = _sqlite_path()
        return sum(p.stat().st_size for p in (live, Path(f"{live}-wal")) if p.exists())
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        return int(cursor.fetchone()[0])


def _files_size(root: Path) -> int:
    return sum(m.source.stat().st_size for m in _stored_files(root) if m.source.exists())


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("rightsdesk")
    except PackageNotFoundError:
        return "unknown"


def backup_create(
    output: Path | None = None,
    *,
    by: str = "backup",
    ring: Keyring | None = None,
    bars: Bars = no_bars,
    now: datetime | None = None,
) -> BackupResult:
    """Write one sealed backup file; by default into BACKUP_DIR under a dated name."""
    from rightsdesk.vault import crypto
    from rightsdesk.vault.audit import audit_record

    ring = ring or crypto.keyring()
    now = now or datetime.now(UTC)
    target = (output or Path(settings.BACKUP_DIR) / backup_file_name(now)).resolve()
    if target.is_relative_to(_data_dir().resolve()):
        raise BackupFailed(
            f"{target} is inside RIGHTSDESK_DATA_DIR; a backup must live outside what it backs up."
        )
    if target.exists():
        raise BackupFailed(f"{target} already exists; choose a new file.")
    if "django_migrations" not in connection.introspection.table_names():
        raise BackupFailed("The database is empty: there is nothing to back up yet.")
    database_size = _live_database_size()
    _check_free_space(_data_dir(), database_size)
    _check_free_space(target.parent, database_size + _files_size(_files_root()))
    staging = _staging("backup")
    try:
        # The database first, then the files: every file the copy refers to is then on disk.
        if connection.vendor == "postgresql":
            member = POSTGRES_MEMBER
            snapshot = staging / "rightsdesk.pgdump"
            with bars("Dumping the PostgreSQL database", 1, "step") as advance:
                _pg_dump(snapshot)
                advance(1)
        elif connection.vendor == "sqlite":
            member = SQLITE_MEMBER
            snapshot = staging / "rightsdesk.sqlite3"
            _sqlite_snapshot(snapshot, bars)
        else:  # pragma: no cover - only SQLite and PostgreSQL are supported
            raise BackupFailed(f"Backing up a {connection.vendor} database is not supported.")
        members = [Member(member, snapshot), *_stored_files(_files_root())]
        total = sum(m.source.stat().st_size for m in members if m.source.exists())
        manifest = {
            "format": 1,
            "created_at": now.isoformat(timespec="seconds"),
            "rightsdesk_version": _version(),
            "database": {"vendor": connection.vendor, "member": member},
            # Numbers only: which key versions the data needs. Never a key.
            "key_versions": _database_key_versions(),
            "sealed_with_key_version": ring.current_version,
        }
        with bars("Writing the backup", total, "B") as advance:
            size = write_archive(target, members, manifest, ring, progress=advance)
    except FileExistsError as problem:
        raise BackupFailed(str(problem)) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    files = len(members) - 1
    audit_record(
        by=by,
        action="backup",
        object_type="backups.backup",
        detail={"file": target.name, "bytes": size, "files": files, "os_user": _os_user()},
    )
    return BackupResult(path=target, size=size, files=files, vendor=connection.vendor)


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def backup_scheduled() -> BackupResult:
    """The daily backup into BACKUP_DIR, then retention (7 daily, 4 weekly)."""
    # A backup killed half-way (power cut, OOM) left its database copy behind: never pile up.
    for removed in _remove_stale(_data_dir(), _STAGING):
        logger.info("stale backup staging folder removed: %s", removed.name)
    result = backup_create(by="scheduled backup")
    logger.info(
        "backup written: %s (%d bytes, %d files)", result.path.name, result.size, result.files
    )
    for removed in backups_prune(Path(settings.BACKUP_DIR), protect=result.path):
        logger.info("old backup removed: %s", removed.name)
    return result


def backup_verify(path: Path, ring: Keyring, *, bars: Bars = no_bars) -> OpenedArchive:
    """Open and check every member against the manifest, writing nothing anywhere."""
    with bars("Checking the backup", path.stat().st_size, "B") as advance:
        opened = read_archive(path, ring, progress=advance)
    _check_needed_keys(opened, ring)
    return opened


def _check_needed_keys(opened: OpenedArchive, ring: Keyring) -> None:
    missing = sorted(set(opened.manifest.key_versions) - set(ring.encryption_keys))
    if missing:
        raise BackupRefused(
            f"the data in this backup needs key version(s) {missing}, which the keys in use "
            f"({ring.source}) do not contain. Use the key file from your key backup."
        )


# --- restore ----------------------------------------------------------------------------------


def _sqlite_holds_tables(path: Path) -> bool:
    if not path.exists():
        return False
    with contextlib.closing(sqlite3.connect(path)) as database:
        (count,) = database.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
        ).fetchone()
    return bool(count)


def data_dir_holdings() -> list[str]:
    """What makes the data directory not empty: a database with tables, or stored files."""
    held = []
    if connection.vendor == "sqlite":
        if _sqlite_holds_tables(_sqlite_path()):
            held.append(f"the database {_sqlite_path()}")
    elif set(connection.introspection.table_names()) - set(_transient_tables()):
        held.append(f"the PostgreSQL database {connection.settings_dict['NAME']}")
    root = _files_root()
    if root.exists() and any(p.is_file() for p in root.rglob("*")):
        held.append(f"stored files in {root}")
    return held


def backup_restore(
    path: Path,
    ring: Keyring,
    *,
    force: bool = False,
    by: str = "restore",
    bars: Bars = no_bars,
) -> RestoreResult:
    """Check the whole backup, then put its database and files in place and check the keys.

    Refuses (BackupFailed) a data directory that holds data unless `force`, which replaces it.
    Nothing is put in place until every member has matched the manifest.
    """
    from rightsdesk.vault import crypto
    from rightsdesk.vault.keys import keys_verify

    held = data_dir_holdings()
    if held and not force:
        raise BackupFailed(
            f"Refusing to restore over existing data ({'; '.join(held)}). Restore into an empty "
            "data directory, or add --force to replace what is there."
        )
    staging = _staging("restore")
    try:
        with bars("Checking and unpacking", path.stat().st_size, "B") as advance:
            opened = _unpack(path, ring, staging, advance)
        _check_needed_keys(opened, ring)
        database = opened.manifest.data.get("database", {})
        vendor = database.get("vendor")
        if vendor != connection.vendor:
            raise BackupFailed(
                f"This backup holds a {vendor} database but this installation uses "
                f"{connection.vendor} (DATABASE_URL). Restore it into a {vendor} installation."
            )
        staged_database = staging / str(database.get("member", ""))
        if not staged_database.is_file():
            raise BackupFailed("The backup holds no database.")
        connections.close_all()
        _put_in_place(staging, staged_database, vendor=vendor, clean=bool(held))
    finally:
        shutil.rmtree(staging, ignore_errors=True)

    crypto.use_keyring(ring)
    try:
        keys_verify(ring)
    except KeyProblem as problem:
        raise BackupFailed(f"The backup was restored, but {problem}") from None
    result = RestoreResult(
        created_at=str(opened.manifest.data.get("created_at", "?")),
        vendor=vendor,
        files=sum(1 for m in opened.members if m["path"].startswith("files/")),
    )
    result.files_unreadable = _files_that_do_not_open(ring, bars)
    result.complaints = _complaint_count()
    try:
        from rightsdesk.vault.audit import audit_record

        audit_record(
            by=by,
            action="restore",
            object_type="backups.backup",
            detail={
                "file": path.name,
                "backup_created_at": result.created_at,
                "os_user": _os_user(),
            },
        )
    except DatabaseError:
        # A backup from an older RightsDesk needs `rightsdesk migrate` before it can be written.
        result.audited = False
    return result


def _unpack(path: Path, ring: Keyring, staging: Path, advance: Progress) -> OpenedArchive:
    try:
        return read_archive(path, ring, extract_to=staging, progress=advance)
    except OSError as problem:  # the disk filled up, most often
        raise BackupFailed(
            f"Nothing was restored: unpacking the backup failed ({problem.strerror or problem})."
        ) from None


def _put_in_place(staging: Path, staged_database: Path, *, vendor: str, clean: bool) -> None:
    """The stored files, then the database; if the database cannot be put in place the old
    files go back, so a failure leaves the installation as it was."""
    root = _files_root()
    aside = _move_aside(root)
    try:
        _place_files(staging / "files")
        if vendor == "sqlite":
            _place_sqlite(staged_database)
        else:
            # One transaction: when it fails the database is as it was.
            _place_postgres(staged_database, clean=clean)
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)
        if aside is not None:
            os.replace(aside, root)
        raise
    if aside is not None:
        shutil.rmtree(aside, ignore_errors=True)


def _move_aside(root: Path) -> Path | None:
    if not root.exists():
        return None
    aside = root.parent / f".restore-old-files-{secrets.token_hex(8)}"
    os.replace(root, aside)
    return aside


def _place_sqlite(staged: Path) -> None:
    live = _sqlite_path()
    live.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    # Beside the live file first (a copy if the database is on another disk), so the last step
    # is a rename that cannot fail half-way.
    beside = live.parent / f".{live.name}.restore-{secrets.token_hex(8)}"
    try:
        shutil.move(staged, beside)
        os.chmod(beside, 0o600)
        # A write-ahead log left beside the old file would be replayed into the restored one.
        for suffix in ("-wal", "-shm", "-journal"):
            Path(f"{live}{suffix}").unlink(missing_ok=True)
        os.replace(beside, live)
    finally:
        beside.unlink(missing_ok=True)


def _place_postgres(staged: Path, *, clean: bool) -> None:
    arguments = [
        _pg_tool("pg_restore"),
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        "--single-transaction",
        "--dbname",
        str(connection.settings_dict["NAME"]),
    ]
    # The queue's tables exist as soon as RightsDesk has started on this database: the dump's own
    # copies replace them.
    if clean or connection.introspection.table_names():
        arguments += ["--clean", "--if-exists"]
    _run_pg([*arguments, str(staged)])


def _place_files(staged: Path) -> None:
    """Into the files root, which _put_in_place has moved aside."""
    root = _files_root()
    root.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if staged.exists():
        os.replace(staged, root)
    else:
        root.mkdir(mode=0o700)


def _files_that_do_not_open(ring: Keyring, bars: Bars) -> list[str]:
    """Decrypt every restored file to nowhere: proof that each one reads back with the key."""
    from rightsdesk.vault.crypto import DecryptionFailed, decrypt_stream

    root = _files_root()
    names = [p for p in sorted(root.rglob("*")) if p.is_file()]
    failed = []
    with bars("Opening every file", len(names), "file") as advance:
        for path in names:
            try:
                with open(path, "rb") as sealed:
                    for _chunk in decrypt_stream(sealed, ring=ring):
                        pass
            except (DecryptionFailed, KeyProblem, struct.error):
                failed.append(path.relative_to(root).as_posix())
            advance(1)
    return failed


def _complaint_count() -> int | None:
    from django.apps import apps

    try:
        return apps.get_model("intake", "Complaint")._base_manager.count()
    except (LookupError, DatabaseError):
        return None
