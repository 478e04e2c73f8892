"""The backup file: a tar stream sealed with the vault's chunked AES-GCM, behind a small header.

Layout::

    b"RDBACKUP"                      magic (8 bytes)
    u32 big-endian                   length of the header
    header (JSON, UTF-8)             {"format": 1, "key_version": 3, "salt": "<base64 16 bytes>"}
    sealed body                      crypto.encrypt_stream of the tar stream

The body's key is derived (HKDF-SHA256, the salt, a fixed label) from the encryption key version
named in the header, so opening a backup needs the key file, which is never inside it. Every
chunk's associated data carries the SHA-256 of the magic, length and header, so a changed header
breaks every chunk; the vault's chunk index and last-chunk flag refuse reordered, dropped or
truncated chunks. Inside, the tar's last member is ``manifest.json``: each member's path, size and
SHA-256, checked on every read.

No Django here: the format is tested on its own, and read before Django touches any database.
"""

from __future__ import annotations

import base64
import contextlib
import errno
import hashlib
import io
import json
import os
import secrets
import struct
import tarfile
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any, BinaryIO

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from rightsdesk.vault.crypto import (
    FILE_CHUNK,
    NONCE_BYTES,
    DecryptionFailed,
    decrypt_stream,
    encrypt_stream,
)
from rightsdesk.vault.keyring import KeyProblem, Keyring

MAGIC = b"RDBACKUP"
FORMAT = 1
MANIFEST = "manifest.json"
SUFFIX = ".rdbackup"
_LENGTH = struct.Struct(">I")
_MAX_HEADER = 4096
_KDF_LABEL = b"rightsdesk backup archive v1"
_BLOCK = tarfile.BLOCKSIZE
# The longest read the vault's decrypt_stream makes of a sound file: one sealed chunk (nonce,
# ciphertext, GCM tag). A damaged length field asks for more, and is refused before Python
# allocates a buffer of up to 4 GiB for it.
_MAX_READ = NONCE_BYTES + FILE_CHUNK + 16
# Hard links are refused where the backup goes (FAT and exFAT sticks, some network shares).
_NO_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK}

Progress = Callable[[int], None]


class BackupRefused(Exception):
    """The file is not a RightsDesk backup, is damaged, or does not open with these keys."""


@dataclass(frozen=True)
class Member:
    """One file to put in the archive: its path inside the archive and where to read it."""

    path: str
    source: Path
    # Uploads may be deleted while a backup runs; the database copy may not go missing.
    optional: bool = False


@dataclass
class Manifest:
    data: dict[str, Any]

    @property
    def members(self) -> list[dict[str, Any]]:
        return list(self.data.get("members", []))

    @property
    def key_versions(self) -> list[int]:
        return [int(v) for v in self.data.get("key_versions", [])]


@dataclass
class OpenedArchive:
    key_version: int
    manifest: Manifest
    members: list[dict[str, Any]] = field(default_factory=list)


def safe_member_path(name: str) -> str:
    """Only plain relative paths: nothing absolute, no "..", so extracting never escapes."""
    path = PurePosixPath(name)
    if path.is_absolute() or not path.parts or any(p in ("", ".", "..") for p in path.parts):
        raise BackupRefused(f"the backup holds an unsafe path ({name!r}).")
    return path.as_posix()


def _derived_ring(ring: Keyring, version: int, salt: bytes) -> Keyring:
    key = ring.encryption_keys.get(version)
    if key is None:
        raise BackupRefused(
            f"This backup was sealed with key version {version}, which the keys in use "
            f"({ring.source}) do not contain. Use the key file from your key backup."
        )
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=_KDF_LABEL).derive(key)
    # Only the body key matters here; the other keys are never used for a backup.
    return Keyring(
        encryption_keys={version: derived},
        current_version=version,
        blind_index_key=b"",
        audit_key=b"",
        source=ring.source,
    )


def _context(prefix: bytes) -> str:
    return "rightsdesk.backup|" + hashlib.sha256(prefix).hexdigest()


