"""Key material: loading, creating and rotating the key file, or reading keys from the environment.

Pure Python on purpose (no Django models) so settings.py and the console script can use it before
Django starts.

Key file format (JSON, mode 0600)::

    {"format": 1,
     "encryption_keys": {"1": "<base64 32 bytes>", "2": "..."},
     "current_encryption_key": 2,
     "blind_index_key": "<base64 32 bytes>",
     "audit_key": "<base64 32 bytes>",
     "django_secret_key": "<random text>",
     "rotation_unfinished": false}

Environment instead of a file: RIGHTSDESK_ENCRYPTION_KEYS="1:<b64>,2:<b64>" (the highest
version is current), RIGHTSDESK_BLIND_INDEX_KEY, RIGHTSDESK_AUDIT_KEY, RIGHTSDESK_SECRET_KEY.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import secrets
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

KEY_BYTES = 32
FORMAT = 1


class KeyProblem(Exception):
    """The keys are missing, unreadable or do not fit the data. The message says what to do."""


@dataclass(frozen=True)
class Keyring:
    encryption_keys: dict[int, bytes]
    current_version: int
    blind_index_key: bytes
    audit_key: bytes
    source: str  # "file:/path" or "environment"
    rotation_unfinished: bool = False
    django_secret_key: str = field(default="", repr=False)

    def __repr__(self) -> str:  # never print key bytes, even in a traceback
        return f"Keyring(versions={sorted(self.encryption_keys)}, current={self.current_version})"

    @property
    def current_key(self) -> bytes:
        return self.encryption_keys[self.current_version]

    @property
    def from_file(self) -> bool:
        return self.source.startswith("file:")


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _unb64(text: str, what: str, where: str) -> bytes:
    try:
        raw = base64.b64decode(text, validate=True)
    except (ValueError, TypeError):
        raise KeyProblem(f"{what} in {where} is not valid base64.") from None
    if len(raw) != KEY_BYTES:
        raise KeyProblem(f"{what} in {where} must be {KEY_BYTES} bytes, not {len(raw)}.")
    return raw


def new_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def generate_key_text() -> str:
    """A fresh key as base64 text, for operators who keep keys in environment variables."""
    return _b64(new_key())


def keys_from_environment(environ: dict[str, str] | os._Environ[str]) -> Keyring | None:
    raw = environ.get("RIGHTSDESK_ENCRYPTION_KEYS", "").strip()
    if not raw:
        return None
    where = "RIGHTSDESK_ENCRYPTION_KEYS"
    keys: dict[int, bytes] = {}
    for item in raw.split(","):
        version_text, sep, key_text = item.strip().partition(":")
        if not sep or not version_text.isdigit():
            raise KeyProblem(f"{where} must look like '1:<base64>,2:<base64>'.")
        keys[int(version_text)] = _unb64(key_text, f"key {version_text}", where)
    missing = [
        name
        for name in ("RIGHTSDESK_BLIND_INDEX_KEY", "RIGHTSDESK_AUDIT_KEY", "RIGHTSDESK_SECRET_KEY")
        if not environ.get(name, "").strip()
    ]
    if missing:
        raise KeyProblem(
            f"RIGHTSDESK_ENCRYPTION_KEYS is set, so {', '.join(missing)} must be set too."
        )
    return Keyring(
        encryption_keys=keys,
        current_version=max(keys),
        blind_index_key=_unb64(
            environ["RIGHTSDESK_BLIND_INDEX_KEY"], "the key", "RIGHTSDESK_BLIND_INDEX_KEY"
        ),
        audit_key=_unb64(environ["RIGHTSDESK_AUDIT_KEY"], "the key", "RIGHTSDESK_AUDIT_KEY"),
        source="environment",
        django_secret_key=environ["RIGHTSDESK_SECRET_KEY"],
    )


def read_key_file(path: Path) -> Keyring:
    data = _key_file_contents(path)
    where = f"the key file {path}"
    try:
        keys = {
            int(version): _unb64(text, f"encryption key {version}", where)
            for version, text in data["encryption_keys"].items()
        }
        current = int(data["current_encryption_key"])
        ring = Keyring(
            encryption_keys=keys,
            current_version=current,
            blind_index_key=_unb64(data["blind_index_key"], "blind_index_key", where),
            audit_key=_unb64(data["audit_key"], "audit_key", where),
            source=f"file:{path}",
            rotation_unfinished=bool(data.get("rotation_unfinished", False)),
            django_secret_key=str(data["django_secret_key"]),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise KeyProblem(
            f"The key file {path} is damaged or not a RightsDesk key file ({exc}); "
            "restore it from your key backup."
        ) from None
    if current not in keys:
        raise KeyProblem(f"{where} names key {current} as current but does not contain it.")
    return ring


def _key_file_contents(path: Path) -> dict[str, object]:
    """The key file's JSON, or a KeyProblem whose one sentence names the file and what to do.

    Each way a key file goes wrong in practice (permissions after a copy, a directory where the
    file should be, a file cut short or overwritten) gets its own instruction: a bare errno
    message tells an operator at 3 a.m. nothing."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise KeyProblem(
            f"The key file {path} does not exist. Restore it from your key backup, or set "
            "RIGHTSDESK_KEY_FILE to where it is. Without it the data cannot be read."
        ) from None
    except IsADirectoryError:
        raise KeyProblem(
            f"The key file {path} is a directory, not a file: set RIGHTSDESK_KEY_FILE to the "
            "key file itself, or restore the file there from your key backup."
        ) from None
    except PermissionError:
        raise KeyProblem(
            f"The key file {path} cannot be read by this user (permission denied): make it "
            "owned and readable by the user that runs RightsDesk (chmod 600), and its folder "
            "reachable."
        ) from None
    except OSError as exc:
        raise KeyProblem(
            f"The key file {path} cannot be read ({exc.strerror or exc}): check the disk it is "
            "on, or restore it from your key backup."
        ) from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except ValueError:  # not UTF-8, or not JSON: a file cut short, overwritten or not ours
        data = None
    if not isinstance(data, dict):
        raise KeyProblem(
            f"The key file {path} is damaged or not a RightsDesk key file (it is not the JSON "
            "RightsDesk writes): restore it from your key backup; never make a new key over "
            "existing data."
        )
    return data


