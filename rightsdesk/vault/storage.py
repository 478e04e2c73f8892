"""A file storage that encrypts every upload on the way to disk and decrypts on the way out.

Stored names are random, so neither a directory listing nor a database column reveals what a
person uploaded; the original file name belongs in an encrypted field of the owning model.
Nothing is ever reachable by URL: files leave only through views that check access and audit.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from django.core.files.base import File
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible

from rightsdesk.vault.crypto import (
    FILE_MAGIC,
    decrypt_stream,
    encrypt_stream,
    file_key_version,
    keyring,
)

# Decrypted copies above this size spill from memory to a private temporary file.
_SPOOL_BYTES = 4 * 1024 * 1024
# A full disk and a full quota mean the same to the person whose file it was.
_NO_ROOM = frozenset({errno.ENOSPC, errno.EDQUOT})


class StorageFull(OSError):
    """There is no room left for a file (the disk or the quota is full), and nothing of it was
    kept. An OSError, so commands report it as one; views tell the person in their language."""


@deconstructible(path="rightsdesk.vault.storage.EncryptedFileSystemStorage")
class EncryptedFileSystemStorage(FileSystemStorage):
    def __init__(self, location: str | os.PathLike[str] | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("file_permissions_mode", 0o600)
        kwargs.setdefault("directory_permissions_mode", 0o700)
        super().__init__(location=location, base_url=None, **kwargs)

    def get_available_name(self, name: str, max_length: int | None = None) -> str:
        # Keep only the directory the caller chose; the file name itself is random.
        directory = os.path.dirname(name)
        return os.path.join(directory, f"{secrets.token_hex(16)}.rdf")

    def _save(self, name: str, content: File) -> str:
        full_path = Path(self.path(name))
        if hasattr(content, "seek"):
            content.seek(0)
        try:
            full_path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            _write_encrypted(full_path, content, self._sealed_file)
        except OSError as problem:
            if problem.errno in _NO_ROOM:
                # The folder, never the name: stored names are random, but keep logs plain.
                raise StorageFull(problem.errno, problem.strerror, self.location) from None
            raise
        return str(name).replace("\\", "/")

    def _open(self, name: str, mode: str = "rb") -> File:
        if "w" in mode or "a" in mode or "+" in mode:
            raise ValueError("Encrypted files are written through save(), not opened for writing.")
        spool = tempfile.SpooledTemporaryFile(max_size=_SPOOL_BYTES)
        with open(self.path(name), "rb") as sealed:
            for chunk in decrypt_stream(sealed):
                spool.write(chunk)
        spool.seek(0)
        return File(spool, name=name)

    def size(self, name: str) -> int:
        """The plaintext size (the file on disk is a little larger)."""
        total = 0
        with open(self.path(name), "rb") as sealed:
            for chunk in decrypt_stream(sealed):
                total += len(chunk)
        return total

    def url(self, name: str | None) -> str:
        raise NotImplementedError("Encrypted files have no URL; serve them through a checked view.")

    def key_version(self, name: str) -> int | None:
        with open(self.path(name), "rb") as sealed:
            return file_key_version(sealed.read(8))

    def iter_stored_names(self) -> Iterator[str]:
        root = Path(self.location)
        if not root.exists():
            return
        for path in sorted(root.rglob("*.rdf")):
            yield path.relative_to(root).as_posix()

    def reencrypt(self, name: str) -> bool:
        """Re-seal a file under the current key; True when it was rewritten. Safe to interrupt:
        the new copy replaces the old one in a single rename."""
        current = keyring().current_version
        if self.key_version(name) == current:
            return False
        full_path = Path(self.path(name))
        with self.open(name) as plain:
            _write_encrypted(full_path, plain, self._sealed_file)
        return True

    def _sealed_file(self, fd: int) -> IO[bytes]:
        """The temporary file a sealed copy is written to before its rename. (A test's storage
        hands out one that fills up, to see a full disk handled.)"""
        return os.fdopen(fd, "wb")


def _write_encrypted(
    full_path: Path, content: IO[bytes] | File, sealed_file: Callable[[int], IO[bytes]]
) -> None:
    fd, tmp = tempfile.mkstemp(prefix=".upload-", dir=full_path.parent)
    try:
        os.fchmod(fd, 0o600)
        with sealed_file(fd) as out:
            for piece in encrypt_stream(content):  # type: ignore[arg-type]
                out.write(piece)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, full_path)
        # The rename itself must survive a crash before a receipt is shown.
        dir_fd = os.open(full_path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


__all__ = ["FILE_MAGIC", "EncryptedFileSystemStorage", "StorageFull"]