class _ChunkReader(io.RawIOBase):
    """A readable file over an iterator of byte strings (the vault's streams are pull-based)."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._buffer = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, target: Any) -> int:
        while not len(self._buffer):
            try:
                self._buffer = memoryview(next(self._chunks))
            except StopIteration:
                return 0
        count = min(len(target), len(self._buffer))
        target[:count] = self._buffer[:count]
        self._buffer = self._buffer[count:]
        return count


def _reader(chunks: Iterator[bytes]) -> BinaryIO:
    # BufferedReader.read(n) returns n bytes unless the stream has ended, which is what the
    # vault's encrypt_stream needs to tell the last chunk.
    return io.BufferedReader(_ChunkReader(chunks), buffer_size=FILE_CHUNK)  # type: ignore[return-value]


def _tar_header(path: str, size: int, mtime: float) -> bytes:
    info = tarfile.TarInfo(path)
    info.size = size
    info.mtime = int(mtime)
    info.mode = 0o600
    return info.tobuf(tarfile.PAX_FORMAT, "utf-8", "surrogateescape")


def _padding(size: int) -> bytes:
    return b"\0" * (-size % _BLOCK)


def tar_stream(
    members: Iterable[Member],
    manifest: dict[str, Any],
    *,
    progress: Progress | None = None,
) -> Iterator[bytes]:
    """The plaintext tar, member by member, with manifest.json (sizes and hashes) last.

    Each member is read from an open descriptor, so a file replaced while the backup runs (key
    rotation renames a new copy into place) is read whole, old or new, never half of each.
    """
    entries: list[dict[str, Any]] = []
    for member in members:
        path = safe_member_path(member.path)
        try:
            handle = open(member.source, "rb")  # noqa: SIM115 - closed below, inside a generator
        except FileNotFoundError:
            if member.optional:
                continue
            raise
        with handle:
            stat = os.fstat(handle.fileno())
            yield _tar_header(path, stat.st_size, stat.st_mtime)
            digest = hashlib.sha256()
            remaining = stat.st_size
            while remaining:
                piece = handle.read(min(FILE_CHUNK, remaining))
                if not piece:
                    raise OSError(f"{member.source} shrank while it was being backed up")
                digest.update(piece)
                remaining -= len(piece)
                if progress:
                    progress(len(piece))
                yield piece
            yield _padding(stat.st_size)
        entries.append({"path": path, "size": stat.st_size, "sha256": digest.hexdigest()})
    body = json.dumps({**manifest, "members": entries}, indent=1, sort_keys=True).encode()
    yield _tar_header(MANIFEST, len(body), time.time())
    yield body + _padding(len(body))
    yield b"\0" * (2 * _BLOCK)


def seal(plaintext: Iterator[bytes], out: IO[bytes], ring: Keyring) -> None:
    """Write the header and the sealed plaintext to `out`, under the current key version."""
    version = ring.current_version
    salt = secrets.token_bytes(16)
    header = json.dumps(
        {"format": FORMAT, "key_version": version, "salt": base64.b64encode(salt).decode()},
        sort_keys=True,
    ).encode()
    prefix = MAGIC + _LENGTH.pack(len(header)) + header
    out.write(prefix)
    for piece in encrypt_stream(
        _reader(plaintext), context=_context(prefix), ring=_derived_ring(ring, version, salt)
    ):
        out.write(piece)


def write_archive(
    target: Path,
    members: Iterable[Member],
    manifest: dict[str, Any],
    ring: Keyring,
    *,
    progress: Progress | None = None,
) -> int:
    """Seal the members into `target` (mode 0600, never over an existing file); its size."""
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if target.exists():
        raise FileExistsError(f"{target} already exists; choose a new file.")
    fd, tmp = _private_temporary(target)
    try:
        with os.fdopen(fd, "wb") as out:
            seal(tar_stream(members, manifest, progress=progress), out, ring)
            out.flush()
            os.fsync(out.fileno())
        _publish(tmp, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
    dir_fd = os.open(target.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
    return target.stat().st_size


def _publish(tmp: str, target: Path) -> None:
    # A link, not a rename: it fails rather than replace a file that appeared meanwhile.
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise
    except OSError as problem:
        if problem.errno not in _NO_LINKS:
            raise
        # No hard links on this file system: check, then rename (a race only with another
        # writer choosing the very same new name).
        if target.exists():
            raise FileExistsError(f"{target} already exists; choose a new file.") from None
        os.rename(tmp, target)


def _private_temporary(target: Path) -> tuple[int, str]:
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    os.fchmod(fd, 0o600)
    return fd, tmp


class _CountingReader:
    """Reports how many sealed bytes were read, for a progress bar over the backup file."""

    def __init__(self, raw: BinaryIO, progress: Progress | None) -> None:
        self._raw = raw
        self._progress = progress

    def read(self, size: int = -1) -> bytes:
        if size < 0 or size > _MAX_READ:
            raise BackupRefused("the backup is damaged (a chunk length is impossible).")
        data = self._raw.read(size)
        if self._progress and data:
            self._progress(len(data))
        return data


def _open_body(source: BinaryIO, ring: Keyring) -> tuple[int, Iterator[bytes]]:
    magic = source.read(len(MAGIC))
    if magic != MAGIC:
        raise BackupRefused("this is not a RightsDesk backup file.")
    raw_length = source.read(_LENGTH.size)
    if len(raw_length) != _LENGTH.size:
        raise BackupRefused("the backup is truncated.")
    (length,) = _LENGTH.unpack(raw_length)
    if length > _MAX_HEADER:
        raise BackupRefused("the backup's header is damaged.")
    header_bytes = source.read(length)
    try:
        header = json.loads(header_bytes)
        version = int(header["key_version"])
        salt = base64.b64decode(header["salt"], validate=True)
        form = int(header["format"])
    except (ValueError, KeyError, TypeError):
        raise BackupRefused("the backup's header is damaged.") from None
    if form != FORMAT:
        raise BackupRefused(f"this backup has format {form}; this RightsDesk reads {FORMAT}.")
    prefix = magic + raw_length + header_bytes
    derived = _derived_ring(ring, version, salt)
    return version, decrypt_stream(source, context=_context(prefix), ring=derived)


def read_archive(
    path: Path,
    ring: Keyring,
    *,
    extract_to: Path | None = None,
    progress: Progress | None = None,
) -> OpenedArchive:
    """Open, authenticate and check every member against the manifest; optionally extract.

    Raises BackupRefused on anything wrong: wrong key, a changed, missing or reordered byte,
    a truncated file, a member whose size or hash is not the manifest's.
    """
    if extract_to is not None:
        extract_to.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        with open(path, "rb") as handle:
            return _read(_CountingReader(handle, progress), ring, extract_to)  # type: ignore[arg-type]
    except (DecryptionFailed, KeyProblem, struct.error):
        # KeyProblem: the vault header inside the body names another key version; struct.error:
        # the file ends inside a chunk's length field.
        raise BackupRefused(
            "the backup does not open: it was changed, truncated or damaged, or it was sealed "
            "with a different key file."
        ) from None
    except tarfile.TarError as error:
        raise BackupRefused(f"the backup's contents are damaged ({error}).") from None


def _read(source: BinaryIO, ring: Keyring, extract_to: Path | None) -> OpenedArchive:
    version, chunks = _open_body(source, ring)
    plain = _reader(chunks)
    seen: list[dict[str, Any]] = []
    manifest: Manifest | None = None
    with tarfile.open(fileobj=plain, mode="r|") as tar:
        for info in tar:
            name = safe_member_path(info.name)
            if manifest is not None:
                raise BackupRefused("the backup holds something after its manifest.")
            if not info.isfile():
                raise BackupRefused(f"the backup holds {name!r}, which is not a plain file.")
            stream = tar.extractfile(info)
            assert stream is not None  # noqa: S101 - isfile() above
            if name == MANIFEST:
                manifest = _parse_manifest(stream.read())
                continue
            if any(s["path"] == name for s in seen):
                raise BackupRefused(f"the backup holds {name!r} twice.")
            seen.append(_take_member(name, stream, extract_to))
    # Read to the very end: the last chunk's "last" flag is what proves nothing was cut off.
    while tail := plain.read(FILE_CHUNK):
        if tail.strip(b"\0"):
            raise BackupRefused("the backup holds data after its end.")
    if manifest is None:
        raise BackupRefused("the backup has no manifest.")
    expected = [
        {"path": m.get("path"), "size": m.get("size"), "sha256": m.get("sha256")}
        for m in manifest.members
    ]
    if seen != expected:
        wrong = next(
            (s["path"] for s, e in zip(seen, expected, strict=False) if s != e),
            "the list of members",
        )
        raise BackupRefused(f"the backup does not match its manifest ({wrong}).")
    return OpenedArchive(key_version=version, manifest=manifest, members=seen)


def _parse_manifest(raw: bytes) -> Manifest:
    try:
        data = json.loads(raw)
    except ValueError:
        raise BackupRefused("the backup's manifest is damaged.") from None
    if not isinstance(data, dict) or not isinstance(data.get("members"), list):
        raise BackupRefused("the backup's manifest is damaged.")
    return Manifest(data)


def _take_member(name: str, stream: IO[bytes], extract_to: Path | None) -> dict[str, Any]:
    digest = hashlib.sha256()
    size = 0
    out: IO[bytes] | None = None
    if extract_to is not None:
        out = _create_member(extract_to, name)
    try:
        while piece := stream.read(FILE_CHUNK):
            digest.update(piece)
            size += len(piece)
            if out is not None:
                out.write(piece)
        if out is not None:
            out.flush()
            os.fsync(out.fileno())
    finally:
        if out is not None:
            out.close()
    return {"path": name, "size": size, "sha256": digest.hexdigest()}


def _create_member(extract_to: Path, name: str) -> IO[bytes]:
    """A new file (0600) for a member, its folders (0700) made level by level: mkdir(parents=True)
    would give the folders above the last one the umask's mode, and these hold people's files."""
    folder = extract_to
    try:
        for part in PurePosixPath(name).parent.parts:
            folder = folder / part
            if not folder.is_dir():
                folder.mkdir(mode=0o700)
        # O_NOFOLLOW and O_EXCL: never through a link, never over a file already there.
        fd = os.open(extract_to / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    except (FileExistsError, NotADirectoryError, IsADirectoryError):
        raise BackupRefused(
            f"the backup holds {name!r} where a folder or file already is."
        ) from None
    os.fchmod(fd, 0o600)
    return os.fdopen(fd, "wb")