def read_secret_key(path: Path) -> str:
    """Django's SECRET_KEY from the key file, or "" when there is none yet (first run)."""
    try:
        return str(json.loads(path.read_text(encoding="utf-8"))["django_secret_key"])
    except (OSError, ValueError, KeyError, TypeError):
        return ""


def _write_atomically(path: Path, data: dict[str, object]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(prefix=".keys-", dir=path.parent)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=2)
            handle.write("\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def _serialise(ring: Keyring) -> dict[str, object]:
    return {
        "format": FORMAT,
        "written_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "encryption_keys": {str(v): _b64(k) for v, k in sorted(ring.encryption_keys.items())},
        "current_encryption_key": ring.current_version,
        "blind_index_key": _b64(ring.blind_index_key),
        "audit_key": _b64(ring.audit_key),
        "django_secret_key": ring.django_secret_key,
        "rotation_unfinished": ring.rotation_unfinished,
    }


def create_key_file(path: Path) -> Keyring:
    if path.exists():
        raise KeyProblem(f"The key file {path} already exists; refusing to overwrite it.")
    ring = Keyring(
        encryption_keys={1: new_key()},
        current_version=1,
        blind_index_key=new_key(),
        audit_key=new_key(),
        source=f"file:{path}",
        django_secret_key=secrets.token_urlsafe(50),
    )
    _write_atomically(path, _serialise(ring))
    return ring


def add_encryption_key(path: Path) -> Keyring:
    """Add a new current key, keeping the old ones (backups and unrotated rows still need them)."""
    ring = read_key_file(path)
    version = max(ring.encryption_keys) + 1
    updated = Keyring(
        encryption_keys={**ring.encryption_keys, version: new_key()},
        current_version=version,
        blind_index_key=ring.blind_index_key,
        audit_key=ring.audit_key,
        source=ring.source,
        rotation_unfinished=True,
        django_secret_key=ring.django_secret_key,
    )
    _write_atomically(path, _serialise(updated))
    return updated


def mark_rotation_finished(path: Path) -> None:
    ring = read_key_file(path)
    data = _serialise(ring)
    data["rotation_unfinished"] = False
    _write_atomically(path, data)


def load_keyring(
    key_file: Path, environ: dict[str, str] | os._Environ[str] | None = None
) -> Keyring:
    env = os.environ if environ is None else environ
    from_env = keys_from_environment(env)
    return from_env if from_env is not None else read_key_file(key_file)


BACKUP_WARNING = """
================================================================================
  RightsDesk created a NEW ENCRYPTION KEY FILE:

      {path}

  Everything RightsDesk stores about people is encrypted with it. If this file
  is lost, the data is lost with it: no one can recover it.

  BACK IT UP NOW, somewhere other than this server and its data backups
  (for example an encrypted USB stick kept in a safe, or a password manager).
================================================================================
"""
